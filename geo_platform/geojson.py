"""RFC 7946 GeoJSON geometry from GEOS geometries built in Python (PostGIS-side output uses
layers.functions.AsGeoJSONText): counter-clockwise exteriors, clockwise holes, rounded
coordinates (6 decimals in degrees is about 10 cm)."""

from __future__ import annotations

import json

import shapely
from django.contrib.gis.geos import GEOSGeometry


def rfc7946_geometry(geometry: GEOSGeometry | None, *, digits: int = 6) -> dict | None:
    """The GeoJSON geometry object of `geometry` with RFC 7946 winding and `digits` decimals."""
    if geometry is None:
        return None
    shape = shapely.from_wkb(bytes(geometry.wkb))
    if geometry.geom_type in ("Polygon", "MultiPolygon", "GeometryCollection"):
        shape = shapely.orient_polygons(shape, exterior_cw=False)
    data = json.loads(shapely.to_geojson(shape))

    def rounded(item):
        if isinstance(item, (int, float)):
            return round(item, digits)
        return [rounded(child) for child in item]

    if data["type"] == "GeometryCollection":
        return {
            "type": "GeometryCollection",
            "geometries": [
                {"type": part["type"], "coordinates": rounded(part["coordinates"])}
                for part in data["geometries"]
            ],
        }
    return {"type": data["type"], "coordinates": rounded(data["coordinates"])}
