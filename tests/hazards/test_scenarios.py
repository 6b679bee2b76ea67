"""Scenarios through the API: an analyst creates and runs one, reads results per district, re-runs it."""

from __future__ import annotations

import csv
import math
from pathlib import Path

import pytest
from django.conf import settings
from kombu.exceptions import OperationalError

from layers.hazards import tasks
from layers.hazards.models import Scenario, ScenarioRun
from layers.shelters.models import Shelter

from .conftest import EARTHQUAKE, SCENARIOS_URL


def census_2011() -> dict[str, float]:
    path = Path(settings.SHARED_DATA_DIR) / "population/sofia_districts_population.csv"
    with path.open(encoding="utf-8") as handle:
        return {
            row["code"]: float(row["census_2011"]) for row in csv.DictReader(handle) if row["code"] != "ALL"
        }


def test_analyst_runs_an_earthquake_scenario_and_gets_results_per_district(api, analyst, run_jobs):
    client = api.as_user(analyst)
    with run_jobs():
        response = client.post(SCENARIOS_URL, EARTHQUAKE, format="json")
        # Queued, not computed, when the request returns: the run is a Celery task.
        assert response.status_code == 202
        assert response.json()["status"] == "queued"
    scenario = client.get(response.json()["links"]["self"]).json()
    assert (scenario["status"], scenario["progress"]) == ("done", 100)
    assert len(scenario["inputs_hash"]) == len(scenario["results_hash"]) == 64

    districts = {row["code"]: row for row in scenario["districts"]}
    census = census_2011()
    assert sorted(districts) == sorted(census)
    for code, row in districts.items():
        # The core spreads each district's 2011 census count over its cells: the sum is the count.
        assert row["population"] == pytest.approx(census[code], rel=1e-9)
        assert 0 <= row["people_affected"] <= row["population"]
        assert row["sheltered_within_walk"] <= row["shelter_need"] + 1e-6
        assert row["shelter_deficit"] == pytest.approx(row["shelter_need"] - row["sheltered_within_walk"])
        # The default norm: one emergency kit per person affected, rounded up.
        assert row["equipment_emergency_kit"] == math.ceil(row["people_affected"] - 1e-6)
    totals = scenario["totals"]
    assert totals["population"] == pytest.approx(sum(census.values()), rel=1e-9)  # 1 291 591
    assert totals["people_affected"] == pytest.approx(sum(r["people_affected"] for r in districts.values()))
    assert totals["people_affected"] > 0
    # Shaking falls off with distance: Vitosha (17), the epicentre's district, loses a larger share
    # of its homes than Novi Iskar (21), 25–30 km north.
    share = {
        code: districts[code]["people_affected"] / districts[code]["population"] for code in ("17", "21")
    }
    assert share["17"] > share["21"]

    # The accommodation floor areas are demo data, and every output says so. Civil-defence shelters
    # (КСЗ, the official lists) are reported, not offered to the displaced.
    assert scenario["demo_layers"] == ["temporary-accommodation"]
    assert all(row["shelters_demo"] for row in districts.values())
    shelters = client.get(scenario["links"]["sites"], {"layer": "shelters", "limit": 1000}).json()
    assert shelters["count"] == Shelter.objects.exclude(status="out_of_service").count()
    assert all(row["kind"] == "civil_defence" and not row["demo"] for row in shelters["results"])
    # Bands (16th/50th/84th percentiles) for every headline number, casualties by day and night,
    # and the assumptions they rest on.
    for name in ("people_affected", "buildings_damaged", "deaths_night", "injuries_day", "shelter_need"):
        band = scenario["bands"][name]
        assert band["p16"] <= band["p50"] <= band["p84"]
    assert scenario["uncertainty"]["realisations"] == 100 and scenario["uncertainty"]["seed"] == 20260101
    assert totals["deaths_night"] > 0 and totals["injuries_night"] > totals["deaths_night"]
    assert {"walk_radius_m", "shelter_seeking_share", "casualty_rates"} <= {
        note["key"] for note in scenario["assumptions"]
    }
    schools = client.get(scenario["links"]["sites"], {"layer": "schools", "hit": "true", "limit": 5}).json()
    assert schools["count"] == totals["sites_hit"]["school"]
    assert not any(row["demo"] for row in schools["results"])

    table = client.get(scenario["links"]["districts"]).json()
    assert [row["code"] for row in table["districts"]] == sorted(census)
    assert "equipment_emergency_kit" in table["columns"]
    assert len(client.get(SCENARIOS_URL).json()["results"]) == 1

    # Displaced and accommodation seekers are two quantities: seekers = displaced × the share (0.3).
    assert totals["shelter_need"] == pytest.approx(0.3 * totals["people_affected"])
    assert totals["shelter_need"] < totals["people_affected"]
    # What the map draws: the epicentre as posted (a point source: no rupture) and the municipality.
    assert scenario["map_geometry"]["epicentre"] == [23.27, 42.60]
    assert scenario["map_geometry"]["rupture"] is None
    assert scenario["map_geometry"]["extent"] == [23.05, 42.41, 23.68, 42.9]
    # The list shows owner and date and filters by hazard, by owner and by name.
    listed = client.get(SCENARIOS_URL).json()["results"][0]
    assert listed["owner"] == analyst.username and listed["created_at"]
    assert client.get(SCENARIOS_URL, {"kind": "flood"}).json()["count"] == 0
    assert (
        client.get(SCENARIOS_URL, {"kind": "earthquake", "mine": "yes", "q": "витошки"}).json()["count"] == 1
    )
    bad = client.get(SCENARIOS_URL, {"kind": "meteor"})
    assert bad.status_code == 400 and bad.json()["parameter"] == "kind"


