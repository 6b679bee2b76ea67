"""Writes of the risk-reduction programme: measures, and rankings of them under a scenario (a Celery task's body)."""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils.translation import gettext as _

from geo_platform.errors import InvalidParameter
from layers.hazards import modelling, storage
from layers.hazards.errors import JobInProgress, ScenarioNotReady
from layers.hazards.inputs import load_frozen
from layers.hazards.models import Measure, MeasureKind, MeasureRanking, MeasureStatus, Scenario
from layers.hazards.permissions import ensure_can_use_risk_models
from layers.hazards.services import jobs
from layers.hazards.services.scenarios import RUN_FAILURES
from risk_models.hazards import RiskWeights, rank_measures, run_scenario

log = logging.getLogger(__name__)
EDITABLE = ("name", "kind", "description", "place", "cost_eur", "parameters", "status", "plan_year")


def _check_place(measure: Measure) -> None:
    place = measure.place
    geom_type = place.geom_type if place is not None else None
    if measure.kind == MeasureKind.FLOOD_WALL and geom_type not in ("Polygon", "MultiPolygon"):
        raise InvalidParameter(_("A flood wall needs the area it protects, as a polygon."), parameter="place")
    if measure.kind == MeasureKind.NEW_SHELTER and geom_type != "Point":
        raise InvalidParameter(_("A new shelter needs its position, as a point."), parameter="place")
    if measure.kind == MeasureKind.RETROFIT:
        site_ids = (measure.parameters or {}).get("site_ids") or []
        if geom_type not in ("Polygon", "MultiPolygon") and not site_ids:
            raise InvalidParameter(
                _("A retrofit needs an area of dwellings (polygon) or the sites it strengthens (site_ids)."),
                parameter="place",
            )


def _validated(measure: Measure) -> Measure:
    _check_place(measure)
    modelling.check_measure(measure)
    measure.full_clean()
    return measure


@transaction.atomic
def create_measure(*, user, **fields) -> Measure:
    ensure_can_use_risk_models(user)
    measure = _validated(Measure(created_by=user, **{key: fields[key] for key in fields if key in EDITABLE}))
    measure.save()
    return measure


@transaction.atomic
def update_measure(*, user, measure: Measure, **changes) -> Measure:
    ensure_can_use_risk_models(user)
    measure = Measure.objects.select_for_update().get(pk=measure.pk)
    for key, value in changes.items():
        if key in EDITABLE:
            setattr(measure, key, value)
    _validated(measure).save()
    return measure


@transaction.atomic
def delete_measure(*, user, measure: Measure) -> None:
    ensure_can_use_risk_models(user)
    measure.delete()


def applicable_measures(kind: str):
    """Measures that reduce a hazard of this kind, not cancelled."""
    kinds = [measure_kind for measure_kind, hazards in modelling.MEASURE_HAZARD.items() if kind in hazards]
    return Measure.objects.filter(kind__in=kinds).exclude(status=MeasureStatus.CANCELLED).order_by("pk")


def request_ranking(
    *, user, scenario: Scenario, measure_ids: list[int] | None = None, weights: dict | None = None
) -> MeasureRanking:
    """Queue a ranking of measures (by default every applicable one) under a computed scenario."""
    ensure_can_use_risk_models(user)
    if not scenario.raster_dir:
        raise ScenarioNotReady(_("The scenario has no results yet; rank measures once it has been computed."))
    if scenario.is_active:
        raise JobInProgress(_("The scenario is being computed; wait for the run to end."))
    if measure_ids:
        measures = list(Measure.objects.filter(pk__in=measure_ids).order_by("pk"))
        missing = sorted(set(measure_ids) - {measure.pk for measure in measures})
        if missing:
            raise InvalidParameter(
                _("There is no measure %(id)s.") % {"id": missing[0]}, parameter="measures"
            )
    else:
        measures = list(applicable_measures(scenario.kind))
    if not measures:
        raise InvalidParameter(_("There are no measures to rank for this hazard."), parameter="measures")
    weights = {**vars(RiskWeights()), **(weights or {})}
    with transaction.atomic():
        ranking = MeasureRanking.objects.create(scenario=scenario, requested_by=user, weights=weights)
        ranking.measures.set(measures)
    jobs.enqueue("hazards.rank_measures", ranking)
    return ranking


