"""Risk-app fixtures: files in a temporary MEDIA_ROOT, Celery tasks run eagerly (the production task code),
and scenarios posted through the API on a coarse grid so that a run takes a second or two."""

from __future__ import annotations

import pytest

from geo_platform.celery import app as celery_app

# 500 m cells: the whole municipality in ~110 × 112 cells, every district on the grid.
TEST_CELL_M = 500.0
SCENARIOS_URL = "/api/risk/scenarios/"
# The Vitosha-fault scenario of DOMAIN.md.
EARTHQUAKE = {
    "name": "Mw 6.5 Витошки разлом",
    "kind": "earthquake",
    "magnitude": 6.5,
    "epicentre_lon": 23.27,
    "epicentre_lat": 42.60,
    "cell_size_m": TEST_CELL_M,
}
FLOOD = {
    "name": "100-годишно наводнение",
    "kind": "flood",
    "return_period_years": 100,
    "cell_size_m": TEST_CELL_M,
}


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def eager_celery():
    """Tasks run in-process when queued; `.delay()` is still the call the services make."""
    before = (celery_app.conf.task_always_eager, celery_app.conf.task_eager_propagates)
    celery_app.conf.task_always_eager = True
    celery_app.conf.task_eager_propagates = False
    yield
    celery_app.conf.task_always_eager, celery_app.conf.task_eager_propagates = before


@pytest.fixture
def run_jobs(django_capture_on_commit_callbacks):
    """Context manager: jobs queued inside it (after commit) run when it exits."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def computed(api, run_jobs):
    """Post a scenario as `user` and let its run finish; returns the scenario's detail JSON."""

    def compute(user, body: dict) -> dict:
        client = api.as_user(user)
        with run_jobs():
            response = client.post(SCENARIOS_URL, body, format="json")
        assert response.status_code == 202, response.content
        detail = client.get(f"{SCENARIOS_URL}{response.json()['id']}/")
        assert detail.status_code == 200
        data = detail.json()
        assert data["status"] == "done", data
        return data

    return compute
