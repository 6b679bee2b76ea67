"""Reading a tile address from the URL: clear 400s for anything that is not a tile."""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from geo_platform.errors import InvalidParameter
from tile_server.grid import MAX_ZOOM, Tile
from tile_server.layers import TileLayer

# ASCII digits only: int() would also accept '+1', ' 1' and other scripts' digits.
_WHOLE_NUMBER = re.compile(r"[0-9]{1,9}")


def _whole_number(text: str) -> int | None:
    return int(text) if _WHOLE_NUMBER.fullmatch(text) else None


def parse_tile(z: str, x: str, y: str) -> Tile:
    """A Tile from the URL's z, x and y, or InvalidParameter saying what is wrong."""
    zoom = _whole_number(z)
    if zoom is None or zoom > MAX_ZOOM:
        raise InvalidParameter(
            _("Zoom must be a whole number from 0 to %(max)d; got “%(value)s”.")
            % {"max": MAX_ZOOM, "value": z},
            parameter="z",
        )
    last = 2**zoom - 1
    for name, text in (("x", x), ("y", y)):
        value = _whole_number(text)
        if value is None or value > last:
            raise InvalidParameter(
                _("%(name)s must be a whole number from 0 to %(last)d at zoom %(z)d; got “%(value)s”.")
                % {"name": name, "last": last, "z": zoom, "value": text},
                parameter=name,
            )
    return Tile(zoom, int(x), int(y))


def check_zoom(layer: TileLayer, tile: Tile) -> None:
    """A single-layer tile outside the layer's zooms is a client error, not an empty tile."""
    if not layer.shows(tile.z):
        raise InvalidParameter(
            _("Layer “%(layer)s” is drawn from zoom %(min)d to %(max)d; zoom %(z)d is outside that range.")
            % {"layer": layer.slug, "min": layer.min_zoom, "max": layer.max_zoom, "z": tile.z},
            parameter="z",
        )
