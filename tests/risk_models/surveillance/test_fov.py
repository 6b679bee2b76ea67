"""Fields of view: open sectors, occlusion by buildings, the vertical model and bad input."""

from __future__ import annotations

import math

import numpy as np
import pytest
import shapely

from risk_models.surveillance import (
    BuildingIndex,
    CameraGeometry,
    CameraModel,
    DoriLevel,
    FovSettings,
    InvalidCameraParameters,
    fields_of_view,
    fields_of_view_many,
    reach,
    sector,
)
from risk_models.surveillance.synthetic import synthetic_buildings, synthetic_cameras

from .scenes import DETECT_RANGE, FINE, OBSERVE_RANGE, RECOGNISE_RANGE, camera, sector_area


def test_open_sector_area_is_half_theta_r_squared():
    area = sector(camera=camera(), radius=DETECT_RANGE, settings=FINE).area
    # θ/2·r² = (π/2)/2 · 38.4² = 1158.12 m²
    assert area == pytest.approx(math.pi / 4 * DETECT_RANGE**2, rel=1e-6)


def test_default_arcs_are_chords_within_tolerance():
    # Default: 0.05 m chord tolerance → 5° steps at 38.4 m, i.e. 18 chords over 90°:
    # 18 triangles of ½·r²·sin 5°, 0.13 % below θ/2·r².
    area = sector(camera=camera(), radius=DETECT_RANGE).area
    assert area == pytest.approx(18 * 0.5 * DETECT_RANGE**2 * math.sin(math.radians(5)), rel=1e-9)
    assert area == pytest.approx(sector_area(fov_degrees=90, radius=DETECT_RANGE), rel=2e-3)


def test_open_fields_are_nested_sectors_at_dori_ranges():
    fields = fields_of_view(camera=camera(azimuth=123.0), settings=FINE)
    for level, radius in [(DoriLevel.DETECT, DETECT_RANGE), (DoriLevel.OBSERVE, OBSERVE_RANGE)]:
        assert fields[level].area == pytest.approx(sector_area(fov_degrees=90, radius=radius), rel=1e-6)
    levels = list(DoriLevel)
    for wider, narrower in zip(levels, levels[1:], strict=False):
        assert fields[wider].buffer(1e-6).covers(fields[narrower])


def test_azimuth_is_clockwise_from_north():
    east = fields_of_view(camera=camera(azimuth=90.0))[DoriLevel.DETECT]
    centroid = east.centroid
    assert centroid.x > 20 and abs(centroid.y) < 1e-6


def test_wall_across_the_view_leaves_a_triangle():
    # A long building from y = 10 to 12 across the whole 90° view: the camera sees the
    # triangle (0,0), (−10,10), (10,10) — ½·20·10 = 100 m² — at detect and observe alike
    # (the corners are 14.1 m away, within observe's 15.36 m); recognise (7.68 m) is untouched.
    buildings = BuildingIndex([shapely.box(-50, 10, 50, 12)])
    fields = fields_of_view(camera=camera(), buildings=buildings, settings=FINE)
    assert fields[DoriLevel.DETECT].area == pytest.approx(100.0, rel=1e-6)
    assert fields[DoriLevel.OBSERVE].area == pytest.approx(100.0, rel=1e-6)
    assert fields[DoriLevel.RECOGNISE].area == pytest.approx(
        sector_area(fov_degrees=90, radius=RECOGNISE_RANGE)
    )


@pytest.mark.parametrize("method", ["rays", "shadows"])
def test_wall_covering_half_the_view(method):
    # The building covers bearings 0°–45° from y = 10: that half is a right triangle of
    # legs 10 and 10 (50 m²); the other half stays an open 45° sector: π/8·38.4² = 579.06 m².
    buildings = BuildingIndex([shapely.box(0, 10, 50, 12)])
    area = fields_of_view(camera=camera(), buildings=buildings, settings=FINE, method=method)[
        DoriLevel.DETECT
    ].area
    assert area == pytest.approx(50.0 + math.pi / 8 * DETECT_RANGE**2, rel=1e-5)


