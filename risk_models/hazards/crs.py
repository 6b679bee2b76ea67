"""Coordinate systems and reference extents the hazard core works in, named once.

The values mirror `geo_platform.crs` (a test asserts they agree). They are repeated here
because importing `geo_platform` starts Django and Celery, and the analysis core must stay
importable and testable without either.
"""

from __future__ import annotations

import numpy as np
import shapely
from pyproj import Transformer

STORAGE_SRID = 4326  # WGS 84 lon/lat: how every geometry handed in is expressed.
METRIC_SRID = 32634  # UTM 34N: the grid, distances and areas.

STORAGE_CRS = f"EPSG:{STORAGE_SRID}"
METRIC_CRS = f"EPSG:{METRIC_SRID}"

# Sofia Municipality's bounds (lon/lat), from the official district boundary.
SOFIA_BOUNDS = (23.05, 42.41, 23.68, 42.90)
# Bulgaria's bounding box (lon/lat), used to reject scenario epicentres far outside the country.
BULGARIA_BOUNDS = (22.3, 41.2, 28.7, 44.3)


def lonlat_to_metric(lon: np.ndarray | float, lat: np.ndarray | float) -> tuple[np.ndarray, np.ndarray]:
    """(x, y) in METRIC_CRS for lon/lat in STORAGE_CRS."""
    x, y = _TO_METRIC.transform(np.asarray(lon, dtype=np.float64), np.asarray(lat, dtype=np.float64))
    return np.asarray(x), np.asarray(y)


def geometry_to_metric(geometry: shapely.Geometry) -> shapely.Geometry:
    """A STORAGE_CRS (lon/lat) geometry expressed in METRIC_CRS."""
    return shapely.transform(geometry, lambda xy: np.column_stack(_TO_METRIC.transform(xy[:, 0], xy[:, 1])))


def metric_to_lonlat(x, y) -> tuple[np.ndarray, np.ndarray]:
    """(lon, lat) in STORAGE_CRS for METRIC_CRS x, y."""
    lon, lat = _TO_LONLAT.transform(np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64))
    return np.asarray(lon), np.asarray(lat)


# always_xy: GeoJSON order (lon, lat), whatever axis order EPSG:4326 declares.
_TO_METRIC = Transformer.from_crs(STORAGE_CRS, METRIC_CRS, always_xy=True)
_TO_LONLAT = Transformer.from_crs(METRIC_CRS, STORAGE_CRS, always_xy=True)
