"""River flood depth by return period, modelled from the terrain (HAND) and the mapped rivers.

No official flood map (the Danube Region Basin Directorate's APSFR maps) is in machine-readable
reach, so depths are *modelled*: depth(T) = max(0, stage(T) − HAND), the HAND flood-mapping
approach of Nobre et al. (2016), "HAND contour: a new proxy predictor of inundation extent",
Hydrological Processes 30: 320–333. Every output is marked as modelled and, on the 1 km DEM,
as indicative only.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from types import MappingProxyType

import numpy as np
import shapely

from risk_models.hazards.dem import Terrain
from risk_models.hazards.field import CoarseField
from risk_models.hazards.hydrology import (
    d8_receivers,
    drain_targets,
    fill_depressions,
    flow_accumulation,
)
from risk_models.hazards.notes import Note, english

# Water level above the drainage cell's terrain (m) for each return period. PLANNING
# ASSUMPTIONS, not gauged stages: no rating curve for the Iskar or its tributaries is in
# reach. They are of the order of the water depths reported in Sofia's 2005 and 2007 floods
# (about 1–1.5 m in the worst-hit streets) for T = 20, with the usual growth of stage towards
# rare events. Replace them with stages from the Basin Directorate's hazard maps when available.
DEFAULT_STAGE_HEIGHTS_M: Mapping[int, float] = MappingProxyType({20: 1.5, 100: 2.5, 1000: 4.0})
RETURN_PERIODS_YEARS = tuple(sorted(DEFAULT_STAGE_HEIGHTS_M))

STAGE_NOTE = "planning assumption, not gauged"


@dataclass(frozen=True)
class RatingCurve:
    """A synthetic stage for every reach: discharge scaled by catchment area, depth by Manning's equation.

    Q_T = q100 · A^area_exponent · growth[T]  (m³/s, A in km²): the regional flood formula form
        Q ∝ A^0.8 (e.g. NERC (1975) Flood Studies Report; Bulgarian regional flood formulas use
        the same form) — PLANNING ASSUMPTION for q100 and the growth factors, not gauged;
    W = width_coefficient · Q^0.5: downstream hydraulic geometry (Leopold & Maddock 1953);
    h = (n · Q / (W · √S))^(3/5): Manning's equation for a wide rectangular channel (R ≈ h),
        n = 0.035 (natural channel, Chow 1959, Table 5-6, "clean, winding, some pools");
    stage = h, clipped to [min_stage_m, max_stage_m]; S = the channel's slope, at least min_slope.
    """

    q100_m3s_per_km2: float = 2.0
    area_exponent: float = 0.8
    growth: Mapping[int, float] = field(default_factory=lambda: {20: 0.6, 100: 1.0, 1000: 1.7})
    width_coefficient: float = 2.5
    manning_n: float = 0.035
    min_slope: float = 0.001
    min_stage_m: float = 0.3
    max_stage_m: float = 6.0

    def discharge_m3s(self, *, area_km2: np.ndarray, return_period_years: int) -> np.ndarray:
        area = np.maximum(np.asarray(area_km2, dtype=np.float64), 0.0)
        return self.q100_m3s_per_km2 * area**self.area_exponent * self.growth[return_period_years]

    def depth_m(self, *, discharge_m3s: np.ndarray, slope: np.ndarray) -> np.ndarray:
        """Manning normal depth (m) in a wide rectangular channel of width W = c·Q^0.5."""
        q = np.maximum(np.asarray(discharge_m3s, dtype=np.float64), 1e-9)
        width = self.width_coefficient * np.sqrt(q)
        s = np.maximum(np.asarray(slope, dtype=np.float64), self.min_slope)
        return (self.manning_n * q / (width * np.sqrt(s))) ** 0.6

    def stage_m(self, *, area_km2: np.ndarray, slope: np.ndarray, return_period_years: int) -> np.ndarray:
        depth = self.depth_m(
            discharge_m3s=self.discharge_m3s(area_km2=area_km2, return_period_years=return_period_years),
            slope=slope,
        )
        return np.clip(depth, self.min_stage_m, self.max_stage_m)

    def as_note(self) -> Note:
        """The curve as a model note (the same numbers as `describe`)."""
        return Note(
            "flood.rating_curve",
            {
                "q100": self.q100_m3s_per_km2,
                "area_exponent": self.area_exponent,
                "growth": ", ".join(f"T{t}: {g:g}" for t, g in sorted(self.growth.items())),
                "width_coefficient": self.width_coefficient,
                "manning_n": self.manning_n,
                "min_slope": self.min_slope,
                "min_stage_m": self.min_stage_m,
                "max_stage_m": self.max_stage_m,
            },
        )

    def describe(self) -> str:
        growth = ", ".join(f"T{t}: {g:g}" for t, g in sorted(self.growth.items()))
        return (
            f"Stage per reach from a synthetic rating curve ({STAGE_NOTE}): Q = {self.q100_m3s_per_km2:g}·A^"
            f"{self.area_exponent:g} m³/s × growth ({growth}); W = {self.width_coefficient:g}·Q^0.5; Manning "
            f"n = {self.manning_n:g}, slope ≥ {self.min_slope:g}; stage {self.min_stage_m:g}–{self.max_stage_m:g} m."
        )


DEFAULT_RATING_CURVE = RatingCurve()

# A cell whose upstream area reaches this many km² is part of the drainage network, besides
# the mapped river lines; ~30 km² keeps the main tributaries (Perlovska, Vladayska, Boyanska…)
# that the only river file in reach (the schematic Iskar) does not carry.
DEFAULT_DRAINAGE_THRESHOLD_KM2 = 30.0
# Mapped rivers are burnt this deep below their carved profile before routing, so D8 follows them.
DEFAULT_BURN_DEPTH_M = 10.0

# HAND given to cells whose flow path leaves the terrain grid before meeting a channel: high
# enough never to flood, finite so that bilinear interpolation next to them stays a number.
UNREACHED_HAND_M = 10_000.0

MODELLED_NOTE = Note("flood.modelled")


@dataclass(frozen=True, eq=False)
class FloodModel:
    """HAND on the terrain grid and the stage height of each return period."""

    hand: CoarseField
    drainage: np.ndarray
    stage_heights_m: Mapping[int, float] = field(default_factory=lambda: dict(DEFAULT_STAGE_HEIGHTS_M))
    notes: tuple[Note, ...] = (MODELLED_NOTE,)
    # Per terrain cell: the upstream area (km²) and channel slope of the drainage cell it drains
    # to (NaN where it reaches none). With them the stage comes from the rating curve per reach;
    # without them (tests, a flat stage) stage_heights_m applies everywhere.
    target_area_km2: CoarseField | None = None
    target_slope: CoarseField | None = None
    rating: RatingCurve | None = None
    reaches: tuple[dict, ...] = ()

    @classmethod
    def from_terrain(
        cls,
        *,
        terrain: Terrain,
        rivers: Sequence[shapely.Geometry],
        drainage_threshold_km2: float = DEFAULT_DRAINAGE_THRESHOLD_KM2,
        burn_depth_m: float = DEFAULT_BURN_DEPTH_M,
        stage_heights_m: Mapping[int, float] | None = None,
        rating: RatingCurve | None = DEFAULT_RATING_CURVE,
        river_names: Sequence[str | None] = (),
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
        flat_z = carved.ravel()
        target = drain_targets(receivers=receivers, drainage=drainage.ravel())
        reached = target >= 0
        hand = np.full(flat_z.size, UNREACHED_HAND_M)
        hand[reached] = np.maximum(flat_z[reached] - flat_z[target[reached]], 0.0)
        hand = hand.reshape(z.shape)
        # Channel slope at each cell: the drop to its D8 receiver over the step's length.
        own = np.arange(flat_z.size)
        rows, cols = np.divmod(own, z.shape[1])
        rrows, rcols = np.divmod(receivers, z.shape[1])
        step = np.hypot(rows - rrows, cols - rcols) * cell
        slope = np.divide(flat_z - flat_z[receivers], step, out=np.zeros(flat_z.size), where=step > 0)
        area = upstream_km2.ravel()
        target_area = np.where(reached, area[np.maximum(target, 0)], np.nan).reshape(z.shape)
        target_slope = np.where(reached, slope[np.maximum(target, 0)], np.nan).reshape(z.shape)
        left, top = terrain.elevation.left, terrain.elevation.top
        if rating is None:
            return cls(
                hand=CoarseField(hand, left, top, cell),
                drainage=drainage,
                stage_heights_m=dict(stage_heights_m or DEFAULT_STAGE_HEIGHTS_M),
                notes=(MODELLED_NOTE, Note("flood.flat_stage"), *terrain.notes),
            )
        model = cls(
            hand=CoarseField(hand, left, top, cell),
            drainage=drainage,
            stage_heights_m=dict(stage_heights_m or DEFAULT_STAGE_HEIGHTS_M),
            notes=(MODELLED_NOTE, rating.as_note(), *terrain.notes),
            target_area_km2=CoarseField(target_area, left, top, cell),
            target_slope=CoarseField(target_slope, left, top, cell),
            rating=rating,
        )
        reaches = reach_table(
            model=model,
            rivers=rivers,
            names=river_names,
            upstream_km2=upstream_km2,
            slope=slope.reshape(z.shape),
        )
        return replace(model, reaches=tuple(reaches))

    @property
    def note(self) -> str:
        """The notes in the core's English."""
        return english(self.notes)

    def stage_m(self, return_period_years: int) -> float:
        """The flat stage (m above the channel) of a return period, used when no rating curve applies."""
        return float(self.stage_heights_m[return_period_years])

    def stage_at(self, *, x: np.ndarray, y: np.ndarray, return_period_years: int) -> np.ndarray:
        """Stage (m) of the reach each point drains to (the flat stage without a rating curve)."""
        if self.rating is None or self.target_area_km2 is None:
            return np.full(np.broadcast_shapes(np.shape(x), np.shape(y)), self.stage_m(return_period_years))
        area = self.target_area_km2.nearest(x, y)
        slope = self.target_slope.nearest(x, y)
        stage = self.rating.stage_m(
            area_km2=np.nan_to_num(area), slope=np.nan_to_num(slope), return_period_years=return_period_years
        )
        return np.where(np.isfinite(area), stage, 0.0)

    def depth(self, *, x: np.ndarray, y: np.ndarray, return_period_years: int) -> np.ndarray:
        """Flood depth (m) at points; HAND is interpolated bilinearly from the terrain grid."""
        return flood_depth(
            hand=self.hand.bilinear(x, y),
            stage_m=self.stage_at(x=x, y=y, return_period_years=return_period_years),
        )


