"""Reads of scenarios, their tables, rasters and legends, measures, rankings, exports and the annual plan.

Every read checks first that the caller may use the risk models (403 otherwise); then an
unknown id is 404.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from django.contrib.gis.db.models.functions import Transform
from django.db.models import QuerySet, Sum
from django.utils.translation import gettext as _
from rasterio.errors import RasterioIOError

from geo_platform.crs import STORAGE_SRID, crs_uri
from geo_platform.errors import InvalidParameter, NotFound
from layers.administrative.models import District
from layers.functions import AsGeoJSONText
from layers.hazards import storage, tables
from layers.hazards.errors import ExportNotReady, ScenarioNotReady
from layers.hazards.models import ExportJob, Measure, MeasureRanking, MeasureStatus, Scenario
from layers.hazards.permissions import ensure_can_download, ensure_can_use_risk_models
from layers.hazards.rendering.ramps import INDICATIVE, LAYER_TITLES, ramp_for
from layers.hazards.rendering.tiles import render_tile, tile_is_valid
from layers.hazards.stages import stage_message

INDICATIVE_KINDS = ("flood", "landslide")


def scenarios_for(user, *, kind: str = "", mine: bool = False, q: str = "") -> QuerySet[Scenario]:
    """Scenarios, newest first; `kind` a hazard, `mine` the user's own, `q` a part of the name."""
    ensure_can_use_risk_models(user)
    scenarios = Scenario.objects.select_related("owner").defer("site_rows", "result")
    if kind:
        scenarios = scenarios.filter(kind=kind)
    if mine:
        scenarios = scenarios.filter(owner=user)
    if q:
        scenarios = scenarios.filter(name__icontains=q)
    return scenarios.order_by("-created_at", "-pk")


def get_scenario(user, scenario_id: int, *, with_tables: bool = False) -> Scenario:
    ensure_can_use_risk_models(user)
    queryset = Scenario.objects.select_related("owner")
    if not with_tables:
        queryset = queryset.defer("site_rows")
    scenario = queryset.filter(pk=scenario_id).first()
    if scenario is None:
        raise NotFound(_("There is no scenario %(id)s.") % {"id": scenario_id})
    return scenario


def ensure_results(scenario: Scenario) -> None:
    if not scenario.raster_dir or not scenario.result:
        raise ScenarioNotReady(_("The scenario has no results yet; wait until its run is done."))


def job_message(job) -> str:
    """The job's stage in the caller's language, with the error when it failed."""
    message = stage_message(job.stage)
    return f"{message} {job.error}" if job.error else message


# --- tables -----------------------------------------------------------------------------------------


def district_table(scenario: Scenario) -> dict:
    ensure_results(scenario)
    return {
        "columns": tables.district_columns(scenario),
        "districts": tables.flat_district_rows(scenario),
        "totals": scenario.result["totals"],
        "demo_layers": scenario.result.get("demo_layers", []),
    }


def district_features(scenario: Scenario, *, srid: int = STORAGE_SRID) -> dict:
    """The districts with the scenario's figures, as a GeoJSON FeatureCollection (the protection map layer)."""
    ensure_results(scenario)
    rows = {row["code"]: row for row in tables.flat_district_rows(scenario)}
    geometry = "boundary" if srid == STORAGE_SRID else Transform("boundary", srid)
    digits = 6 if srid == STORAGE_SRID else 2
    features = [
        {
            "type": "Feature",
            "id": code,
            "geometry": json.loads(text),
            "properties": rows[code],
        }
        for code, text in District.objects.filter(code__in=rows)
        .annotate(geojson=AsGeoJSONText(geometry, digits=digits))
        .order_by("code")
        .values_list("code", "geojson")
    ]
    collection = {
        "type": "FeatureCollection",
        "scenario": scenario.pk,
        "results_hash": scenario.results_hash,
        "demo_layers": scenario.result.get("demo_layers", []),
        "features": features,
    }
    if srid != STORAGE_SRID:
        collection["crs"] = {"type": "name", "properties": {"name": crs_uri(srid)}}
    return collection


