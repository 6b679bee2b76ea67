"""Small helpers shared by the checks' summaries."""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any, cast

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from layers.events.geometries import from_metric, geojson_of

KIND_LABELS = {
    "hospital": gettext_lazy("hospital"),
    "school": gettext_lazy("school"),
    "kindergarten": gettext_lazy("kindergarten"),
    "critical": gettext_lazy("critical site"),
    "government": gettext_lazy("government site"),
    "police": gettext_lazy("police"),
    "fire": gettext_lazy("fire and rescue"),
    "ambulance": gettext_lazy("ambulance"),
}


def metres(value: float) -> str:
    """A whole number with a space between thousands (Bulgarian style, also fine in English)."""
    return f"{value:,.0f}".replace(",", " ")


def sources(data: dict[str, Any]) -> str:
    """The sources and assumptions stored with a check's result, as one sentence."""
    notes = data.get("notes") or {}
    if not notes:
        return ""
    said = [str(note.get("source") or note.get("assumption")) for note in notes.values()]
    return " " + _("Sources and assumptions: %(notes)s.") % {"notes": "; ".join(said)}


def layer_and_id(key: Hashable) -> tuple[str, Any]:
    """The (layer or kind, id) a pure check's result keys its rows by."""
    layer, id_ = cast(tuple[str, Any], key)
    return layer, id_


def lonlat(shape: Any) -> dict[str, Any]:
    """A metric shapely geometry as GeoJSON in WGS 84."""
    geojson: dict[str, Any] = geojson_of(from_metric(shape)) or {}
    return geojson
