"""TileJSON 3.0.0 documents for one layer or a composite of several."""

from __future__ import annotations

from collections.abc import Sequence

from django.contrib.gis.db.models import Extent

from geo_platform.crs import SOFIA_BOUNDS
from tile_server.layers import TileLayer

TILEJSON_VERSION = "3.0.0"


def data_bounds(layers: Sequence[TileLayer], user) -> tuple[float, float, float, float]:
    """The lon/lat box of the features `user` may see, or Sofia's when there are none."""
    boxes = []
    for layer in layers:
        extent = layer.spec.queryset_for(user).aggregate(extent=Extent(layer.geometry_field))["extent"]
        if extent is not None:
            boxes.append(extent)
    if not boxes:
        return SOFIA_BOUNDS
    return (
        min(box[0] for box in boxes),
        min(box[1] for box in boxes),
        max(box[2] for box in boxes),
        max(box[3] for box in boxes),
    )


def tilejson(layers: Sequence[TileLayer], *, user, tiles_url: str) -> dict:
    """The TileJSON of `layers` for `user`, whose tiles are at `tiles_url` ({z}/{x}/{y} left in)."""
    west, south, east, north = data_bounds(layers, user)
    min_zoom = min(layer.min_zoom for layer in layers)
    max_zoom = max(layer.max_zoom for layer in layers)
    attribution = "; ".join(dict.fromkeys(layer.attribution for layer in layers if layer.attribution))
    return {
        "tilejson": TILEJSON_VERSION,
        "name": ", ".join(layer.title for layer in layers),
        "scheme": "xyz",
        "tiles": [tiles_url],
        "minzoom": min_zoom,
        "maxzoom": max_zoom,
        "bounds": [round(value, 6) for value in (west, south, east, north)],
        "center": [
            round((west + east) / 2, 6),
            round((south + north) / 2, 6),
            max(min_zoom, min(12, max_zoom)),
        ],
        "attribution": attribution,
        "vector_layers": [
            {
                "id": layer.slug,
                "description": layer.title,
                "minzoom": layer.min_zoom,
                "maxzoom": layer.max_zoom,
                "fields": layer.field_types(),
            }
            for layer in layers
        ],
    }
