"""Checking geometry that users send before anything is stored.

Each check names the problem and where it is (the part, ring and vertex, and the
coordinates), because a planner fixing a drawing or an organizer fixing an upload needs
to know which corner is wrong, not only that something is.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.gis.geos import GEOSException, GEOSGeometry, MultiLineString, MultiPoint, MultiPolygon
from django.contrib.gis.geos.prepared import PreparedGeometry
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from geo_platform.crs import SRID_NAMES, STORAGE_SRID, UnknownCRS, parse_crs
from geo_platform.errors import InvalidGeometry
from layers import queries

_MULTI_OF = {"Point": MultiPoint, "LineString": MultiLineString, "Polygon": MultiPolygon}
_NESTING = {
    "Point": 0,
    "LineString": 1,
    "MultiPoint": 1,
    "Polygon": 2,
    "MultiLineString": 2,
    "MultiPolygon": 3,
}


@dataclass
class CheckedGeometry:
    geometry: GEOSGeometry
    crs_read: int
    repaired: bool = False
    notes: list[str] = field(default_factory=list)

    def report(self) -> dict[str, Any]:
        return {
            "crs_read": f"EPSG:{self.crs_read} ({SRID_NAMES[self.crs_read]})",
            "repaired": self.repaired,
            "notes": self.notes,
        }


def declared_crs(geojson: dict, query_crs: str | None) -> int:
    """The CRS of an upload: the `crs` parameter, else a GeoJSON 2008 `crs` member, else WGS 84."""
    member = geojson.get("crs") if isinstance(geojson, dict) else None
    name = query_crs
    if not name and isinstance(member, dict):
        name = (member.get("properties") or {}).get("name")
    try:
        return parse_crs(name)
    except UnknownCRS as exc:
        raise InvalidGeometry(str(exc)) from None


def _fmt(position) -> str:
    return "(" + ", ".join(f"{value:.6f}".rstrip("0").rstrip(".") for value in position[:2]) + ")"


def _check_positions(coordinates: Any, depth: int, path: str, budget: list[int]) -> None:
    """Walk nested coordinate arrays: numbers, finite, and no more vertices than allowed."""
    if depth == 0:
        if (
            not isinstance(coordinates, list)
            or len(coordinates) not in (2, 3)
            or not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in coordinates)
        ):
            raise InvalidGeometry(
                _("%(path)s is not a position: expected [x, y] numbers, got %(value)s.")
                % {"path": path, "value": json.dumps(coordinates)[:80]},
                location=path,
            )
        if not all(math.isfinite(v) for v in coordinates):
            raise InvalidGeometry(
                _("%(path)s has a coordinate that is not a finite number: give every coordinate as a number.")
                % {"path": path},
                location=path,
            )
        budget[0] -= 1
        if budget[0] < 0:
            raise InvalidGeometry(
                _(
                    "The geometry has more than %(limit)s vertices; simplify it or split it into "
                    "several features."
                )
                % {"limit": settings.MAX_GEOMETRY_VERTICES},
            )
        return
    if not isinstance(coordinates, list):
        raise InvalidGeometry(_("%(path)s must be an array.") % {"path": path}, location=path)
    for index, item in enumerate(coordinates):
        _check_positions(item, depth - 1, f"{path}[{index}]", budget)


def _check_rings(geom_type: str, coordinates: list) -> None:
    polygons = [coordinates] if geom_type == "Polygon" else coordinates if geom_type == "MultiPolygon" else []
    for p_index, polygon in enumerate(polygons):
        if not polygon:
            raise InvalidGeometry(
                _("Polygon %(index)s has no rings.") % {"index": p_index}, location=f"polygon {p_index}"
            )
        for r_index, ring in enumerate(polygon):
            where = f"polygon {p_index}, ring {r_index}"
            if len(ring) < 4:
                raise InvalidGeometry(
                    _(
                        "Ring %(ring)s of polygon %(polygon)s has %(count)s positions; a closed ring needs at least 4."
                    )
                    % {"ring": r_index, "polygon": p_index, "count": len(ring)},
                    location=where,
                )
            if ring[0][:2] != ring[-1][:2]:
                raise InvalidGeometry(
                    _(
                        "Ring %(ring)s of polygon %(polygon)s is not closed: it starts at %(first)s and ends at %(last)s."
                    )
                    % {"ring": r_index, "polygon": p_index, "first": _fmt(ring[0]), "last": _fmt(ring[-1])},
                    location=where,
                )
    lines = (
        [coordinates] if geom_type == "LineString" else coordinates if geom_type == "MultiLineString" else []
    )
    for l_index, line in enumerate(lines):
        if len(line) < 2:
            raise InvalidGeometry(
                _("Line %(index)s has %(count)s position(s); a line needs at least 2.")
                % {"index": l_index, "count": len(line)},
                location=f"line {l_index}",
            )


def _allowed_area() -> PreparedGeometry:
    return queries.sofia_allowed_area(margin_m=settings.SOFIA_BOUNDARY_MARGIN_M)


def _check_inside_sofia(geometry: GEOSGeometry) -> None:
    allowed = _allowed_area()
    if allowed.covers(geometry):
        return
    for index, position in enumerate(_iter_positions(geometry)):
        point = GEOSGeometry(f"SRID={STORAGE_SRID};POINT({position[0]} {position[1]})")
        if not allowed.covers(point):
            raise InvalidGeometry(
                _(
                    "Vertex %(index)s at %(position)s (lon, lat) lies outside Sofia Municipality and its %(margin)s km margin."
                )
                % {
                    "index": index,
                    "position": _fmt(position),
                    "margin": f"{settings.SOFIA_BOUNDARY_MARGIN_M / 1000:g}",
                },
                location=f"vertex {index}",
            )
    raise InvalidGeometry(_("The geometry reaches outside Sofia Municipality and its margin."))


def _iter_positions(geometry: GEOSGeometry):
    coords = geometry.coords

    def walk(item):
        if item and isinstance(item[0], (int, float)):
            yield item
        else:
            for child in item:
                yield from walk(child)

    yield from walk(coords)


# GEOS's reasons, listed so that makemessages offers them for translation.
_GEOS_REASONS = (
    gettext_noop("Self-intersection"),
    gettext_noop("Ring Self-intersection"),
    gettext_noop("Interior is disconnected"),
    gettext_noop("Hole lies outside shell"),
    gettext_noop("Nested shells"),
    gettext_noop("Too few points in geometry component"),
    gettext_noop("Duplicate Rings"),
)
_REASON_LOCATION = re.compile(r"^(?P<reason>[^\[]+)\[(?P<x>[-\d.eE+]+) (?P<y>[-\d.eE+]+)\]")


def _invalidity_message(geometry: GEOSGeometry) -> tuple[str, str | None]:
    reason = geometry.valid_reason
    match = _REASON_LOCATION.match(reason)
    if not match:
        return reason, None
    where = _fmt((float(match["x"]), float(match["y"])))
    return _("%(reason)s at %(position)s (lon, lat)") % {
        "reason": _(match["reason"].strip()),
        "position": where,
    }, where


def check_geometry(
    geojson: Any,
    *,
    accepted_types: tuple[str, ...],
    store_as_multi: bool = False,
    query_crs: str | None = None,
    repair: bool = False,
) -> CheckedGeometry:
    """Validate a GeoJSON geometry for a layer; return it in the storage CRS or raise InvalidGeometry."""
    if not isinstance(geojson, dict) or "type" not in geojson:
        raise InvalidGeometry(_("The geometry must be a GeoJSON object with a 'type'."))
    srid = declared_crs(geojson, query_crs)
    geom_type = geojson["type"]
    if geom_type not in _NESTING:
        raise InvalidGeometry(_("Unknown GeoJSON geometry type %(type)r.") % {"type": geom_type})
    if geom_type not in accepted_types:
        raise InvalidGeometry(
            _("This layer takes %(accepted)s geometry, not %(type)s.")
            % {"accepted": _(" or ").join(accepted_types), "type": geom_type},
            location="type",
        )
    coordinates = geojson.get("coordinates")
    if coordinates is None or coordinates == []:
        raise InvalidGeometry(_("The geometry has no coordinates."), location="coordinates")
    _check_positions(coordinates, _NESTING[geom_type], "coordinates", [settings.MAX_GEOMETRY_VERTICES])
    _check_rings(geom_type, coordinates)

    try:
        geometry = GEOSGeometry(json.dumps({"type": geom_type, "coordinates": coordinates}))
        # GEOS reads GeoJSON as WGS 84; the numbers are in the declared CRS.
        geometry.srid = srid
    except (GEOSException, ValueError) as exc:
        raise InvalidGeometry(_("The geometry could not be read: %(error)s.") % {"error": exc}) from None
    checked = CheckedGeometry(geometry=geometry, crs_read=srid)
    if srid != STORAGE_SRID:
        geometry.transform(STORAGE_SRID)

    _check_inside_sofia(geometry)

    if not geometry.valid:
        message, where = _invalidity_message(geometry)
        if not repair:
            raise InvalidGeometry(
                _(
                    "The geometry is not valid: %(problem)s. Correct the shape, or have it repaired "
                    "automatically (“Repair the geometry and save” on the map)."
                )
                % {"problem": message},
                location=where,
                # For scripts: the same request with ?repair=true repairs it (not shown to users).
                repairable=True,
            )
        geometry = queries.make_valid(geometry, like=accepted_types[0])
        if geometry is None or geometry.empty:
            raise InvalidGeometry(
                _("The geometry is not valid (%(problem)s) and cannot be repaired.") % {"problem": message}
            )
        checked.repaired = True
        checked.notes.append(
            _("The geometry was repaired automatically (%(problem)s). Check the shape.")
            % {"problem": message}
        )

    if store_as_multi and geometry.geom_type in _MULTI_OF:
        geometry = _MULTI_OF[geometry.geom_type](geometry, srid=STORAGE_SRID)
    checked.geometry = geometry
    return checked
