"""Coverage and outage impact through the API, on scenes whose answers are worked out by hand.

The camera at ORIGIN faces grid north with a 90° view: its edges run along y = |x|, and it
detects to 38.4 m. The square 10…20 × 10…20 m has its diagonal on the east edge y = x, so
exactly half of it (the triangle above the diagonal) is in view; the square −5…5 × 10…20 m
lies wholly inside the sector (every corner within 45° of north and 22.4 m away).
"""

from __future__ import annotations

import json

import pytest

from .scenes import box, camera, line

COVERAGE = "/api/surveillance/coverage/"
OUTAGE = "/api/surveillance/outage/"
INSIDE = box(-5, 10, 5, 20)
HALF = box(10, 10, 20, 20)


def detect(body: dict) -> dict:
    return next(level for level in body["levels"] if level["level"] == "detect")


@pytest.mark.django_db
def test_a_square_inside_the_detect_sector_is_fully_covered(api, analyst, add_camera, empty_scene):
    camera_id = add_camera()
    response = api.as_user(analyst).post(COVERAGE, {"target": {"geometry": INSIDE}}, format="json")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["target"]["measure"] == "area" and body["target"]["total"] == pytest.approx(100.0, rel=1e-6)
    assert detect(body)["share"] == pytest.approx(1.0, abs=1e-6)
    assert detect(body)["cameras"] == [camera_id]
    # Observe reaches 15.36 m: of the square (y 10…20) only the part nearer than that is seen.
    observe = next(level for level in body["levels"] if level["level"] == "observe")
    assert 0.2 < observe["share"] < 0.6
    assert [c["id"] for c in body["cameras"]] == [camera_id] and body["cameras"][0]["best_level"] == "observe"
    gaps = {f["properties"]["level"] for f in body["coverage_gaps"]["features"]}
    assert "detect" not in gaps and {"observe", "recognise", "identify"} <= gaps
    # What the fields rest on is said with the result: sources and assumptions.
    notes = body["model_notes"]
    assert notes["dori_pixels_per_metre"]["source"].startswith("EN 62676-4")
    assert notes["dori_pixels_per_metre"]["value"]["detect"] == 25
    assert {"max_range_m", "target_height_m", "building_heights"} <= set(notes)
    assert all("source" in note or "assumption" in note for note in notes.values())


@pytest.mark.django_db
def test_a_square_halved_by_the_sector_edge_is_half_covered(api, analyst, add_camera, empty_scene):
    add_camera()
    body = (
        api.as_user(analyst)
        .post(COVERAGE, {"target": {"geometry": HALF}, "levels": ["detect"]}, format="json")
        .json()
    )
    assert detect(body)["share"] == pytest.approx(0.5, abs=1e-6)
    assert detect(body)["uncovered"] == pytest.approx(50.0, rel=1e-4)
    (gap,) = body["coverage_gaps"]["features"]
    assert gap["geometry"]["type"] == "Polygon" and gap["properties"]["uncovered"] == pytest.approx(
        50.0, rel=1e-4
    )


@pytest.mark.django_db
def test_only_online_cameras_count_unless_planned_are_asked_for(api, analyst, add_camera, empty_scene):
    add_camera(status="planned")
    client = api.as_user(analyst)
    online = client.post(COVERAGE, {"target": {"geometry": INSIDE}}, format="json").json()
    planned = client.post(
        COVERAGE, {"target": {"geometry": INSIDE}, "include_planned": True}, format="json"
    ).json()
    assert detect(online)["share"] == 0.0 and detect(planned)["share"] == pytest.approx(1.0, abs=1e-6)


@pytest.mark.django_db
def test_a_route_is_covered_by_length(api, analyst, add_camera, empty_scene):
    add_camera()
    # 40 m along y = 15 from x = −20 to 20: in view where |x| < 15 (the edges y = |x|), 30 m.
    route = line((-20, 15), (20, 15))
    body = api.as_user(analyst).post(COVERAGE, {"target": {"geometry": route}}, format="json").json()
    assert body["target"]["measure"] == "length" and body["target"]["unit"] == "m"
    assert detect(body)["share"] == pytest.approx(0.75, abs=1e-5)


@pytest.mark.django_db
def test_a_district_by_code(api, analyst):
    body = (
        api.as_user(analyst)
        .post(COVERAGE, {"target": {"district": "01"}, "include_geometry": False}, format="json")
        .json()
    )
    assert body["target"]["label"] == "Средец" and body["target"]["district"] == "01"
    # Sredets is 3 km²; the demo cameras there see part of it, far from all.
    assert body["target"]["total"] == pytest.approx(3.0e6, rel=0.1)
    assert 0 < detect(body)["share"] < 0.5 and detect(body)["cameras"]
    assert "coverage_gaps" not in body


@pytest.mark.django_db
def test_the_street_network_of_a_district_stands_in_with_transit_routes(api, analyst):
    body = (
        api.as_user(analyst)
        .post(
            COVERAGE,
            {"target": {"district": "01", "streets": True}, "include_geometry": False},
            format="json",
        )
        .json()
    )
    assert body["target"]["kind"] == "district_streets" and body["target"]["measure"] == "length"
    assert "public-transport lines layer" in body["target"]["notes"][0]
    assert 0 < detect(body)["share"] <= 1


