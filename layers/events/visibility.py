"""One rule for what a reader of an assessment sees: the layers their role may see.

The assessment is computed once over every layer (it is the directorate's record), but a
reader is shown only the parts that come from layers they may see — the same rule as the
features API, tiles and search (`layers.selectors.visible_layers`). A site, zone, camera
coverage or station from another layer is left out, and the check's status and counts are
worked out again from what is left, so neither names nor numbers give the hidden layer away.
"""

from __future__ import annotations

from collections import Counter

from layers.events.assessment import INFO, NOT_AVAILABLE, OK, WARNING
from layers.selectors import visible_layers

SENSITIVE_KINDS = {"hospital", "critical", "government"}
# The reason a check is left out for a reader (its text is in summaries.NOT_AVAILABLE_REASONS).
NOT_FOR_ROLE = "not_for_role"


def visible_slugs(user) -> frozenset[str]:
    return frozenset(visible_layers(user).values_list("slug", flat=True))


def _proximity(check: dict, slugs: frozenset[str]) -> dict:
    data = check.get("data", {})
    if "sites" not in data:
        return check
    sites = [site for site in data["sites"] if site.get("layer") in slugs]
    counts = Counter(site["kind"] for site in sites)
    status = WARNING if SENSITIVE_KINDS & set(counts) else INFO if counts else OK
    return {**check, "status": status, "data": {**data, "sites": sites, "counts": dict(counts)}}


def _risk_zones(check: dict, slugs: frozenset[str]) -> dict:
    data = check.get("data", {})
    if "layers" not in data:
        return check
    layers = [slug for slug in data["layers"] if slug in slugs]
    if not layers:
        return {**check, "status": NOT_AVAILABLE, "data": {"reason": NOT_FOR_ROLE}}
    zones = [zone for zone in data.get("zones", []) if zone.get("layer") in slugs]
    return {**check, "status": WARNING if zones else OK, "data": {**data, "layers": layers, "zones": zones}}


def _one_layer(check: dict, slugs: frozenset[str]) -> dict:
    # Without the layer the reader learns nothing from it, not even that nothing is near.
    layer = check.get("data", {}).get("layer")
    if layer is None or layer in slugs:
        return check
    return {**check, "status": NOT_AVAILABLE, "data": {"reason": NOT_FOR_ROLE}}


REDACT = {
    "proximity": _proximity,
    "risk_zones": _risk_zones,
    "cameras": _one_layer,
    "stations": _one_layer,
}


def checks_for(user, checks: list[dict]) -> list[dict]:
    """The stored checks as this reader may see them."""
    slugs = visible_slugs(user)
    return [REDACT[check["key"]](check, slugs) if check["key"] in REDACT else check for check in checks]
