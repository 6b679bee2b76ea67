"""The analysis grid: one raster frame over Sofia Municipality in UTM 34N."""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
from affine import Affine
from rasterio.warp import transform_bounds
from rasterio.windows import Window

from risk_models.hazards.crs import METRIC_CRS, SOFIA_BOUNDS, STORAGE_CRS
from risk_models.hazards.errors import InvalidScenario

MIN_CELL_SIZE_M = 5.0
DEFAULT_CELL_SIZE_M = 25.0
# 1024 × 1024 cells: ~8 MB per float64 layer, so a window's working set stays near 200 MB.
DEFAULT_BLOCK_SIZE = 1024


@dataclass(frozen=True)
class GridSpec:
    """A north-up grid in METRIC_CRS: bounds snapped to whole cells, square cells in metres."""

    left: float
    bottom: float
    right: float
    top: float
    cell_size_m: float

    def __post_init__(self) -> None:
        check_cell_size(self.cell_size_m)
        if not (self.right > self.left and self.top > self.bottom):
            raise InvalidScenario("bounds", "the grid needs right > left and top > bottom")

    @classmethod
    def from_lonlat_bounds(
        cls,
        *,
        bounds: tuple[float, float, float, float] = SOFIA_BOUNDS,
        cell_size_m: float = DEFAULT_CELL_SIZE_M,
    ) -> GridSpec:
        """The grid covering a lon/lat box, edges snapped outward to multiples of the cell size."""
        check_cell_size(cell_size_m)
        # Densified edges: the lat/lon box is curved in UTM, its corners alone would cut it.
        left, bottom, right, top = transform_bounds(STORAGE_CRS, METRIC_CRS, *bounds, densify_pts=64)
        return cls.from_metric_bounds(bounds=(left, bottom, right, top), cell_size_m=cell_size_m)

    @classmethod
    def from_metric_bounds(cls, *, bounds: tuple[float, float, float, float], cell_size_m: float) -> GridSpec:
        """The grid covering a METRIC_CRS box, edges snapped outward to multiples of the cell size."""
        check_cell_size(cell_size_m)
        left, bottom, right, top = bounds
        # Snapping to multiples of the cell keeps every window origin an exact float, so a cell's
        # centre is the same number whether it is computed in a window or in the whole grid.
        return cls(
            left=math.floor(left / cell_size_m) * cell_size_m,
            bottom=math.floor(bottom / cell_size_m) * cell_size_m,
            right=math.ceil(right / cell_size_m) * cell_size_m,
            top=math.ceil(top / cell_size_m) * cell_size_m,
            cell_size_m=cell_size_m,
        )

    @property
    def width(self) -> int:
        return round((self.right - self.left) / self.cell_size_m)

    @property
    def height(self) -> int:
        return round((self.top - self.bottom) / self.cell_size_m)

    @property
    def shape(self) -> tuple[int, int]:
        return (self.height, self.width)

    @property
    def transform(self) -> Affine:
        return Affine(self.cell_size_m, 0.0, self.left, 0.0, -self.cell_size_m, self.top)

    @property
    def cell_area_m2(self) -> float:
        return self.cell_size_m * self.cell_size_m

    def windows(self, *, block_size: int = DEFAULT_BLOCK_SIZE) -> Iterator[Window]:
        """Windows of at most block_size × block_size cells, row by row, covering the grid once."""
        if block_size < 1:
            raise ValueError("block_size must be positive")
        for row_off in range(0, self.height, block_size):
            for col_off in range(0, self.width, block_size):
                yield Window(
                    col_off,
                    row_off,
                    min(block_size, self.width - col_off),
                    min(block_size, self.height - row_off),
                )

    def full_window(self) -> Window:
        """One window over the whole grid."""
        return Window(0, 0, self.width, self.height)

    def window_transform(self, window: Window) -> Affine:
        """The affine transform of a window of the grid."""
        return Affine(
            self.cell_size_m,
            0.0,
            self.left + int(window.col_off) * self.cell_size_m,
            0.0,
            -self.cell_size_m,
            self.top - int(window.row_off) * self.cell_size_m,
        )

    def window_bounds(self, window: Window) -> tuple[float, float, float, float]:
        """(left, bottom, right, top) of a window in METRIC_CRS."""
        left = self.left + int(window.col_off) * self.cell_size_m
        top = self.top - int(window.row_off) * self.cell_size_m
        return (
            left,
            top - int(window.height) * self.cell_size_m,
            left + int(window.width) * self.cell_size_m,
            top,
        )

    def cell_centres(self, window: Window) -> tuple[np.ndarray, np.ndarray]:
        """Cell-centre x as a (1, w) row and y as an (h, 1) column, for broadcasting."""
        cols = np.arange(int(window.col_off), int(window.col_off) + int(window.width), dtype=np.float64)
        rows = np.arange(int(window.row_off), int(window.row_off) + int(window.height), dtype=np.float64)
        x = self.left + (cols + 0.5) * self.cell_size_m
        y = self.top - (rows + 0.5) * self.cell_size_m
        return x[np.newaxis, :], y[:, np.newaxis]

    def windows_intersecting(
        self, *, bounds: tuple[float, float, float, float], block_size: int = DEFAULT_BLOCK_SIZE
    ) -> list[Window]:
        """The windows of `windows(block_size)` whose extent meets a METRIC_CRS box."""
        left, bottom, right, top = bounds
        hits = []
        for window in self.windows(block_size=block_size):
            w_left, w_bottom, w_right, w_top = self.window_bounds(window)
            if w_left <= right and w_right >= left and w_bottom <= top and w_top >= bottom:
                hits.append(window)
        return hits


def check_cell_size(cell_size_m: float) -> None:
    """Raise InvalidScenario unless the cell size is a finite number of at least MIN_CELL_SIZE_M metres."""
    if (
        not isinstance(cell_size_m, numbers.Real)
        or not math.isfinite(cell_size_m)
        or cell_size_m < MIN_CELL_SIZE_M
    ):
        raise InvalidScenario(
            "cell_size_m",
            f"must be at least {MIN_CELL_SIZE_M:g} m (got {cell_size_m!r}); the default is 25 m",
        )


def window_key(window: Window) -> tuple[int, int, int, int]:
    """A hashable (row_off, col_off, height, width) for a window."""
    return (int(window.row_off), int(window.col_off), int(window.height), int(window.width))
