"""Read-mostly admin of the risk app: scenarios, runs and jobs are written by the services only."""

from django.contrib.gis import admin

from layers.hazards.models import ExportJob, Measure, MeasureRanking, Scenario, ScenarioRun


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class ScenarioRunInline(admin.TabularInline):
    model = ScenarioRun
    extra = 0
    can_delete = False
    fields = (
        "number",
        "status",
        "inputs_hash",
        "results_hash",
        "identical_to_previous",
        "seconds",
        "finished_at",
    )
    readonly_fields = fields


@admin.register(Scenario)
class ScenarioAdmin(ReadOnlyAdmin):
    list_display = ("id", "name", "kind", "status", "owner", "run_count", "created_at")
    list_filter = ("kind", "status")
    search_fields = ("name",)
    exclude = ("site_rows", "result")
    inlines = (ScenarioRunInline,)


@admin.register(ExportJob)
class ExportJobAdmin(ReadOnlyAdmin):
    list_display = ("id", "scenario", "format", "status", "progress", "owner", "created_at")
    list_filter = ("format", "status")


@admin.register(MeasureRanking)
class MeasureRankingAdmin(ReadOnlyAdmin):
    list_display = ("id", "scenario", "status", "created_at")
    list_filter = ("status",)


@admin.register(Measure)
class MeasureAdmin(ReadOnlyAdmin, admin.GISModelAdmin):
    list_display = ("id", "name", "kind", "cost_eur", "status", "plan_year")
    list_filter = ("kind", "status", "plan_year")
    search_fields = ("name",)
