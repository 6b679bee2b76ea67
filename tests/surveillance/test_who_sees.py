"""Who sees this point: the stored fields of view that cover it, ranked by the DORI level reached."""

from __future__ import annotations

import pytest

from .scenes import box, lonlat

WHO_SEES = "/api/surveillance/who-sees/"


def ask(client, dx: float, dy: float, **extra):
    lon, lat = lonlat(dx, dy)
    return client.get(WHO_SEES, {"lon": lon, "lat": lat, **extra})


@pytest.mark.django_db
def test_ranked_by_dori_level_then_pixel_density(api, operator, add_camera, empty_scene):
    # Around the point P = (0, 20): 1920 px over 90° gives 1920 / (2·d) px/m at d metres.
    near = add_camera(0.0, 17.0)  # 3 m south, facing north: 320 px/m → identify
    mid = add_camera(10.0, 20.0, facing=270.0)  # 10 m east, facing west: 96 px/m → observe
    far = add_camera(0.0, 40.0, facing=180.0)  # 20 m north, facing south: 48 px/m → detect
    add_camera(0.0, 70.0, facing=180.0)  # 50 m away: beyond the 38.4 m detect range
    add_camera(0.0, 17.0, facing=180.0)  # 3 m away but looking the other way
    response = ask(api.as_user(operator), 0.0, 20.0)
    assert response.status_code == 200, response.content
    cameras = response.json()["cameras"]
    assert [c["id"] for c in cameras] == [near, mid, far]
    assert [c["level"] for c in cameras] == ["identify", "observe", "detect"]
    assert [c["distance_m"] for c in cameras] == pytest.approx([3.0, 10.0, 20.0], abs=0.01)
    assert [c["pixels_per_metre"] for c in cameras] == pytest.approx([320.0, 96.0, 48.0], abs=0.1)


@pytest.mark.django_db
def test_a_building_between_hides_the_camera(api, planner, operator, committed, add_camera, empty_scene):
    seen = add_camera(10.0, 20.0, facing=270.0)
    assert [c["id"] for c in ask(api.as_user(operator), 0.0, 20.0).json()["cameras"]] == [seen]
    wall = {"type": "Feature", "geometry": box(4, 18, 6, 22), "properties": {"name": "Стена"}}
    assert (
        committed(
            api.as_user(planner).post, "/api/layers/buildings/features/", wall, format="json"
        ).status_code
        == 201
    )
    assert ask(api.as_user(operator), 0.0, 20.0).json()["cameras"] == []


@pytest.mark.django_db
def test_offline_cameras_do_not_see_and_planned_only_when_asked(api, operator, add_camera, empty_scene):
    add_camera(status="offline")
    planned = add_camera(status="planned")
    client = api.as_user(operator)
    assert ask(client, 0.0, 10.0).json()["cameras"] == []
    assert [c["id"] for c in ask(client, 0.0, 10.0, include_planned="true").json()["cameras"]] == [planned]


@pytest.mark.django_db
def test_a_point_in_another_crs(api, operator, add_camera, empty_scene):
    from .scenes import ORIGIN

    camera_id = add_camera()
    response = api.as_user(operator).get(
        WHO_SEES, {"lon": ORIGIN.x, "lat": ORIGIN.y + 10, "crs": "EPSG:32634"}
    )
    assert [c["id"] for c in response.json()["cameras"]] == [camera_id]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params",
    [
        {"lon": "x", "lat": "42.6"},
        {"lat": "42.6"},
        {"lon": "23.3", "lat": "nan"},
        {"lon": "400", "lat": "42"},
        {"lon": "1", "lat": "2", "crs": "EPSG:9999"},
    ],
)
def test_bad_points_are_a_400(api, operator, params):
    response = api.as_user(operator).get(WHO_SEES, params)
    assert response.status_code == 400, response.content
