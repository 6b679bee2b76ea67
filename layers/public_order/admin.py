from django.contrib import admin

from layers.admin import LayerFeatureAdmin
from layers.public_order.models import CrimePreventionArea, GuardedSite, PoliceArea, PreventionCentre


@admin.register(CrimePreventionArea)
class CrimePreventionAreaAdmin(LayerFeatureAdmin):
    list_display = ("name", "priority", "source")


@admin.register(PreventionCentre)
class PreventionCentreAdmin(LayerFeatureAdmin):
    list_display = ("name", "address", "source")


@admin.register(GuardedSite)
class GuardedSiteAdmin(LayerFeatureAdmin):
    list_display = ("name", "security_company", "contract_until", "last_inspection")
    list_filter = ("security_company",)


@admin.register(PoliceArea)
class PoliceAreaAdmin(LayerFeatureAdmin):
    list_display = ("name", "address", "telephone")