def test_rerun_gives_identical_results_until_the_inputs_are_refreshed(api, analyst, computed, run_jobs):
    first = computed(analyst, EARTHQUAKE)
    client = api.as_user(analyst)
    with run_jobs():
        response = client.post(first["links"]["rerun"], {}, format="json")
    assert response.status_code == 202
    runs = client.get(first["links"]["runs"]).json()
    assert [run["number"] for run in runs] == [1, 2]
    assert runs[1]["status"] == "done"
    assert runs[1]["inputs_hash"] == runs[0]["inputs_hash"]
    assert runs[1]["results_hash"] == runs[0]["results_hash"] == first["results_hash"]
    # The rasters too, value for value (SHA-256 of their cells).
    assert runs[1]["raster_digests"] == runs[0]["raster_digests"]
    assert set(runs[1]["raster_digests"]) == {"hazard", "impact", "population", "damage"}
    assert runs[1]["identical_to_previous"] is True

    # A shelter changes in the layer: the frozen inputs keep the re-run identical ...
    shelter = Shelter.objects.exclude(status="out_of_service").order_by("pk").first()
    Shelter.objects.filter(pk=shelter.pk).update(capacity=shelter.capacity + 5000)
    with run_jobs():
        client.post(first["links"]["rerun"], {}, format="json")
    assert client.get(first["links"]["runs"]).json()[2]["identical_to_previous"] is True
    # ... and a re-run on refreshed inputs sees it.
    with run_jobs():
        client.post(first["links"]["rerun"], {"refresh_inputs": True}, format="json")
    last = client.get(first["links"]["runs"]).json()[3]
    assert last["status"] == "done"
    assert last["inputs_hash"] != first["inputs_hash"]
    assert last["results_hash"] != first["results_hash"]
    assert last["identical_to_previous"] is False

    # Only the current run's rasters are kept.
    scenario = Scenario.objects.get(pk=first["id"])
    folders = sorted(p.name for p in (Path(settings.MEDIA_ROOT) / "risk" / str(scenario.pk)).iterdir())
    assert folders == ["inputs", "run-4"]


@pytest.mark.parametrize(
    ("changes", "parameter"),
    [
        ({"magnitude": 8.5}, "magnitude"),
        ({"magnitude": 3.9}, "magnitude"),
        ({"magnitude": None}, "magnitude"),
        # Tbilisi: about 1 300 km east of Bulgaria's border.
        ({"epicentre_lon": 44.8, "epicentre_lat": 41.7}, "epicentre"),
        ({"cell_size_m": 4.0}, "cell_size_m"),
        ({"cell_size_m": 2000.0}, "cell_size_m"),
        ({"walk_radius_m": -10}, "walk_radius_m"),
        ({"kind": "flood", "return_period_years": 50}, "return_period_years"),
        ({"kind": "industrial"}, "hazardous_sites"),
    ],
)
def test_bad_input_is_a_400_naming_the_parameter(api, analyst, changes, parameter):
    response = api.as_user(analyst).post(SCENARIOS_URL, {**EARTHQUAKE, **changes}, format="json")
    assert response.status_code == 400, response.content
    body = response.json()
    assert body["error"] == "invalid_parameter"
    assert body["parameter"] == parameter
    assert body["detail"]
    assert not Scenario.objects.exists()


def test_a_value_of_the_wrong_type_is_a_400_naming_the_field(api, analyst):
    response = api.as_user(analyst).post(SCENARIOS_URL, {**EARTHQUAKE, "magnitude": "strong"}, format="json")
    assert response.status_code == 400
    assert "magnitude" in response.json()["detail"]


def test_bad_input_messages_are_in_bulgarian_for_bulgarian_users(api, analyst):
    response = api.as_user(analyst).post(
        SCENARIOS_URL, {**EARTHQUAKE, "magnitude": 9.0}, format="json", HTTP_ACCEPT_LANGUAGE="bg"
    )
    assert response.status_code == 400
    assert "магнитуд" in response.json()["detail"].lower()


def test_missing_data_fails_the_run_with_a_message_not_a_500(api, analyst, run_jobs, settings, tmp_path):
    settings.SHARED_DATA_DIR = str(tmp_path / "empty")
    client = api.as_user(analyst)
    with run_jobs():
        response = client.post(SCENARIOS_URL, EARTHQUAKE, format="json")
    assert response.status_code == 202
    scenario = client.get(response.json()["links"]["self"]).json()
    assert scenario["status"] == "failed"
    assert "missing" in scenario["error"]
    assert scenario["has_results"] is False
    # No results to draw or export: a clear 409.
    tile = client.get(f"{scenario['links']['self']}tiles/impact/10/580/377.png")
    assert tile.status_code == 409
    assert client.post(scenario["links"]["exports"], {"format": "csv"}, format="json").status_code == 409


def test_a_queue_that_is_down_is_a_503_and_the_run_is_marked_failed(api, analyst, run_jobs, monkeypatch):
    def broker_down(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(tasks.run_scenario_task, "delay", broker_down)
    with pytest.raises(Exception) as raised, run_jobs():
        api.as_user(analyst).post(SCENARIOS_URL, EARTHQUAKE, format="json")
    # In tests the send happens when the transaction's callbacks run; in production (autocommit)
    # it happens inside the request, and the handler answers 503.
    assert getattr(raised.value, "status_code", None) == 503
    run = ScenarioRun.objects.get()
    assert (run.status, run.scenario.status) == ("failed", "failed")
