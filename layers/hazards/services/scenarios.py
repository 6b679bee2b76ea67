"""Writes of scenarios: create (and queue the first run), re-run, delete; and the run itself (a Celery task's body)."""

from __future__ import annotations

import json
import logging
import time
from datetime import timedelta
from pathlib import Path

from celery.exceptions import SoftTimeLimitExceeded
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from rasterio.errors import RasterioError

from geo_platform.errors import InvalidParameter
from layers.hazards import conf, model_notes, modelling, storage
from layers.hazards.errors import InputsChanged, JobInProgress
from layers.hazards.inputs import FrozenInputs, freeze_inputs, load_frozen
from layers.hazards.models import ACTIVE_STATUSES, HazardKind, JobStatus, Scenario, ScenarioRun
from layers.hazards.permissions import ensure_can_delete_scenario, ensure_can_use_risk_models
from layers.hazards.services import jobs
from risk_models.hazards import HazardModelError, run_scenario
from risk_models.hazards.tables import ScenarioResult

log = logging.getLogger(__name__)
# Longer than the run task's hard time limit (layers.hazards.tasks.RUN_LIMITS): a run still
# "active" after this has lost its worker.
ABANDONED_AFTER_S = 2 * 3600
# Failures that are the data's or the disk's, not a bug: the run fails with the message.
RUN_FAILURES = (HazardModelError, InputsChanged, RasterioError, OSError, ValueError, SoftTimeLimitExceeded)


def _check_limits(parameters: dict) -> None:
    cell = parameters.get("cell_size_m")
    if isinstance(cell, int | float) and cell > conf.MAX_CELL_SIZE_M:
        raise InvalidParameter(
            _("The cell size must be between 5 m and 1000 m."),
            parameter="cell_size_m",
            reason="at most 1000 m",
        )
    radius = parameters.get("walk_radius_m")
    if isinstance(radius, int | float) and radius > conf.MAX_WALK_RADIUS_M:
        raise InvalidParameter(
            _("The walking distance to shelters must be a positive number of metres, at most 5000."),
            parameter="walk_radius_m",
            reason="at most 5000 m",
        )


def create_scenario(
    *,
    user,
    name: str,
    kind: str,
    parameters: dict,
    request_inputs: dict | None = None,
    equipment_norms: list[dict] | None = None,
) -> Scenario:
    """Save a scenario after the core has accepted its parameters, and queue its first run."""
    ensure_can_use_risk_models(user)
    request_inputs = request_inputs or {}
    modelling.check_scenario(kind=kind, parameters=parameters, request_inputs=request_inputs)
    parameters = modelling.normalised_parameters(kind=kind, parameters=parameters)
    _check_limits(parameters)
    with transaction.atomic():
        scenario = Scenario.objects.create(
            name=name or str(HazardKind(kind).label),
            kind=kind,
            parameters=parameters,
            request_inputs=request_inputs,
            equipment_norms=equipment_norms if equipment_norms is not None else modelling.default_norms(kind),
            owner=user,
        )
        run = _new_run(scenario, user=user, refresh_inputs=True)
    _queue_run(run)
    scenario.refresh_from_db()
    return scenario


def request_rerun(*, user, scenario: Scenario, refresh_inputs: bool = False) -> ScenarioRun:
    """Queue another run: on the frozen inputs (identical results expected), or on the layers' data as it is now."""
    ensure_can_use_risk_models(user)
    with transaction.atomic():
        scenario = Scenario.objects.select_for_update().get(pk=scenario.pk)
        _release_abandoned(scenario)
        if scenario.is_active:
            raise JobInProgress(_("The scenario is being computed; wait for the run to end."))
        if (
            scenario.exports.filter(status__in=ACTIVE_STATUSES).exists()
            or scenario.rankings.filter(status__in=ACTIVE_STATUSES).exists()
        ):
            raise JobInProgress(_("An export or a ranking of this scenario is running; wait for it to end."))
        run = _new_run(scenario, user=user, refresh_inputs=refresh_inputs or not scenario.inputs_sha256)
    _queue_run(run)
    return run


