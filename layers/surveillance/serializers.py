"""Request bodies and query strings of the surveillance API, checked with field-named 400s."""

from __future__ import annotations

import math

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from layers.surveillance.conf import surveillance_settings
from layers.surveillance.models import MAX_MOUNT_HEIGHT_M, MAX_RESOLUTION_PX
from risk_models.surveillance import LEVELS

LEVEL_CHOICES = [level.value for level in LEVELS]


class FiniteFloat(serializers.FloatField):
    def to_internal_value(self, data):
        value = super().to_internal_value(data)
        if not math.isfinite(value):
            self.fail("invalid")
        return value


class AnalysisTargetSerializer(serializers.Serializer):
    """Exactly one of: district, layer + id, event (+ part), geometry (+ crs); `streets` optional."""

    district = serializers.RegexField(r"^\d{2}$", required=False, help_text=_("District code, 01–24."))
    layer = serializers.SlugField(required=False, help_text=_("Slug of an area or line layer you may see."))
    id = serializers.IntegerField(required=False, min_value=1)
    event = serializers.IntegerField(required=False, min_value=1)
    part = serializers.ChoiceField(choices=["perimeter", "route"], required=False, default="perimeter")
    geometry = serializers.DictField(required=False, help_text=_("A GeoJSON Polygon, MultiPolygon or line."))
    crs = serializers.CharField(required=False, allow_blank=True)
    streets = serializers.BooleanField(required=False, default=False)

    def validate(self, data):
        given = [
            name for name in ("district", "layer", "event", "geometry") if data.get(name) not in (None, "")
        ]
        if len(given) != 1:
            raise serializers.ValidationError(
                _("Give exactly one target: district, layer with id, event, or geometry.")
            )
        if given == ["layer"] and data.get("id") is None:
            raise serializers.ValidationError({"id": _("A layer target needs the feature's id.")})
        return data


class CoverageRequestSerializer(serializers.Serializer):
    target = AnalysisTargetSerializer()
    include_planned = serializers.BooleanField(required=False, default=False)
    levels = serializers.ListField(
        child=serializers.ChoiceField(choices=LEVEL_CHOICES), required=False, allow_empty=False
    )
    include_geometry = serializers.BooleanField(
        required=False, default=True, help_text=_("Include the uncovered parts as GeoJSON.")
    )


class OutageRequestSerializer(CoverageRequestSerializer):
    cameras = serializers.ListField(
        child=serializers.IntegerField(min_value=1), allow_empty=False, max_length=5000
    )


class WhoSeesRequestSerializer(serializers.Serializer):
    lon = FiniteFloat(help_text=_("Longitude, or x in `crs`."))
    lat = FiniteFloat(help_text=_("Latitude, or y in `crs`."))
    crs = serializers.CharField(required=False, allow_blank=True)
    include_planned = serializers.BooleanField(required=False, default=False)


class CameraOpticsSerializer(serializers.Serializer):
    """The camera a placement proposes: optics and mount (defaults: a common 4 MP street camera)."""

    mount_height = FiniteFloat(min_value=0, max_value=MAX_MOUNT_HEIGHT_M, default=6.0)
    fov = FiniteFloat(default=60.0)
    resolution = serializers.IntegerField(min_value=1, max_value=MAX_RESOLUTION_PX, default=2560)
    tilt = FiniteFloat(min_value=-90, max_value=90, default=8.0)

    def validate_fov(self, value):
        if not 0 < value < 180:
            raise serializers.ValidationError(
                _("The horizontal field of view must be more than 0° and less than 180°; got %(value)s.")
                % {"value": value}
            )
        return value


class CandidateSitesSerializer(serializers.Serializer):
    """Exactly one of: points, layer, along_streets."""

    points = serializers.ListField(
        child=serializers.ListField(child=FiniteFloat(), min_length=2, max_length=3),
        required=False,
        allow_empty=False,
    )
    crs = serializers.CharField(required=False, allow_blank=True)
    layer = serializers.SlugField(required=False)
    along_streets = serializers.BooleanField(required=False, default=False)
    spacing_m = FiniteFloat(required=False, min_value=5, max_value=1000, default=50.0)

    def validate(self, data):
        given = [name for name in ("points", "layer") if data.get(name)] + (
            ["along_streets"] if data.get("along_streets") else []
        )
        if len(given) != 1:
            raise serializers.ValidationError(
                _("Give exactly one source of sites: points, layer, or along_streets.")
            )
        return data


class IncidentWeightsSerializer(serializers.Serializer):
    """Incident density: points of a visible point layer, or given points (`crs` as for sites)."""

    layer = serializers.SlugField(required=False)
    points = serializers.ListField(
        child=serializers.ListField(child=FiniteFloat(), min_length=2, max_length=3),
        required=False,
        allow_empty=False,
    )
    crs = serializers.CharField(required=False, allow_blank=True)
    radius_m = FiniteFloat(required=False, min_value=0, max_value=2000, default=100.0)

    def validate(self, data):
        if bool(data.get("layer")) == bool(data.get("points")):
            raise serializers.ValidationError(_("Give either a point layer or points to weigh by."))
        return data


class PlacementRequestSerializer(serializers.Serializer):
    target = AnalysisTargetSerializer()
    k = serializers.IntegerField(min_value=1)
    sites = CandidateSitesSerializer()
    directions = serializers.IntegerField(min_value=1, max_value=72, default=8)
    level = serializers.ChoiceField(choices=LEVEL_CHOICES, default="detect")
    camera = CameraOpticsSerializer(required=False)
    weights = IncidentWeightsSerializer(required=False)
    include_planned = serializers.BooleanField(
        required=False, default=True, help_text=_("Count planned cameras as already covering.")
    )
    cell_size_m = FiniteFloat(required=False, min_value=2, max_value=500)
    one_per_site = serializers.BooleanField(required=False, default=False)

    def validate_k(self, value):
        limit = surveillance_settings().placement_max_k
        if value > limit:
            raise serializers.ValidationError(
                _("At most %(limit)s cameras per placement.") % {"limit": limit}
            )
        return value

    def validate(self, data):
        data.setdefault("camera", CameraOpticsSerializer().to_internal_value({}))
        data.setdefault("cell_size_m", surveillance_settings().placement_cell_m)
        return data


class PlannedCameraSerializer(CameraOpticsSerializer):
    """One camera of a reviewed placement, to be saved as planned."""

    lon = FiniteFloat()
    lat = FiniteFloat()
    azimuth = FiniteFloat(min_value=0, max_value=360)
    name = serializers.CharField(required=False, allow_blank=True, max_length=255)


class SavePlacementSerializer(serializers.Serializer):
    cameras = PlannedCameraSerializer(many=True, allow_empty=False)
    owner = serializers.CharField(required=False, allow_blank=True, max_length=200, default="")
    watched_object = serializers.CharField(required=False, allow_blank=True, max_length=255, default="")
    name_prefix = serializers.CharField(required=False, allow_blank=True, max_length=100)


class CameraExportSerializer(serializers.Serializer):
    format = serializers.ChoiceField(choices=["csv", "geojson"], default="geojson")
    status = serializers.CharField(required=False, allow_blank=True, help_text=_("Comma-separated statuses."))
    bbox = serializers.CharField(required=False, allow_blank=True, help_text=_("minlon,minlat,maxlon,maxlat"))


class CameraImportOptionsSerializer(serializers.Serializer):
    file_format = serializers.ChoiceField(choices=["csv", "geojson"], required=False)
    crs = serializers.CharField(required=False, allow_blank=True)
    dry_run = serializers.BooleanField(required=False, default=False)
