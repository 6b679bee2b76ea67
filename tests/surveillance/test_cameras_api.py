"""Cameras through the features API: bad input refused, fields of view stored and kept current."""

from __future__ import annotations

import math

import pytest
from django.contrib.gis.db.models.functions import Area, Transform

from geo_platform.crs import METRIC_SRID
from layers.models import FeatureVersion
from layers.surveillance.models import Camera, CameraFieldOfView

from .conftest import fields_of
from .scenes import DETECT_RANGE, OBSERVE_RANGE, box, camera

CAMERAS = "/api/layers/cameras/features/"
BUILDINGS = "/api/layers/buildings/features/"
# The default arcs are chords 5° apart at these radii (0.05 m tolerance, 5° cap): a 90° sector
# is 18 triangles of ½·r²·sin 5°, 0.13 % under θ/2·r².
DETECT_AREA = 18 * 0.5 * DETECT_RANGE**2 * math.sin(math.radians(5))


def metric_areas(camera_id: int) -> dict[str, float]:
    rows = CameraFieldOfView.objects.filter(camera_id=camera_id).annotate(
        m2=Area(Transform("field_of_view", METRIC_SRID))
    )
    return {row.level: row.m2.sq_m for row in rows}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("attribute", "value"),
    [
        ("azimuth", 361.0),
        ("azimuth", -0.5),
        ("fov", 0.0),
        ("fov", -10.0),
        ("fov", 180.0),
        ("mount_height", -2.0),
        ("resolution", 0),
        ("tilt", 95.0),
    ],
)
def test_bad_camera_parameters_are_a_400_naming_the_parameter_and_nothing_is_stored(
    api, planner, attribute, value
):
    before = (Camera.objects.count(), FeatureVersion.objects.count())
    response = api.as_user(planner).post(CAMERAS, camera(**{attribute: value}), format="json")
    assert response.status_code == 400, response.content
    body = response.json()
    assert list(body["detail"]) == [attribute]
    assert str(value) in body["detail"][attribute][0]
    assert (Camera.objects.count(), FeatureVersion.objects.count()) == before


@pytest.mark.django_db
def test_the_message_is_bulgarian_by_default(api, planner):
    response = api.as_user(planner).post(
        CAMERAS, camera(azimuth=400), format="json", HTTP_ACCEPT_LANGUAGE="bg"
    )
    assert response.status_code == 400
    assert "Азимутът трябва да е от 0 до 360°" in response.json()["detail"]["azimuth"][0]


@pytest.mark.django_db
def test_a_new_camera_gets_its_fields_of_view_at_every_dori_level(add_camera, empty_scene):
    camera_id = add_camera()
    fields = fields_of(camera_id)
    assert set(fields) == {"detect", "observe", "recognise", "identify"}
    assert fields["detect"].range_m == pytest.approx(DETECT_RANGE)
    assert fields["observe"].range_m == pytest.approx(OBSERVE_RANGE)
    assert {row.status for row in fields.values()} == {"online"}
    # No building near: the open sector, 18 chords of 5° (see DETECT_AREA).
    assert metric_areas(camera_id)["detect"] == pytest.approx(DETECT_AREA, rel=1e-4)
    camera_row = Camera.objects.get(pk=camera_id)
    assert camera_row.fov_computed_at >= camera_row.updated_at


@pytest.mark.django_db
def test_editing_the_camera_recomputes_its_fields(api, planner, committed, add_camera, empty_scene):
    camera_id = add_camera(facing=0.0)
    north = CameraFieldOfView.objects.get(camera_id=camera_id, level="detect").field_of_view.centroid
    response = committed(
        api.as_user(planner).patch,
        f"{CAMERAS}{camera_id}/",
        {
            "type": "Feature",
            "properties": {"azimuth": camera()["properties"]["azimuth"] + 180.0, "status": "offline"},
        },
        format="json",
    )
    assert response.status_code == 200, response.content
    south = CameraFieldOfView.objects.get(camera_id=camera_id, level="detect")
    assert south.field_of_view.centroid.y < north.y  # now looking south
    assert south.status == "offline"


@pytest.mark.django_db
def test_a_building_within_range_cuts_the_view_and_its_removal_restores_it(
    api, planner, committed, add_camera, empty_scene
):
    camera_id = add_camera(facing=0.0)
    # A 100 m long block from y = 10 to 12 m across the whole 90° view: the camera sees the
    # triangle (0,0), (−10,10), (10,10) = ½·20·10 = 100 m² at detect and at observe (corners
    # 14.1 m away, within 15.36 m); recognise (7.68 m) lies wholly before the wall.
    building = {"type": "Feature", "geometry": box(-50, 10, 50, 12), "properties": {"name": "Блок"}}
    response = committed(api.as_user(planner).post, BUILDINGS, building, format="json")
    assert response.status_code == 201, response.content
    areas = metric_areas(camera_id)
    assert areas["detect"] == pytest.approx(100.0, rel=1e-4)
    assert areas["observe"] == pytest.approx(100.0, rel=1e-4)
    # Moved 300 m north, beyond the camera's reach: the open sector again.
    moved = {"type": "Feature", "geometry": box(-50, 300, 50, 302)}
    response = committed(
        api.as_user(planner).patch, f"{BUILDINGS}{response.json()['id']}/", moved, format="json"
    )
    assert response.status_code == 200, response.content
    assert metric_areas(camera_id)["detect"] == pytest.approx(DETECT_AREA, rel=1e-4)


@pytest.mark.django_db
def test_a_building_out_of_range_leaves_the_camera_alone(api, planner, committed, add_camera, empty_scene):
    camera_id = add_camera()
    computed = Camera.objects.get(pk=camera_id).fov_computed_at
    far = {"type": "Feature", "geometry": box(500, 500, 520, 520), "properties": {"name": "Далечна"}}
    assert committed(api.as_user(planner).post, BUILDINGS, far, format="json").status_code == 201
    assert Camera.objects.get(pk=camera_id).fov_computed_at == computed


@pytest.mark.django_db
def test_deleting_or_decommissioning_a_camera_removes_its_fields(
    api, planner, committed, add_camera, empty_scene
):
    first, second = add_camera(), add_camera(5.0, 0.0)
    assert committed(api.as_user(planner).delete, f"{CAMERAS}{first}/").status_code == 204
    assert not CameraFieldOfView.objects.filter(camera_id=first).exists()
    response = committed(
        api.as_user(planner).patch,
        f"{CAMERAS}{second}/",
        {"type": "Feature", "properties": {"status": "decommissioned"}},
        format="json",
    )
    assert response.status_code == 200
    assert not CameraFieldOfView.objects.filter(camera_id=second).exists()


@pytest.mark.django_db
def test_fields_of_view_are_a_read_only_layer_filtered_by_camera(
    api, planner, analyst, add_camera, empty_scene
):
    camera_id = add_camera()
    body = api.as_user(analyst).get(f"/api/layers/camera-fov/features/?camera={camera_id}").json()
    assert sorted(f["properties"]["level"] for f in body["features"]) == [
        "detect",
        "identify",
        "observe",
        "recognise",
    ]
    write = api.as_user(planner).post(
        "/api/layers/camera-fov/features/", {"type": "Feature", "geometry": box(0, 0, 1, 1)}, format="json"
    )
    assert write.status_code == 403
