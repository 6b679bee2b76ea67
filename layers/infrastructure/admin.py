from django.contrib import admin

from layers.admin import LayerFeatureAdmin
from layers.infrastructure.models import (
    CriticalSite,
    EmergencyStation,
    Hospital,
    River,
    School,
    TransitRoute,
    TransitStop,
)


@admin.register(CriticalSite)
class CriticalSiteAdmin(LayerFeatureAdmin):
    list_display = ("name", "sector", "criticality", "owner", "source")
    list_filter = ("sector", "criticality", "source")


@admin.register(Hospital)
class HospitalAdmin(LayerFeatureAdmin):
    list_display = ("name", "kind", "source")


@admin.register(School)
class SchoolAdmin(LayerFeatureAdmin):
    list_display = ("name", "kind", "source")
    list_filter = ("kind",)


@admin.register(EmergencyStation)
class EmergencyStationAdmin(LayerFeatureAdmin):
    list_display = ("name", "service", "address", "source")
    list_filter = ("service",)


@admin.register(River)
class RiverAdmin(LayerFeatureAdmin):
    list_display = ("name", "length_km", "source")


@admin.register(TransitRoute)
class TransitRouteAdmin(LayerFeatureAdmin):
    list_display = ("route_ref", "mode", "direction", "length_km")
    list_filter = ("mode",)


@admin.register(TransitStop)
class TransitStopAdmin(LayerFeatureAdmin):
    list_display = ("code", "name", "name_en")
    search_fields = ("name", "code")
