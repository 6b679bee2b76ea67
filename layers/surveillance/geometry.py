"""Moving geometry between the database (GEOS, WGS 84) and the analysis core (shapely, UTM 34N).

Every transform names its target system: `to_metric` / `to_storage` of the core run pyproj with
(x, y) = (lon, lat) order, so no axis-order surprise; WKB carries the coordinates unchanged.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from functools import lru_cache

import numpy as np
import shapely
from django.contrib.gis.geos import GEOSGeometry
from pyproj import Proj

from geo_platform.crs import METRIC_SRID, STORAGE_SRID
from layers.surveillance.errors import core_errors
from risk_models.surveillance import CameraGeometry, camera_to_metric, to_metric, to_storage, xy_to_storage

# About 1 cm in degrees at Sofia: GeoJSON output keeps 7 decimals.
STORAGE_DECIMALS = 7
_POLYGONAL = ("Polygon", "MultiPolygon")


def shapely_of(geometry: GEOSGeometry) -> shapely.Geometry:
    """A GEOS geometry as shapely, same coordinates (no transform)."""
    return shapely.from_wkb(bytes(geometry.wkb))


def metric_of(geometry: GEOSGeometry) -> shapely.Geometry:
    """A stored geometry (WGS 84, STORAGE_SRID) as shapely in UTM 34N metres."""
    if geometry.srid not in (None, STORAGE_SRID):
        geometry = geometry.transform(STORAGE_SRID, clone=True)
    return to_metric(shapely_of(geometry))


def metric_of_wkb(blobs: Iterable[bytes]) -> np.ndarray:
    """WKB geometries in WGS 84 (as the database returns them) to an array in UTM 34N metres."""
    geometries = shapely.from_wkb(np.array([bytes(b) for b in blobs], dtype=object))
    return to_metric(geometries) if len(geometries) else geometries


def storage_geos(geometry: shapely.Geometry, *, multi: bool = False) -> GEOSGeometry:
    """A metric shapely geometry as GEOS in WGS 84 (STORAGE_SRID), as a MultiPolygon if `multi`."""
    stored = to_storage(geometry)
    if multi and stored.geom_type == "Polygon":
        stored = shapely.multipolygons([stored])
    return GEOSGeometry(memoryview(shapely.to_wkb(stored)), srid=STORAGE_SRID)


def multipolygon_ewkb(geometries: np.ndarray) -> np.ndarray:
    """Metric polygons as hex EWKB MultiPolygons in WGS 84, for COPY into a geometry column."""
    stored = to_storage(geometries)
    single = shapely.get_type_id(stored) == 3
    stored[single] = [shapely.multipolygons([g]) for g in stored[single]]
    return shapely.to_wkb(shapely.set_srid(stored, STORAGE_SRID), hex=True, include_srid=True)


def geojson_of(geometry: shapely.Geometry) -> dict | None:
    """A metric geometry as a GeoJSON geometry in WGS 84 (RFC 7946), rounded to ~1 cm."""
    if geometry is None or geometry.is_empty:
        return None
    if geometry.geom_type not in _NESTING:
        stored = shapely.transform(to_storage(geometry), lambda xy: np.round(xy, STORAGE_DECIMALS))
        return json.loads(shapely.to_geojson(stored))
    # Coverage gaps hold up to ~100,000 vertices: project all coordinates in one call and cut
    # the nested lists by the ragged offsets, instead of writing GeoJSON text and parsing it back.
    _kind, coords, offsets = shapely.to_ragged_array([geometry])
    lon, lat = xy_to_storage(x=coords[:, 0], y=coords[:, 1])
    nested = np.round(np.column_stack((lon, lat)), STORAGE_DECIMALS).tolist()
    for level in offsets:
        nested = [nested[start:end] for start, end in zip(level[:-1], level[1:], strict=True)]
    return {"type": geometry.geom_type, "coordinates": nested[0]}


# The types whose coordinates shapely.to_ragged_array nests by offsets (rings, parts); the last
# offsets split the one-geometry array itself, unwrapped by [0].
_NESTING = frozenset({"Point", "LineString", "MultiLineString", "Polygon", "MultiPolygon"})


def is_polygonal(geometry: shapely.Geometry) -> bool:
    return geometry.geom_type in _POLYGONAL


def camera_geometry(camera) -> CameraGeometry:
    """A Camera row as the core's CameraGeometry (UTM 34N, grid azimuth)."""
    with core_errors():
        return camera_to_metric(
            lon=camera.position.x,
            lat=camera.position.y,
            azimuth=float(camera.azimuth),
            height=float(camera.mount_height),
            fov=float(camera.fov),
            resolution=int(camera.resolution),
            tilt=float(camera.tilt),
        )


@lru_cache(maxsize=1)
def _metric_proj() -> Proj:
    return Proj(f"EPSG:{METRIC_SRID}")


def grid_azimuths(*, lon: np.ndarray, lat: np.ndarray, azimuth: np.ndarray) -> np.ndarray:
    """True azimuths at (lon, lat) as UTM 34N grid azimuths in [0, 360): the core's
    grid_azimuth, vectorised (one PROJ call for thousands of cameras)."""
    convergence = np.asarray(_metric_proj().get_factors(lon, lat).meridian_convergence, dtype=float)
    return np.mod(np.asarray(azimuth, dtype=float) - convergence, 360.0)


def grown(geometry: shapely.Geometry, radius_m: float) -> shapely.Geometry:
    """A metric geometry buffered so that it holds everything within radius_m of it.

    A buffer's arcs are chords inscribed in the true circle; widening the radius by
    1 / cos(half the chord angle) puts the chords outside it, so nothing in range is missed.
    """
    quad_segs = 8
    return geometry.buffer(radius_m / math.cos(math.pi / (4 * quad_segs)), quad_segs=quad_segs)


def reach_circle(position: GEOSGeometry, *, radius_m: float) -> GEOSGeometry:
    """A polygon (WGS 84) holding everything within radius_m metres of a stored point."""
    return storage_geos(grown(metric_of(position), radius_m))


def finite(*values: float) -> bool:
    return all(isinstance(v, (int, float)) and math.isfinite(v) for v in values)