def _release_abandoned(scenario: Scenario) -> None:
    """A run still marked active long after the task's hard time limit lost its worker: mark it failed."""
    limit = timezone.now() - timedelta(seconds=ABANDONED_AFTER_S)
    if scenario.is_active and (scenario.started_at or scenario.updated_at) < limit:
        error = _("The run was abandoned (its worker stopped); run the scenario again.")
        for run in scenario.runs.filter(status__in=ACTIVE_STATUSES):
            jobs.fail(ScenarioRun, run.pk, error=error)
        jobs.fail(Scenario, scenario.pk, error=error)
        scenario.refresh_from_db()


def delete_scenario(*, user, scenario: Scenario) -> None:
    ensure_can_delete_scenario(user, scenario)
    _release_abandoned(scenario)
    if scenario.is_active:
        raise JobInProgress(_("The scenario is being computed; wait for the run to end."))
    folder = storage.scenario_folder(scenario.pk)
    with transaction.atomic():
        scenario.delete()
        transaction.on_commit(lambda: storage.remove_tree(folder))


def _new_run(scenario: Scenario, *, user, refresh_inputs: bool) -> ScenarioRun:
    scenario.run_count += 1
    scenario.status, scenario.stage, scenario.progress, scenario.error = JobStatus.QUEUED, "queued", 0, ""
    scenario.started_at = scenario.finished_at = None
    scenario.save(
        update_fields=[
            "run_count",
            "status",
            "stage",
            "progress",
            "error",
            "started_at",
            "finished_at",
            "updated_at",
        ]
    )
    return ScenarioRun.objects.create(
        scenario=scenario, number=scenario.run_count, requested_by=user, refresh_inputs=refresh_inputs
    )


def _queue_run(run: ScenarioRun) -> None:
    def scenario_failed() -> None:
        jobs.fail(Scenario, run.scenario_id, error=_("The job queue is unavailable; try again later."))

    jobs.enqueue("hazards.run_scenario", run, on_failure=scenario_failed)


# --- the run --------------------------------------------------------------------------------------


class _Progress:
    """Moves the run and its scenario through the stages together."""

    def __init__(self, run: ScenarioRun) -> None:
        self.run_id, self.scenario_id = run.pk, run.scenario_id

    def stage(self, stage: str, **scenario_fields) -> None:
        jobs.advance(ScenarioRun, self.run_id, stage)
        jobs.advance(Scenario, self.scenario_id, stage, **scenario_fields)

    def fail(self, error: str) -> None:
        jobs.fail(ScenarioRun, self.run_id, error=error)
        jobs.fail(Scenario, self.scenario_id, error=error)


def execute_run(*, run_id: int) -> None:
    """Compute a queued run: freeze or check the inputs, run the core, add overviews, store the results."""
    if not jobs.start(ScenarioRun, run_id):
        return
    run = ScenarioRun.objects.select_related("scenario").get(pk=run_id)
    scenario = run.scenario
    Scenario.objects.filter(pk=scenario.pk).update(status=JobStatus.RUNNING, started_at=run.started_at)
    progress = _Progress(run)
    run_dir = storage.run_folder(scenario.pk, run.number)
    began = time.perf_counter()
    try:
        progress.stage("collecting_inputs")
        folder = storage.inputs_folder(scenario.pk)
        inputs_sha = scenario.inputs_sha256
        if run.refresh_inputs or not inputs_sha:
            inputs_sha = freeze_inputs(folder=folder, request_inputs=scenario.request_inputs)
            # Recorded at once: the folder now holds these inputs, whatever happens next.
            Scenario.objects.filter(pk=scenario.pk).update(inputs_sha256=inputs_sha)
        frozen = load_frozen(folder=folder, expected_sha256=inputs_sha)
        core = modelling.core_scenario(
            kind=scenario.kind,
            name=scenario.name,
            parameters=scenario.parameters,
            data_versions=frozen.manifest["data_versions"],
        )
        progress.stage("preparing")
        files_key = tuple(sorted((key, item["sha256"]) for key, item in frozen.manifest["files"].items()))
        prepared = modelling.prepare(
            scenario=core,
            inputs=frozen.inputs,
            settings=modelling.risk_settings(scenario),
            files_key=files_key,
        )
        progress.stage("computing")
        result = run_scenario(
            scenario=core, inputs=frozen.inputs, outputs=modelling.raster_outputs(run_dir), prepared=prepared
        ).result
        progress.stage("overviews")
        for meta in result.rasters.values():
            modelling.add_overviews(meta["path"], categorical=meta["dtype"] == "uint8")
        progress.stage("storing")
        _store(
            run=run,
            scenario=scenario,
            result=result,
            frozen=frozen,
            inputs_sha=inputs_sha,
            run_dir=run_dir,
            seconds=time.perf_counter() - began,
        )
    except RUN_FAILURES as exc:
        log.info("risk scenario %s run %s failed: %s", scenario.pk, run.number, exc)
        storage.remove_tree(run_dir)
        progress.fail(str(exc) or type(exc).__name__)
    except Exception:
        log.exception("risk scenario %s run %s failed", scenario.pk, run.number)
        storage.remove_tree(run_dir)
        progress.fail(
            _("The computation failed unexpectedly; the administrators can see the error in the log.")
        )
        raise


