from django.contrib import admin

from layers.admin import LayerFeatureAdmin
from layers.shelters.models import Shelter


@admin.register(Shelter)
class ShelterAdmin(LayerFeatureAdmin):
    list_display = ("name", "kind", "capacity", "status", "source")
    list_filter = ("kind", "status")
