"""Other filed events and their street closures near the event at the same time."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from layers.events.checks import DANGER, NOT_AVAILABLE, OK, WARNING, Check, Result, result
from layers.events.checks.context import Context
from layers.events.checks.words import layer_and_id, lonlat, metres
from layers.events.selectors import surroundings
from risk_models.events.conflicts import Footprint, find_conflicts

KEY = "conflicts"


def run(ctx: Context) -> Result:
    event, footprint, distance = ctx.event, ctx.footprint_with_closures, ctx.config.conflict_distance_m
    start, end = event.start, event.end
    if footprint is None or start is None or end is None:
        return result(KEY, NOT_AVAILABLE, reason="no_geometry")
    others = surroundings.other_footprints(event, footprint, distance_m=distance)
    subject = Footprint(("event", event.pk), event.name, footprint, start, end)
    rows = [
        {
            "kind": c.kind,
            "id": layer_and_id(c.key)[1],
            "title": c.label,
            "distance_m": round(c.distance_m, 1),
            "overlap_kind": c.overlap_kind,
            "overlap_start": c.overlap_start.isoformat(),
            "overlap_end": c.overlap_end.isoformat(),
            "overlap": lonlat(c.overlap),
        }
        for c in find_conflicts(subject, others, distance_m=distance)
    ]
    status = OK if not rows else DANGER if any(r["overlap_kind"] == "intersects" for r in rows) else WARNING
    return result(KEY, status, distance_m=distance, conflicts=rows)


def summary(data: dict[str, Any]) -> str:
    rows = data["conflicts"]
    if not rows:
        return _("No other event or closure within %(distance)s m at the same time.") % {
            "distance": metres(data["distance_m"])
        }
    items = "; ".join(
        (
            _("%(title)s (overlaps)")
            if row["overlap_kind"] == "intersects"
            else _("%(title)s (%(distance)s m away)")
        )
        % {"title": row["title"], "distance": metres(row["distance_m"])}
        for row in rows
    )
    return _("%(count)s at the same time within %(distance)s m: %(items)s.") % {
        "count": len(rows),
        "distance": metres(data["distance_m"]),
        "items": items,
    }


CHECK = Check(
    key=KEY,
    order=10,
    title=gettext_lazy("Conflicts with other events and closures"),
    run=run,
    summary=summary,
)
