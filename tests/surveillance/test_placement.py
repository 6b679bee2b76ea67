"""Placement: k new cameras by lazy greedy over demand, reviewed, then saved as planned cameras.

The target is a 200 m × 20 m street strip east and west of ORIGIN; the sites are three drawn
points along it; the proposed camera is the test camera (1920 px, 90°, lens at 1.6 m, detect
38.4 m) turned in 4 directions.
"""

from __future__ import annotations

import pytest

from layers.surveillance.models import Camera, CameraFieldOfView
from risk_models.surveillance import grid_azimuth

from .scenes import box, lonlat

PLACEMENT = "/api/surveillance/placement/"
SAVE = "/api/surveillance/placement/save/"
STRIP = box(-100, -10, 100, 10)
REQUEST = {
    "target": {"geometry": STRIP},
    "k": 3,
    "sites": {"points": [lonlat(-60, 0), lonlat(0, 0), lonlat(60, 0)]},
    "directions": 4,
    "camera": {"mount_height": 1.6, "fov": 90, "resolution": 1920, "tilt": 0},
    "cell_size_m": 5,
}


def direction(camera: dict) -> int:
    """The proposed camera's grid direction (0, 90, 180 or 270) from its stored true azimuth."""
    return round(grid_azimuth(lon=camera["lon"], lat=camera["lat"], azimuth=camera["azimuth"])) % 360


@pytest.mark.django_db
def test_placement_returns_k_cameras_with_non_increasing_gains(api, analyst, empty_scene):
    response = api.as_user(analyst).post(PLACEMENT, REQUEST, format="json")
    assert response.status_code == 200, response.content
    body = response.json()
    cameras = body["cameras"]
    assert len(cameras) == 3
    gains = [c["gain"] for c in cameras]
    assert all(a >= b for a, b in zip(gains, gains[1:], strict=False)) and gains[-1] > 0
    # Looking along the strip (east or west) sees far more of it than across it.
    assert {direction(c) for c in cameras[:2]} <= {90, 270}
    assert body["total_demand"] == pytest.approx(4000.0, rel=1e-6)  # 200 × 20 m, 5 m cells
    assert body["covered_before"] == 0 and body["covered_after"] == pytest.approx(sum(gains), rel=1e-9)
    assert body["share_after"] == pytest.approx(cameras[-1]["cumulative_share"], rel=1e-6)
    assert cameras[0]["field_of_view"]["type"] in ("Polygon", "MultiPolygon")
    assert not Camera.objects.filter(status="planned", source="placement").exists()  # nothing saved


@pytest.mark.django_db
def test_existing_cameras_are_not_replanned(api, analyst, add_camera, empty_scene):
    add_camera(-60.0, 0.0, facing=90.0)  # already looks east along the strip from x = −60
    body = api.as_user(analyst).post(PLACEMENT, REQUEST, format="json").json()
    assert body["covered_before"] > 0
    proposed = {(round(c["lon"], 6), direction(c)) for c in body["cameras"]}
    assert (round(lonlat(-60, 0)[0], 6), 90) not in proposed


@pytest.mark.django_db
def test_weights_by_incidents_steer_the_first_camera(api, analyst, empty_scene):
    incidents = [lonlat(80, 0)] * 20  # a hotspot at the east end
    body = (
        api.as_user(analyst)
        .post(PLACEMENT, {**REQUEST, "k": 1, "weights": {"points": incidents, "radius_m": 10}}, format="json")
        .json()
    )
    assert body["weighted"] and body["cameras"][0]["lon"] == pytest.approx(lonlat(60, 0)[0], abs=1e-6)


@pytest.mark.django_db
def test_sites_along_streets_and_from_a_layer(api, analyst):
    client = api.as_user(analyst)
    district = {"district": "01"}
    along = client.post(
        PLACEMENT,
        {"target": district, "k": 2, "sites": {"along_streets": True, "spacing_m": 100}},
        format="json",
    )
    assert along.status_code == 200, along.content
    assert len(along.json()["cameras"]) == 2 and along.json()["sites_considered"] > 10
    stops = client.post(
        PLACEMENT, {"target": district, "k": 2, "sites": {"layer": "transit-stops"}}, format="json"
    )
    assert stops.status_code == 200, stops.content
    assert len(stops.json()["cameras"]) == 2
    # Buildings offer their corners as wall-mounted sites.
    corners = client.post(
        PLACEMENT, {"target": district, "k": 2, "sites": {"layer": "buildings"}}, format="json"
    )
    assert corners.status_code == 200, corners.content
    assert corners.json()["sites_considered"] >= 4 * 50 and len(corners.json()["cameras"]) == 2


