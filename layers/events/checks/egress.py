"""Egress time of a fenced perimeter through its exits, the largest one discounted (HSG195)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from layers.events.checks import DANGER, NOT_AVAILABLE, OK, WARNING, Check, Result, result
from layers.events.checks.context import Context
from layers.events.checks.density import notes_for
from layers.events.checks.words import sources
from risk_models.events.crowd import egress_time

KEY = "egress"


def run(ctx: Context) -> Result:
    event, config = ctx.event, ctx.config
    if event.perimeter is None or not event.fenced:
        return result(KEY, NOT_AVAILABLE, reason="not_fenced")
    widths = [exit_["width_m"] for exit_ in event.exits]
    if not widths:
        return result(KEY, DANGER, reason="no_exits", exits=[], target_minutes=config.egress_target_minutes)
    outcome = egress_time(
        participants=event.expected_participants or 0,
        exit_widths_m=widths,
        flow_per_m_per_min=config.egress_flow_per_m_per_min,
        target_minutes=config.egress_target_minutes,
    )
    if outcome.minutes is None:
        status = DANGER
    elif outcome.meets_target:
        status = OK
    else:
        status = DANGER if outcome.minutes > 2 * outcome.target_minutes else WARNING
    return result(
        KEY,
        status,
        participants=outcome.participants,
        exits=list(outcome.exit_widths_m),
        usable_width_m=round(outcome.usable_width_m, 2),
        minutes=round(outcome.minutes, 1) if outcome.minutes is not None else None,
        minutes_all_exits=round(outcome.minutes_all_exits, 1)
        if outcome.minutes_all_exits is not None
        else None,
        target_minutes=outcome.target_minutes,
        flow_per_m_per_min=config.egress_flow_per_m_per_min,
        largest_discounted=outcome.largest_discounted,
        notes=notes_for("egress_flow", "egress_target", "largest_exit_discounted"),
    )


def summary(data: dict[str, Any]) -> str:
    if data.get("reason") == "no_exits":
        return _("The perimeter is fenced but no exits are declared.")
    if data["minutes"] is None:
        return _("With the largest exit blocked no exit is left: declare at least two exits.")
    text = _(
        "Exits %(exits)s m; without the largest, %(width)s m pass the crowd in %(minutes)s min (target %(target)s min)."
    ) % {
        "exits": " + ".join(f"{w:g}" for w in data["exits"]),
        "width": f"{data['usable_width_m']:g}",
        "minutes": f"{data['minutes']:.1f}",
        "target": f"{data['target_minutes']:g}",
    }
    if data.get("minutes_all_exits") is not None:
        text += _(" Through all exits: %(minutes)s min.") % {"minutes": f"{data['minutes_all_exits']:.1f}"}
    return text + sources(data)


CHECK = Check(
    key=KEY,
    order=30,
    title=gettext_lazy("Egress time"),
    run=run,
    summary=summary,
    reasons={"not_fenced": gettext_lazy("The perimeter is not fenced, so exits do not limit egress.")},
)
