"""What an operator sends to compose an alert or to estimate an area."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework_gis.fields import GeometryField

from layers.situation.choices import AreaKind
from risk_models.situation import cap


class AreaInput(serializers.Serializer):
    area_kind = serializers.ChoiceField(choices=AreaKind.choices)
    polygon = GeometryField(required=False, allow_null=True)
    circle = serializers.ListField(child=serializers.FloatField(), required=False, max_length=3)
    codes = serializers.ListField(child=serializers.CharField(max_length=10), required=False, max_length=50)


class AlertInput(AreaInput):
    msg_type = serializers.ChoiceField(choices=cap.MSG_TYPE, default="Alert")
    references = serializers.IntegerField(required=False, allow_null=True)
    cap_category = serializers.ChoiceField(choices=cap.CATEGORY, default="Safety")
    event_bg = serializers.CharField(max_length=200)
    event_en = serializers.CharField(max_length=200)
    urgency = serializers.ChoiceField(choices=cap.URGENCY)
    severity = serializers.ChoiceField(choices=cap.SEVERITY)
    certainty = serializers.ChoiceField(choices=cap.CERTAINTY)
    headline_bg = serializers.CharField(max_length=160)
    headline_en = serializers.CharField(max_length=160)
    description_bg = serializers.CharField(required=False, allow_blank=True, max_length=4000, default="")
    description_en = serializers.CharField(required=False, allow_blank=True, max_length=4000, default="")
    instruction_bg = serializers.CharField(required=False, allow_blank=True, max_length=4000, default="")
    instruction_en = serializers.CharField(required=False, allow_blank=True, max_length=4000, default="")
    area_description = serializers.CharField(max_length=300)
    effective = serializers.DateTimeField()
    expires = serializers.DateTimeField()
    incident = serializers.IntegerField(required=False, allow_null=True)

    def validate_polygon(self, value):
        if value is not None and value.geom_type not in ("Polygon", "MultiPolygon"):
            raise serializers.ValidationError(_("The area must be a polygon."))
        if value is not None and not value.valid:
            raise serializers.ValidationError(_("The drawn area crosses itself; redraw it."))
        return value
