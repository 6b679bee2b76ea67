"""The risk-reduction programme: measures, their ranking by risk reduced per lev, and the annual plan."""

from __future__ import annotations

import pytest

from layers.hazards.models import Scenario

from .conftest import EARTHQUAKE, FLOOD

MEASURES_URL = "/api/risk/measures/"


def box(west: float, south: float, east: float, north: float) -> dict:
    return {
        "type": "Polygon",
        "coordinates": [[[west, south], [east, south], [east, north], [west, north], [west, south]]],
    }


# Around the whole municipality (its bounds are 23.05–23.68 E, 42.41–42.90 N): no water anywhere.
EVERYWHERE = box(22.95, 42.31, 23.78, 43.0)
# A few hundred metres on Cherni Vrah (2 290 m), where no river floods.
SUMMIT = box(23.272, 42.560, 23.280, 42.566)


def post_measure(client, **body):
    response = client.post(MEASURES_URL, body, format="json")
    assert response.status_code == 201, response.content
    return response.json()


def test_measures_are_ranked_by_risk_reduced_per_eur(api, analyst, computed, run_jobs):
    flood = computed(analyst, FLOOD)
    client = api.as_user(analyst)
    wall = post_measure(
        client, name="Стена около всичко", kind="flood_wall", place=EVERYWHERE, cost_eur="1000000"
    )
    dear_wall = post_measure(
        client, name="Същата стена, 4 пъти по-скъпа", kind="flood_wall", place=EVERYWHERE, cost_eur="4000000"
    )
    dry_wall = post_measure(
        client, name="Стена на Черни връх", kind="flood_wall", place=SUMMIT, cost_eur="1000"
    )
    # Not for floods (a retrofit reduces earthquake damage), or cancelled: left out by default.
    post_measure(
        client,
        name="Укрепване на училище",
        kind="retrofit",
        cost_eur="50000",
        parameters={"site_ids": ["schools:1"], "median_factor": 2.0},
    )
    post_measure(
        client,
        name="Отказано убежище",
        kind="new_shelter",
        place={"type": "Point", "coordinates": [23.32, 42.69]},
        cost_eur="30000",
        parameters={"capacity": 200},
        status="cancelled",
    )

    with run_jobs():
        started = client.post(flood["links"]["rankings"], {}, format="json")
        assert started.status_code == 202 and started.json()["status"] == "queued"
    ranking = client.get(started.json()["url"]).json()
    assert ranking["status"] == "done", ranking
    assert ranking["baseline_results_hash"] == flood["results_hash"]  # the baseline re-run is identical
    rows = ranking["rows"]
    assert [row["measure"] for row in rows] == [wall["id"], dear_wall["id"], dry_wall["id"]]
    first, second, third = rows
    totals = flood["totals"]
    # Risk in person-equivalents: people affected + people in hit sites + people left without shelter.
    before = totals["people_affected"] + totals["site_people_affected"] + totals["shelter_deficit"]
    assert first["risk_before"] == pytest.approx(before)
    # A wall around everything keeps all water out: no risk is left.
    assert first["risk_after"] == pytest.approx(0.0, abs=1e-6)
    assert second["risk_reduced"] == pytest.approx(first["risk_reduced"])
    assert second["risk_reduced_per_eur"] == pytest.approx(first["risk_reduced_per_eur"] / 4)
    # The cheapest measure ranks last: it protects ground that never floods.
    assert third["risk_reduced"] == pytest.approx(0.0, abs=1e-6)
    # The summit wall touches one or two windows only; the model does not re-run the rest.
    assert third["windows_recomputed"] <= first["windows_recomputed"]

    # The annual plan: the measures chosen for 2026 with their status and latest ranking.
    client.patch(f"{MEASURES_URL}{wall['id']}/", {"plan_year": 2026, "status": "planned"}, format="json")
    client.patch(
        f"{MEASURES_URL}{dry_wall['id']}/", {"plan_year": 2026, "status": "in_progress"}, format="json"
    )
    client.patch(f"{MEASURES_URL}{dear_wall['id']}/", {"plan_year": 2027}, format="json")
    plan = client.get("/api/risk/plan/2026/").json()
    assert [(m["id"], m["status"]) for m in plan["measures"]] == [
        (wall["id"], "planned"),
        (dry_wall["id"], "in_progress"),
    ]
    assert plan["total_cost_eur"] == 1_001_000.0
    assert plan["by_status"]["planned"] == {"count": 1, "cost_eur": 1_000_000.0}
    assert plan["measures"][0]["latest_ranking"]["rank"] == 1
    assert plan["measures"][0]["hazards"] == ["flood"]


