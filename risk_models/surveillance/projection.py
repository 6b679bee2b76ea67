"""Explicit WGS 84 (storage) ⇄ UTM 34N (metric) transforms for the surveillance core, azimuths included.

Every analysis here takes and returns metres in METRIC_SRID; the caller transforms at the
edge. Transformers are built with always_xy=True, so coordinates are (lon, lat) and (x, y)
whatever the axis order EPSG declares for 4326 (lat, lon) — the classic swapped-axis trap.
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import TypeVar

import numpy as np
import shapely
from pyproj import Proj, Transformer

from geo_platform.crs import METRIC_SRID, SOFIA_BOUNDS, STORAGE_SRID

from .errors import InvalidCameraParameters
from .fov import CameraGeometry

G = TypeVar("G", shapely.Geometry, np.ndarray)


@lru_cache(maxsize=8)
def transformer(*, source_srid: int, target_srid: int) -> Transformer:
    """A cached pyproj Transformer from source_srid to target_srid, (x, y) / (lon, lat) order."""
    return Transformer.from_crs(f"EPSG:{source_srid}", f"EPSG:{target_srid}", always_xy=True)


def _apply(geometry: G, tr: Transformer) -> G:
    # shapely.transform hands us all coordinates of the geometry (or array) as one (n, 2) array,
    # so pyproj runs once, vectorised, instead of once per vertex.
    def project(coords: np.ndarray) -> np.ndarray:
        x, y = tr.transform(coords[:, 0], coords[:, 1])
        moved: np.ndarray = np.column_stack((x, y))
        return moved

    projected: G = shapely.transform(geometry, project)
    return projected


def to_metric(geometry: G) -> G:
    """Geometry (or array of geometries) from WGS 84 lon/lat (STORAGE_SRID) to UTM 34N metres."""
    return _apply(geometry, transformer(source_srid=STORAGE_SRID, target_srid=METRIC_SRID))


def to_storage(geometry: G) -> G:
    """Geometry (or array of geometries) from UTM 34N metres (METRIC_SRID) to WGS 84 lon/lat."""
    return _apply(geometry, transformer(source_srid=METRIC_SRID, target_srid=STORAGE_SRID))


def xy_to_metric(*, lon: np.ndarray | float, lat: np.ndarray | float) -> tuple[np.ndarray, np.ndarray]:
    """Longitudes and latitudes (WGS 84) to UTM 34N x, y in metres."""
    x, y = transformer(source_srid=STORAGE_SRID, target_srid=METRIC_SRID).transform(lon, lat)
    return np.asarray(x), np.asarray(y)


def xy_to_storage(*, x: np.ndarray | float, y: np.ndarray | float) -> tuple[np.ndarray, np.ndarray]:
    """UTM 34N x, y in metres to WGS 84 longitudes and latitudes."""
    lon, lat = transformer(source_srid=METRIC_SRID, target_srid=STORAGE_SRID).transform(x, y)
    return np.asarray(lon), np.asarray(lat)


def sofia_metric_bounds() -> tuple[float, float, float, float]:
    """Sofia Municipality's bounds (geo_platform.crs.SOFIA_BOUNDS) as a UTM 34N box enclosing them."""
    west, south, east, north = SOFIA_BOUNDS
    # The lon/lat box is curved in UTM; densify its outline so the metric box encloses all of it.
    outline = shapely.segmentize(shapely.box(west, south, east, north), max_segment_length=0.01)
    minx, miny, maxx, maxy = shapely.bounds(to_metric(outline))
    return float(minx), float(miny), float(maxx), float(maxy)


@lru_cache(maxsize=1)
def _metric_proj() -> Proj:
    return Proj(f"EPSG:{METRIC_SRID}")


def meridian_convergence(*, lon: float, lat: float) -> float:
    """Degrees from true north to UTM 34N grid north at (lon, lat): about +1.6° in central Sofia."""
    return float(_metric_proj().get_factors(lon, lat).meridian_convergence)


def grid_azimuth(*, lon: float, lat: float, azimuth: float) -> float:
    """A true (geographic) azimuth at (lon, lat) as an azimuth from UTM 34N grid north, in [0, 360)."""
    # Sofia lies 2.3° east of zone 34's central meridian (21° E), so grid north is turned ~1.6°
    # from true north; left uncorrected, a 300 m field of view would swing ~8 m sideways.
    return (azimuth - meridian_convergence(lon=lon, lat=lat)) % 360.0


def true_azimuth(*, x: float, y: float, azimuth: float) -> float:
    """A UTM 34N grid azimuth at (x, y) metres back to a true azimuth, in [0, 360)."""
    lon, lat = xy_to_storage(x=x, y=y)
    return (azimuth + meridian_convergence(lon=float(lon), lat=float(lat))) % 360.0


def camera_to_metric(
    *, lon: float, lat: float, azimuth: float, height: float, fov: float, resolution: int, tilt: float = 0.0
) -> CameraGeometry:
    """A camera stored in WGS 84 with a true azimuth, as CameraGeometry in UTM 34N with a grid azimuth."""
    # Validate the azimuth as given, before the convergence correction wraps it into [0, 360).
    if not (math.isfinite(azimuth) and 0.0 <= azimuth <= 360.0):
        raise InvalidCameraParameters(
            parameter="azimuth", value=azimuth, expected="0 ≤ azimuth ≤ 360 degrees"
        )
    x, y = xy_to_metric(lon=lon, lat=lat)
    return CameraGeometry(
        x=float(x),
        y=float(y),
        azimuth=grid_azimuth(lon=lon, lat=lat, azimuth=azimuth),
        height=height,
        fov=fov,
        resolution=resolution,
        tilt=tilt,
    )
