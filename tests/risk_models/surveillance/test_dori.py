"""DORI arithmetic: pixel density and range, checked against hand-computed values."""

from __future__ import annotations

import math

import numpy as np
import pytest

from risk_models.surveillance import DoriLevel, InvalidCameraParameters, level_at, pixel_density, range_for

from .scenes import DETECT_RANGE, IDENTIFY_RANGE, OBSERVE_RANGE, RECOGNISE_RANGE


def test_levels_carry_en_62676_4_densities_in_order():
    assert [level.pixels_per_metre for level in DoriLevel] == [25.0, 62.5, 125.0, 250.0]
    assert [level.rank for level in DoriLevel] == [1, 2, 3, 4]
    # A str enum: JSON keys and members are interchangeable.
    assert DoriLevel("detect") is DoriLevel.DETECT and {"detect": 1}[DoriLevel.DETECT] == 1


@pytest.mark.parametrize(
    ("level", "expected"),
    [
        # 1920 / (2 · ppm · tan 45°)
        (DoriLevel.DETECT, DETECT_RANGE),
        (DoriLevel.OBSERVE, OBSERVE_RANGE),
        (DoriLevel.RECOGNISE, RECOGNISE_RANGE),
        (DoriLevel.IDENTIFY, IDENTIFY_RANGE),
    ],
)
def test_range_for_1920_px_over_90_degrees(level, expected):
    assert range_for(level=level, resolution=1920, fov=90.0) == pytest.approx(expected, rel=1e-12)


def test_range_is_capped_by_max_range():
    # 3840 px over 30°: 3840 / (2·25·tan 15°) = 286.6 m, capped at 100 m.
    assert range_for(level=DoriLevel.DETECT, resolution=3840, fov=30.0) == pytest.approx(
        3840 / (50 * math.tan(math.radians(15))), rel=1e-12
    )
    assert range_for(level=DoriLevel.DETECT, resolution=3840, fov=30.0, max_range=100.0) == 100.0


def test_pixel_density_is_resolution_over_scene_width():
    # At 10 m a 90° view is 20 m wide: 1920 / 20 = 96 px/m; works on arrays too.
    assert pixel_density(distance=10.0, resolution=1920, fov=90.0) == pytest.approx(96.0)
    assert np.allclose(
        pixel_density(distance=np.array([10.0, 20.0]), resolution=1920, fov=90.0), [96.0, 48.0]
    )


def test_level_at_distance():
    assert level_at(distance=3.0, resolution=1920, fov=90.0) is DoriLevel.IDENTIFY
    assert (
        level_at(distance=IDENTIFY_RANGE, resolution=1920, fov=90.0) is DoriLevel.IDENTIFY
    )  # boundary counts
    assert level_at(distance=10.0, resolution=1920, fov=90.0) is DoriLevel.OBSERVE
    assert level_at(distance=38.0, resolution=1920, fov=90.0) is DoriLevel.DETECT
    assert level_at(distance=39.0, resolution=1920, fov=90.0) is None


@pytest.mark.parametrize(
    ("fov", "resolution"), [(0.0, 1920), (180.0, 1920), (-10.0, 1920), (90.0, 0), (90.0, -5)]
)
def test_bad_optics_raise(fov, resolution):
    with pytest.raises(InvalidCameraParameters) as caught:
        range_for(level=DoriLevel.DETECT, resolution=resolution, fov=fov)
    assert isinstance(caught.value, ValueError)
