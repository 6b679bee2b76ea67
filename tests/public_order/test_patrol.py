"""Patrol plans through the API: a route proposed from hot spots, a plan saved with its areas and
routes, the PDF for the sector head, bad input and who may see what."""

from __future__ import annotations

import pytest
from django.contrib.gis.geos import GEOSGeometry, Point

from geo_platform.accounts.models import PartnerAgency, Role
from layers.public_order.models import PatrolPlan
from tests.public_order.test_hotspots import NDK, plant

URL = "/api/public-order/patrols/"
# A small block around НДК and a line along bul. Vitosha (WGS 84).
AREA = {
    "type": "Polygon",
    "coordinates": [
        [[23.316, 42.683], [23.322, 42.683], [23.322, 42.687], [23.316, 42.687], [23.316, 42.683]]
    ],
}
LINE = {"type": "LineString", "coordinates": [[23.3190, 42.6930], [23.3195, 42.6890], [23.3186, 42.6850]]}


def plan_body(**changes):
    body = {
        "date": "2026-12-07",
        "start_time": "08:00",
        "end_time": "20:00",
        "sector": "Сектор „Център“",
        "district": "01",
        "unit": "Общинска полиция, група 3",
        "notes": "Засилено внимание около НДК.",
        "areas": [{"crew": "Екип 1", "time_from": "08:00", "time_to": "12:00", "geometry": AREA}],
        "routes": [{"crew": "Екип 2", "time_from": "12:00", "time_to": "16:00", "geometry": LINE}],
    }
    body.update(changes)
    return body


@pytest.mark.django_db
def test_a_route_is_proposed_from_gi_star_hot_spots_and_saved_in_a_plan(api, planner):
    plant()
    client = api.as_user(planner)
    analysis = client.post("/api/public-order/analyses/", {"method": "gi_star"}, format="json")
    assert analysis.status_code == 201, analysis.content
    hot = [c for c in analysis.json()["result"]["cells"] if c["bin"] > 0]
    proposal = client.post(
        URL + "propose/", {"analysis": analysis.json()["id"], "max_length_m": 8000}, format="json"
    )
    assert proposal.status_code == 200, proposal.content
    found = proposal.json()
    route = GEOSGeometry(str(found["route"]).replace("'", '"'), srid=4326)
    # A loop from the police station nearest the hottest cell, through hot cells near НДК.
    assert found["route"]["coordinates"][0] == found["route"]["coordinates"][-1]
    assert 1 <= len(found["stops"]) <= len(hot)
    assert (
        min(Point(s["lon"], s["lat"], srid=4326).distance(Point(*NDK, srid=4326)) for s in found["stops"])
        * 111_000
        < 400
    )
    assert found["method"]["length_m"] <= 8000 and 0 < found["method"]["gain_share"] <= 1
    assert "heuristic" in found["method"]["note"] and "1.3" in found["method"]["note"]
    assert route.num_points == len(found["stops"]) + 2
    # Saved as the plan's route with its numbered stops and the method.
    saved = client.post(
        URL,
        plan_body(
            areas=[{"crew": "Екип 1", "time_from": "08:00", "time_to": "12:00", "geometry": found["area"]}],
            routes=[
                {
                    "crew": "Екип 2",
                    "time_from": "12:00",
                    "time_to": "16:00",
                    "geometry": found["route"],
                    "stops": found["stops"],
                }
            ],
            method=found["method"],
        ),
        format="json",
    )
    assert saved.status_code == 201, saved.content
    plan = PatrolPlan.objects.get(pk=saved.json()["id"])
    assert plan.routes.get().stops[0]["number"] == 1 and plan.method["analysis"] == analysis.json()["id"]
    pdf = client.get(URL + f"{plan.pk}/plan.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content[:5] == b"%PDF-" and len(pdf.content) > 5000


@pytest.mark.django_db
def test_a_drawn_plan_is_saved_listed_changed_and_printed(api, analyst, operator):
    client = api.as_user(analyst)
    response = client.post(URL, plan_body(), format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    # The line is ~0.93 km: 0.445 km + 0.445 km along the meridian, near enough.
    assert 850 < body["routes"][0]["length_m"] < 1000
    assert body["areas"][0]["crew"] == "Екип 1" and body["routes"][0]["time_to"] == "16:00"
    changed = client.put(URL + f"{body['id']}/", plan_body(routes=[], notes="Само зона."), format="json")
    assert (
        changed.status_code == 200
        and changed.json()["routes"] == []
        and changed.json()["notes"] == "Само зона."
    )
    # The duty operator reads the list and the PDF, and may not change the plan.
    reader = api.as_user(operator)
    listed = reader.get(URL)
    assert listed.status_code == 200 and [p["id"] for p in listed.json()["results"]] == [body["id"]]
    assert reader.get(URL + f"{body['id']}/plan.pdf").status_code == 200
    assert reader.put(URL + f"{body['id']}/", plan_body(), format="json").status_code == 403
    assert reader.delete(URL + f"{body['id']}/").status_code == 403
    assert api.as_user(analyst).delete(URL + f"{body['id']}/").status_code == 204
    assert not PatrolPlan.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"end_time": "07:00"}, "end after it starts"),
        ({"areas": [], "routes": []}, "at least one patrol area or route"),
        (
            {
                "routes": [
                    {
                        "crew": "Е",
                        "time_from": "12:00",
                        "time_to": "13:00",
                        "geometry": {"type": "LineString", "coordinates": [[23.32, 42.69], [23.32, 42.69]]},
                    }
                ]
            },
            "longer than 0 m",
        ),
        (
            {
                "routes": [
                    {
                        "crew": "Е",
                        "time_from": "12:00",
                        "time_to": "13:00",
                        "geometry": {"type": "LineString", "coordinates": [[22.9, 42.2], [23.32, 42.69]]},
                    }
                ]
            },
            "outside Sofia",
        ),
        (
            {
                "routes": [
                    {
                        "crew": "Е",
                        "time_from": "12:00",
                        "time_to": "13:00",
                        "geometry": {
                            "type": "LineString",
                            "coordinates": [
                                [23.20, 42.65],
                                [23.45, 42.72],
                                [23.20, 42.72],
                                [23.45, 42.65],
                                [23.20, 42.68],
                            ],
                        },
                    }
                ]
            },
            "at most 60 km",
        ),
        (
            {"areas": [{"crew": "Е", "time_from": "21:00", "time_to": "22:00", "geometry": AREA}]},
            "within the shift",
        ),
    ],
)
def test_bad_plans_are_refused_with_a_message_and_nothing_is_stored(api, planner, changes, words):
    response = api.as_user(planner).post(URL, plan_body(**changes), format="json")
    assert response.status_code == 400, response.content
    assert words in str(response.json()["detail"])
    assert not PatrolPlan.objects.exists()


