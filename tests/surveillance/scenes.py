"""Named places and shapes for the surveillance API tests, built in metres and sent in lon/lat.

ORIGIN lies in open land in the south-west of the municipality (23.27 E, 42.62 N), more than
2 km from every school, stop, metro station and bank, so no demo camera or demo building is
near; each scene is drawn in UTM 34N metres around it and converted to WGS 84 for the API.

The test camera is 1920 px over 90° with its lens at a standing person's face height
(1.6 m, so no blind zone): its DORI ranges are 1920 / (2·ppm·tan 45°) = detect 38.4 m,
observe 15.36 m, recognise 7.68 m, identify 3.84 m.
"""

from __future__ import annotations

import shapely
from shapely.geometry import Point

from risk_models.surveillance import to_metric, to_storage, true_azimuth

ORIGIN_LONLAT = (23.27, 42.62)
ORIGIN = to_metric(Point(*ORIGIN_LONLAT))
DETECT_RANGE = 38.4
OBSERVE_RANGE = 15.36


def lonlat(dx: float, dy: float) -> list[float]:
    """The point dx m east and dy m north of ORIGIN (UTM grid), as [lon, lat]."""
    point = to_storage(Point(ORIGIN.x + dx, ORIGIN.y + dy))
    return [point.x, point.y]


def point(dx: float, dy: float) -> dict:
    return {"type": "Point", "coordinates": lonlat(dx, dy)}


def box(x0: float, y0: float, x1: float, y1: float) -> dict:
    """A GeoJSON Polygon of the metric rectangle x0..x1, y0..y1 around ORIGIN."""
    ring = [lonlat(x, y) for x, y in ((x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0))]
    return {"type": "Polygon", "coordinates": [ring]}


def line(*points: tuple[float, float]) -> dict:
    return {"type": "LineString", "coordinates": [lonlat(x, y) for x, y in points]}


def grid_to_true(dx: float, dy: float, grid_azimuth: float) -> float:
    """The true azimuth to store so a camera at (dx, dy) faces `grid_azimuth` on the UTM grid."""
    return true_azimuth(x=ORIGIN.x + dx, y=ORIGIN.y + dy, azimuth=grid_azimuth)


def camera(dx: float = 0.0, dy: float = 0.0, *, facing: float = 0.0, **properties) -> dict:
    """A features-API Feature of the test camera at (dx, dy) facing `facing` (grid degrees)."""
    attributes = {
        "name": "Тестова камера",
        "mount_height": 1.6,
        "azimuth": grid_to_true(dx, dy, facing),
        "fov": 90.0,
        "tilt": 0.0,
        "resolution": 1920,
        "status": "online",
    }
    attributes.update(properties)
    return {"type": "Feature", "geometry": point(dx, dy), "properties": attributes}


def metric_area(geojson: dict) -> float:
    """Area in m² (UTM 34N) of a GeoJSON (Multi)Polygon in lon/lat."""
    return float(to_metric(shapely.geometry.shape(geojson)).area)
