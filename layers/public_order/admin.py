from django.contrib import admin

from layers.admin import LayerFeatureAdmin
from layers.public_order.models import (
    CrimePreventionArea,
    GuardedSite,
    PatrolArea,
    PatrolPlan,
    PatrolRoute,
    PoliceArea,
    PreventionCentre,
)


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


class PatrolAreaInline(admin.TabularInline):
    model = PatrolArea
    extra = 0
    fields = ("number", "crew", "time_from", "time_to")
    readonly_fields = fields


class PatrolRouteInline(admin.TabularInline):
    model = PatrolRoute
    extra = 0
    fields = ("number", "crew", "time_from", "time_to", "length_m")
    readonly_fields = fields


@admin.register(PatrolPlan)
class PatrolPlanAdmin(admin.ModelAdmin):
    """Read-only here: plans are made and changed on the map, where they are checked."""

    list_display = ("date", "start_time", "end_time", "sector", "unit", "updated_by")
    list_filter = ("sector",)
    date_hierarchy = "date"
    inlines = (PatrolAreaInline, PatrolRouteInline)
    readonly_fields = (
        "date",
        "start_time",
        "end_time",
        "overnight",
        "sector",
        "district",
        "unit",
        "notes",
        "method",
        "created_by",
        "updated_by",
    )

    def has_add_permission(self, request) -> bool:
        return False
