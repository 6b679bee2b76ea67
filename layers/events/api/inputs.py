"""The shapes of the events API: what an organizer sends, and what each reader gets back."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from layers.events.models import EventKind, EventStatus, ProposedDecision, Structure, TaskStatus

# --- Input ------------------------------------------------------------------------------


class OrganizerInput(serializers.Serializer):
    name = serializers.CharField(max_length=255, allow_blank=True, required=False)
    address = serializers.CharField(max_length=255, allow_blank=True, required=False)
    phone = serializers.CharField(max_length=40, allow_blank=True, required=False)
    email = serializers.EmailField(allow_blank=True, required=False)


class PersonInput(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    role = serializers.CharField(max_length=200, allow_blank=True, required=False, default="")
    phone = serializers.CharField(max_length=40, allow_blank=True, required=False, default="")
    # No default="" on the field: OpenAPI would publish "" as an e-mail default (invalid schema).
    email = serializers.EmailField(allow_blank=True, required=False)

    def validate(self, data: dict) -> dict:
        data.setdefault("email", "")
        return data


class ExitInput(serializers.Serializer):
    name = serializers.CharField(max_length=100, allow_blank=True, required=False, default="")
    width_m = serializers.FloatField(min_value=0.5, max_value=100)
    position = serializers.DictField()


class ClosureInput(serializers.Serializer):
    name = serializers.CharField(max_length=255, help_text=_("The street."))
    geometry = serializers.DictField()
    start = serializers.DateTimeField(required=False, allow_null=True)
    end = serializers.DateTimeField(required=False, allow_null=True)
    note = serializers.CharField(max_length=500, allow_blank=True, required=False, default="")


class EventInput(serializers.Serializer):
    """An event's content; every field is optional in a draft, and in a revision (kept as is)."""

    title = serializers.CharField(max_length=255)
    kind = serializers.ChoiceField(choices=EventKind.choices)
    purpose = serializers.CharField(allow_blank=True, required=False)
    organizer = OrganizerInput(required=False)
    responsible_persons = PersonInput(many=True, required=False)
    start = serializers.DateTimeField(required=False, allow_null=True)
    end = serializers.DateTimeField(required=False, allow_null=True)
    expected_participants = serializers.IntegerField(
        min_value=1, max_value=1_000_000, required=False, allow_null=True
    )
    stewards = serializers.IntegerField(min_value=0, max_value=100_000, required=False, allow_null=True)
    perimeter = serializers.DictField(required=False, allow_null=True)
    fenced = serializers.BooleanField(required=False)
    usable_area_m2 = serializers.FloatField(min_value=1, required=False, allow_null=True)
    route = serializers.DictField(required=False, allow_null=True)
    route_width_m = serializers.FloatField(min_value=1, max_value=200, required=False, allow_null=True)
    assembly_point = serializers.DictField(required=False, allow_null=True)
    dispersal_point = serializers.DictField(required=False, allow_null=True)
    exits = ExitInput(many=True, required=False)
    closures = ClosureInput(many=True, required=False)
    urgent = serializers.BooleanField(required=False)
    urgent_reason = serializers.CharField(allow_blank=True, required=False)
    crs = serializers.CharField(
        required=False, help_text=_("CRS of every geometry sent: 4326, 3857, 32634 or 7801.")
    )


class RevisionInput(EventInput):
    note = serializers.CharField(allow_blank=True, required=False, default="", help_text=_("What changed."))


class AlternativeInput(serializers.Serializer):
    start = serializers.DateTimeField(required=False, allow_null=True)
    end = serializers.DateTimeField(required=False, allow_null=True)
    perimeter = serializers.DictField(required=False, allow_null=True)
    route = serializers.DictField(required=False, allow_null=True)
    crs = serializers.CharField(required=False)


class MeetingInput(serializers.Serializer):
    at = serializers.DateTimeField()
    place = serializers.CharField(max_length=300)


class TransitionInput(serializers.Serializer):
    to = serializers.ChoiceField(choices=EventStatus.choices)
    reason = serializers.CharField(allow_blank=True, required=False, default="")
    conditions = serializers.ListField(
        child=serializers.CharField(max_length=1000, allow_blank=True), required=False, default=list
    )
    meeting = MeetingInput(required=False)
    alternative = AlternativeInput(required=False)


class MessageInput(serializers.Serializer):
    body = serializers.CharField(max_length=5000)
    internal = serializers.BooleanField(
        required=False,
        default=False,
        help_text=_("An internal note of the directorate; the organizer never sees it."),
    )


class TaskInput(serializers.Serializer):
    structure = serializers.ChoiceField(choices=Structure.choices)
    description = serializers.CharField(max_length=2000)
    due_at = serializers.DateTimeField()


class TaskUpdateInput(serializers.Serializer):
    status = serializers.ChoiceField(choices=TaskStatus.choices, required=False)
    description = serializers.CharField(max_length=2000, required=False)
    due_at = serializers.DateTimeField(required=False)


class OpinionInput(serializers.Serializer):
    proposed_decision = serializers.ChoiceField(choices=ProposedDecision.choices)
    conditions = serializers.ListField(
        child=serializers.CharField(max_length=1000, allow_blank=True), required=False, default=list
    )
    justification = serializers.CharField(allow_blank=True, required=False, default="")


class UploadInput(serializers.Serializer):
    file = serializers.FileField(allow_empty_file=True)
    target = serializers.CharField()
    crs = serializers.CharField(required=False, allow_blank=True)


class DeadlinePreviewInput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=EventKind.choices)
    start = serializers.DateTimeField()
    closures = serializers.BooleanField(required=False, default=False)
    urgent = serializers.BooleanField(required=False, default=False)
