"""Identify: every feature under a click, across the visible layers the map asks about.

The click is a small circle (the tolerance, in metres, is what a few pixels cover at the
map's zoom); each layer the user may see is asked for what intersects it, top layers first.
"""

from __future__ import annotations

from django.contrib.gis.db.models.functions import Envelope
from django.contrib.gis.geos import Point
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from geo_platform.crs import METRIC_SRID, SOFIA_BOUNDS, STORAGE_SRID
from geo_platform.errors import InvalidParameter
from layers.registry import LayerNotRegistered, get_spec
from layers.selectors import visible_layers

PER_LAYER = 10
TOTAL = 50


def _float(params, name: str, message: str) -> float:
    try:
        return float(params.get(name, ""))
    except ValueError:
        raise InvalidParameter(message, parameter=name) from None


def identify(user, lon: float, lat: float, radius_m: float, slugs: list[str]) -> list[dict]:
    centre = Point(lon, lat, srid=STORAGE_SRID)
    area = centre.transform(METRIC_SRID, clone=True).buffer(radius_m, quadsegs=4)
    area.transform(STORAGE_SRID)
    english = (get_language() or "bg").startswith("en")
    visible = {layer.slug: layer for layer in visible_layers(user)}
    # Points above lines above polygons, as the map draws them.
    order = {"point": 0, "line": 1, "polygon": 2}
    layers = sorted(
        (visible[slug] for slug in dict.fromkeys(slugs) if slug in visible),
        key=lambda layer: order.get(layer.geometry_kind, 3),
    )
    found: list[dict] = []
    for layer in layers:
        try:
            spec = get_spec(layer.slug)
        except LayerNotRegistered:
            continue
        field = spec.geometry_field
        rows = (
            spec.queryset_for(user)
            .filter(**{f"{field}__intersects": area})
            .annotate(envelope=Envelope(field))
            .order_by("pk")
            .values("pk", "name", "envelope")[:PER_LAYER]
        )
        for row in rows:
            found.append(
                {
                    "layer": layer.slug,
                    "layer_title": layer.title_en if english else layer.title_bg,
                    "id": row["pk"],
                    "name": row["name"] or "",
                    "bbox": list(row["envelope"].extent),
                }
            )
        if len(found) >= TOTAL:
            break
    return found[:TOTAL]


class IdentifyView(APIView):
    def get(self, request: Request) -> Response:
        params = request.query_params
        lon = _float(params, "lon", _("Give the position as numbers (longitude and latitude)."))
        lat = _float(params, "lat", _("Give the position as numbers (longitude and latitude)."))
        min_x, min_y, max_x, max_y = SOFIA_BOUNDS
        if not (min_x <= lon <= max_x and min_y <= lat <= max_y):
            raise InvalidParameter(_("The position is outside Sofia."), parameter="lon")
        radius = _float(
            {"radius_m": params.get("radius_m", "10")},
            "radius_m",
            _("The tolerance must be a number of metres."),
        )
        if not 0.5 <= radius <= 500:
            raise InvalidParameter(
                _("The tolerance must be between 0.5 and 500 metres."), parameter="radius_m"
            )
        slugs = [slug for slug in params.get("layers", "").split(",") if slug]
        return Response({"results": identify(request.user, lon, lat, radius, slugs)})
