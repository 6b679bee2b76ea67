"""The elevation model, resampled once onto a coarse metric terrain grid, and the slope from it."""

from __future__ import annotations

import os
from dataclasses import dataclass

import numpy as np
import rasterio
from rasterio.enums import Resampling
from rasterio.warp import reproject, transform_bounds

from risk_models.hazards.crs import METRIC_CRS
from risk_models.hazards.errors import InputDataError
from risk_models.hazards.field import CoarseField
from risk_models.hazards.grid import GridSpec
from risk_models.hazards.notes import Note, english

# The only DEM in reach is GLOBE at 30″ (~680 × 925 m here). Hydrology and slope are worked
# out on a 250 m metric grid: fine enough that D8 lines do not zig-zag by whole DEM cells,
# coarse enough that the routing stays a fraction of a second. Nothing finer than the DEM's
# own kilometre is real, which is why every output derived from it says it is indicative.
DEFAULT_TERRAIN_CELL_M = 250.0
# Upstream area outside the municipality drains into it: keep this much of the DEM around it.
DEFAULT_TERRAIN_MARGIN_M = 10_000.0
# Width of the blend between a fine and a coarse DEM (see Terrain.composite).
DEFAULT_SEAM_M = 1_000.0

COARSE_DEM_NOTE = Note("terrain.globe")