@pytest.mark.django_db
def test_saving_the_reviewed_placement_creates_planned_cameras(api, planner, committed, empty_scene):
    client = api.as_user(planner)
    proposal = client.post(PLACEMENT, REQUEST, format="json").json()["cameras"]
    response = committed(client.post, SAVE, {"cameras": proposal, "owner": "Столична община"}, format="json")
    assert response.status_code == 201, response.content
    created = Camera.objects.filter(pk__in=response.json()["created"]).order_by("pk")
    assert created.count() == 3
    assert {c.status for c in created} == {"planned"} and {c.owner for c in created} == {"Столична община"}
    assert [round(c.azimuth, 2) for c in created] == [c["azimuth"] for c in proposal]
    # Stored with their fields of view, in the audit trail like any other write.
    assert CameraFieldOfView.objects.filter(camera__in=created, level="detect", status="planned").count() == 3
    history = client.get(f"/api/layers/cameras/features/{created[0].pk}/history/").json()
    assert history["results"][0]["action"] == "create"


@pytest.mark.django_db
def test_only_planners_save_and_bad_cameras_save_nothing(api, analyst, planner, empty_scene):
    proposal = api.as_user(analyst).post(PLACEMENT, REQUEST, format="json").json()["cameras"]
    assert api.as_user(analyst).post(SAVE, {"cameras": proposal}, format="json").status_code == 403
    bad = [{**proposal[0]}, {**proposal[1], "lon": 24.75, "lat": 42.15}]  # the second in Plovdiv
    response = api.as_user(planner).post(SAVE, {"cameras": bad}, format="json")
    assert response.status_code == 400 and "1" in response.json()["errors"]
    assert not Camera.objects.filter(source="placement").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "change",
    [
        {"k": 0},
        {"k": 500},
        {"directions": 0},
        {"sites": {}},
        {"sites": {"points": [[0, 0]]}},
        {"camera": {"fov": 180}},
        {"cell_size_m": 0.1},
    ],
)
def test_bad_placement_requests_are_a_400(api, analyst, change, empty_scene):
    response = api.as_user(analyst).post(PLACEMENT, {**REQUEST, **change}, format="json")
    assert response.status_code == 400, response.content


@pytest.mark.django_db
def test_each_proposed_camera_is_named_by_the_nearest_named_place_and_its_gain_explained(
    api, planner, empty_scene
):
    """A named building 100 m north of the middle site: the camera there is "95 m south of it"
    (the footprint's edge is 95 m away). ORIGIN is 2 km from any stop or school, so the other
    layers offer nothing nearer. The first camera's gain is its whole field of view inside the
    strip (nothing covered it before), so its overlap is ~0; a later one's gain is what it adds."""
    client = api.as_user(planner)
    created = client.post(
        "/api/layers/buildings/features/",
        {
            "type": "Feature",
            "geometry": box(-5, 95, 5, 105),
            "properties": {"name": "Склад „Тест“", "height_m": 6},
        },
        format="json",
    )
    assert created.status_code == 201, created.content
    body = client.post(PLACEMENT, REQUEST, format="json").json()
    by_site = {round(c["lon"], 6): c for c in body["cameras"]}
    middle = by_site.get(round(lonlat(0, 0)[0], 6))
    assert middle is not None, body["cameras"]
    assert middle["place"]["name"] == "Склад „Тест“"
    assert middle["place"]["layer"] == "buildings"
    assert middle["place"]["distance_m"] == pytest.approx(95, abs=1)
    assert middle["place"]["direction"] == "S"
    first = body["cameras"][0]
    assert first["field_in_target"] >= first["gain"] * 0.9
    assert 0 <= first["overlap_share"] < 0.1
    for camera in body["cameras"]:
        assert 0 <= camera["overlap_share"] <= 1
        assert 0 <= camera["azimuth"] < 360
