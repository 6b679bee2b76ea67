"""The fields of view in the vector tiles: one feature per DORI level, styled by `level`."""

from __future__ import annotations

import pytest

from layers.surveillance.layer_specs import LEVEL_STYLES
from tests.tile_server.helpers import decode, tile_of
from tile_server import catalogue
from tile_server.cache import tile_cache

from .scenes import ORIGIN_LONLAT


@pytest.fixture(autouse=True)
def empty_tile_cache(db):
    tile_cache().clear()
    catalogue.forget()
    yield
    tile_cache().clear()
    catalogue.forget()


@pytest.mark.django_db
def test_a_new_cameras_fields_reach_its_tile(api, analyst, add_camera, empty_scene):
    camera_id = add_camera(0.0, 10.0)
    x, y = tile_of(*ORIGIN_LONLAT, 17)
    response = api.as_user(analyst).get(f"/tiles/camera-fov/17/{x}/{y}.mvt")
    assert response.status_code == 200
    features = [
        f for f in decode(response)["camera-fov"]["features"] if f["properties"]["camera"] == camera_id
    ]
    assert sorted(f["properties"]["level"] for f in features) == [
        "detect",
        "identify",
        "observe",
        "recognise",
    ]
    layer = api.as_user(analyst).get("/api/layers/camera-fov/").json()
    assert set(layer["style"]["rules"]["values"]) == set(LEVEL_STYLES)
