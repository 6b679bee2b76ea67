"""RFC 7946 winding and precision for GeoJSON built in Python (event outputs)."""

from __future__ import annotations

import json

from django.contrib.gis.geos import GEOSGeometry
from shapely.geometry import shape

from geo_platform.geojson import rfc7946_geometry
from layers.events.geometries import geojson_of

# Exterior clockwise, hole counter-clockwise: the opposite of RFC 7946.
CLOCKWISE_WITH_HOLE = (
    "SRID=4326;POLYGON((23.30 42.60, 23.30 42.70, 23.40 42.70, 23.40 42.60, 23.30 42.60),"
    "(23.32 42.62, 23.38 42.62, 23.38 42.68, 23.32 42.68, 23.32 42.62))"
)


def test_polygon_rings_are_turned_the_rfc_7946_way():
    geometry = GEOSGeometry(CLOCKWISE_WITH_HOLE)
    assert not shape(json.loads(geometry.json)).exterior.is_ccw
    for converted in (rfc7946_geometry(geometry), geojson_of(geometry)):
        polygon = shape(converted)
        assert polygon.exterior.is_ccw and not polygon.interiors[0].is_ccw
        assert polygon.area == GEOSGeometry(CLOCKWISE_WITH_HOLE).area


def test_six_decimals_and_lines_unchanged():
    line = GEOSGeometry("SRID=4326;LINESTRING(23.123456789 42.987654321, 23.2 42.9)")
    assert rfc7946_geometry(line) == {
        "type": "LineString",
        "coordinates": [[23.123457, 42.987654], [23.2, 42.9]],
    }
    assert rfc7946_geometry(None) is None
