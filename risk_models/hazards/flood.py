"""River flood depth by return period, modelled from the terrain (HAND) and the mapped rivers.

No official flood map (the Danube Region Basin Directorate's APSFR maps) is in machine-readable
reach, so depths are *modelled*: depth(T) = max(0, stage(T) − HAND), the HAND flood-mapping
approach of Nobre et al. (2016), "HAND contour: a new proxy predictor of inundation extent",
Hydrological Processes 30: 320–333. Every output is marked as modelled and, on the 1 km DEM,
as indicative only.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

import numpy as np
import shapely

from risk_models.hazards.dem import Terrain
from risk_models.hazards.field import CoarseField
from risk_models.hazards.hydrology import (
    d8_receivers,
    fill_depressions,
    flow_accumulation,
    height_above_nearest_drainage,
)

# Water level above the drainage cell's terrain (m) for each return period. PLANNING
# ASSUMPTIONS, not gauged stages: no rating curve for the Iskar or its tributaries is in
# reach. They are of the order of the water depths reported in Sofia's 2005 and 2007 floods
# (about 1–1.5 m in the worst-hit streets) for T = 20, with the usual growth of stage towards
# rare events. Replace them with stages from the Basin Directorate's hazard maps when available.
DEFAULT_STAGE_HEIGHTS_M: Mapping[int, float] = MappingProxyType({20: 1.5, 100: 2.5, 1000: 4.0})
RETURN_PERIODS_YEARS = tuple(sorted(DEFAULT_STAGE_HEIGHTS_M))

# A cell whose upstream area reaches this many km² is part of the drainage network, besides
# the mapped river lines; ~30 km² keeps the main tributaries (Perlovska, Vladayska, Boyanska…)
# that the only river file in reach (the schematic Iskar) does not carry.
DEFAULT_DRAINAGE_THRESHOLD_KM2 = 30.0
# Mapped rivers are burnt this deep below their carved profile before routing, so D8 follows them.
DEFAULT_BURN_DEPTH_M = 10.0

# HAND given to cells whose flow path leaves the terrain grid before meeting a channel: high
# enough never to flood, finite so that bilinear interpolation next to them stays a number.
UNREACHED_HAND_M = 10_000.0

MODELLED_NOTE = "Modelled flood depth (HAND from DEM and river lines), not an official flood map."


@dataclass(frozen=True, eq=False)
class FloodModel:
    """HAND on the terrain grid and the stage height of each return period."""

    hand: CoarseField
    drainage: np.ndarray
    stage_heights_m: Mapping[int, float] = field(default_factory=lambda: dict(DEFAULT_STAGE_HEIGHTS_M))
    note: str = MODELLED_NOTE

    @classmethod
    def from_terrain(
        cls,
        *,
        terrain: Terrain,
        rivers: Sequence[shapely.Geometry],
        drainage_threshold_km2: float = DEFAULT_DRAINAGE_THRESHOLD_KM2,
        burn_depth_m: float = DEFAULT_BURN_DEPTH_M,
        stage_heights_m: Mapping[int, float] | None = None,
    ) -> FloodModel:
        """Route water over the terrain, mark the drainage network and compute HAND (rivers in METRIC_CRS)."""
        z = terrain.elevation.values
        cell = terrain.elevation.cell_size_m
        carved, river_cells, outlets = carve_rivers(elevation=terrain.elevation, rivers=rivers)
        burnt = np.where(river_cells, carved - burn_depth_m, carved)
        surface = fill_depressions(burnt, outlets=outlets)
        receivers = d8_receivers(surface)
        upstream_km2 = flow_accumulation(receivers, cell_area=cell * cell / 1e6).reshape(z.shape)
        drainage = river_cells | (upstream_km2 >= drainage_threshold_km2)
        # Heights come from the carved ground (not burnt, not filled): HAND is how far a cell
        # stands above the channel it drains to, and a mapped channel lies on its carved profile.
        hand = height_above_nearest_drainage(elevation=carved, receivers=receivers, drainage=drainage)
        hand = np.where(np.isfinite(hand), hand, UNREACHED_HAND_M)
        return cls(
            hand=CoarseField(hand, terrain.elevation.left, terrain.elevation.top, cell),
            drainage=drainage,
            stage_heights_m=dict(stage_heights_m or DEFAULT_STAGE_HEIGHTS_M),
            note=f"{MODELLED_NOTE} {terrain.note}",
        )

    def stage_m(self, return_period_years: int) -> float:
        """Stage height (m above the channel) of a return period."""
        return float(self.stage_heights_m[return_period_years])

    def depth(self, *, x: np.ndarray, y: np.ndarray, return_period_years: int) -> np.ndarray:
        """Flood depth (m) at points; HAND is interpolated bilinearly from the terrain grid."""
        return flood_depth(hand=self.hand.bilinear(x, y), stage_m=self.stage_m(return_period_years))


def flood_depth(*, hand: np.ndarray, stage_m: float) -> np.ndarray:
    """max(0, stage − HAND): water above the ground where the stage stands higher than the cell."""
    return np.maximum(stage_m - hand, 0.0)


def carve_rivers(
    *, elevation: CoarseField, rivers: Sequence[shapely.Geometry]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Carve mapped rivers into the terrain so they only ever run downhill; their downstream ends drain out.

    A 1 km DEM averages a narrow gorge with its walls: where the Iskar leaves the Sofia basin
    northwards the GLOBE cells stand ~90 m above the basin floor, and plain filling would turn
    the whole basin into a lake. Along each line (oriented from its higher to its lower end)
    the elevation is replaced by its running minimum, and the last cell becomes an outlet,
    since the river leaves the study area there. Returns (carved elevation, river cells, outlets).
    """
    z = elevation.values
    carved = z.copy()
    river_cells = np.zeros(z.shape, dtype=bool)
    outlets = np.zeros(z.shape, dtype=bool)
    height, width = z.shape
    step = elevation.cell_size_m / 2
    for line in _line_parts(rivers):
        length = line.length
        if length <= 0:
            continue
        distances = np.append(np.arange(0.0, length, step), length)
        points = shapely.line_interpolate_point(line, distances)
        x, y = shapely.get_coordinates(points).T
        cols = np.floor((x - elevation.left) / elevation.cell_size_m).astype(np.intp)
        rows = np.floor((elevation.top - y) / elevation.cell_size_m).astype(np.intp)
        inside = (rows >= 0) & (rows < height) & (cols >= 0) & (cols < width)
        if not inside.any():
            continue
        rows, cols = rows[inside], cols[inside]
        profile = elevation.bilinear(x[inside], y[inside])
        # Downstream is the end whose first (or last) fifth lies lower on average.
        fifth = max(1, profile.size // 5)
        if profile[:fifth].mean() < profile[-fifth:].mean():
            rows, cols, profile = rows[::-1], cols[::-1], profile[::-1]
        running_min = np.minimum.accumulate(profile)
        np.minimum.at(carved, (rows, cols), running_min)
        river_cells[rows, cols] = True
        outlets[rows[-1], cols[-1]] = True
    return carved, river_cells, outlets


def _line_parts(rivers: Sequence[shapely.Geometry]) -> list[shapely.LineString]:
    parts: list[shapely.LineString] = []
    for geometry in rivers:
        if geometry is None or geometry.is_empty:
            continue
        if isinstance(geometry, shapely.LineString):
            parts.append(geometry)
        elif isinstance(geometry, shapely.MultiLineString):
            parts.extend(geometry.geoms)
        else:
            raise TypeError(f"rivers must be lines, got {geometry.geom_type}")
    return parts
