"""The Web Mercator tile grid (XYZ, origin top-left), in plain arithmetic.

Everything here is pure math on numbers so that parsing, bounds and the tiles a geometry
touches are exact, fast and testable without a database. Web Mercator is separable
(x depends only on longitude, y only on latitude), so a tile's bounds in WGS 84 are an
exact lon/lat rectangle: a `&&` filter in the storage CRS selects the same features as
the tile in Mercator.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass

# The tile size in tile units (MVT extent) and the buffer drawn around it, so that lines
# and symbols crossing a tile edge join their neighbours without seams.
EXTENT = 4096
BUFFER = 256
BUFFER_SHARE = BUFFER / EXTENT
# The deepest zoom any layer may be served at.
MAX_ZOOM = 22
# Web Mercator stops here so that the world is square.
MAX_LATITUDE = 85.0511287798066


@dataclass(frozen=True, order=True)
class Tile:
    z: int
    x: int
    y: int

    @property
    def path(self) -> str:
        return f"{self.z}/{self.x}/{self.y}"

    def lonlat_bounds(self, *, buffer: float = 0.0) -> tuple[float, float, float, float]:
        """(west, south, east, north) in WGS 84, grown by `buffer` tile widths on each side."""
        n = 2**self.z
        west = _lon(self.x - buffer, n)
        east = _lon(self.x + 1 + buffer, n)
        # Row y counts down from the north edge, so the south edge is row y + 1.
        north = _lat(self.y - buffer, n)
        south = _lat(self.y + 1 + buffer, n)
        return west, south, east, north

    def pixel_size_deg(self, *, pixels: int = 256) -> tuple[float, float]:
        """A screen pixel's width and height in degrees here, for a tile drawn `pixels` wide."""
        west, south, east, north = self.lonlat_bounds()
        return (east - west) / pixels, (north - south) / pixels


def _lon(x: float, n: int) -> float:
    return x / n * 360.0 - 180.0


def _lat(y: float, n: int) -> float:
    y = min(max(y, 0.0), float(n))
    return math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * y / n))))


def tile_fraction(lon: float, lat: float, z: int) -> tuple[float, float]:
    """Position of a WGS 84 point in tile units at zoom z (x east, y south)."""
    n = 2**z
    lat = min(max(lat, -MAX_LATITUDE), MAX_LATITUDE)
    x = (lon + 180.0) / 360.0 * n
    y = (1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n
    return x, y


def tiles_touching(
    bbox: tuple[float, float, float, float], z: int, *, buffer: float = BUFFER_SHARE
) -> tuple[range, range]:
    """The columns and rows of the tiles at zoom z whose buffered envelope meets a lon/lat bbox.

    A tile draws features within `buffer` tile widths of its edge, so a feature reaches
    the tiles whose envelope grown by the buffer it meets, not only the one it lies in.
    """
    west, south, east, north = bbox
    x0, y0 = tile_fraction(west, north, z)
    x1, y1 = tile_fraction(east, south, z)
    last = 2**z - 1
    columns = range(max(0, math.floor(x0 - buffer)), min(last, math.floor(x1 + buffer)) + 1)
    rows = range(max(0, math.floor(y0 - buffer)), min(last, math.floor(y1 + buffer)) + 1)
    return columns, rows


def iter_tiles(columns: range, rows: range, z: int) -> Iterator[Tile]:
    for x in columns:
        for y in rows:
            yield Tile(z, x, y)