def site_table(
    scenario: Scenario, *, kind: str = "", layer: str = "", district: str = "", hit: bool | None = None
) -> list[dict]:
    ensure_results(scenario)
    rows = tables.flat_site_rows(scenario)
    if kind:
        rows = [row for row in rows if row["kind"] == kind]
    if layer:
        rows = [row for row in rows if row["layer"] == layer]
    if district:
        rows = [row for row in rows if row["district_code"] == district]
    if hit is not None:
        rows = [row for row in rows if row["hit"] is hit]
    return rows


def protection_table(scenario: Scenario) -> dict:
    """Shelter places within walking distance against need, and protective equipment, per district."""
    ensure_results(scenario)
    columns = (
        "code",
        "name",
        "shelter_need",
        "shelter_capacity",
        "sheltered_within_walk",
        "shelter_deficit",
        "sheltered_share",
    )
    items = tables.equipment_items(scenario)
    rows = []
    for row in tables.flat_district_rows(scenario):
        entry = {key: row[key] for key in columns}
        entry["equipment"] = {item: row.get(f"equipment_{item}", 0) for item in items}
        rows.append(entry)
    totals = scenario.result["totals"]
    return {
        "walk_radius_m": scenario.parameters.get("walk_radius_m"),
        "equipment_norms": scenario.equipment_norms,
        # Places for the displaced come from temporary accommodation; its floor areas are demo.
        "shelters_demo": any(
            row.get("kind") == "accommodation" and row.get("demo") for row in (scenario.site_rows or [])
        ),
        "shelter_seeking_share": scenario.parameters.get("shelter_seeking_share", 1.0),
        "space_per_person_m2": scenario.parameters.get("space_per_person_m2"),
        "districts": rows,
        "totals": {
            key: totals[key]
            for key in ("shelter_need", "shelter_capacity", "sheltered_within_walk", "shelter_deficit")
        }
        | {"equipment": totals.get("equipment", {})},
    }


# --- rasters ----------------------------------------------------------------------------------------


def raster_layers(scenario: Scenario) -> list[str]:
    if not scenario.result:
        return []
    return [name for name in LAYER_TITLES if name in scenario.result.get("rasters", {})]


def raster_path(scenario: Scenario, layer: str) -> Path:
    ensure_results(scenario)
    meta = scenario.result["rasters"].get(layer)
    if meta is None:
        raise NotFound(
            _("Scenario %(id)s has no raster '%(layer)s'; it has %(layers)s.")
            % {"id": scenario.pk, "layer": layer, "layers": ", ".join(raster_layers(scenario))}
        )
    return storage.absolute(meta["path"])


def legend(scenario: Scenario, layer: str) -> dict:
    raster_path(scenario, layer)  # 404 for a layer the scenario lacks
    ramp = ramp_for(layer=layer, kind=scenario.kind)
    body = ramp.legend()
    if scenario.kind in INDICATIVE_KINDS and not body["note"]:
        body["note"] = str(INDICATIVE)
    body.update(
        layer=layer,
        layer_title=str(LAYER_TITLES[layer]),
        hazard=scenario.kind,
        cell_size_m=scenario.parameters.get("cell_size_m"),
    )
    return body


# --- measures, rankings, exports, plan ------------------------------------------------------------


def measures_for(
    user, *, status: str = "", kind: str = "", plan_year: int | None = None
) -> QuerySet[Measure]:
    ensure_can_use_risk_models(user)
    measures = Measure.objects.all()
    if status:
        measures = measures.filter(status=status)
    if kind:
        measures = measures.filter(kind=kind)
    if plan_year is not None:
        measures = measures.filter(plan_year=plan_year)
    return measures.order_by("pk")


