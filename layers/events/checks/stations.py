"""The nearest police, fire-and-rescue and ambulance station to the event."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from layers.events.checks import INFO, NOT_AVAILABLE, WARNING, Check, Result, redact_by_layer, result
from layers.events.checks.context import Context
from layers.events.checks.words import KIND_LABELS, layer_and_id, metres
from layers.events.selectors import surroundings
from layers.infrastructure.models import Service
from risk_models.events.proximity import nearest_per_kind

KEY = "stations"
LAYER = "emergency-stations"


def run(ctx: Context) -> Result:
    footprint, search_m = ctx.footprint, ctx.config.station_search_m
    if footprint is None:
        return result(KEY, NOT_AVAILABLE, reason="no_geometry")
    kinds = [Service.POLICE, Service.FIRE, Service.AMBULANCE]
    nearest = nearest_per_kind(footprint, surroundings.stations(footprint, search_m=search_m), kinds=kinds)
    data = {
        str(kind): (
            {"id": layer_and_id(site.key)[1], "name": site.name, "distance_m": round(site.distance_m, 1)}
            if site is not None
            else None
        )
        for kind, site in nearest.items()
    }
    return result(
        KEY, WARNING if None in data.values() else INFO, nearest=data, layer=LAYER, search_m=search_m
    )


def summary(data: dict[str, Any]) -> str:
    parts = []
    for kind, site in data["nearest"].items():
        label = KIND_LABELS.get(kind, kind)
        if site is None:
            parts.append(_("%(service)s: none found") % {"service": label})
        else:
            parts.append(
                _("%(service)s: %(name)s, %(distance)s m")
                % {"service": label, "name": site["name"], "distance": metres(site["distance_m"])}
            )
    return "; ".join(parts) + "."


CHECK = Check(
    key=KEY,
    order=80,
    title=gettext_lazy("Nearest police, fire and ambulance"),
    run=run,
    summary=summary,
    redact=redact_by_layer,
)
