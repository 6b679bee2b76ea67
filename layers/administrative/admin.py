from django.contrib import admin

from layers.admin import LayerFeatureAdmin
from layers.administrative.models import District, Municipality, Neighbourhood, Place


@admin.register(Municipality)
class MunicipalityAdmin(LayerFeatureAdmin):
    list_display = ("name", "area_km2", "source")


@admin.register(District)
class DistrictAdmin(LayerFeatureAdmin):
    list_display = ("code", "name", "name_en", "population", "population_year", "area_km2")


@admin.register(Neighbourhood)
class NeighbourhoodAdmin(LayerFeatureAdmin):
    list_display = ("name", "district_code", "area_km2")
    list_filter = ("district_code",)


@admin.register(Place)
class PlaceAdmin(LayerFeatureAdmin):
    list_display = ("name", "kind", "district", "source")
    list_filter = ("kind", "district")