@pytest.mark.parametrize(
    ("body", "parameter"),
    [
        ({"kind": "flood_wall", "place": {"type": "Point", "coordinates": [23.32, 42.69]}}, "place"),
        ({"kind": "new_shelter", "place": {"type": "Point", "coordinates": [23.32, 42.69]}}, "capacity"),
        ({"kind": "retrofit"}, "place"),
        ({"kind": "flood_wall", "place": box(24.74, 42.14, 24.76, 42.16)}, "place"),  # Plovdiv
        ({"kind": "new_shelter", "cost_eur": "0"}, "cost_eur"),
    ],
)
def test_bad_measures_are_400_naming_the_field(api, analyst, body, parameter):
    response = api.as_user(analyst).post(
        MEASURES_URL, {"name": "x", "cost_eur": "100", **body}, format="json"
    )
    assert response.status_code == 400, response.content
    data = response.json()
    assert data.get("parameter") == parameter or parameter in data["detail"]


def test_measures_cannot_be_ranked_before_the_scenario_has_results(api, analyst):
    scenario = Scenario.objects.create(
        name="x", kind="flood", parameters={"cell_size_m": 500.0}, owner=analyst
    )
    client = api.as_user(analyst)
    post_measure(client, name="Стена", kind="flood_wall", place=SUMMIT, cost_eur="1000")
    response = client.post(f"/api/risk/scenarios/{scenario.pk}/rankings/", {}, format="json")
    assert response.status_code == 409
    assert response.json()["error"] == "scenario_not_ready"


def test_a_new_shelter_where_people_lack_places_lowers_the_deficit_in_the_ranking(
    api, analyst, computed, run_jobs
):
    """Vitosha Mw 6.5: the halls near the epicentre lose their places. A 300-place shelter in Lozenets,
    built to the current code, keeps them (ranked rows show the deficit before and after); the risk
    falls by the people it houses × (2 − 1) person-equivalents, which the ranking names as its unit."""
    quake = computed(analyst, {**EARTHQUAKE, "name": "Витоша с нов център"})
    client = api.as_user(analyst)
    shelter = post_measure(
        client,
        name="Нов център за настаняване",
        kind="new_shelter",
        place={"type": "Point", "coordinates": [23.325, 42.675]},
        cost_eur="600000",
        parameters={"capacity": 300},
    )
    with run_jobs():
        started = client.post(quake["links"]["rankings"], {"measures": [shelter["id"]]}, format="json")
    ranking = client.get(started.json()["url"]).json()
    assert ranking["status"] == "done", ranking
    (row,) = ranking["rows"]
    assert row["shelter_deficit_before"] == pytest.approx(quake["totals"]["shelter_deficit"])
    housed = row["shelter_deficit_before"] - row["shelter_deficit_after"]
    # Up to its 300 places, all of them when more than 300 people in reach lack one.
    assert 0 < housed <= 300 + 1e-6
    assert row["risk_reduced"] == pytest.approx(housed * (2 - 1), rel=1e-6)
    assert ranking["risk_basis"]["unit"] == "person_equivalents"
    assert ranking["risk_basis"]["basis"] == "assumption"
    assert ranking["risk_basis"]["weights"]["displaced_without_place"] == 2.0
