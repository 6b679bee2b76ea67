"""The disaster-risk zones the event enters (the zones published from risk scenarios)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from layers.events.checks import NOT_AVAILABLE, OK, WARNING, Check, Result, result
from layers.events.checks.context import Context
from layers.events.checks.words import layer_and_id
from layers.events.selectors import surroundings
from risk_models.events.proximity import zones_intersecting

KEY = "risk_zones"


def run(ctx: Context) -> Result:
    specs = surroundings.risk_zone_specs()
    if not specs:
        return result(KEY, NOT_AVAILABLE, reason="no_risk_layer")
    footprint = ctx.footprint
    if footprint is None:
        return result(KEY, NOT_AVAILABLE, reason="no_geometry")
    hits = zones_intersecting(footprint, surroundings.risk_zones(footprint, specs))
    return result(
        KEY,
        WARNING if hits else OK,
        layers=[spec.slug for spec in specs],
        zones=[
            {
                "layer": layer_and_id(h.key)[0],
                "id": layer_and_id(h.key)[1],
                "name": h.name,
                "kind": h.kind,
                "shared_area_m2": round(h.shared_area_m2, 1),
                "shared_length_m": round(h.shared_length_m, 1),
            }
            for h in hits
        ],
    )


def redact(check: Result, slugs: frozenset[str]) -> Result:
    """Only the zone layers the reader sees; "not available" if they see none."""
    data = check.get("data", {})
    if "layers" not in data:
        return check
    layers = [slug for slug in data["layers"] if slug in slugs]
    if not layers:
        return {**check, "status": NOT_AVAILABLE, "data": {"reason": "not_for_role"}}
    zones = [zone for zone in data.get("zones", []) if zone.get("layer") in slugs]
    return {**check, "status": WARNING if zones else OK, "data": {**data, "layers": layers, "zones": zones}}


def summary(data: dict[str, Any]) -> str:
    if not data["zones"]:
        return _("The event enters no disaster-risk zone.")
    return _("Enters: %(zones)s.") % {"zones": ", ".join(f"{z['name']} ({z['kind']})" for z in data["zones"])}


CHECK = Check(
    key=KEY,
    order=60,
    title=gettext_lazy("Disaster-risk zones"),
    run=run,
    summary=summary,
    reasons={
        "no_risk_layer": gettext_lazy("Not available: the platform has no disaster-risk zone layer yet.")
    },
    redact=redact,
)
