"""Who sees this point: ranking by DORI level, occlusion, and speed."""

from __future__ import annotations

import time

import numpy as np
import pytest
import shapely

from risk_models.surveillance import BuildingIndex, DoriLevel, WhoSeesIndex, fields_of_view

from .scenes import camera

# Five cameras around the point (0, 0), lens at target height so ranges are the flat DORI ones
# (identify 3.84 m, observe 15.36 m, detect 38.4 m for 1920 px over 90°).
CAMERAS = {
    "near": camera(y=-3.0),  # 3 m south, looking north: 1920 / (2·3) = 320 px/m → identify
    "mid": camera(x=10.0, azimuth=270.0),  # 10 m east, looking west: 96 px/m → observe
    "far": camera(y=20.0, azimuth=180.0),  # 20 m north, looking south: 48 px/m → detect
    "too-far": camera(y=-50.0),  # beyond 38.4 m
    "away": camera(y=-3.0, azimuth=180.0),  # close but looking the other way
}


def _index(buildings=None) -> WhoSeesIndex:
    fields = {key: fields_of_view(camera=cam, buildings=buildings) for key, cam in CAMERAS.items()}
    return WhoSeesIndex(fields=fields, cameras=CAMERAS)


def test_ranked_by_dori_level_then_pixel_density():
    sightings = _index().query(x=0.0, y=0.0)
    assert [s.camera_id for s in sightings] == ["near", "mid", "far"]
    assert [s.level for s in sightings] == [DoriLevel.IDENTIFY, DoriLevel.OBSERVE, DoriLevel.DETECT]
    assert [s.distance for s in sightings] == pytest.approx([3.0, 10.0, 20.0])
    assert [s.pixels_per_metre for s in sightings] == pytest.approx([320.0, 96.0, 48.0])


def test_a_wall_between_removes_the_camera():
    # A building between "mid" (10 m east) and the point.
    sightings = _index(BuildingIndex([shapely.box(4, -2, 6, 2)])).query(x=0.0, y=0.0)
    assert [s.camera_id for s in sightings] == ["near", "far"]


def test_nobody_sees_an_empty_square():
    assert _index().query(x=500.0, y=500.0) == []


def test_without_camera_data_levels_still_rank():
    fields = {key: fields_of_view(camera=cam) for key, cam in CAMERAS.items()}
    sightings = WhoSeesIndex(fields=fields).query(x=0.0, y=0.0)
    assert [s.camera_id for s in sightings] == ["near", "mid", "far"]
    assert sightings[0].distance is None and sightings[0].pixels_per_metre is None


def test_query_is_fast_over_thousands_of_cameras():
    rng = np.random.default_rng(5)
    xy = rng.uniform(0, 3000, size=(3000, 2))
    cams = {
        i: camera(x=x, y=y, azimuth=float(a))
        for i, ((x, y), a) in enumerate(zip(xy, rng.uniform(0, 360, 3000), strict=True))
    }
    index = WhoSeesIndex(fields={i: fields_of_view(camera=c) for i, c in cams.items()}, cameras=cams)
    timings = []
    for x, y in rng.uniform(0, 3000, size=(300, 2)):
        start = time.perf_counter()
        index.query(x=x, y=y)
        timings.append(time.perf_counter() - start)
    assert np.percentile(timings, 95) < 0.020
