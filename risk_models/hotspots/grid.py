"""A hexagonal grid in metres (UTM 34N) over a study area, and the points counted into it.

Flat-topped hexagons of `size_m` across the flats (the distance between the centres of two
neighbours); each has six neighbours sharing an edge. Cells are addressed by axial
coordinates (q, r); every cell that touches the area is kept, so no incident inside the
area falls outside the grid.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from .errors import InvalidParameter

MIN_CELL_M = 25.0
# Axial neighbour offsets of a hexagon (the same for flat- and pointy-topped layouts).
_NEIGHBOURS = ((1, 0), (-1, 0), (0, 1), (0, -1), (1, -1), (-1, 1))


@dataclass(frozen=True)
class HexGrid:
    """The cells of a hexagonal grid inside an area: axial coordinates and centres, in metres."""

    size_m: float
    q: np.ndarray  # int64, one per cell
    r: np.ndarray
    x: np.ndarray  # float64 centres
    y: np.ndarray

    @property
    def count(self) -> int:
        return int(self.q.size)

    @property
    def cell_area_m2(self) -> float:
        # A hexagon of width w across the flats has area (√3 / 2) · w².
        return math.sqrt(3) / 2 * self.size_m**2

    def neighbours(self) -> list[list[int]]:
        """Each cell's neighbouring cells in the grid (indices), edge-sharing only."""
        found = np.stack([self._lookup(self.q + dq, self.r + dr) for dq, dr in _NEIGHBOURS], axis=1)
        return [row[row >= 0].tolist() for row in found]

    def cell_of(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        """The index of the cell holding each point, or -1 outside the grid's cells."""
        q, r = _axial_round(*_to_axial(np.asarray(x, float), np.asarray(y, float), self.size_m))
        return self._lookup(q, r)

    def _lookup(self, q: np.ndarray, r: np.ndarray) -> np.ndarray:
        """Cell indices of axial coordinates through a dense table over the grid's extent (-1: none)."""
        q0, r0 = int(self.q.min()), int(self.r.min())
        table = np.full((int(self.q.max()) - q0 + 1, int(self.r.max()) - r0 + 1), -1, dtype=np.int64)
        table[self.q - q0, self.r - r0] = np.arange(self.count)
        i, j = q - q0, r - r0
        inside = (i >= 0) & (i < table.shape[0]) & (j >= 0) & (j < table.shape[1])
        result = np.full(q.shape, -1, dtype=np.int64)
        result[inside] = table[i[inside], j[inside]]
        return result

    def counts(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        """How many of the points fall in each cell (points outside every cell are not counted)."""
        cells = self.cell_of(x, y)
        return np.bincount(cells[cells >= 0], minlength=self.count).astype(float)

    def polygons(self) -> np.ndarray:
        """Each cell as a shapely polygon in metres (an array of them)."""
        return _hexagons(self.x, self.y, self.size_m)


def hex_grid(area: BaseGeometry, *, size_m: float) -> HexGrid:
    """The flat-topped hexagons of `size_m` across the flats whose centres lie in `area` (metres)."""
    if not math.isfinite(size_m) or size_m < MIN_CELL_M:
        raise InvalidParameter(
            f"cell size {size_m} m", parameter="cell_size_m", expected=f"at least {MIN_CELL_M:g} m"
        )
    if area.is_empty:
        raise InvalidParameter("empty area", parameter="area", expected="a non-empty polygon")
    minx, miny, maxx, maxy = area.bounds
    radius = size_m / math.sqrt(3)
    col_step, row_step = 1.5 * radius, size_m
    q_range = np.arange(math.floor(minx / col_step) - 1, math.ceil(maxx / col_step) + 2)
    qq, rows = [], []
    for q in q_range:
        # Flat-topped axial layout: y = w · (r + q / 2), so r runs over the rows of this column.
        r_low = math.floor(miny / row_step - q / 2) - 1
        r_high = math.ceil(maxy / row_step - q / 2) + 1
        r = np.arange(r_low, r_high + 1)
        qq.append(np.full(r.size, q))
        rows.append(r)
    q_all = np.concatenate(qq).astype(np.int64)
    r_all = np.concatenate(rows).astype(np.int64)
    x = q_all * col_step
    y = size_m * (r_all + q_all / 2)
    # The prepared area must be the first argument for shapely to use its index.
    shapely.prepare(area)
    inside = shapely.intersects(area, _hexagons(x, y, size_m))
    return HexGrid(size_m=float(size_m), q=q_all[inside], r=r_all[inside], x=x[inside], y=y[inside])


def _hexagons(x: np.ndarray, y: np.ndarray, size_m: float) -> np.ndarray:
    radius = size_m / math.sqrt(3)  # centre to corner
    angles = np.radians(np.arange(7) * 60.0)  # the seventh closes the ring
    rings = np.stack(
        (x[:, None] + radius * np.cos(angles)[None, :], y[:, None] + radius * np.sin(angles)[None, :]),
        axis=-1,
    )
    polygons: np.ndarray = shapely.polygons(rings)
    return polygons


def _to_axial(x: np.ndarray, y: np.ndarray, size_m: float) -> tuple[np.ndarray, np.ndarray]:
    radius = size_m / math.sqrt(3)
    q = x / (1.5 * radius)
    r = y / size_m - q / 2
    return q, r


def _axial_round(q: np.ndarray, r: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Fractional axial coordinates to the hexagon that holds them (cube rounding)."""
    s = -q - r
    rq, rr, rs = np.round(q), np.round(r), np.round(s)
    dq, dr, ds = np.abs(rq - q), np.abs(rr - r), np.abs(rs - s)
    fix_q = (dq > dr) & (dq > ds)
    fix_r = ~fix_q & (dr > ds)
    rq = np.where(fix_q, -rr - rs, rq)
    rr = np.where(fix_r, -rq - rs, rr)
    return rq.astype(np.int64), rr.astype(np.int64)