def get_measure(user, measure_id: int) -> Measure:
    measure = measures_for(user).filter(pk=measure_id).first()
    if measure is None:
        raise NotFound(_("There is no measure %(id)s.") % {"id": measure_id})
    return measure


def get_ranking(user, ranking_id: int) -> MeasureRanking:
    ensure_can_use_risk_models(user)
    ranking = MeasureRanking.objects.select_related("scenario").filter(pk=ranking_id).first()
    if ranking is None:
        raise NotFound(_("There is no ranking %(id)s.") % {"id": ranking_id})
    return ranking


def get_export(user, job_id: int) -> ExportJob:
    job = ExportJob.objects.select_related("scenario").filter(pk=job_id).first()
    if job is None:
        ensure_can_use_risk_models(user)
        raise NotFound(_("There is no export %(id)s.") % {"id": job_id})
    ensure_can_download(user, job)
    return job


def exports_of(user, scenario: Scenario) -> QuerySet[ExportJob]:
    ensure_can_use_risk_models(user)
    return scenario.exports.select_related("scenario")


def latest_outcomes(measure_ids: list[int]) -> dict[int, dict]:
    """Each measure's row in the latest finished ranking that holds it."""
    found: dict[int, dict] = {}
    rankings = (
        MeasureRanking.objects.filter(measures__in=measure_ids, status="done")
        .distinct()
        .order_by("-finished_at")
    )
    for ranking in rankings:
        for row in ranking.rows:
            if row["measure"] in measure_ids and row["measure"] not in found:
                found[row["measure"]] = row | {"ranking": ranking.pk, "scenario": ranking.scenario_id}
        if len(found) == len(measure_ids):
            break
    return found


def annual_plan(user, year: int) -> dict:
    """The measures chosen for a year, their status, cost and latest ranking figures."""
    measures = list(measures_for(user, plan_year=year))
    outcomes = latest_outcomes([measure.pk for measure in measures])
    by_status = {status: {"count": 0, "cost_eur": Decimal("0")} for status in MeasureStatus.values}
    for measure in measures:
        by_status[measure.status]["count"] += 1
        by_status[measure.status]["cost_eur"] += measure.cost_eur
    total = (
        Measure.objects.filter(pk__in=[m.pk for m in measures])
        .exclude(status=MeasureStatus.CANCELLED)
        .aggregate(cost=Sum("cost_eur"))["cost"]
    )
    return {
        "year": year,
        "measures": measures,
        "outcomes": outcomes,
        "by_status": by_status,
        "total_cost_eur": total or Decimal("0"),
    }


def tile_png(scenario: Scenario, layer: str, *, z: int, x: int, y: int) -> bytes | None:
    """A PNG map tile of a scenario's raster, or None when it holds nothing to draw."""
    if not tile_is_valid(z, x, y):
        raise InvalidParameter(
            _("No tile %(z)s/%(x)s/%(y)s: zoom 0–22, x and y from 0 to 2^zoom − 1.")
            % {"z": z, "x": x, "y": y},
            parameter="tile",
        )
    path = raster_path(scenario, layer)
    ramp = ramp_for(layer=layer, kind=scenario.kind)
    try:
        return render_tile(
            path=str(path),
            z=z,
            x=x,
            y=y,
            ramp=ramp,
            scale=ramp.scale(float(scenario.parameters["cell_size_m"])),
        )
    except (RasterioIOError, FileNotFoundError):
        # The run folder was replaced by a re-run between reading the scenario and the file.
        raise NotFound(_("The raster is being replaced by a new run; reload the map.")) from None


def export_file(job: ExportJob) -> Path:
    """The file of a finished export."""
    if job.status != "done" or not job.file:
        raise ExportNotReady(_("The export is not ready: %(message)s") % {"message": job_message(job)})
    path = storage.absolute(job.file.name)
    if not path.exists():
        raise NotFound(_("The export's file is gone; export again."))
    return path
