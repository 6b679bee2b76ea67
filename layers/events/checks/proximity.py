"""Hospitals, schools, kindergartens, critical and government sites near the event."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from layers.events.checks import INFO, NOT_AVAILABLE, OK, WARNING, Check, Result, result
from layers.events.checks.context import Context
from layers.events.checks.words import KIND_LABELS, layer_and_id, metres
from layers.events.selectors import surroundings
from risk_models.events.proximity import sites_within

KEY = "proximity"
SENSITIVE_KINDS = frozenset({"hospital", "critical", "government"})


def _status(counts: Counter[str]) -> str:
    return WARNING if SENSITIVE_KINDS & set(counts) else INFO if counts else OK


def run(ctx: Context) -> Result:
    footprint, distance = ctx.footprint, ctx.config.proximity_distance_m
    if footprint is None:
        return result(KEY, NOT_AVAILABLE, reason="no_geometry")
    near = sites_within(
        footprint, surroundings.nearby_sites(footprint, distance_m=distance), distance_m=distance
    )
    counts = Counter(site.kind for site in near)
    return result(
        KEY,
        _status(counts),
        distance_m=distance,
        counts=dict(counts),
        sites=[
            {
                "layer": layer_and_id(s.key)[0],
                "id": layer_and_id(s.key)[1],
                "name": s.name,
                "kind": s.kind,
                "distance_m": round(s.distance_m, 1),
            }
            for s in near
        ],
    )


def redact(check: Result, slugs: frozenset[str]) -> Result:
    """Only the sites of layers the reader sees; the status and counts worked out again from them."""
    data = check.get("data", {})
    if "sites" not in data:
        return check
    sites = [site for site in data["sites"] if site.get("layer") in slugs]
    counts = Counter(site["kind"] for site in sites)
    return {**check, "status": _status(counts), "data": {**data, "sites": sites, "counts": dict(counts)}}


def summary(data: dict[str, Any]) -> str:
    if not data["sites"]:
        return _("No hospital, school, critical or government site within %(distance)s m.") % {
            "distance": metres(data["distance_m"])
        }
    counts = ", ".join(
        f"{KIND_LABELS.get(kind, kind)}: {count}" for kind, count in sorted(data["counts"].items())
    )
    return _("Within %(distance)s m: %(counts)s.") % {
        "distance": metres(data["distance_m"]),
        "counts": counts,
    }


CHECK = Check(
    key=KEY, order=50, title=gettext_lazy("Sensitive sites nearby"), run=run, summary=summary, redact=redact
)
