"""What the public-order API accepts, with messages in the user's words."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from layers.public_order.models import AnalysisMethod
from layers.situation.choices import Category

MAX_PERIOD_DAYS = 3 * 366


class PeriodInput(serializers.Serializer):
    date_from = serializers.DateTimeField(
        required=False, help_text=_("Start of the period (default: 90 days ago).")
    )
    date_to = serializers.DateTimeField(required=False, help_text=_("End of the period (default: now)."))
    categories = serializers.ListField(
        child=serializers.ChoiceField(choices=Category.choices), required=False, default=list
    )

    def validate(self, data):
        end = data.get("date_to") or timezone.now()
        start = data.get("date_from") or end - timedelta(days=90)
        if start >= end:
            raise serializers.ValidationError({"date_from": _("The period must start before it ends.")})
        if end - start > timedelta(days=MAX_PERIOD_DAYS):
            raise serializers.ValidationError({"date_from": _("The period may be at most three years long.")})
        data["period"] = (start, end)
        return data


class AreaInput(serializers.Serializer):
    district = serializers.CharField(required=False, allow_blank=True, default="", max_length=2)
    geometry = serializers.JSONField(required=False, allow_null=True, default=None)


class AnalysisInput(PeriodInput, AreaInput):
    method = serializers.ChoiceField(choices=AnalysisMethod.choices)
    cell_size_m = serializers.FloatField(required=False, min_value=25, max_value=2000)
    bandwidth_m = serializers.FloatField(required=False, min_value=50, max_value=5000)
    distance_m = serializers.FloatField(required=False, min_value=10, max_value=5000)
    days = serializers.FloatField(required=False, min_value=1, max_value=365)


class ProposalsInput(AreaInput):
    periods = serializers.IntegerField(min_value=2, max_value=12, default=4)
    period_days = serializers.IntegerField(min_value=7, max_value=365, default=90)
    categories = serializers.ListField(
        child=serializers.ChoiceField(choices=Category.choices), required=False, default=list
    )
    cell_size_m = serializers.FloatField(required=False, min_value=100, max_value=2000, default=250)


class SaveProposalInput(serializers.Serializer):
    name = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")
    geometry = serializers.JSONField()
    reasons = serializers.CharField(max_length=4000, required=False, allow_blank=True, default="")
    persistence = serializers.CharField(max_length=40, required=False, allow_blank=True, default="")
    camera_coverage = serializers.DictField(child=serializers.FloatField(), required=False, default=dict)


class PatrolPartInput(serializers.Serializer):
    crew = serializers.CharField(max_length=120, help_text=_("The crew's call sign or names."))
    time_from = serializers.TimeField()
    time_to = serializers.TimeField()
    geometry = serializers.JSONField(help_text=_("GeoJSON: a Polygon for an area, a LineString for a route."))


class PatrolStopInput(serializers.Serializer):
    number = serializers.IntegerField(min_value=1, max_value=1000)
    lon = serializers.FloatField(min_value=-180, max_value=180)
    lat = serializers.FloatField(min_value=-90, max_value=90)
    gain = serializers.FloatField(required=False, default=0)


class PatrolRouteInput(PatrolPartInput):
    stops = PatrolStopInput(many=True, required=False, default=list)


class PatrolPlanInput(serializers.Serializer):
    date = serializers.DateField()
    start_time = serializers.TimeField()
    end_time = serializers.TimeField()
    overnight = serializers.BooleanField(required=False, default=False)
    sector = serializers.CharField(max_length=200)
    district = serializers.CharField(max_length=2, required=False, allow_blank=True, default="")
    unit = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    notes = serializers.CharField(max_length=4000, required=False, allow_blank=True, default="")
    method = serializers.DictField(required=False, default=dict)
    areas = PatrolPartInput(many=True, required=False, default=list)
    routes = PatrolRouteInput(many=True, required=False, default=list)


class PatrolProposalInput(serializers.Serializer):
    analysis = serializers.IntegerField(
        min_value=1, help_text=_("The hot-spot or density analysis to patrol.")
    )
    max_length_m = serializers.FloatField(
        min_value=200, max_value=60_000, help_text=_("The longest route, in metres (200 m to 60 km).")
    )
    station = serializers.IntegerField(min_value=1, required=False, allow_null=True, default=None)
    loop = serializers.BooleanField(required=False, default=True)
