"""An event's geometries: checked as they arrive, and moved between GEOS (storage, WGS 84)
and shapely (analysis, metres in UTM 34N)."""

from __future__ import annotations

import json

import shapely
from django.contrib.gis.geos import GEOSGeometry
from django.utils.translation import gettext as _
from shapely.geometry.base import BaseGeometry

from geo_platform.crs import METRIC_SRID, STORAGE_SRID
from geo_platform.errors import InvalidGeometry
from geo_platform.geojson import rfc7946_geometry
from layers import queries
from layers.events.conf import boundary_tolerance_m
from layers.geometry import CheckedGeometry, check_geometry

POINT = ("Point",)
LINE = ("LineString", "MultiLineString")
POLYGON = ("Polygon", "MultiPolygon")


def check_event_geometry(
    geojson,
    *,
    label: str,
    field: str,
    accepted: tuple[str, ...],
    crs: str | None = None,
    repair: bool = False,
) -> CheckedGeometry:
    """check_geometry, with the field named in the message and the event kept inside Sofia."""
    try:
        checked = check_geometry(
            geojson,
            accepted_types=accepted,
            store_as_multi=accepted == POLYGON,
            query_crs=crs,
            repair=repair,
        )
    except InvalidGeometry as exc:
        raise InvalidGeometry(f"{label}: {exc.detail}", field=field, **exc.extra) from None
    _check_inside_municipality(checked.geometry, label=label, field=field)
    return checked


def single_line(checked: CheckedGeometry, *, label: str, field: str) -> GEOSGeometry:
    """A route is one line: a MultiLineString of one part is that part; of several, an error."""
    geometry = checked.geometry
    if geometry.geom_type == "MultiLineString":
        if len(geometry) != 1:
            raise InvalidGeometry(
                _("%(label)s: expected one route, got %(count)s separate lines; join them into one line.")
                % {"label": label, "count": len(geometry)},
                field=field,
            )
        geometry = GEOSGeometry(geometry[0].wkt, srid=STORAGE_SRID)
    return geometry


def _check_inside_municipality(geometry: GEOSGeometry, *, label: str, field: str) -> None:
    tolerance = boundary_tolerance_m()
    allowed = queries.sofia_allowed_area(margin_m=tolerance)
    if allowed.covers(geometry):
        return
    for index, (x, y) in enumerate(_positions(geometry)):
        if not allowed.covers(GEOSGeometry(f"SRID={STORAGE_SRID};POINT({x} {y})")):
            raise InvalidGeometry(
                _(
                    "%(label)s: vertex %(index)s at (%(x).6f, %(y).6f) (lon, lat) lies outside Sofia "
                    "Municipality; a mass event filed here must take place within it."
                )
                % {"label": label, "index": index, "x": x, "y": y},
                field=field,
                location=f"vertex {index}",
            )
    raise InvalidGeometry(_("%(label)s reaches outside Sofia Municipality.") % {"label": label}, field=field)


def _positions(geometry: GEOSGeometry):
    coords = json.loads(geometry.geojson)["coordinates"]

    def walk(item):
        if item and isinstance(item[0], (int, float)):
            yield item[0], item[1]
        else:
            for child in item:
                yield from walk(child)

    yield from walk(coords)


def to_metric(geometry: GEOSGeometry | None) -> BaseGeometry | None:
    """A stored geometry as shapely, in metres (UTM 34N)."""
    if geometry is None:
        return None
    return shapely.from_wkb(bytes(geometry.transform(METRIC_SRID, clone=True).wkb))


def from_metric(shape: BaseGeometry) -> GEOSGeometry:
    """A shapely geometry in metres back in the storage CRS."""
    geometry = GEOSGeometry(memoryview(shapely.to_wkb(shape)), srid=METRIC_SRID)
    geometry.transform(STORAGE_SRID)
    return geometry


def search_area(shape: BaseGeometry, distance_m: float) -> GEOSGeometry:
    """The footprint grown by `distance_m`, in storage CRS: an index-backed `intersects` filter."""
    return from_metric(shape.buffer(distance_m, quad_segs=16))


def geojson_of(geometry: GEOSGeometry | None, *, digits: int = 6) -> dict | None:
    """RFC 7946 GeoJSON of a stored geometry (CCW exteriors), rounded to `digits` decimals."""
    return rfc7946_geometry(geometry, digits=digits)
