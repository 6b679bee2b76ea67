"""Hazards from outside the platform: an official raster (e.g. the Basin Directorate's flood-depth map) or zones.

As InaSAFE does, a scenario can take its hazard from an uploaded layer instead of the internal
model: a GeoTIFF of intensity values in the hazard's units (flood depth in m, PGA in g,
landslide susceptibility class 1–5, industrial zone level 1–2), or polygons, each with such a
value. The imported layer replaces the model's intensity; exposure, vulnerability, shelters and
casualties are computed as for a modelled hazard. Cells the layer does not cover get 0 (dry,
no shaking, no zone), which the results say.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import rasterio
import shapely
from rasterio.enums import Resampling
from rasterio.features import rasterize
from rasterio.warp import reproject

from risk_models.hazards.crs import METRIC_CRS
from risk_models.hazards.errors import InputDataError
from risk_models.hazards.field import CoarseField
from risk_models.hazards.grid import GridSpec
from risk_models.hazards.notes import Note, english

# The imported raster is resampled once onto a METRIC_CRS grid of this cell size at most.
MAX_IMPORT_CELLS = 25_000_000


@dataclass(frozen=True, eq=False)
class ImportedHazardField:
    """An imported hazard layer, as a METRIC_CRS raster field or as (METRIC_CRS polygon, value) zones."""

    categorical: bool
    notes: tuple[Note, ...]
    field: CoarseField | None = None
    zones: tuple[tuple[shapely.Geometry, float], ...] = ()

    @classmethod
    def from_raster(
        cls, *, path: str | os.PathLike[str], grid: GridSpec, categorical: bool, label: str = ""
    ) -> ImportedHazardField:
        with rasterio.open(path) as src:
            if src.crs is None:
                raise InputDataError("the imported raster has no coordinate reference system")
            cell = max(float(grid.cell_size_m), 5.0)
            width = int(np.ceil((grid.right - grid.left) / cell))
            height = int(np.ceil((grid.top - grid.bottom) / cell))
            while width * height > MAX_IMPORT_CELLS:
                cell *= 2
                width = int(np.ceil((grid.right - grid.left) / cell))
                height = int(np.ceil((grid.top - grid.bottom) / cell))
            values = np.full((height, width), np.nan, dtype=np.float64)
            reproject(
                source=rasterio.band(src, 1),
                destination=values,
                src_nodata=src.nodata,
                dst_transform=rasterio.transform.from_origin(grid.left, grid.top, cell, cell),
                dst_crs=METRIC_CRS,
                dst_nodata=np.nan,
                resampling=Resampling.nearest if categorical else Resampling.bilinear,
            )
        if not np.isfinite(values).any():
            raise InputDataError("the imported raster does not cover the municipality")
        covered = float(np.isfinite(values).mean())
        values = np.nan_to_num(values, nan=0.0)
        if (values < 0).any():
            raise InputDataError("the imported raster has negative values; intensities must be ≥ 0")
        return cls(
            categorical=categorical,
            notes=(
                Note(
                    "imported.raster_named" if label else "imported.raster",
                    {"covered_pct": round(covered * 100), **({"label": label} if label else {})},
                ),
            ),
            field=CoarseField(values, grid.left, grid.top, cell),
        )

    @classmethod
    def from_zones(
        cls,
        *,
        zones: Sequence[tuple[shapely.Geometry, float]],
        categorical: bool,
        label: str = "",
    ) -> ImportedHazardField:
        """Zones as (METRIC_CRS polygon, value); where zones overlap the higher value wins."""
        checked = []
        for geometry, value in zones:
            if geometry is None or geometry.geom_type not in ("Polygon", "MultiPolygon"):
                raise InputDataError("every imported hazard zone must be a polygon")
            if not np.isfinite(value) or value < 0:
                raise InputDataError("every imported hazard zone needs a value ≥ 0")
            checked.append((shapely.make_valid(geometry), float(value)))
        if not checked:
            raise InputDataError("the imported layer has no hazard zones")
        checked.sort(key=lambda item: item[1])
        return cls(
            categorical=categorical,
            notes=(
                Note(
                    "imported.zones_named" if label else "imported.zones",
                    {"count": len(checked), **({"label": label} if label else {})},
                ),
            ),
            zones=tuple(checked),
        )

    @property
    def note(self) -> str:
        """The notes in the core's English."""
        return english(self.notes)

    def values(self, *, x: np.ndarray, y: np.ndarray, transform=None, shape=None) -> np.ndarray:
        x = np.asarray(x, dtype=np.float64)
        y = np.asarray(y, dtype=np.float64)
        if self.field is not None:
            out = self.field.nearest(x, y) if self.categorical else self.field.bilinear(x, y)
        elif transform is not None and shape is not None:
            out = rasterize(
                [(geometry, value) for geometry, value in self.zones],
                out_shape=shape,
                transform=transform,
                fill=0,
                dtype="float32",
            ).astype(np.float64)
        else:
            xb, yb = np.broadcast_arrays(x, y)
            out = np.zeros(xb.shape)
            for geometry, value in self.zones:
                out = np.where(shapely.contains_xy(geometry, xb, yb), np.maximum(out, value), out)
        out = np.nan_to_num(out, nan=0.0)
        return np.rint(out).astype(np.uint8) if self.categorical else out

    # The hazard models' own method names, so the hazard classes take an imported field as their model.
    def pga(self, *, x, y, transform=None, shape=None):
        return self.values(x=x, y=y, transform=transform, shape=shape)

    def depth(self, *, x, y, return_period_years=None, transform=None, shape=None):
        return self.values(x=x, y=y, transform=transform, shape=shape)

    def susceptibility(self, *, x, y, window_transform=None, shape=None):
        return self.values(x=x, y=y, transform=window_transform, shape=shape)

    def zone_level(self, *, x, y, transform=None, shape=None):
        return np.minimum(self.values(x=x, y=y, transform=transform, shape=shape), 2).astype(np.uint8)

    def soil_class_at(self, *, x, y):
        return np.zeros(np.broadcast_shapes(np.shape(x), np.shape(y)), dtype=np.uint8)
