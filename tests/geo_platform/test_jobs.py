"""A job whose worker died (time or memory limit, lost host) is marked failed and the user sees why."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from geo_platform.jobs import fail_stale_jobs, job_models, mark_failed
from layers.hazards.models import Scenario, ScenarioRun
from tests.hazards.conftest import FLOOD, SCENARIOS_URL


def queued_scenario(api, analyst) -> tuple:
    client = api.as_user(analyst)
    # Posted outside the on-commit capture: the run is never sent to a worker.
    response = client.post(SCENARIOS_URL, FLOOD, format="json")
    assert response.status_code == 202, response.content
    return client, response.json()["id"]


def test_every_background_job_model_is_found():
    names = {model.__name__ for model in job_models()}
    assert {"Scenario", "ScenarioRun", "MeasureRanking", "ExportJob", "EventAssessment"} <= names


@pytest.mark.django_db
def test_a_dead_task_marks_its_job_failed_with_a_message_for_the_user(api, analyst):
    client, scenario_id = queued_scenario(api, analyst)
    Scenario.objects.filter(pk=scenario_id).update(celery_task_id="task-that-died", status="running")
    assert mark_failed("task-that-died", RuntimeError("Worker exited prematurely: signal 9")) == 1
    shown = client.get(f"{SCENARIOS_URL}{scenario_id}/").json()
    assert shown["status"] == "failed"
    assert "time or memory" in Scenario.objects.get(pk=scenario_id).error
    # A task id that ran nothing, or a job already finished, is left alone.
    assert mark_failed("task-that-died") == 0
    assert mark_failed("") == 0


@pytest.mark.django_db
def test_the_scenario_of_a_dead_run_fails_with_it(api, analyst):
    client, scenario_id = queued_scenario(api, analyst)
    run = ScenarioRun.objects.filter(scenario_id=scenario_id).latest("pk")
    ScenarioRun.objects.filter(pk=run.pk).update(celery_task_id="run-task", status="running")
    Scenario.objects.filter(pk=scenario_id).update(status="running")
    assert mark_failed("run-task") == 1
    assert ScenarioRun.objects.get(pk=run.pk).status == "failed"
    assert client.get(f"{SCENARIOS_URL}{scenario_id}/").json()["status"] == "failed"


@pytest.mark.django_db
def test_jobs_left_running_past_every_time_limit_are_failed(api, analyst):
    _, scenario_id = queued_scenario(api, analyst)
    Scenario.objects.filter(pk=scenario_id).update(
        status="running", started_at=timezone.now() - timedelta(hours=3)
    )
    assert fail_stale_jobs() >= 1
    assert Scenario.objects.get(pk=scenario_id).status == "failed"
    # A fresh running job is not touched.
    Scenario.objects.filter(pk=scenario_id).update(status="running", started_at=timezone.now())
    fail_stale_jobs()
    assert Scenario.objects.get(pk=scenario_id).status == "running"