def _district_names(frozen: FrozenInputs) -> dict[str, dict]:
    path = frozen.folder / frozen.manifest["files"]["districts"]["file"]
    features = json.loads(path.read_text(encoding="utf-8"))["features"]
    return {
        str(f["properties"]["code"]): {
            "bg": f["properties"].get("name_bg", ""),
            "en": f["properties"].get("name_en", ""),
        }
        for f in features
    }


def _store(
    *,
    run: ScenarioRun,
    scenario: Scenario,
    result: ScenarioResult,
    frozen: FrozenInputs,
    inputs_sha: str,
    run_dir: Path,
    seconds: float,
) -> None:
    data = result.as_dict()
    sites = data.pop("sites")
    # The results hash covers the core's columns; the layer, name and position are added for people.
    for row in sites:
        info = frozen.sites.get(row["site_id"], {})
        row.update({key: info.get(key) for key in ("layer", "name", "subkind", "lon", "lat")})
    data["rasters"] = {
        name: {**meta, "path": storage.relative(meta["path"])} for name, meta in data["rasters"].items()
    }
    data["district_names"] = _district_names(frozen)
    data["demo_layers"] = sorted({row["layer"] for row in sites if row.get("demo") and row.get("layer")})
    data["data_versions"] = frozen.manifest["data_versions"]
    data["assumptions"] = list(data.get("assumptions", [])) + conf.app_assumptions()
    if (
        any(zone.get("demo") for zone in frozen.manifest.get("landslide_zones", []))
        and scenario.kind == "landslide"
    ):
        data["notes"].append(model_notes.app_note("demo.landslide_zones"))
    if any(row.get("kind") == "accommodation" for row in sites):
        data["notes"].append(model_notes.app_note("demo.accommodation"))
    digests = {name: meta["sha256"] for name, meta in data["rasters"].items()}
    previous = (
        ScenarioRun.objects.filter(scenario=scenario, status=JobStatus.DONE)
        .exclude(pk=run.pk)
        .order_by("-number")
        .first()
    )
    identical = (
        None
        if previous is None
        else previous.results_hash == result.results_hash and previous.raster_digests == digests
    )
    old_dir = scenario.raster_dir
    new_dir = storage.relative(run_dir)
    with transaction.atomic():
        jobs.finish(
            ScenarioRun,
            run.pk,
            inputs_hash=result.inputs_hash,
            results_hash=result.results_hash,
            raster_digests=digests,
            identical_to_previous=identical,
            seconds=seconds,
        )
        jobs.finish(
            Scenario,
            scenario.pk,
            result=data,
            site_rows=sites,
            inputs_hash=result.inputs_hash,
            results_hash=result.results_hash,
            inputs_sha256=inputs_sha,
            data_versions=frozen.manifest["data_versions"],
            raster_dir=new_dir,
        )
        if old_dir and old_dir != new_dir:
            transaction.on_commit(lambda: storage.remove_tree(storage.absolute(old_dir)))
