"""Admin views of events for the directorate's staff: read-only, because every change of a
filing goes through the services (revisions, the logged workflow) and the API."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.gis.admin import GISModelAdmin

from geo_platform.accounts.models import Role
from geo_platform.accounts.roles import policy_for, role_of
from layers.events.models import (
    EventMessage,
    EventRevision,
    EventTask,
    EventTransition,
    MassEvent,
    Opinion,
    WorkdayOverride,
)


class ReadOnlyForStaff:
    def has_module_permission(self, request) -> bool:
        return policy_for(request.user).staff

    def has_view_permission(self, request, obj=None) -> bool:
        return policy_for(request.user).staff

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class RevisionInline(ReadOnlyForStaff, admin.TabularInline):
    model = EventRevision
    fields = ("number", "created_at", "created_by", "note")
    readonly_fields = fields
    extra = 0


class TransitionInline(ReadOnlyForStaff, admin.TabularInline):
    model = EventTransition
    fields = ("at", "from_status", "to_status", "user", "reason", "revision")
    readonly_fields = fields
    extra = 0


class TaskInline(ReadOnlyForStaff, admin.TabularInline):
    model = EventTask
    fields = ("structure", "description", "due_at", "status")
    readonly_fields = fields
    extra = 0


class MessageInline(ReadOnlyForStaff, admin.TabularInline):
    model = EventMessage
    fields = ("created_at", "author", "internal", "body")
    readonly_fields = fields
    extra = 0


@admin.register(MassEvent)
class MassEventAdmin(ReadOnlyForStaff, GISModelAdmin):
    list_display = ("name", "kind", "status", "start", "end", "expected_participants", "late", "revision")
    list_filter = ("status", "kind", "track", "late", "urgent")
    search_fields = ("name", "organizer_name")
    date_hierarchy = "start"
    inlines = (RevisionInline, TransitionInline, TaskInline, MessageInline)

    def get_queryset(self, request):
        return super().get_queryset(request).exclude(status="draft")


@admin.register(EventTask)
class EventTaskAdmin(ReadOnlyForStaff, admin.ModelAdmin):
    list_display = ("event", "structure", "due_at", "status")
    list_filter = ("structure", "status")


@admin.register(Opinion)
class OpinionAdmin(ReadOnlyForStaff, admin.ModelAdmin):
    list_display = ("event", "proposed_decision", "author", "updated_at")


@admin.register(WorkdayOverride)
class WorkdayOverrideAdmin(admin.ModelAdmin):
    """Decreed days off and working Saturdays, kept by the platform's administrators."""

    list_display = ("day", "working", "basis")
    list_filter = ("working",)
    search_fields = ("basis",)
    date_hierarchy = "day"

    def _admin(self, request) -> bool:
        return role_of(request.user) == Role.ADMIN

    def has_module_permission(self, request) -> bool:
        return policy_for(request.user).staff

    def has_view_permission(self, request, obj=None) -> bool:
        return policy_for(request.user).staff

    def has_add_permission(self, request) -> bool:
        return self._admin(request)

    def has_change_permission(self, request, obj=None) -> bool:
        return self._admin(request)

    def has_delete_permission(self, request, obj=None) -> bool:
        return self._admin(request)