def reach_table(
    *,
    model: FloodModel,
    rivers: Sequence[shapely.Geometry],
    names: Sequence[str | None],
    upstream_km2: np.ndarray,
    slope: np.ndarray,
) -> list[dict]:
    """Per named river: the largest upstream area on it and the stage range of each return period."""
    field_ = model.hand
    by_name: dict[str, list[int]] = {}
    height, width = upstream_km2.shape
    for line, name in zip(rivers, list(names) + [None] * (len(rivers) - len(names)), strict=False):
        if not name or line is None or line.is_empty:
            continue
        points = shapely.line_interpolate_point(
            line, np.linspace(0, line.length, max(2, int(line.length // 100)))
        )
        x, y = shapely.get_coordinates(points).T
        cols = np.floor((x - field_.left) / field_.cell_size_m).astype(np.intp)
        rows = np.floor((field_.top - y) / field_.cell_size_m).astype(np.intp)
        inside = (rows >= 0) & (rows < height) & (cols >= 0) & (cols < width)
        by_name.setdefault(name, []).extend((rows[inside] * width + cols[inside]).tolist())
    table = []
    for name, cells in sorted(by_name.items()):
        if not cells:
            continue
        cells_array = np.unique(np.asarray(cells))
        area = upstream_km2.ravel()[cells_array]
        s = slope.ravel()[cells_array]
        row = {"name": name, "upstream_km2_max": float(area.max()), "stage_note": STAGE_NOTE, "stages_m": {}}
        for period in RETURN_PERIODS_YEARS:
            stage = model.rating.stage_m(area_km2=area, slope=s, return_period_years=period)
            row["stages_m"][str(period)] = {"min": float(stage.min()), "max": float(stage.max())}
        table.append(row)
    return table


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
