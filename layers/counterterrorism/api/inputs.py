"""What the counter-terrorism endpoints accept: DRF serializers that validate and convert."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from layers.geometry import check_geometry
from risk_models.counterterrorism.survey import AREAS, MAX_SCORE


class GeoJSONGeometry(serializers.JSONField):
    def __init__(self, *args, types: tuple[str, ...], **kwargs):
        self.types = types
        super().__init__(*args, **kwargs)

    def to_internal_value(self, data):
        return check_geometry(super().to_internal_value(data), accepted_types=self.types).geometry


class ItemInput(serializers.Serializer):
    area = serializers.ChoiceField(choices=sorted(AREAS), label=_("checklist area"))
    score = serializers.IntegerField(min_value=0, max_value=MAX_SCORE, allow_null=True, required=False)
    reason = serializers.CharField(allow_blank=True, required=False, max_length=4000)


class SurveyInput(serializers.Serializer):
    site = serializers.IntegerField()
    surveyed_on = serializers.DateField()
    notes = serializers.CharField(allow_blank=True, required=False, max_length=10000)
    items = ItemInput(many=True)

    def validate_items(self, items):
        areas = [item["area"] for item in items]
        if not items:
            raise serializers.ValidationError(_("Score at least one area of the checklist."))
        if len(set(areas)) != len(areas):
            raise serializers.ValidationError(_("Each checklist area may be scored once."))
        return items


class FindingInput(serializers.Serializer):
    area = serializers.ChoiceField(choices=sorted(AREAS))
    description = serializers.CharField(max_length=4000)
    responsible = serializers.CharField(max_length=200)
    deadline = serializers.DateField()
    geometry = GeoJSONGeometry(types=("Point", "Polygon"))


class CloseInput(serializers.Serializer):
    note = serializers.CharField(max_length=4000, allow_blank=True)


class EvidenceInput(serializers.Serializer):
    area = serializers.ChoiceField(choices=sorted(AREAS))
    note = serializers.CharField(allow_blank=True, required=False, max_length=4000, default="")
    photo = serializers.FileField(required=False, allow_null=True)


class ScoreInput(serializers.Serializer):
    weights = serializers.DictField(child=serializers.JSONField(), required=False)
    sites = serializers.ListField(child=serializers.IntegerField(), required=False, allow_null=True)


class SourceInput(serializers.Serializer):
    """Where: a point, a site, an event, or a drawn area — exactly one."""

    point = GeoJSONGeometry(types=("Point",), required=False)
    perimeter = GeoJSONGeometry(types=("Polygon", "LineString"), required=False)
    site = serializers.IntegerField(required=False)
    event = serializers.IntegerField(required=False)

    def validate(self, attrs):
        given = [key for key in ("point", "perimeter", "site", "event") if attrs.get(key) is not None]
        if len(given) != 1:
            raise serializers.ValidationError(
                _("Give exactly one of: a point, a perimeter, a site or an event (given: %(n)s).")
                % {"n": len(given)}
            )
        return attrs


class CordonInput(SourceInput):
    device = serializers.CharField(max_length=40)


class ApproachesInput(SourceInput):
    vehicle = serializers.CharField(max_length=20, required=False, default="van")
