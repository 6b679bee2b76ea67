"""Request bodies (types and shapes; the core checks the ranges) and response shapes of the risk API."""

from __future__ import annotations

import json
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.gis.geos import GEOSException, GEOSGeometry
from django.urls import reverse
from django.utils.translation import gettext as _
from rest_framework import serializers

from geo_platform.crs import SOFIA_BOUNDS, STORAGE_SRID
from layers.hazards import model_notes, modelling, selectors, tables
from layers.hazards.assumption_texts import localised
from layers.hazards.conf import BGN_PER_EUR
from layers.hazards.models import (
    ExportFormat,
    ExportJob,
    HazardKind,
    Measure,
    MeasureKind,
    MeasureRanking,
    MeasureStatus,
    Scenario,
)
from layers.hazards.rendering.ramps import LAYER_TITLES, ramp_for
from risk_models.hazards.earthquake import MECHANISMS, SOIL_CLASSES
from risk_models.hazards.industrial import SUBSTANCE_CLASSES

# Places of measures and hazardous sites must lie near the municipality (degrees of margin).
PLACE_MARGIN_DEG = 0.1


def _geometry(value, *, types: tuple[str, ...]) -> GEOSGeometry:
    """A GeoJSON geometry (lon/lat) as GEOS, valid, of one of `types`, near Sofia."""
    try:
        geometry = GEOSGeometry(json.dumps(value), srid=STORAGE_SRID)
    except (GEOSException, ValueError, TypeError):
        raise serializers.ValidationError(_("Not a GeoJSON geometry.")) from None
    if geometry.geom_type not in types:
        raise serializers.ValidationError(_("Expected %(types)s.") % {"types": " or ".join(types)})
    if not geometry.valid:
        raise serializers.ValidationError(
            _("The geometry is invalid: %(reason)s.") % {"reason": geometry.valid_reason}
        )
    west, south, east, north = SOFIA_BOUNDS
    minx, miny, maxx, maxy = geometry.extent
    if (
        minx < west - PLACE_MARGIN_DEG
        or maxx > east + PLACE_MARGIN_DEG
        or miny < south - PLACE_MARGIN_DEG
        or maxy > north + PLACE_MARGIN_DEG
    ):
        raise serializers.ValidationError(_("The geometry lies outside Sofia Municipality."))
    return geometry


# --- requests ---------------------------------------------------------------------------------------


class EquipmentNormSerializer(serializers.Serializer):
    item = serializers.RegexField(r"^[a-z][a-z0-9_]{0,39}$")
    per_person = serializers.FloatField(min_value=0, max_value=100)
    basis = serializers.ChoiceField(choices=("people_affected", "people_exposed"), default="people_affected")


class HazardousSiteSerializer(serializers.Serializer):
    site_id = serializers.CharField(max_length=60)
    lon = serializers.FloatField(min_value=-180, max_value=180)
    lat = serializers.FloatField(min_value=-90, max_value=90)
    substance_class = serializers.ChoiceField(choices=tuple(SUBSTANCE_CLASSES))
    inner_radius_m = serializers.FloatField(min_value=1, max_value=20_000, required=False, allow_null=True)
    outer_radius_m = serializers.FloatField(min_value=1, max_value=20_000, required=False, allow_null=True)
    protective_action_m = serializers.FloatField(
        min_value=1, max_value=50_000, required=False, allow_null=True
    )
    protective_action_by_wind_m = serializers.ListField(
        child=serializers.FloatField(min_value=1, max_value=50_000),
        min_length=3,
        max_length=3,
        required=False,
        allow_null=True,
    )
    # Zones from the operator's safety report (Seveso III): GeoJSON polygons, lon/lat.
    evacuation_zone = serializers.JSONField(required=False, allow_null=True)
    protective_action_zone = serializers.JSONField(required=False, allow_null=True)
    un_number = serializers.RegexField(r"^\d{4}$", required=False, allow_blank=True)
    name = serializers.CharField(max_length=200, required=False, allow_blank=True)

    def validate_evacuation_zone(self, value):
        if value is not None:
            _geometry(value, types=("Polygon", "MultiPolygon"))
        return value

    validate_protective_action_zone = validate_evacuation_zone

    def to_internal_value(self, data):
        values = super().to_internal_value(data)
        return {key: value for key, value in values.items() if value not in (None, "")}


