"""The nearest named place to a point, from the layers the user may see: how a proposed camera's
position is told to people ("80 m north-east of the stop НДК") rather than as bare coordinates.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.contrib.gis.db.models.functions import Distance
from django.contrib.gis.geos import Point, Polygon
from django.db.models import Q
from django.utils.translation import get_language

from geo_platform.crs import STORAGE_SRID
from geo_platform.errors import NotFound
from layers import selectors as layer_selectors

# Layers with names people know, nearest first wins. Buildings count when they carry a name or
# an address (most OSM footprints have neither).
NAMED_LAYERS = ("transit-stops", "schools", "hospitals", "critical-sites", "buildings")
SEARCH_RADIUS_M = 300.0
# Degrees of latitude and longitude (at Sofia's 42.7° N) that hold SEARCH_RADIUS_M, for the index.
_DEG_LAT = SEARCH_RADIUS_M / 111_320.0
_DEG_LON = SEARCH_RADIUS_M / (111_320.0 * math.cos(math.radians(42.7)))
COMPASS = ("N", "NE", "E", "SE", "S", "SW", "W", "NW")


@dataclass(frozen=True)
class NamedPlace:
    name: str
    layer: str
    layer_title: str
    distance_m: float
    direction: str  # where the point lies as seen from the place: N, NE, … (8 points)

    def as_dict(self) -> dict:
        return {
            "name": self.name,
            "layer": self.layer,
            "layer_title": self.layer_title,
            "distance_m": round(self.distance_m),
            "direction": self.direction,
        }


def compass(*, from_lon: float, from_lat: float, to_lon: float, to_lat: float) -> str:
    """The 8-point compass direction from one lon/lat to another (local flat approximation)."""
    dx = (to_lon - from_lon) * math.cos(math.radians((from_lat + to_lat) / 2))
    dy = to_lat - from_lat
    if dx == 0 and dy == 0:
        return ""
    bearing = math.degrees(math.atan2(dx, dy)) % 360.0
    return COMPASS[int((bearing + 22.5) // 45) % 8]


def _layer_title(layer) -> str:
    return layer.title_en if (get_language() or "bg").startswith("en") else layer.title_bg


def _visible_specs(user) -> list:
    specs = []
    for slug in NAMED_LAYERS:
        try:
            specs.append(layer_selectors.get_visible_layer(user, slug))
        except NotFound:
            continue  # a layer this role may not see, or one without data
    return specs


def nearest_named_places(user, points: list[tuple[float, float]]) -> list[NamedPlace | None]:
    """For each lon/lat point, the nearest named feature within SEARCH_RADIUS_M, or None."""
    specs = _visible_specs(user)
    answers: list[NamedPlace | None] = []
    for lon, lat in points:
        here = Point(lon, lat, srid=STORAGE_SRID)
        box = Polygon.from_bbox((lon - _DEG_LON, lat - _DEG_LAT, lon + _DEG_LON, lat + _DEG_LAT))
        box.srid = STORAGE_SRID
        best = None
        for layer, spec in specs:
            field = spec.geometry_field
            named = ~Q(name="")
            if hasattr(spec.model, "address"):
                named |= ~Q(address="")
            row = (
                spec.queryset_for(user)
                .filter(named, **{f"{field}__intersects": box})
                .annotate(distance=Distance(field, here))
                .order_by("distance", "pk")
                .first()
            )
            if row is None or row.distance.m > SEARCH_RADIUS_M:
                continue
            if best is None or row.distance.m < best[0]:
                best = (row.distance.m, row, layer, spec)
        if best is None:
            answers.append(None)
            continue
        distance, row, layer, spec = best
        centre = getattr(row, spec.geometry_field)
        centre = centre if centre.geom_type == "Point" else centre.point_on_surface
        answers.append(
            NamedPlace(
                name=row.name or getattr(row, "address", ""),
                layer=layer.slug,
                layer_title=_layer_title(layer),
                distance_m=distance,
                direction=compass(from_lon=centre.x, from_lat=centre.y, to_lon=lon, to_lat=lat),
            )
        )
    return answers
