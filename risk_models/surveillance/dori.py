"""DORI levels of EN 62676-4 and the pixel-density arithmetic behind them."""

from __future__ import annotations

import math
from enum import StrEnum

import numpy as np

from .errors import InvalidCameraParameters


class DoriLevel(StrEnum):
    """A DORI purpose; a str, so "detect" and DoriLevel.DETECT are the same dict key (JSON-friendly)."""

    DETECT = "detect"
    OBSERVE = "observe"
    RECOGNISE = "recognise"
    IDENTIFY = "identify"

    @property
    def pixels_per_metre(self) -> float:
        """Pixel density on target this purpose needs (EN 62676-4)."""
        return _PIXELS_PER_METRE[self]

    @property
    def rank(self) -> int:
        """1 for detect … 4 for identify: higher is a more demanding purpose."""
        return LEVELS.index(self) + 1


_PIXELS_PER_METRE = {
    DoriLevel.DETECT: 25.0,
    DoriLevel.OBSERVE: 62.5,
    DoriLevel.RECOGNISE: 125.0,
    DoriLevel.IDENTIFY: 250.0,
}

# Weakest (farthest) to strongest (nearest) purpose; the fields of view are nested in this order.
LEVELS: tuple[DoriLevel, ...] = (
    DoriLevel.DETECT,
    DoriLevel.OBSERVE,
    DoriLevel.RECOGNISE,
    DoriLevel.IDENTIFY,
)


def check_fov(fov: float) -> None:
    """Raise InvalidCameraParameters unless 0 < fov < 180 degrees."""
    if not (math.isfinite(fov) and 0.0 < fov < 180.0):
        raise InvalidCameraParameters(parameter="fov", value=fov, expected="0 < fov < 180 degrees")


def check_resolution(resolution: float) -> None:
    """Raise InvalidCameraParameters unless the horizontal resolution is a positive pixel count."""
    if not (math.isfinite(resolution) and resolution > 0):
        raise InvalidCameraParameters(
            parameter="resolution", value=resolution, expected="a positive number of horizontal pixels"
        )


def pixel_density(*, distance: float | np.ndarray, resolution: float, fov: float) -> float | np.ndarray:
    """Pixels per metre on a target at `distance` m: R / (2·d·tan(FOV/2)); works on arrays too."""
    check_fov(fov)
    check_resolution(resolution)
    width = 2.0 * np.asarray(distance, dtype=float) * math.tan(math.radians(fov) / 2.0)
    with np.errstate(divide="ignore"):
        density = resolution / width
    return float(density) if np.ndim(density) == 0 else density


def range_for(*, level: DoriLevel, resolution: float, fov: float, max_range: float = math.inf) -> float:
    """Farthest distance (m) at which `level` is reached: R / (2·ppm·tan(FOV/2)), capped at max_range."""
    check_fov(fov)
    check_resolution(resolution)
    level = DoriLevel(level)
    distance = resolution / (2.0 * level.pixels_per_metre * math.tan(math.radians(fov) / 2.0))
    return min(distance, max_range)


def level_at(*, distance: float, resolution: float, fov: float) -> DoriLevel | None:
    """The most demanding level reached at `distance` m, or None when even detection fails."""
    density = pixel_density(distance=distance, resolution=resolution, fov=fov)
    reached = None
    for level in LEVELS:
        # A tiny relative tolerance: the range formula's own distance must count as reached.
        if density >= level.pixels_per_metre * (1.0 - 1e-12):
            reached = level
    return reached