class LandslideZoneSerializer(serializers.Serializer):
    zone_id = serializers.CharField(max_length=60)
    geometry = serializers.JSONField()
    susceptibility = serializers.IntegerField(min_value=1, max_value=5, default=5)

    def validate_geometry(self, value):
        _geometry(value, types=("Polygon", "MultiPolygon"))
        return value


class ScenarioCreateSerializer(serializers.Serializer):
    """A scenario as posted; ranges (magnitude 4–8, epicentre near Bulgaria, cell ≥ 5 m …) are the core's to check."""

    name = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    kind = serializers.ChoiceField(choices=HazardKind.choices)
    cell_size_m = serializers.FloatField(required=False, default=25.0)
    magnitude = serializers.FloatField(required=False, allow_null=True, default=None)
    epicentre_lon = serializers.FloatField(required=False, allow_null=True, default=None)
    epicentre_lat = serializers.FloatField(required=False, allow_null=True, default=None)
    mechanism = serializers.ChoiceField(choices=MECHANISMS, required=False, default="normal")
    soil_class = serializers.ChoiceField(
        choices=SOIL_CLASSES, required=False, allow_null=True, allow_blank=True, default=None
    )
    return_period_years = serializers.IntegerField(required=False, allow_null=True, default=None)
    walk_radius_m = serializers.FloatField(required=False, default=500.0)
    strike_deg = serializers.FloatField(required=False, allow_null=True, default=None)
    dip_deg = serializers.FloatField(required=False, default=60.0)
    rupture_length_km = serializers.FloatField(required=False, allow_null=True, default=None)
    rupture_width_km = serializers.FloatField(required=False, allow_null=True, default=None)
    top_depth_km = serializers.FloatField(required=False, default=0.0)
    industrial_case = serializers.ChoiceField(choices=("fire", "spill"), required=False, default="fire")
    wind_from_deg = serializers.FloatField(required=False, default=270.0)
    wind_speed_ms = serializers.FloatField(required=False, default=3.0)
    shelter_seeking_share = serializers.FloatField(required=False, default=0.3)
    space_per_person_m2 = serializers.FloatField(required=False, default=3.5)
    realisations = serializers.IntegerField(required=False, default=100)
    seed = serializers.IntegerField(required=False, default=20260101)
    # An official hazard layer instead of the internal model (multipart upload).
    hazard_file = serializers.FileField(required=False, allow_null=True, default=None)
    hazard_value_field = serializers.CharField(required=False, allow_blank=True, default="", max_length=100)
    equipment_norms = EquipmentNormSerializer(many=True, required=False)
    hazardous_sites = HazardousSiteSerializer(many=True, required=False, default=list)
    landslide_zones = LandslideZoneSerializer(many=True, required=False, default=list)

    def validate_soil_class(self, value):
        return value or None


class ZoneRequestSerializer(serializers.Serializer):
    level = serializers.FloatField(required=False, allow_null=True, default=None)


class RerunSerializer(serializers.Serializer):
    refresh_inputs = serializers.BooleanField(required=False, default=False)


class ExportRequestSerializer(serializers.Serializer):
    format = serializers.ChoiceField(choices=ExportFormat.choices)
    layer = serializers.CharField(required=False, allow_blank=True, max_length=20)
    table = serializers.CharField(required=False, allow_blank=True, max_length=20)
    crs = serializers.CharField(required=False, allow_blank=True, max_length=80)


class WeightsSerializer(serializers.Serializer):
    displaced_with_place = serializers.FloatField(min_value=0, required=False)
    displaced_without_place = serializers.FloatField(min_value=0, required=False)
    site_people_affected = serializers.FloatField(min_value=0, required=False)


class RankingRequestSerializer(serializers.Serializer):
    measures = serializers.ListField(
        child=serializers.IntegerField(min_value=1), required=False, allow_empty=True
    )
    weights = WeightsSerializer(required=False)


class MeasureParametersSerializer(serializers.Serializer):
    median_factor = serializers.FloatField(min_value=1.0, max_value=5.0, required=False)
    site_ids = serializers.ListField(
        child=serializers.RegexField(r"^[a-z-]+:\d+$"), required=False, allow_empty=True, max_length=5000
    )
    capacity = serializers.IntegerField(min_value=1, max_value=100_000, required=False)


class MeasureWriteSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    kind = serializers.ChoiceField(choices=MeasureKind.choices)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    place = serializers.JSONField(required=False, allow_null=True)
    cost_eur = serializers.DecimalField(
        max_digits=14, decimal_places=2, min_value=Decimal("0.01"), required=False
    )
    # A cost known in leva (from before 1 January 2026): converted at the fixed rate 1.95583.
    cost_bgn = serializers.DecimalField(
        max_digits=14, decimal_places=2, min_value=Decimal("0.01"), required=False, write_only=True
    )
    parameters = MeasureParametersSerializer(required=False, default=dict)
    status = serializers.ChoiceField(
        choices=MeasureStatus.choices, required=False, default=MeasureStatus.PROPOSED
    )
    plan_year = serializers.IntegerField(
        min_value=2000, max_value=2100, required=False, allow_null=True, default=None
    )

    def validate_place(self, value):
        if value is None:
            return None
        return _geometry(value, types=("Point", "Polygon", "MultiPolygon"))

    def validate(self, attrs):
        leva = attrs.pop("cost_bgn", None)
        if leva is not None:
            if attrs.get("cost_eur") is not None:
                raise serializers.ValidationError(
                    {"cost_bgn": _("Give the cost either in euro or in leva, not both.")}
                )
            attrs["cost_eur"] = (leva / BGN_PER_EUR).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        if attrs.get("cost_eur") is None and not self.partial:
            raise serializers.ValidationError({"cost_eur": _("A measure needs a positive cost in euro.")})
        return attrs


# --- responses --------------------------------------------------------------------------------------


def _links(scenario: Scenario) -> dict:
    base = reverse("risk-scenario-detail", args=[scenario.pk])
    return {
        "self": base,
        "rerun": base + "rerun/",
        "runs": base + "runs/",
        "districts": base + "districts/",
        "districts_geojson": base + "districts.geojson",
        "sites": base + "sites/",
        "protection": base + "protection/",
        "exports": base + "exports/",
        "rankings": base + "rankings/",
    }


def raster_layer_entries(scenario: Scenario) -> list[dict]:
    base = reverse("risk-scenario-detail", args=[scenario.pk])
    entries = []
    for layer in selectors.raster_layers(scenario):
        ramp = ramp_for(layer=layer, kind=scenario.kind)
        entries.append(
            {
                "layer": layer,
                "title": str(LAYER_TITLES[layer]),
                "description": str(ramp.title),
                "units": str(ramp.units),
                "tiles": f"{base}tiles/{layer}/{{z}}/{{x}}/{{y}}.png",
                "legend": f"{base}legend/{layer}/",
                "bounds": list(SOFIA_BOUNDS),
                "min_zoom": 9,
                "max_zoom": 18,
            }
        )
    return entries


class JobFields(serializers.Serializer):
    status = serializers.CharField()
    progress = serializers.IntegerField()
    stage = serializers.CharField()
    message = serializers.SerializerMethodField()
    error = serializers.CharField()
    created_at = serializers.DateTimeField()
    started_at = serializers.DateTimeField()
    finished_at = serializers.DateTimeField()

    def get_message(self, job) -> str:
        return selectors.job_message(job)


class ScenarioSerializer(JobFields):
    id = serializers.IntegerField()
    name = serializers.CharField()
    kind = serializers.CharField()
    kind_label = serializers.CharField(source="get_kind_display")
    owner = serializers.CharField(source="owner.username")
    parameters = serializers.JSONField()
    run_count = serializers.IntegerField()
    inputs_hash = serializers.CharField()
    results_hash = serializers.CharField()
    has_results = serializers.SerializerMethodField()
    links = serializers.SerializerMethodField()

    def get_has_results(self, scenario) -> bool:
        return bool(scenario.raster_dir)

    def get_links(self, scenario) -> dict:
        return _links(scenario)


