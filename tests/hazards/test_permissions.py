"""Who may use the risk models: analysts and planners (and administrators); everyone else gets 403."""

from __future__ import annotations

import pytest

from geo_platform.accounts.models import Role
from layers.hazards.models import ExportJob, Scenario

from .conftest import FLOOD, SCENARIOS_URL

OUTSIDERS = ["anonymous", Role.ORGANIZER, Role.PARTNER, Role.DUTY_OPERATOR]


@pytest.fixture
def someone(make_user):
    def build(role):
        if role == "anonymous":
            return None
        return make_user(role, f"t-{role}", **({"agency": "sdvr"} if role == Role.PARTNER else {}))

    return build


@pytest.fixture
def stored(analyst):
    """A scenario and an export as rows only (no computation needed to check access)."""
    scenario = Scenario.objects.create(
        name="Test", kind="flood", parameters={"cell_size_m": 500.0}, owner=analyst
    )
    job = ExportJob.objects.create(
        scenario=scenario, owner=analyst, format="csv", options={"table": "districts"}
    )
    return scenario, job


@pytest.mark.parametrize("role", OUTSIDERS)
def test_outsiders_get_403_everywhere(api, someone, stored, role):
    scenario, job = stored
    client = api.as_user(someone(role))
    base = f"{SCENARIOS_URL}{scenario.pk}/"
    reads = [
        "/api/risk/options/",
        SCENARIOS_URL,
        base,
        base + "districts/",
        base + "districts.geojson",
        base + "sites/",
        base + "protection/",
        base + "legend/impact/",
        base + "tiles/impact/10/580/377.png",
        base + "runs/",
        base + "exports/",
        f"/api/risk/exports/{job.pk}/",
        f"/api/risk/exports/{job.pk}/download/",
        "/api/risk/measures/",
        "/api/risk/plan/2026/",
    ]
    for url in reads:
        response = client.get(url)
        assert response.status_code == 403, (url, response.status_code)
        assert response.json()["error"] == "forbidden"
    writes = [
        (SCENARIOS_URL, FLOOD),
        (base + "rerun/", {}),
        (base + "exports/", {"format": "csv"}),
        (base + "rankings/", {}),
        ("/api/risk/measures/", {"name": "x", "kind": "new_shelter", "cost_eur": "1"}),
    ]
    for url, body in writes:
        assert client.post(url, body, format="json").status_code == 403, url
    assert client.delete(base).status_code == 403
    assert Scenario.objects.count() == 1


def test_unknown_ids_are_404_for_analysts(api, analyst):
    client = api.as_user(analyst)
    assert client.get(f"{SCENARIOS_URL}999999/").status_code == 404
    assert client.get("/api/risk/exports/999999/").status_code == 404
    assert client.get("/api/risk/rankings/999999/").status_code == 404
    assert client.get("/api/risk/measures/999999/").status_code == 404


def test_planners_run_scenarios_and_see_and_download_analysts_work(api, analyst, planner, computed, run_jobs):
    flood = computed(planner, FLOOD)
    assert flood["owner"] == planner.username
    # Analysts see the planner's scenario, export it, and the planner downloads the export.
    with run_jobs():
        job = api.as_user(analyst).post(flood["links"]["exports"], {"format": "csv"}, format="json").json()
    download = api.as_user(planner).get(f"/api/risk/exports/{job['id']}/")
    assert download.status_code == 200
    assert api.as_user(planner).get(download.json()["download_url"]).status_code == 200
    # Only the author (or an administrator) deletes a scenario.
    assert api.as_user(analyst).delete(flood["links"]["self"]).status_code == 403
    assert api.as_user(planner).delete(flood["links"]["self"]).status_code == 204
    assert not Scenario.objects.filter(pk=flood["id"]).exists()
