"""Explicit WGS 84 ⇄ UTM 34N transforms, and the seeded synthetic generators."""

from __future__ import annotations

import numpy as np
import pytest
import shapely
from shapely import STRtree
from shapely.geometry import Point

from risk_models.surveillance import InvalidCameraParameters
from risk_models.surveillance.projection import (
    camera_to_metric,
    grid_azimuth,
    meridian_convergence,
    sofia_metric_bounds,
    to_metric,
    to_storage,
    true_azimuth,
    xy_to_metric,
    xy_to_storage,
)
from risk_models.surveillance.synthetic import district_grid, synthetic_buildings, synthetic_cameras


def test_largo_in_utm_34n_and_back():
    # Largo (23.3219 E, 42.6977 N) is 2.32° east of zone 34's central meridian (21° E):
    # about 190 km east of the false easting 500 km, and about 4,730 km north.
    largo = Point(23.3219, 42.6977)
    metric = to_metric(largo)
    assert 685_000 < metric.x < 695_000 and 4_725_000 < metric.y < 4_735_000
    back = to_storage(metric)
    assert back.x == pytest.approx(23.3219, abs=1e-9) and back.y == pytest.approx(42.6977, abs=1e-9)
    x, y = xy_to_metric(lon=np.array([23.3219]), lat=np.array([42.6977]))
    assert (x[0], y[0]) == pytest.approx((metric.x, metric.y))
    lon, lat = xy_to_storage(x=x, y=y)
    assert (lon[0], lat[0]) == pytest.approx((23.3219, 42.6977))


def test_metric_areas_are_square_metres():
    # 0.01° × 0.01° at 42.7° N: 1,112 m × 818 m ≈ 0.91 km² (UTM scale distortion < 0.1 %).
    square = to_metric(shapely.box(23.315, 42.680, 23.325, 42.690))
    assert square.area == pytest.approx(1111.9 * 817.9, rel=5e-3)


def test_sofia_bounds_enclose_the_municipality():
    minx, miny, maxx, maxy = sofia_metric_bounds()
    assert 50_000 < maxx - minx < 56_000 and 53_000 < maxy - miny < 57_000


def test_synthetic_data_is_seeded_and_clean():
    bounds = (0.0, 0.0, 2000.0, 2000.0)
    first = synthetic_buildings(bounds=bounds, count=500, seed=1, spread=400.0)
    again = synthetic_buildings(bounds=bounds, count=500, seed=1, spread=400.0)
    assert len(first) == 500 and all(a.equals(b) for a, b in zip(first, again, strict=True))
    left, right = STRtree(first).query(first, predicate="intersects")
    assert np.all(left == right)  # no two buildings touch
    cameras = synthetic_cameras(bounds=bounds, count=200, seed=2, buildings=first)
    inside = STRtree(first).query(shapely.points([(c.x, c.y) for c in cameras]), predicate="intersects")
    assert inside.size == 0
    districts = district_grid(bounds=bounds)
    assert len(districts) == 24 and shapely.union_all(districts).area == pytest.approx(4_000_000)


def test_true_azimuths_become_grid_azimuths():
    # At Largo grid north is 1.575° east of true north (pyproj's meridian convergence, checked
    # against a geodesic 100 m due north projected to UTM): a camera facing true north faces
    # grid azimuth 358.425°.
    assert meridian_convergence(lon=23.3219, lat=42.6977) == pytest.approx(1.575, abs=1e-3)
    cam = camera_to_metric(lon=23.3219, lat=42.6977, azimuth=0.0, height=6.0, fov=60.0, resolution=1920)
    assert cam.azimuth == pytest.approx(358.425, abs=1e-3)
    back = true_azimuth(x=cam.x, y=cam.y, azimuth=cam.azimuth)
    assert (back + 180.0) % 360.0 - 180.0 == pytest.approx(0.0, abs=1e-9)  # 0° (or 360°) again
    assert grid_azimuth(lon=23.3219, lat=42.6977, azimuth=90.0) == pytest.approx(88.425, abs=1e-3)
    with pytest.raises(InvalidCameraParameters):
        camera_to_metric(lon=23.3219, lat=42.6977, azimuth=400.0, height=6.0, fov=60.0, resolution=1920)
