"""Exports of a scenario's results (a Celery task's body): COG rasters, GeoPackage, CSV tables, the PDF map."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import geopandas as gpd
import shapely
from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from geo_platform.crs import METRIC_SRID, STORAGE_SRID, SUPPORTED_SRIDS, UnknownCRS, parse_crs
from geo_platform.errors import InvalidParameter
from layers.administrative.models import District
from layers.hazards import model_notes, selectors, storage, tables
from layers.hazards.errors import JobInProgress
from layers.hazards.models import ExportFormat, ExportJob, Scenario
from layers.hazards.permissions import ensure_can_use_risk_models
from layers.hazards.rendering import files
from layers.hazards.rendering.pdf_map import FontMissing, render_pdf
from layers.hazards.reports import map_document
from layers.hazards.services import jobs
from layers.hazards.services.scenarios import RUN_FAILURES

log = logging.getLogger(__name__)
CSV_TABLES = ("districts", "sites")
EXPORT_FAILURES = (*RUN_FAILURES, files.ExportCheckFailed, FontMissing)


def _options(scenario: Scenario, export_format: str, options: dict) -> dict:
    """The checked options of an export: a raster layer, a table or a CRS, with defaults."""
    if export_format in (ExportFormat.GEOTIFF, ExportFormat.PDF):
        layer = options.get("layer") or "impact"
        if layer not in selectors.raster_layers(scenario):
            raise InvalidParameter(
                _("Unknown raster layer %(layer)r; this scenario has %(layers)s.")
                % {"layer": layer, "layers": ", ".join(selectors.raster_layers(scenario))},
                parameter="layer",
            )
        return {"layer": layer}
    if export_format == ExportFormat.CSV:
        table = options.get("table") or "districts"
        if table not in CSV_TABLES:
            raise InvalidParameter(
                _("Unknown table %(table)r; use districts or sites.") % {"table": table}, parameter="table"
            )
        return {"table": table}
    try:
        srid = parse_crs(options.get("crs"), default=METRIC_SRID)
    except UnknownCRS as exc:
        raise InvalidParameter(str(exc), parameter="crs") from None
    return {"crs": srid}


def request_export(*, user, scenario: Scenario, export_format: str, options: dict | None = None) -> ExportJob:
    """Queue an export of a computed scenario's results."""
    ensure_can_use_risk_models(user)
    selectors.ensure_results(scenario)
    if scenario.is_active:
        raise JobInProgress(_("The scenario is being computed; export it when the run is done."))
    if export_format not in ExportFormat.values:
        raise InvalidParameter(
            _("Unknown format %(format)r; use %(formats)s.")
            % {"format": export_format, "formats": ", ".join(ExportFormat.values)},
            parameter="format",
        )
    checked = _options(scenario, export_format, options or {})
    with transaction.atomic():
        job = ExportJob.objects.create(
            scenario=scenario,
            owner=user,
            format=export_format,
            options=checked,
            results_hash=scenario.results_hash,
        )
    jobs.enqueue("hazards.export", job)
    return job


def execute_export(*, job_id: int) -> None:
    """Write, check and record one export file."""
    if not jobs.start(ExportJob, job_id):
        return
    job = ExportJob.objects.select_related("scenario").get(pk=job_id)
    scenario = job.scenario
    folder = storage.export_folder(scenario.pk, job.pk)
    try:
        jobs.advance(ExportJob, job.pk, "reading")
        # Files carry Bulgarian text whatever the language of the request that asked for them.
        with translation.override(settings.LANGUAGE_CODE):
            path = WRITERS[job.format](job=job, scenario=scenario, folder=folder)
        jobs.finish(ExportJob, job.pk, file=storage.relative(path), size_bytes=path.stat().st_size)
    except EXPORT_FAILURES as exc:
        log.info("risk export %s failed: %s", job.pk, exc)
        storage.remove_tree(folder)
        jobs.fail(ExportJob, job.pk, error=str(exc) or type(exc).__name__)
    except Exception:
        log.exception("risk export %s failed", job.pk)
        storage.remove_tree(folder)
        jobs.fail(ExportJob, job.pk, error=_("The export failed unexpectedly; see the log."))
        raise


def _name(scenario: Scenario, suffix: str) -> str:
    return f"risk-scenario-{scenario.pk}-{suffix}"


def _write_geotiff(*, job: ExportJob, scenario: Scenario, folder: Path) -> Path:
    layer = job.options["layer"]
    source = selectors.raster_path(scenario, layer)
    target = folder / _name(scenario, f"{layer}.tif")
    jobs.advance(ExportJob, job.pk, "writing")
    categorical = scenario.result["rasters"][layer]["dtype"] == "uint8"
    files.write_cog(source=source, target=target, categorical=categorical)
    jobs.advance(ExportJob, job.pk, "checking")
    files.check_cog(target, like=source)
    return target