@pytest.mark.django_db
def test_a_night_shift_ends_the_next_day_and_bulgarian_messages(api, planner):
    client = api.as_user(planner)
    night = plan_body(
        start_time="20:00",
        end_time="06:00",
        overnight=True,
        areas=[{"crew": "Нощен екип", "time_from": "23:00", "time_to": "03:00", "geometry": AREA}],
        routes=[],
    )
    assert client.post(URL, night, format="json").status_code == 201
    refused = client.post(URL, plan_body(end_time="07:00"), format="json", HTTP_ACCEPT_LANGUAGE="bg")
    assert refused.status_code == 400
    assert "Смяната трябва да свършва след началото си" in str(refused.json()["detail"])


@pytest.mark.django_db
def test_proposals_need_a_hot_spot_analysis_and_a_sane_length(api, planner):
    plant()
    client = api.as_user(planner)
    knox = client.post("/api/public-order/analyses/", {"method": "near_repeat"}, format="json").json()
    refused = client.post(URL + "propose/", {"analysis": knox["id"], "max_length_m": 5000}, format="json")
    assert refused.status_code == 400 and "near repeats" in str(refused.json()["detail"])
    for bad in (
        {"analysis": knox["id"], "max_length_m": 0},
        {"analysis": knox["id"], "max_length_m": 500_000},
        {"analysis": 999999, "max_length_m": 5000},
    ):
        assert client.post(URL + "propose/", bad, format="json").status_code == 400


@pytest.mark.django_db
def test_nobody_else_sees_patrol_plans(api, planner, organizer, partner, make_user):
    plan_id = api.as_user(planner).post(URL, plan_body(), format="json").json()["id"]
    municipal_police = make_user(Role.PARTNER, "t-mp", agency=PartnerAgency.MUNICIPAL_POLICE)
    assert api.as_user(municipal_police).get(URL + f"{plan_id}/plan.pdf").status_code == 200
    for user in (None, organizer, partner):
        client = api.as_user(user)
        for path in ("", f"{plan_id}/", f"{plan_id}/plan.pdf", "stations/"):
            assert client.get(URL + path).status_code in (401, 403), (user, path)
        assert client.post(URL, plan_body(), format="json").status_code in (401, 403)
    assert api.as_user(municipal_police).post(URL, plan_body(), format="json").status_code == 403
