"""Landslide susceptibility: classes from terrain slope, raised inside known landslide zones."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import shapely
from rasterio.features import rasterize

from risk_models.hazards.dem import Terrain
from risk_models.hazards.field import CoarseField
from risk_models.hazards.notes import Note, english

# Susceptibility classes are coded 1–5: very low, low, moderate, high, very high.
NOT_ASSESSED = 0  # the class code where the inputs cannot resolve the hazard
# Slope classes need relief the DEM resolves: a 1 km cell averages a hillside with its valley
# (the GLOBE DEM's steepest cell in the municipality is ~27°, where the terrain has 40°+), so
# "low" there would mean "not seen", not "no hazard". Cells whose DEM is coarser than this are
# NOT ASSESSED unless a known landslide zone covers them. ASSUMPTION: 200 m admits the 160 m
# SRTM-derived DEM, itself still coarse for slope (it under-rates steep ground).
MAX_ASSESSABLE_DEM_RESOLUTION_M = 200.0
# Slope breaks (degrees) between the classes: the usual first-pass heuristic for 25–90 m DEMs.
# The 1 km GLOBE DEM smooths slopes (its steepest cell in the municipality is ~27°), so on it
# the classes under-rate susceptibility; known zones, where given, override upwards.
DEFAULT_SLOPE_BREAKS_DEG = (5.0, 15.0, 25.0, 35.0)


@dataclass(frozen=True)
class LandslideZone:
    """A known landslide or landslide-prone area (lon/lat polygon) and its susceptibility class code (1–5)."""

    zone_id: str
    geometry: shapely.Geometry
    susceptibility: int = 5

    def __post_init__(self) -> None:
        if self.susceptibility not in range(1, 6):
            raise ValueError("susceptibility must be a class code 1–5")


def susceptibility_from_slope(
    slope_deg: np.ndarray, *, breaks_deg: Sequence[float] = DEFAULT_SLOPE_BREAKS_DEG
) -> np.ndarray:
    """Class code 1–5 for each slope (degrees)."""
    return (np.searchsorted(np.asarray(breaks_deg), np.asarray(slope_deg), side="right") + 1).astype(np.uint8)


@dataclass(frozen=True, eq=False)
class LandslideModel:
    """Slope (degrees) on the terrain grid and known zones in METRIC_CRS."""

    slope_deg: CoarseField
    zones: tuple[tuple[shapely.Geometry, int], ...]
    breaks_deg: tuple[float, ...] = DEFAULT_SLOPE_BREAKS_DEG
    notes: tuple[Note, ...] = ()
    resolution_m: CoarseField | None = None  # source DEM resolution per terrain cell
    max_resolution_m: float = MAX_ASSESSABLE_DEM_RESOLUTION_M

    @classmethod
    def from_terrain(
        cls,
        *,
        terrain: Terrain,
        zones: Sequence[tuple[shapely.Geometry, int]] = (),
        breaks_deg: Sequence[float] = DEFAULT_SLOPE_BREAKS_DEG,
    ) -> LandslideModel:
        """Slope from the terrain; zones are (METRIC_CRS polygon, class code) pairs."""
        gradient = terrain.slope()
        degrees = np.degrees(np.arctan(gradient.values))
        # Highest class last, so where zones overlap the higher class wins when rasterised.
        ordered = tuple(sorted(zones, key=lambda zone: zone[1]))
        resolution = terrain.resolution_m
        if resolution is None:
            resolution = CoarseField(
                np.full(terrain.elevation.shape, terrain.source_resolution_m),
                terrain.elevation.left,
                terrain.elevation.top,
                terrain.elevation.cell_size_m,
            )
        return cls(
            slope_deg=CoarseField(degrees, gradient.left, gradient.top, gradient.cell_size_m),
            zones=ordered,
            breaks_deg=tuple(breaks_deg),
            notes=(
                Note("landslide.slope_classes", {"max_resolution_m": MAX_ASSESSABLE_DEM_RESOLUTION_M}),
                *terrain.notes,
            ),
            resolution_m=resolution,
        )

    @property
    def note(self) -> str:
        """The notes in the core's English."""
        return english(self.notes)

    def susceptibility(
        self, *, x: np.ndarray, y: np.ndarray, window_transform=None, shape=None
    ) -> np.ndarray:
        """Class code 1–5 at points; on a grid window (transform and shape given) known zones apply too."""
        classes = susceptibility_from_slope(self.slope_deg.bilinear(x, y), breaks_deg=self.breaks_deg)
        if self.resolution_m is not None:
            coarse = self.resolution_m.nearest(x, y) > self.max_resolution_m
            classes = np.where(coarse, NOT_ASSESSED, classes).astype(np.uint8)
        if self.zones and window_transform is not None:
            zone_classes = rasterize(
                self.zones, out_shape=shape, transform=window_transform, fill=0, dtype="uint8"
            )
            classes = np.maximum(classes, zone_classes)
        elif self.zones:
            xb, yb = np.broadcast_arrays(x, y)
            for geometry, code in self.zones:
                inside = shapely.contains_xy(geometry, xb, yb)
                classes = np.where(inside, np.maximum(classes, code), classes).astype(np.uint8)
        return classes
