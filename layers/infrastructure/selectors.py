"""Reads of the infrastructure layers that other apps call (events, surveillance, later others).

`streets_within(area)` is the platform's street network where it has one: the real OSM major
roads in the centre (about 4.3 km around the Bulgarian Army stadium, with widths by class),
and outside their coverage the surface public-transport routes, which follow the main
streets (no names or classes; dual carriageways twice). Each piece says which it is.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.gis.db.models import Collect
from django.contrib.gis.db.models.functions import GeoFunc
from django.contrib.gis.geos import GEOSGeometry

from layers.infrastructure.models import Road, TransitMode, TransitRoute

ROADS_LAYER = "roads"
TRANSIT_LAYER = "transit-routes"


class ConvexHull(GeoFunc):
    """PostGIS ST_ConvexHull (Django has no wrapper for it)."""

    function = "ST_ConvexHull"
    arity = 1


@dataclass(frozen=True)
class StreetPiece:
    """A street (or its stand-in) meeting the asked area, in storage CRS (WGS 84)."""

    layer: str  # "roads" (OSM) or "transit-routes" (the stand-in)
    key: tuple  # stable identity: ("roads", pk) or ("transit-routes", mode, route_ref)
    name: str
    road_class: str  # "" for transit routes
    width_m: float | None  # estimated by class; None for transit routes
    geometry: GEOSGeometry


def roads_coverage() -> GEOSGeometry | None:
    """Where the real road layer is complete enough to use: the convex hull of its ways
    (one aggregate over ~2,800 ways, a few milliseconds; not cached, so a reload counts at once)."""
    return Road.objects.aggregate(hull=ConvexHull(Collect("way")))["hull"]


def streets_within(area: GEOSGeometry) -> list[StreetPiece]:
    """The street pieces meeting `area` (WGS 84): OSM roads inside their coverage, transit
    routes (no metro) for the part of `area` outside it. Ordered by layer, then name."""
    coverage = roads_coverage()
    pieces: list[StreetPiece] = []
    outside = area
    if coverage is not None and area.intersects(coverage):
        for road in Road.objects.filter(way__intersects=area.intersection(coverage)).order_by("pk"):
            pieces.append(
                StreetPiece(
                    ROADS_LAYER, (ROADS_LAYER, road.pk), road.name, road.road_class, road.width_m, road.way
                )
            )
        outside = area.difference(coverage)
    if not outside.empty:
        grouped: dict[tuple, list] = {}
        names: dict[tuple, str] = {}
        routes = TransitRoute.objects.exclude(mode=TransitMode.METRO).filter(route__intersects=outside)
        for line in routes.order_by("mode", "route_ref", "pk"):
            key = (TRANSIT_LAYER, line.mode, line.route_ref)
            grouped.setdefault(key, []).append(line.route)
            names.setdefault(key, line.name or f"{line.mode} {line.route_ref}")
        for key, parts in grouped.items():
            geometry = parts[0]
            for part in parts[1:]:
                geometry = geometry.union(part)
            pieces.append(StreetPiece(TRANSIT_LAYER, key, names[key], "", None, geometry))
    return pieces
