"""What the inspections API accepts, with messages in the user's words."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from layers.inspections.checklist import CHECKLIST_KEYS, FOLLOW_UP, Answer, Severity


class CompanyInput(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    eik = serializers.CharField(max_length=13, help_text=_("EIK/BULSTAT: 9 digits, or 13 for a branch."))
    licence_number = serializers.CharField(max_length=60)
    licence_valid_until = serializers.DateField(required=False, allow_null=True, default=None)
    notes = serializers.CharField(max_length=4000, required=False, allow_blank=True, default="")


class ContractInput(serializers.Serializer):
    company = serializers.IntegerField(min_value=1)
    site = serializers.IntegerField(min_value=1)
    number = serializers.CharField(max_length=60, required=False, allow_blank=True, default="")
    licence_number = serializers.CharField(max_length=60)
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    posts = serializers.IntegerField(min_value=1, max_value=200)
    hours_per_week = serializers.IntegerField(min_value=1, max_value=168 * 200)
    value_eur = serializers.DecimalField(max_digits=12, decimal_places=2, min_value=Decimal("0.01"))


class ScheduleInput(serializers.Serializer):
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    inspectors = serializers.IntegerField(min_value=1, max_value=50, default=2)
    sites_per_day = serializers.IntegerField(min_value=1, max_value=10, required=False)


class FindingInput(serializers.Serializer):
    item = serializers.ChoiceField(choices=CHECKLIST_KEYS)
    severity = serializers.ChoiceField(choices=Severity.choices)
    description = serializers.CharField(max_length=4000)


class PrescriptionInput(serializers.Serializer):
    text = serializers.CharField(max_length=4000)
    deadline = serializers.DateField()


class InspectionInput(serializers.Serializer):
    site = serializers.IntegerField(min_value=1)
    visit = serializers.IntegerField(min_value=1, required=False, allow_null=True, default=None)
    inspected_on = serializers.DateField()
    checklist = serializers.DictField(child=serializers.ChoiceField(choices=Answer.choices))
    findings = FindingInput(many=True, required=False, default=list)
    prescriptions = PrescriptionInput(many=True, required=False, default=list)
    notes = serializers.CharField(max_length=8000, required=False, allow_blank=True, default="")


class EvidenceInput(serializers.Serializer):
    file = serializers.FileField()


class FollowUpInput(serializers.Serializer):
    action = serializers.ChoiceField(choices=tuple(FOLLOW_UP))
    on = serializers.DateField(required=False, allow_null=True, default=None)
    new_deadline = serializers.DateField(required=False, allow_null=True, default=None)
    reason = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class ReportInput(serializers.Serializer):
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    quarter = serializers.IntegerField(
        min_value=1, max_value=4, required=False, allow_null=True, default=None
    )
    output = serializers.ChoiceField(choices=("json", "pdf", "xlsx"), default="json")


class ListInput(serializers.Serializer):
    site = serializers.IntegerField(min_value=1, required=False)
    company = serializers.IntegerField(min_value=1, required=False)
    limit = serializers.IntegerField(min_value=1, max_value=200, default=50)
    offset = serializers.IntegerField(min_value=0, default=0)


class PrescriptionFilter(serializers.Serializer):
    status = serializers.ChoiceField(choices=("open", "fulfilled", "cancelled"), required=False)
    overdue = serializers.BooleanField(required=False, default=False)
