"""Demand on a grid for placement: area or street length per cell, optionally weighted, as numpy arrays."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

import numpy as np
import shapely

from .coverage import Measure, measure_of
from .errors import InvalidPlacementRequest

# A guard against grids that would not fit in memory (8 bytes a cell, several arrays).
MAX_CELLS = 20_000_000


@dataclass(frozen=True, slots=True)
class DemandGrid:
    """Demand per cell of a regular grid in metres; row 0 is the southern row, column 0 the western."""

    x0: float  # west edge, m
    y0: float  # south edge, m
    cell_size: float  # m
    weights: np.ndarray  # (rows, cols) float64: m² or m of target per cell, times any extra weight
    measure: Measure

    @property
    def shape(self) -> tuple[int, int]:
        return self.weights.shape

    @property
    def total(self) -> float:
        """Total demand (m², m, or weighted units)."""
        return float(self.weights.sum())

    def centres(self) -> tuple[np.ndarray, np.ndarray]:
        """x of each column's centres and y of each row's centres."""
        rows, cols = self.shape
        return (
            self.x0 + (np.arange(cols) + 0.5) * self.cell_size,
            self.y0 + (np.arange(rows) + 0.5) * self.cell_size,
        )

    def window(self, *, bounds: tuple[float, float, float, float]) -> tuple[slice, slice]:
        """Row and column slices of the cells whose centres may fall within `bounds`."""
        minx, miny, maxx, maxy = bounds
        rows, cols = self.shape
        c0 = max(int(math.floor((minx - self.x0) / self.cell_size)), 0)
        c1 = min(int(math.ceil((maxx - self.x0) / self.cell_size)), cols)
        r0 = max(int(math.floor((miny - self.y0) / self.cell_size)), 0)
        r1 = min(int(math.ceil((maxy - self.y0) / self.cell_size)), rows)
        return slice(r0, max(r1, r0)), slice(c0, max(c1, c0))


def _empty_grid(target: shapely.Geometry, cell_size: float, measure: Measure) -> DemandGrid:
    if not (math.isfinite(cell_size) and cell_size > 0):
        raise InvalidPlacementRequest(
            f"The cell size must be a positive number of metres, got {cell_size!r}."
        )
    minx, miny, maxx, maxy = target.bounds
    cols = max(int(math.ceil((maxx - minx) / cell_size)), 1)
    rows = max(int(math.ceil((maxy - miny) / cell_size)), 1)
    if rows * cols > MAX_CELLS:
        raise InvalidPlacementRequest(
            f"A {cell_size} m grid over this target has {rows * cols:,} cells; use larger cells or a smaller target."
        )
    return DemandGrid(x0=minx, y0=miny, cell_size=cell_size, weights=np.zeros((rows, cols)), measure=measure)


def demand_grid(*, target: shapely.Geometry, cell_size: float = 20.0) -> DemandGrid:
    """Demand of a polygon (cell area where the cell centre is inside) or of lines (length per cell)."""
    measure = measure_of(target)
    grid = _empty_grid(target, cell_size, measure)
    if measure == "area":
        xs, ys = grid.centres()
        inside = shapely.contains_xy(target, *np.meshgrid(xs, ys))
        grid.weights[inside] = cell_size * cell_size
        return grid
    # Lines: cut into pieces no longer than half a cell and credit each piece's length to the cell
    # of its midpoint; the total equals the network length exactly.
    pieces = shapely.segmentize(shapely.get_parts(target), max_segment_length=cell_size / 2.0)
    coords, index = shapely.get_coordinates(pieces, return_index=True)
    same = index[:-1] == index[1:]
    start, end = coords[:-1][same], coords[1:][same]
    middle = (start + end) / 2.0
    length = np.hypot(*(end - start).T)
    rows, cols = grid.shape
    col = np.clip(((middle[:, 0] - grid.x0) / cell_size).astype(np.intp), 0, cols - 1)
    row = np.clip(((middle[:, 1] - grid.y0) / cell_size).astype(np.intp), 0, rows - 1)
    grid.weights[:] = np.bincount(row * cols + col, weights=length, minlength=rows * cols).reshape(rows, cols)
    return grid


def weighted(
    *, grid: DemandGrid, weights: np.ndarray | Callable[[np.ndarray, np.ndarray], np.ndarray]
) -> DemandGrid:
    """The grid's demand times per-cell weights: an array of the grid's shape, or f(x, y) of cell centres."""
    if callable(weights):
        xs, ys = grid.centres()
        weights = np.asarray(weights(*np.meshgrid(xs, ys)), dtype=float)
    weights = np.asarray(weights, dtype=float)
    if weights.shape != grid.shape or not np.all(np.isfinite(weights)) or np.any(weights < 0):
        raise InvalidPlacementRequest(f"Weights must be finite, ≥ 0 and of shape {grid.shape}.")
    return replace(grid, weights=grid.weights * weights)


def point_counts(
    *, grid: DemandGrid, x: np.ndarray, y: np.ndarray, values: np.ndarray | None = None
) -> np.ndarray:
    """Per-cell count (or sum of `values`) of points such as incidents: a weight array for `weighted`."""
    rows, cols = grid.shape
    col = np.floor((np.asarray(x) - grid.x0) / grid.cell_size).astype(np.intp)
    row = np.floor((np.asarray(y) - grid.y0) / grid.cell_size).astype(np.intp)
    inside = (col >= 0) & (col < cols) & (row >= 0) & (row < rows)
    sums = np.bincount(
        row[inside] * cols + col[inside],
        weights=None if values is None else np.asarray(values, dtype=float)[inside],
        minlength=rows * cols,
    )
    return sums.astype(float).reshape(rows, cols)


def covered_cells(*, grid: DemandGrid, fields: Iterable[shapely.Geometry]) -> np.ndarray:
    """(rows, cols) booleans: cells whose centre lies in any of the given fields of view."""
    covered = np.zeros(grid.shape, dtype=bool)
    xs, ys = grid.centres()
    for field in fields:
        if field is None or field.is_empty:
            continue
        # Test only the cells under the field's bounding box; the grid itself is the index.
        rows, cols = grid.window(bounds=field.bounds)
        if rows.start == rows.stop or cols.start == cols.stop:
            continue
        covered[rows, cols] |= shapely.contains_xy(field, *np.meshgrid(xs[cols], ys[rows]))
    return covered