@pytest.mark.django_db
def test_a_layer_feature_as_target(api, analyst):
    from layers.public_order.models import CrimePreventionArea

    area = CrimePreventionArea.objects.order_by("pk").first()
    body = (
        api.as_user(analyst)
        .post(
            COVERAGE,
            {"target": {"layer": "crime-prevention-areas", "id": area.pk}, "include_geometry": False},
            format="json",
        )
        .json()
    )
    assert body["target"]["label"] == area.name and body["target"]["measure"] == "area"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("payload", "parameter"),
    [
        ({"target": {}}, "target"),
        ({"target": {"district": "01", "geometry": INSIDE}}, "target"),
        ({"target": {"district": "99"}}, None),
        ({"target": {"geometry": {"type": "Point", "coordinates": [23.27, 42.62]}}}, None),
        ({"target": {"geometry": INSIDE}, "levels": ["see"]}, "levels"),
        ({"target": {"geometry": line((0, 0), (10, 0)), "streets": True}}, "streets"),
    ],
)
def test_bad_targets_are_clear_4xx(api, analyst, payload, parameter):
    response = api.as_user(analyst).post(COVERAGE, payload, format="json")
    assert 400 <= response.status_code < 500, response.content
    body = response.json()
    if parameter == "target":
        assert "target" in body["detail"]
    elif parameter:
        assert parameter in body.get("parameter", "") or parameter in body["detail"]


@pytest.mark.django_db
def test_outage_impact(api, analyst, add_camera, empty_scene):
    # a at ORIGIN sees the half of HALF above its edge y = x. b, 15 m east and also facing
    # north, has edges y = |x − 15|: every point of HALF (x, y ≥ 10, x ≤ 20) lies above both
    # and within 20.6 m, so b sees all of it. a offline: b still sees everything, nothing is
    # lost. b offline: only a's half remains, 50 m² lost.
    a = add_camera()
    b = add_camera(15.0, 0.0)
    client = api.as_user(analyst)
    payload = {"target": {"geometry": HALF}, "levels": ["detect"]}
    before = detect(client.post(COVERAGE, payload, format="json").json())
    assert before["share"] == pytest.approx(1.0, abs=1e-6) and sorted(before["cameras"]) == sorted([a, b])
    lose_a = client.post(OUTAGE, {**payload, "cameras": [a]}, format="json").json()
    assert detect(lose_a)["share_after"] == pytest.approx(1.0, abs=1e-6) and detect(lose_a)[
        "lost"
    ] == pytest.approx(0, abs=1e-6)
    lose_b = client.post(OUTAGE, {**payload, "cameras": [b]}, format="json").json()
    assert detect(lose_b)["share_after"] == pytest.approx(0.5, abs=1e-6)
    assert detect(lose_b)["lost"] == pytest.approx(50.0, rel=1e-4)
    assert detect(lose_b)["cameras"] == [b]
    assert lose_b["lost_areas"]["features"][0]["properties"]["level"] == "detect"
    both = client.post(OUTAGE, {**payload, "cameras": [a, b]}, format="json").json()
    assert detect(both)["share_after"] == pytest.approx(0.0, abs=1e-6)
    unknown = client.post(OUTAGE, {**payload, "cameras": [999999999]}, format="json")
    assert unknown.status_code == 400 and unknown.json()["parameter"] == "cameras"


@pytest.mark.django_db
def test_cameras_render_as_features_for_the_map(api, analyst, add_camera, empty_scene):
    add_camera()
    body = api.as_user(analyst).post(COVERAGE, {"target": {"geometry": INSIDE}}, format="json").json()
    summary = body["cameras"][0]
    assert set(summary) >= {"id", "name", "status", "owner", "position", "azimuth", "best_level"}
    assert camera()["properties"]["azimuth"] == pytest.approx(summary["azimuth"], abs=0.01)


@pytest.mark.django_db
def test_an_event_route_as_target(api, analyst, organizer, add_camera, empty_scene):
    from django.contrib.gis.geos import GEOSGeometry

    from layers.events.models import MassEvent

    add_camera()
    route = GEOSGeometry(json.dumps(line((-20, 15), (20, 15))), srid=4326)
    event = MassEvent.objects.create(
        name="Шествие",
        organizer_account=organizer,
        track="notification",
        kind="manifestation",
        status="submitted",
        route=route,
    )
    client = api.as_user(analyst)
    body = client.post(COVERAGE, {"target": {"event": event.pk, "part": "route"}}, format="json").json()
    assert body["target"]["kind"] == "event_route" and body["target"]["label"] == "Шествие"
    assert detect(body)["share"] == pytest.approx(0.75, abs=1e-5)  # as the drawn route above
    # The event has no perimeter: a clear 400, not a 500.
    response = client.post(COVERAGE, {"target": {"event": event.pk}}, format="json")
    assert response.status_code in (400, 404)


@pytest.mark.django_db
def test_streets_inside_an_area_without_streets_is_a_clear_400(api, analyst, empty_scene):
    response = api.as_user(analyst).post(
        COVERAGE, {"target": {"geometry": box(-50, -50, 50, 50), "streets": True}}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_target"
