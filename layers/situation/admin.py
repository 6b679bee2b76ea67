"""Admin views of the Situation Centre: read mostly; writes go through the API's services.

The caller's personal data is not listed or searched here; it is visible only on one
incident's page to administrators.
"""

from django.contrib import admin

from layers.admin import LayerFeatureAdmin
from layers.situation.models import Alert, DutyLogEntry, Incident, IncidentContact, Shift


class ContactInline(admin.StackedInline):
    model = IncidentContact
    extra = 0
    can_delete = False


@admin.register(Incident)
class IncidentAdmin(LayerFeatureAdmin):
    list_display = (
        "id",
        "category",
        "priority",
        "status",
        "origin",
        "occurred_at",
        "district_code",
        "source",
    )
    list_filter = ("category", "priority", "status", "origin", "source")
    search_fields = ("name", "address", "external_id")
    inlines = [ContactInline]


@admin.register(Alert)
class AlertAdmin(LayerFeatureAdmin):
    list_display = (
        "headline_bg",
        "msg_type",
        "status",
        "severity",
        "effective",
        "expires",
        "composed_by",
        "approved_by",
    )
    list_filter = ("status", "msg_type", "severity")
    readonly_fields = (
        *LayerFeatureAdmin.readonly_fields,
        "identifier",
        "cap_xml",
        "composed_by",
        "approved_by",
        "issued_at",
    )


@admin.register(Shift)
class ShiftAdmin(admin.ModelAdmin):
    list_display = ("operator", "started_at", "ended_at", "handed_to")


@admin.register(DutyLogEntry)
class DutyLogEntryAdmin(admin.ModelAdmin):
    list_display = ("at", "kind", "text", "author")
    list_filter = ("kind",)
