"""Named test cameras and settings for the surveillance core (metres, camera at the origin)."""

from __future__ import annotations

import math

from risk_models.surveillance import CameraGeometry, FovSettings

# 1920 px over 90°: tan 45° = 1, so the DORI ranges are 1920 / (2·ppm):
# detect 38.4 m, observe 15.36 m, recognise 7.68 m, identify 3.84 m.
DETECT_RANGE = 38.4
OBSERVE_RANGE = 15.36
RECOGNISE_RANGE = 7.68
IDENTIFY_RANGE = 3.84

# Arcs drawn almost exactly (1e-6 m chord tolerance), for hand-computed areas.
FINE = FovSettings(arc_tolerance=1e-6, max_arc_step=0.05)


def camera(**overrides) -> CameraGeometry:
    """A 1920 px, 90° camera at the origin looking north, lens at target height (flat geometry)."""
    fields = {"x": 0.0, "y": 0.0, "height": 1.6, "azimuth": 0.0, "fov": 90.0, "resolution": 1920, "tilt": 0.0}
    fields.update(overrides)
    return CameraGeometry(**fields)


def sector_area(*, fov_degrees: float, radius: float, inner_radius: float = 0.0) -> float:
    """θ/2·(r² − r0²), θ in radians."""
    return math.radians(fov_degrees) / 2.0 * (radius**2 - inner_radius**2)
