"""PNG map tiles of a stored risk raster: warped to Web Mercator with a WarpedVRT, coloured by its ramp.

The stored GeoTIFFs are in UTM 34N with internal overviews; a tile reads the overview level
nearest to (and finer than) its own pixel size, so a tile of the whole city reads about as
many cells as a tile of one street.
"""

from __future__ import annotations

import io
import math
import os
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import rasterio
from affine import Affine
from PIL import Image
from rasterio.crs import CRS
from rasterio.enums import Resampling
from rasterio.vrt import WarpedVRT
from rasterio.warp import transform_bounds

from geo_platform.crs import WEB_MERCATOR_SRID
from layers.hazards.rendering.ramps import Ramp

TILE_PIXELS = 256
MAX_ZOOM = 22
WEB_MERCATOR = CRS.from_epsg(WEB_MERCATOR_SRID)
# Half the Web Mercator world's width in metres (π × the WGS 84 semi-major axis).
HALF_WORLD_M = math.pi * 6_378_137.0


@dataclass(frozen=True)
class RasterInfo:
    bounds_mercator: tuple[float, float, float, float]
    cell_size_m: float
    overview_factors: tuple[int, ...]
    nodata: float | None


@lru_cache(maxsize=128)
def _raster_info(path: str, mtime_ns: int) -> RasterInfo:
    with rasterio.open(path) as dataset:
        bounds = transform_bounds(dataset.crs, WEB_MERCATOR, *dataset.bounds, densify_pts=21)
        return RasterInfo(
            bounds_mercator=tuple(bounds),
            cell_size_m=abs(dataset.transform.a),
            overview_factors=tuple(dataset.overviews(1)),
            nodata=dataset.nodata,
        )


def raster_info(path: str) -> RasterInfo:
    return _raster_info(path, os.stat(path).st_mtime_ns)


def tile_bounds(z: int, x: int, y: int) -> tuple[float, float, float, float]:
    """(left, bottom, right, top) of an XYZ tile in Web Mercator metres."""
    size = 2 * HALF_WORLD_M / (1 << z)
    left = -HALF_WORLD_M + x * size
    top = HALF_WORLD_M - y * size
    return (left, top - size, left + size, top)


def tile_is_valid(z: int, x: int, y: int) -> bool:
    return 0 <= z <= MAX_ZOOM and 0 <= x < (1 << z) and 0 <= y < (1 << z)


def _overview_level(info: RasterInfo, *, ground_pixel_m: float) -> int | None:
    """The coarsest overview whose cells are still no larger than a tile pixel (None: full resolution)."""
    level = None
    for index, factor in enumerate(info.overview_factors):
        if info.cell_size_m * factor <= ground_pixel_m:
            level = index
    return level


def _intersects(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[2] and a[2] > b[0] and a[1] < b[3] and a[3] > b[1]


def render_tile(*, path: str, z: int, x: int, y: int, ramp: Ramp, scale: float = 1.0) -> bytes | None:
    """The PNG of one tile, or None when the tile holds no coloured pixel (outside the raster or all nodata)."""
    info = raster_info(path)
    bounds = tile_bounds(z, x, y)
    if not _intersects(bounds, info.bounds_mercator):
        return None
    pixel_m = (bounds[2] - bounds[0]) / TILE_PIXELS
    # Web Mercator stretches distances by 1/cos(latitude): a pixel covers less ground than it says.
    latitude = math.degrees(math.atan(math.sinh((bounds[1] + bounds[3]) / 2 / 6_378_137.0)))
    level = _overview_level(info, ground_pixel_m=pixel_m * math.cos(math.radians(latitude)))
    transform = Affine(pixel_m, 0.0, bounds[0], 0.0, -pixel_m, bounds[3])
    open_options = {} if level is None else {"overview_level": level}
    with (
        rasterio.open(path, **open_options) as source,
        WarpedVRT(
            source,
            crs=WEB_MERCATOR,
            transform=transform,
            width=TILE_PIXELS,
            height=TILE_PIXELS,
            resampling=Resampling.nearest,
        ) as warped,
    ):
        values = warped.read(1)
    rgba = ramp.colourise(values, nodata=info.nodata, scale=scale)
    if not rgba[..., 3].any():
        return None
    return encode_png(rgba)


def encode_png(rgba: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    Image.fromarray(np.ascontiguousarray(rgba)).save(buffer, format="PNG", compress_level=6)
    return buffer.getvalue()
