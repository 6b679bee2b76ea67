"""Camera coverage of the perimeter (by area) and the route (by length), per DORI level.

Computed by `risk_models.surveillance.coverage_of` from the stored fields of view of the online
cameras, the same analysis the surveillance app's coverage endpoint runs.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from layers.events.checks import NOT_AVAILABLE, OK, WARNING, Check, Result, redact_by_layer, result
from layers.events.checks.context import Context
from layers.events.geometries import to_metric
from layers.events.selectors import surroundings
from risk_models.surveillance import LEVELS, DoriLevel, coverage_of

KEY = "cameras"
DORI_LABELS = {
    "detect": gettext_lazy("detect"),
    "observe": gettext_lazy("observe"),
    "recognise": gettext_lazy("recognise"),
    "identify": gettext_lazy("identify"),
}


def run(ctx: Context) -> Result:
    event, threshold = ctx.event, ctx.config.camera_share_ok
    targets = {"perimeter": to_metric(event.perimeter), "route": to_metric(event.route)}
    shares: dict[str, dict[str, Any]] = {}
    for name, target in targets.items():
        if target is None or target.is_empty:
            continue
        report = coverage_of(target=target, fields=surroundings.camera_fields(target))
        # Detect is the widest field: what any online camera sees at all.
        seen = report.levels[DoriLevel.DETECT]
        shares[name] = {
            "measure": report.measure,
            "total": round(report.total, 1),
            "covered": round(seen.covered, 1),
            "share": round(seen.share, 3),
            "by_level": {
                str(level): round(report.levels[level].share, 3)
                for level in LEVELS
                if report.levels[level].cameras
            },
        }
    if not shares:
        return result(KEY, NOT_AVAILABLE, reason="no_geometry")
    lowest = min(float(item["share"]) for item in shares.values())
    return result(
        KEY,
        OK if lowest >= threshold else WARNING,
        layer=surroundings.CAMERA_FIELDS_LAYER,
        share_ok=threshold,
        coverage=shares,
    )


def summary(data: dict[str, Any]) -> str:
    parts = []
    for name, item in data["coverage"].items():
        text = _("%(what)s %(share)s%% seen") % {
            "what": _("perimeter") if name == "perimeter" else _("route"),
            "share": f"{item['share'] * 100:.0f}",
        }
        levels = ", ".join(
            f"{DORI_LABELS.get(level, level)} {share * 100:.0f}%"
            for level, share in item.get("by_level", {}).items()
        )
        parts.append(f"{text} ({levels})" if levels else text)
    return "; ".join(parts) + "."


CHECK = Check(
    key=KEY,
    order=70,
    title=gettext_lazy("Camera coverage"),
    run=run,
    summary=summary,
    reasons={
        "no_camera_layer": gettext_lazy("Not available: the platform has no camera coverage layer yet.")
    },
    redact=redact_by_layer,
)