def test_building_behind_the_camera_changes_nothing():
    buildings = BuildingIndex([shapely.box(-5, -20, 5, -10)])
    occluded = fields_of_view(camera=camera(), buildings=buildings)
    open_ = fields_of_view(camera=camera())
    for level in DoriLevel:
        assert occluded[level].equals(open_[level])


def test_the_building_a_camera_hangs_on_does_not_blind_it():
    # The camera is on the north facade of its building, looking north (away from it).
    buildings = BuildingIndex([shapely.box(-5, -10, 5, 0)])
    fields = fields_of_view(camera=camera(), buildings=buildings)
    assert fields[DoriLevel.DETECT].equals(fields_of_view(camera=camera())[DoriLevel.DETECT])


def test_vertical_model_blind_zone_under_the_camera():
    # Lens 6 m above a 1.6 m target (height 7.6). 16:9 and 90° give a vertical FOV of
    # 2·atan(tan 45° · 9/16) = 58.72°; tilting by 45° − 29.36° puts the image's lower edge at 45°
    # below the horizon, so the blind radius is 6 / tan 45° = 6 m. Detection needs a slant
    # distance ≤ 38.4 m: ground radius √(38.4² − 6²) = 37.93 m.
    half_vertical = math.degrees(math.atan(9 / 16))
    tilted = camera(height=7.6, tilt=45.0 - half_vertical)
    bounds = reach(camera=tilted)
    assert bounds.inner == pytest.approx(6.0)
    assert bounds.radii[DoriLevel.DETECT] == pytest.approx(math.sqrt(DETECT_RANGE**2 - 36.0))
    # Recognise needs ≤ 7.68 m slant, i.e. ≤ 4.79 m on the ground: inside the blind zone.
    fields = fields_of_view(camera=tilted, settings=FINE)
    assert fields[DoriLevel.RECOGNISE].is_empty and fields[DoriLevel.IDENTIFY].is_empty
    expected = sector_area(fov_degrees=90, radius=math.sqrt(DETECT_RANGE**2 - 36.0), inner_radius=6.0)
    assert fields[DoriLevel.DETECT].area == pytest.approx(expected, rel=1e-6)


def test_steep_tilt_limits_the_far_range():
    # Tilted 45° beyond half the vertical FOV, the image's upper edge meets the target plane at
    # 6 / tan 45° = 6 m: nothing farther is seen, whatever the resolution.
    half_vertical = math.degrees(math.atan(9 / 16))
    steep = camera(height=7.6, tilt=45.0 + half_vertical)
    fields = fields_of_view(camera=steep, settings=FINE)
    assert reach(camera=steep).inner == 0.0
    assert fields[DoriLevel.DETECT].area == pytest.approx(sector_area(fov_degrees=90, radius=6.0), rel=1e-6)


def test_flat_model_ignores_height_and_tilt():
    flat = FovSettings(vertical=False, arc_tolerance=1e-6, max_arc_step=0.05)
    fields = fields_of_view(camera=camera(height=12.0, tilt=30.0), settings=flat)
    assert fields[DoriLevel.DETECT].area == pytest.approx(
        sector_area(fov_degrees=90, radius=DETECT_RANGE), rel=1e-6
    )


def test_max_range_caps_every_level():
    fields = fields_of_view(
        camera=camera(), settings=FovSettings(max_range=10.0, arc_tolerance=1e-6, max_arc_step=0.05)
    )
    assert fields[DoriLevel.DETECT].area == pytest.approx(sector_area(fov_degrees=90, radius=10.0), rel=1e-6)


def test_sweep_agrees_with_shadow_polygons_on_a_synthetic_town():
    # Two independent algorithms on 400 rotated buildings and 60 cameras in 600 m × 600 m.
    bounds = (0.0, 0.0, 600.0, 600.0)
    footprints = synthetic_buildings(bounds=bounds, count=400, seed=7, spread=150.0)
    cameras = synthetic_cameras(bounds=bounds, count=60, seed=8, buildings=footprints, spread=150.0)
    index = BuildingIndex(footprints)
    swept = fields_of_view_many(cameras=cameras, buildings=index)
    total, difference = 0.0, 0.0
    for cam, fields in zip(cameras, swept, strict=True):
        shadowed = fields_of_view(camera=cam, buildings=index, method="shadows")
        for level in DoriLevel:
            assert fields[level].is_valid
            total += shadowed[level].area
            difference += fields[level].symmetric_difference(shadowed[level]).area
    assert total > 10_000  # the scene does occlude and see something
    assert difference < 1e-3 * total


