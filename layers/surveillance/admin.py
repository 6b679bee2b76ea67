from django.contrib import admin

from layers.admin import LayerFeatureAdmin
from layers.surveillance.models import Building, Camera, CameraFieldOfView


@admin.register(Camera)
class CameraAdmin(LayerFeatureAdmin):
    list_display = ("name", "status", "owner", "azimuth", "fov", "resolution", "connected", "source")
    list_filter = ("status", "connected", "camera_type", "source")
    search_fields = ("name", "owner", "watched_object")
    readonly_fields = (*LayerFeatureAdmin.readonly_fields, "fov_computed_at")


@admin.register(Building)
class BuildingAdmin(LayerFeatureAdmin):
    list_display = ("name", "height_m", "levels", "source")


@admin.register(CameraFieldOfView)
class CameraFieldOfViewAdmin(LayerFeatureAdmin):
    """Derived from the cameras: read-only here (the layer is not editable)."""

    list_display = ("camera", "level", "status", "range_m", "updated_at")
    list_filter = ("level", "status")
    search_fields = ("camera__name",)
