"""Coarse rasters in METRIC_CRS sampled at arbitrary points of the analysis grid."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from affine import Affine


@dataclass(frozen=True, eq=False)
class CoarseField:
    """A north-up METRIC_CRS raster (HAND, slope, density, classes) that finer grids sample.

    Each sample depends only on its own coordinates, so a window of the analysis grid gets
    exactly the values the whole grid would: windowed and whole-array runs agree bit for bit.
    """

    values: np.ndarray
    left: float
    top: float
    cell_size_m: float

    @property
    def shape(self) -> tuple[int, int]:
        return self.values.shape  # type: ignore[return-value]

    @property
    def transform(self) -> Affine:
        return Affine(self.cell_size_m, 0.0, self.left, 0.0, -self.cell_size_m, self.top)

    @property
    def bounds(self) -> tuple[float, float, float, float]:
        height, width = self.values.shape
        return (
            self.left,
            self.top - height * self.cell_size_m,
            self.left + width * self.cell_size_m,
            self.top,
        )

    def _fractional_index(self, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        # Position in cell units measured from the first cell's centre.
        col = (np.asarray(x, dtype=np.float64) - self.left) / self.cell_size_m - 0.5
        row = (self.top - np.asarray(y, dtype=np.float64)) / self.cell_size_m - 0.5
        return col, row

    def bilinear(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        """Bilinear interpolation at points (x, y); outside the outer cell centres the edge value holds.

        x and y broadcast: a (1, w) row of x and an (h, 1) column of y give an (h, w) window, and
        the interpolation weights are then computed once per column and once per row.
        """
        height, width = self.values.shape
        col, row = self._fractional_index(x, y)
        col = np.clip(col, 0.0, width - 1.0)
        row = np.clip(row, 0.0, height - 1.0)
        c0 = np.minimum(np.floor(col).astype(np.intp), max(width - 2, 0))
        r0 = np.minimum(np.floor(row).astype(np.intp), max(height - 2, 0))
        c1 = np.minimum(c0 + 1, width - 1)
        r1 = np.minimum(r0 + 1, height - 1)
        fc = col - c0
        fr = row - r0
        v = self.values
        top = v[r0, c0] * (1.0 - fc) + v[r0, c1] * fc
        bottom = v[r1, c0] * (1.0 - fc) + v[r1, c1] * fc
        return top * (1.0 - fr) + bottom * fr

    def nearest(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        """The value of the coarse cell each point falls in (edge cells extend outward)."""
        height, width = self.values.shape
        col = np.floor((np.asarray(x, dtype=np.float64) - self.left) / self.cell_size_m).astype(np.intp)
        row = np.floor((self.top - np.asarray(y, dtype=np.float64)) / self.cell_size_m).astype(np.intp)
        return self.values[np.clip(row, 0, height - 1), np.clip(col, 0, width - 1)]
