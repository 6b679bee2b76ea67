"""Shared helpers of the tile tests: decoding, and where a lon/lat point lands in a tile.

Tile-space positions are computed with pyproj, independently of tile_server.grid, so a
test checks the server's arithmetic rather than repeating it.
"""

from __future__ import annotations

import gzip

import mapbox_vector_tile
from pyproj import Transformer

EXTENT = 4096
HALF_WORLD = 20037508.342789244
_TO_MERCATOR = Transformer.from_crs(4326, 3857, always_xy=True)


def decode(response) -> dict:
    """The layers of a tile response, coordinates in tile units with y pointing down."""
    body = response.content
    if response.get("Content-Encoding") == "gzip":
        body = gzip.decompress(body)
    return mapbox_vector_tile.decode(body, default_options={"y_coord_down": True})


def tile_of(lon: float, lat: float, z: int) -> tuple[int, int]:
    x, y = _TO_MERCATOR.transform(lon, lat)
    size = 2 * HALF_WORLD / 2**z
    return int((x + HALF_WORLD) // size), int((HALF_WORLD - y) // size)


def tile_position(lon: float, lat: float, z: int, x: int, y: int) -> tuple[float, float]:
    """(column, row) of the point in tile units, 0..4096 inside the tile."""
    mx, my = _TO_MERCATOR.transform(lon, lat)
    size = 2 * HALF_WORLD / 2**z
    left = -HALF_WORLD + x * size
    top = HALF_WORLD - y * size
    return (mx - left) / size * EXTENT, (top - my) / size * EXTENT


def tile_url(layer: str, lon: float, lat: float, z: int) -> str:
    x, y = tile_of(lon, lat, z)
    return f"/tiles/{layer}/{z}/{x}/{y}.mvt"