def test_nothing_is_seen_inside_buildings():
    footprints = synthetic_buildings(bounds=(0.0, 0.0, 300.0, 300.0), count=150, seed=3, spread=60.0)
    cameras = synthetic_cameras(bounds=(0.0, 0.0, 300.0, 300.0), count=20, seed=4, buildings=footprints)
    index = BuildingIndex(footprints)
    solid = shapely.union_all(footprints)
    for cam in cameras:
        seen = fields_of_view(camera=cam, buildings=index)[DoriLevel.DETECT]
        # Up to float noise on shared edges: well under a square centimetre per camera.
        assert seen.intersection(solid).area < 1e-4


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("azimuth", 400.0),
        ("azimuth", -1.0),
        ("fov", 0.0),
        ("fov", 180.0),
        ("height", -2.0),
        ("resolution", 0),
        ("tilt", 120.0),
        ("x", float("nan")),
    ],
)
def test_bad_camera_parameters_raise_a_clear_value_error(field, value):
    with pytest.raises(InvalidCameraParameters) as caught:
        camera(**{field: value})
    error = caught.value
    assert isinstance(error, ValueError)
    assert error.parameter == field and str(value) in str(error) and field in str(error)


def test_camera_model_mounts_into_a_validated_camera():
    model = CameraModel(height=6.0, fov=60.0, resolution=2560, tilt=10.0)
    mounted = model.at(x=1.0, y=2.0, azimuth=270.0)
    assert isinstance(mounted, CameraGeometry) and (mounted.x, mounted.azimuth, mounted.fov) == (
        1.0,
        270.0,
        60.0,
    )
    with pytest.raises(InvalidCameraParameters):
        model.at(x=1.0, y=2.0, azimuth=361.0)


def test_fields_of_view_many_keeps_order():
    cams = [camera(azimuth=a) for a in (0.0, 90.0, 180.0)]
    fields = fields_of_view_many(cameras=cams)
    centroids = [f[DoriLevel.DETECT].centroid for f in fields]
    assert centroids[0].y > 0 and centroids[1].x > 0 and centroids[2].y < 0
    assert np.allclose([f[DoriLevel.DETECT].area for f in fields], fields[0][DoriLevel.DETECT].area)


# Heights: a lens 8 m up, flat geometry (no blind zone), a 0.5 m thick wall from y = 10 to 10.5
# across the whole 90° view.
FLAT = FovSettings(arc_tolerance=1e-6, max_arc_step=0.05, vertical=False)
WALL = shapely.box(-50, 10, 50, 10.5)


def _detect(height_m):
    buildings = BuildingIndex([WALL], [height_m])
    return fields_of_view(camera=camera(height=8.0), buildings=buildings, settings=FLAT)[DoriLevel.DETECT]


def test_a_low_wall_hides_only_a_bounded_strip_behind_it():
    # A 2 m wall: the sight line from 8 m to the ground clears its back edge (10.5 m) from
    # D = 10.5 · 8 / (8 − 2) = 14 m on. Hidden in the 90° wedge: ∫ 2y dy from 10 to 14 = 96 m².
    field = _detect(2.0)
    assert field.area == pytest.approx(math.pi / 4 * DETECT_RANGE**2 - 96.0, rel=1e-5)
    assert not field.contains(shapely.Point(0, 13.9)) and not field.contains(shapely.Point(0, 10.2))
    assert field.contains(shapely.Point(0, 14.1)) and field.contains(shapely.Point(0, 30))


def test_a_block_as_tall_as_the_lens_or_of_unknown_height_hides_everything_behind():
    # Only the triangle (0,0), (−10,10), (10,10) in front of the wall stays seen: 100 m².
    for height in (8.0, 25.0, None):
        assert _detect(height).area == pytest.approx(100.0, rel=1e-6)