class ScenarioDetailSerializer(ScenarioSerializer):
    equipment_norms = serializers.JSONField()
    request_inputs = serializers.JSONField()
    data_versions = serializers.JSONField()
    totals = serializers.SerializerMethodField()
    notes = serializers.SerializerMethodField()
    demo_layers = serializers.SerializerMethodField()
    districts = serializers.SerializerMethodField()
    layers = serializers.SerializerMethodField()
    bands = serializers.SerializerMethodField()
    uncertainty = serializers.SerializerMethodField()
    assumptions = serializers.SerializerMethodField()
    flood_reaches = serializers.SerializerMethodField()
    map_geometry = serializers.SerializerMethodField()

    def get_map_geometry(self, scenario) -> dict:
        """What the map draws with the scenario (lon/lat): its epicentre, the rupture's surface
        projection (illustrative), the hazardous sites and the analysed extent (the municipality)."""
        return modelling.map_geometry(scenario)

    def _result(self, scenario) -> dict:
        return scenario.result or {}

    def get_bands(self, scenario) -> dict | None:
        """16th/50th/84th percentiles of the headline totals (earthquake Monte Carlo); null otherwise."""
        return self._result(scenario).get("bands")

    def get_uncertainty(self, scenario) -> dict | None:
        uncertainty = self._result(scenario).get("uncertainty")
        if not isinstance(uncertainty, dict):
            return uncertainty
        return {**uncertainty, "note": model_notes.render(uncertainty.get("note"))}

    def get_assumptions(self, scenario) -> list[dict]:
        return localised(self._result(scenario).get("assumptions", []))

    def get_flood_reaches(self, scenario) -> list[dict]:
        return self._result(scenario).get("flood_reaches", [])

    def get_totals(self, scenario) -> dict | None:
        return self._result(scenario).get("totals")

    def get_notes(self, scenario) -> list[str]:
        """The model notes in the user's language (an older run's English notes as stored)."""
        return model_notes.rendered(self._result(scenario).get("notes", []))

    def get_demo_layers(self, scenario) -> list[str]:
        return self._result(scenario).get("demo_layers", [])

    def get_districts(self, scenario) -> list[dict]:
        return tables.flat_district_rows(scenario)

    def get_layers(self, scenario) -> list[dict]:
        return raster_layer_entries(scenario)


class ScenarioRunSerializer(JobFields):
    number = serializers.IntegerField()
    requested_by = serializers.CharField(source="requested_by.username", default=None)
    refresh_inputs = serializers.BooleanField()
    inputs_hash = serializers.CharField()
    results_hash = serializers.CharField()
    raster_digests = serializers.JSONField()
    identical_to_previous = serializers.BooleanField(allow_null=True)
    seconds = serializers.FloatField(allow_null=True)


class ExportJobSerializer(JobFields):
    id = serializers.IntegerField()
    scenario = serializers.IntegerField(source="scenario_id")
    format = serializers.CharField()
    options = serializers.JSONField()
    results_hash = serializers.CharField()
    size_bytes = serializers.IntegerField(allow_null=True)
    filename = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()
    download_url = serializers.SerializerMethodField()

    def get_filename(self, job: ExportJob) -> str | None:
        return job.file.name.rsplit("/", 1)[-1] if job.file else None

    def get_url(self, job: ExportJob) -> str:
        return reverse("risk-export-detail", args=[job.pk])

    def get_download_url(self, job: ExportJob) -> str | None:
        return reverse("risk-export-download", args=[job.pk]) if job.file and job.status == "done" else None


class RankingSerializer(JobFields):
    id = serializers.IntegerField()
    scenario = serializers.IntegerField(source="scenario_id")
    measures = serializers.SerializerMethodField()
    weights = serializers.JSONField()
    baseline_results_hash = serializers.CharField()
    rows = serializers.JSONField()
    url = serializers.SerializerMethodField()
    risk_basis = serializers.SerializerMethodField()

    def get_risk_basis(self, ranking: MeasureRanking) -> dict:
        """What one unit of risk is: person-equivalents, with the weights and their basis."""
        return modelling.risk_basis(ranking.weights or {})

    def get_measures(self, ranking: MeasureRanking) -> list[int]:
        return sorted(measure.pk for measure in ranking.measures.all())

    def get_url(self, ranking: MeasureRanking) -> str:
        return reverse("risk-ranking-detail", args=[ranking.pk])


class MeasureSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display")
    status_label = serializers.CharField(source="get_status_display")
    hazards = serializers.SerializerMethodField()
    place = serializers.SerializerMethodField()
    cost_eur = serializers.DecimalField(max_digits=14, decimal_places=2, coerce_to_string=False)
    created_by = serializers.CharField(source="created_by.username", default=None)

    class Meta:
        model = Measure
        fields = (
            "id",
            "name",
            "kind",
            "kind_label",
            "hazards",
            "description",
            "place",
            "cost_eur",
            "parameters",
            "status",
            "status_label",
            "plan_year",
            "created_by",
            "created_at",
            "updated_at",
        )

    def get_hazards(self, measure) -> list[str]:
        return list(modelling.MEASURE_HAZARD[measure.kind])

    def get_place(self, measure) -> dict | None:
        return json.loads(measure.place.geojson) if measure.place is not None else None