@dataclass(frozen=True, eq=False)
class Terrain:
    """Elevation (m) on a METRIC_CRS terrain grid, with the source DEM it came from."""

    elevation: CoarseField
    source_resolution_m: float
    notes: tuple[Note, ...] = (COARSE_DEM_NOTE,)
    # Per terrain cell, the resolution (m) of the DEM the elevation came from (None: all from
    # the one DEM at source_resolution_m). Models that need fine relief (landslide slope) use it
    # to tell where they can resolve the hazard.
    resolution_m: CoarseField | None = None

    def resolution_at(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        """Source DEM resolution (m) at METRIC_CRS points."""
        if self.resolution_m is None:
            return np.full(np.broadcast_shapes(np.shape(x), np.shape(y)), self.source_resolution_m)
        return self.resolution_m.nearest(x, y)

    @classmethod
    def composite(
        cls,
        *,
        coarse_dem_path: str | os.PathLike[str],
        fine_dem_path: str | os.PathLike[str],
        grid: GridSpec,
        cell_size_m: float = DEFAULT_TERRAIN_CELL_M,
        margin_m: float = DEFAULT_TERRAIN_MARGIN_M,
        seam_m: float = DEFAULT_SEAM_M,
    ) -> Terrain:
        """The fine DEM where it covers, the coarse one elsewhere, blended linearly across a seam.

        Inside the fine DEM's footprint the weight of the fine elevation rises from 0 at its edge
        to 1 at `seam_m` inside: no step at the seam, so routing and slope see no artificial
        cliff where the two DEMs meet (their datums agree within a few metres: both SRTM-based
        or GLOBE, mean sea level).
        """
        coarse = cls.from_dem(dem_path=coarse_dem_path, grid=grid, cell_size_m=cell_size_m, margin_m=margin_m)
        field = coarse.elevation
        fine = np.full(field.shape, np.nan, dtype=np.float64)
        with rasterio.open(fine_dem_path) as src:
            if src.crs is None:
                raise InputDataError(f"{fine_dem_path}: the DEM has no CRS")
            reproject(
                source=rasterio.band(src, 1),
                destination=fine,
                src_nodata=src.nodata,
                dst_transform=field.transform,
                dst_crs=METRIC_CRS,
                dst_nodata=np.nan,
                resampling=Resampling.bilinear,
            )
            fine_resolution = _source_resolution_m(src)
        covered = np.isfinite(fine)
        weight = _inner_distance_weight(covered, cells=max(1, int(round(seam_m / cell_size_m))))
        blended = np.where(covered, weight * np.nan_to_num(fine) + (1 - weight) * field.values, field.values)
        resolution = np.where(weight >= 1.0, fine_resolution, coarse.source_resolution_m)
        share = float(covered.mean())
        note = Note(
            "terrain.composite",
            {
                "fine_resolution_m": round(float(fine_resolution)),
                "share_pct": round(share * 100),
                "seam_m": float(seam_m),
            },
        )
        return cls(
            elevation=CoarseField(blended, field.left, field.top, field.cell_size_m),
            source_resolution_m=coarse.source_resolution_m,
            notes=(note,),
            resolution_m=CoarseField(resolution, field.left, field.top, field.cell_size_m),
        )

    @classmethod
    def from_dem(
        cls,
        *,
        dem_path: str | os.PathLike[str],
        grid: GridSpec,
        cell_size_m: float = DEFAULT_TERRAIN_CELL_M,
        margin_m: float = DEFAULT_TERRAIN_MARGIN_M,
    ) -> Terrain:
        """Reproject a DEM (any CRS) bilinearly onto a terrain grid around `grid`, clipped to the DEM."""
        with rasterio.open(dem_path) as src:
            if src.crs is None:
                raise InputDataError(f"{dem_path}: the DEM has no CRS")
            # The DEM's own footprint in METRIC_CRS; the terrain grid must stay inside it.
            dem_left, dem_bottom, dem_right, dem_top = transform_bounds(
                src.crs, METRIC_CRS, *src.bounds, densify_pts=64
            )
            inset = 2 * cell_size_m  # the footprint is curved in UTM: keep clear of its bulging edges
            bounds = (
                max(grid.left - margin_m, dem_left + inset),
                max(grid.bottom - margin_m, dem_bottom + inset),
                min(grid.right + margin_m, dem_right - inset),
                min(grid.top + margin_m, dem_top - inset),
            )
            if bounds[0] >= bounds[2] or bounds[1] >= bounds[3]:
                raise InputDataError(f"{dem_path}: the DEM does not cover the analysis grid")
            terrain_grid = GridSpec.from_metric_bounds(bounds=bounds, cell_size_m=cell_size_m)
            elevation = np.full(terrain_grid.shape, np.nan, dtype=np.float64)
            reproject(
                source=rasterio.band(src, 1),
                destination=elevation,
                src_nodata=src.nodata,
                dst_transform=terrain_grid.transform,
                dst_crs=METRIC_CRS,
                dst_nodata=np.nan,
                resampling=Resampling.bilinear,
            )
            source_resolution_m = _source_resolution_m(src)
        if np.isnan(elevation).all():
            raise InputDataError(f"{dem_path}: no elevation values fall on the analysis grid")
        if np.isnan(elevation).any():
            elevation = _fill_gaps(elevation)
        return cls(
            elevation=CoarseField(elevation, terrain_grid.left, terrain_grid.top, cell_size_m),
            source_resolution_m=source_resolution_m,
        )

    @classmethod
    def from_array(cls, *, elevation: np.ndarray, left: float, top: float, cell_size_m: float) -> Terrain:
        """A terrain from an elevation array already on a METRIC_CRS grid (tests, other DEMs)."""
        return cls(
            elevation=CoarseField(np.asarray(elevation, dtype=np.float64), left, top, cell_size_m),
            source_resolution_m=cell_size_m,
            notes=(Note("terrain.grid", {"cell_size_m": float(cell_size_m)}),),
        )

    @property
    def note(self) -> str:
        """The notes in the core's English."""
        return english(self.notes)

    def slope(self) -> CoarseField:
        """Slope gradient (m/m) on the terrain grid, by central differences."""
        return CoarseField(
            slope_gradient(self.elevation.values, cell_size_m=self.elevation.cell_size_m),
            self.elevation.left,
            self.elevation.top,
            self.elevation.cell_size_m,
        )


def slope_gradient(elevation: np.ndarray, *, cell_size_m: float) -> np.ndarray:
    """|∇z| in m/m; one-sided differences on the edges."""
    dz_dy, dz_dx = np.gradient(elevation, cell_size_m)
    return np.hypot(dz_dx, dz_dy)


def _source_resolution_m(src: rasterio.io.DatasetReader) -> float:
    if src.crs.is_geographic:
        # Degrees to metres at the DEM's mid-latitude: the coarser of the two axes.
        lat = np.radians((src.bounds.bottom + src.bounds.top) / 2)
        return float(max(abs(src.res[0]) * 111_320 * np.cos(lat), abs(src.res[1]) * 110_574))
    return float(max(abs(src.res[0]), abs(src.res[1])))


def _fill_gaps(elevation: np.ndarray) -> np.ndarray:
    """Fill nodata cells from their nearest valid neighbour, ring by ring (small gaps only)."""
    filled = elevation.copy()
    for _ in range(max(filled.shape)):
        missing = np.isnan(filled)
        if not missing.any():
            break
        padded = np.pad(filled, 1, mode="edge")
        neighbours = np.stack(
            [
                padded[1 + dr : 1 + dr + filled.shape[0], 1 + dc : 1 + dc + filled.shape[1]]
                for dr, dc in _NEIGHBOURS4
            ]
        )
        valid = ~np.isnan(neighbours)
        count = valid.sum(axis=0)
        total = np.where(valid, neighbours, 0.0).sum(axis=0)
        mean = np.divide(total, count, out=np.full_like(total, np.nan), where=count > 0)
        filled = np.where(missing & (count > 0), mean, filled)
    return filled


_NEIGHBOURS4 = ((-1, 0), (1, 0), (0, -1), (0, 1))


def _inner_distance_weight(covered: np.ndarray, *, cells: int) -> np.ndarray:
    """0 outside `covered`, rising by 1/cells per cell of (chessboard) distance inside it, up to 1."""
    distance = np.where(covered, 0, -1).astype(np.int64)
    # Cells at the edge of the covered area (a neighbour uncovered, or the grid's edge) are 1 step in.
    current = covered.copy()
    weight = np.zeros(covered.shape, dtype=np.float64)
    for step in range(1, cells + 1):
        padded = np.pad(current, 1, mode="constant", constant_values=False)
        interior = current.copy()
        for dr in (-1, 0, 1):
            for dc in (-1, 0, 1):
                interior &= padded[1 + dr : 1 + dr + current.shape[0], 1 + dc : 1 + dc + current.shape[1]]
        ring = current & ~interior
        weight[ring] = step / (cells + 1)
        current = interior
    weight[current] = 1.0
    del distance
    return weight
