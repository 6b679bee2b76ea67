"""GeoTIFF output of the analysis grid, written window by window."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from contextlib import ExitStack
from dataclasses import dataclass

import numpy as np
import rasterio
from rasterio.windows import Window

from risk_models.hazards.crs import METRIC_CRS
from risk_models.hazards.grid import GridSpec

# Tiles of 256 cells: windows of 1024 cells cover whole tiles, so each tile is compressed once.
TILE_SIZE = 256
# ZSTD at level 1 compresses float rasters as well as DEFLATE at a third of the time; every
# GDAL since 2.3 (QGIS, PostGIS raster, rasterio wheels) reads it.
COMPRESSION = {"compress": "zstd", "zstd_level": 1}
FLOAT_NODATA = float("nan")
CLASS_NODATA = 255


@dataclass(frozen=True)
class RasterLayer:
    """One output raster: where it goes, its dtype and nodata, and descriptive tags."""

    path: str
    dtype: str
    nodata: float
    tags: Mapping[str, str]


class RasterSink:
    """Open GeoTIFFs of the grid; write() puts a window into each."""

    def __init__(self, *, grid: GridSpec, layers: Mapping[str, RasterLayer]) -> None:
        self._grid = grid
        self._layers = dict(layers)
        self._stack = ExitStack()
        self._datasets: dict[str, rasterio.io.DatasetWriter] = {}

    def __enter__(self) -> RasterSink:
        for name, layer in self._layers.items():
            os.makedirs(os.path.dirname(os.path.abspath(layer.path)), exist_ok=True)
            profile = {
                "driver": "GTiff",
                "width": self._grid.width,
                "height": self._grid.height,
                "count": 1,
                "dtype": layer.dtype,
                "nodata": layer.nodata,
                "crs": METRIC_CRS,
                "transform": self._grid.transform,
                "tiled": True,
                "blockxsize": TILE_SIZE,
                "blockysize": TILE_SIZE,
                "predictor": 3 if layer.dtype.startswith("float") else 2,
                "BIGTIFF": "IF_SAFER",
                **COMPRESSION,
            }
            dataset = self._stack.enter_context(rasterio.open(layer.path, "w", **profile))
            dataset.update_tags(**layer.tags)
            self._datasets[name] = dataset
        return self

    def __exit__(self, *exc_info) -> None:
        self._stack.close()

    def write(self, *, window: Window, arrays: Mapping[str, np.ndarray]) -> None:
        """Write each named layer's array (cast to the layer's dtype) into the window."""
        for name, dataset in self._datasets.items():
            dataset.write(np.asarray(arrays[name], dtype=self._layers[name].dtype), 1, window=window)


def raster_digest(path: str) -> str:
    """SHA-256 of a raster's band-1 values read in row strips: independent of how it was written."""
    digest = hashlib.sha256()
    with rasterio.open(path) as dataset:
        digest.update(f"{dataset.width}x{dataset.height}:{dataset.dtypes[0]}".encode())
        for row in range(0, dataset.height, TILE_SIZE):
            strip = Window(0, row, dataset.width, min(TILE_SIZE, dataset.height - row))
            digest.update(np.ascontiguousarray(dataset.read(1, window=strip)).tobytes())
    return digest.hexdigest()