def _districts_frame(scenario: Scenario, srid: int) -> gpd.GeoDataFrame:
    rows = tables.flat_district_rows(scenario)
    boundaries = dict(
        District.objects.filter(code__in=[row["code"] for row in rows]).values_list("code", "boundary")
    )
    frame = gpd.GeoDataFrame(
        rows,
        geometry=[shapely.from_wkb(bytes(boundaries[row["code"]].wkb)) for row in rows],
        crs=f"EPSG:{STORAGE_SRID}",
    )
    frame["shelters_demo"] = frame["shelters_demo"].astype(bool)
    return frame.to_crs(f"EPSG:{srid}")


def _sites_frame(scenario: Scenario, srid: int) -> gpd.GeoDataFrame:
    rows = tables.flat_site_rows(scenario)
    frame = gpd.GeoDataFrame(
        rows,
        geometry=[shapely.Point(row["lon"], row["lat"]) for row in rows],
        crs=f"EPSG:{STORAGE_SRID}",
    )
    return frame.to_crs(f"EPSG:{srid}")


def metadata(scenario: Scenario) -> list[tuple[str, str]]:
    result = scenario.result
    items = [
        ("scenario_id", str(scenario.pk)),
        ("name", scenario.name),
        ("hazard", scenario.kind),
        (
            "parameters",
            json.dumps({k: v for k, v in scenario.parameters.items() if v is not None}, sort_keys=True),
        ),
        ("equipment_norms", json.dumps(scenario.equipment_norms, ensure_ascii=False)),
        ("inputs_hash", scenario.inputs_hash),
        ("results_hash", scenario.results_hash),
        ("demo_layers", ", ".join(result.get("demo_layers", []))),
        ("exported_at", timezone.now().isoformat(timespec="seconds")),
    ]
    items += [(f"data_version:{key}", value) for key, value in sorted(scenario.data_versions.items())]
    items += [
        (f"note:{index}", note)
        for index, note in enumerate(model_notes.rendered(result.get("notes", [])), start=1)
    ]
    return items


def _write_geopackage(*, job: ExportJob, scenario: Scenario, folder: Path) -> Path:
    srid = int(job.options.get("crs", METRIC_SRID))
    if srid not in SUPPORTED_SRIDS:
        raise InvalidParameter(_("Unsupported CRS."), parameter="crs")
    districts, sites = _districts_frame(scenario, srid), _sites_frame(scenario, srid)
    target = folder / _name(scenario, "results.gpkg")
    jobs.advance(ExportJob, job.pk, "writing")
    files.write_geopackage(
        target=target, layers=[("districts", districts), ("sites", sites)], metadata=metadata(scenario)
    )
    jobs.advance(ExportJob, job.pk, "checking")
    files.check_geopackage(target, expected={"districts": len(districts), "sites": len(sites)})
    return target


def _write_csv(*, job: ExportJob, scenario: Scenario, folder: Path) -> Path:
    table = job.options["table"]
    if table == "districts":
        columns, rows = tables.district_columns(scenario), tables.flat_district_rows(scenario)
    else:
        columns, rows = list(tables.SITE_COLUMNS), tables.flat_site_rows(scenario)
    target = folder / _name(scenario, f"{table}.csv")
    jobs.advance(ExportJob, job.pk, "writing")
    written = files.write_csv(target=target, columns=columns, rows=rows)
    jobs.advance(ExportJob, job.pk, "checking")
    if written != len(rows):
        raise files.ExportCheckFailed(f"{target.name}: {written} rows written of {len(rows)}")
    return target


def _write_pdf(*, job: ExportJob, scenario: Scenario, folder: Path) -> Path:
    document = map_document(scenario, layer=job.options["layer"])
    target = folder / _name(scenario, f"map-{job.options['layer']}.pdf")
    jobs.advance(ExportJob, job.pk, "writing")
    render_pdf(document, target)
    jobs.advance(ExportJob, job.pk, "checking")
    if target.read_bytes()[:5] != b"%PDF-":
        raise files.ExportCheckFailed(f"{target.name}: not a PDF")
    return target


WRITERS = {
    ExportFormat.GEOTIFF: _write_geotiff,
    ExportFormat.GEOPACKAGE: _write_geopackage,
    ExportFormat.CSV: _write_csv,
    ExportFormat.PDF: _write_pdf,
}