def execute_ranking(*, ranking_id: int) -> None:
    """Re-run the scenario as the baseline, then each measure's windows only; store the ranking."""
    if not jobs.start(MeasureRanking, ranking_id):
        return
    ranking = MeasureRanking.objects.select_related("scenario").get(pk=ranking_id)
    scenario = ranking.scenario
    folder = storage.scenario_folder(scenario.pk) / f"ranking-{ranking.pk}"
    try:
        jobs.advance(MeasureRanking, ranking.pk, "baseline")
        frozen = load_frozen(
            folder=storage.inputs_folder(scenario.pk), expected_sha256=scenario.inputs_sha256
        )
        core = modelling.core_scenario(
            kind=scenario.kind,
            name=scenario.name,
            parameters=scenario.parameters,
            data_versions=frozen.manifest["data_versions"],
        )
        files_key = tuple(sorted((key, item["sha256"]) for key, item in frozen.manifest["files"].items()))
        prepared = modelling.prepare(
            scenario=core,
            inputs=frozen.inputs,
            settings=modelling.risk_settings(scenario),
            files_key=files_key,
        )
        # The core keeps each window's sums in memory only: the baseline is computed again here.
        baseline = run_scenario(
            scenario=core, inputs=frozen.inputs, outputs=modelling.raster_outputs(folder), prepared=prepared
        )
        jobs.advance(
            MeasureRanking, ranking.pk, "measures", baseline_results_hash=baseline.result.results_hash
        )
        measures = {str(measure.pk): measure for measure in ranking.measures.all()}
        outcomes = rank_measures(
            run=baseline,
            measures=[modelling.core_measure(measure) for measure in measures.values()],
            weights=RiskWeights(
                **{key: value for key, value in ranking.weights.items() if key in vars(RiskWeights())}
            ),
        )
        before = baseline.result.totals
        rows = []
        for rank, outcome in enumerate(outcomes, start=1):
            measure = measures[outcome.measure_id]
            totals = outcome.result.totals
            rows.append(
                {
                    "rank": rank,
                    "measure": measure.pk,
                    "name": measure.name,
                    "kind": measure.kind,
                    "cost_eur": outcome.cost_eur,
                    "risk_before": outcome.risk_before,
                    "risk_after": outcome.risk_after,
                    "risk_reduced": outcome.risk_reduced,
                    "risk_reduced_per_eur": outcome.risk_reduced_per_eur,
                    "risk_reduced_per_million_eur": outcome.risk_reduced_per_eur * 1e6,
                    "windows_recomputed": outcome.windows_recomputed,
                    "people_affected_before": before["people_affected"],
                    "people_affected_after": totals["people_affected"],
                    "shelter_deficit_before": before["shelter_deficit"],
                    "site_people_affected_after": totals["site_people_affected"],
                    "shelter_deficit_after": totals["shelter_deficit"],
                    "results_hash": outcome.result.results_hash,
                }
            )
        jobs.finish(MeasureRanking, ranking.pk, rows=rows)
    except RUN_FAILURES as exc:
        log.info("measure ranking %s failed: %s", ranking.pk, exc)
        jobs.fail(MeasureRanking, ranking.pk, error=str(exc) or type(exc).__name__)
    except Exception:
        log.exception("measure ranking %s failed", ranking.pk)
        jobs.fail(MeasureRanking, ranking.pk, error=_("The ranking failed unexpectedly; see the log."))
        raise
    finally:
        storage.remove_tree(folder)
