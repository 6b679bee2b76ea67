"""The route: its length, walking time and the streets it crosses or follows."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from layers.events.checks import INFO, NOT_AVAILABLE, Check, Result, result
from layers.events.checks.context import Context
from layers.events.checks.words import lonlat, metres
from layers.events.geometries import to_metric
from layers.events.selectors import surroundings
from risk_models.events.routes import group_shared_streets, route_metrics, streets_crossed

KEY = "route"


def run(ctx: Context) -> Result:
    event, config = ctx.event, ctx.config
    if event.route is None:
        return result(KEY, NOT_AVAILABLE, reason="no_route")
    route = to_metric(event.route)
    metrics = route_metrics(route, pace_kmh=config.walking_pace_kmh)
    tolerance = config.street_tolerance_m
    crossed = group_shared_streets(
        streets_crossed(
            route, surroundings.streets(route, tolerance_m=tolerance), along_tolerance_m=tolerance
        ),
        within_m=2 * tolerance,
    )
    return result(
        KEY,
        INFO,
        length_m=round(metrics.length_m, 1),
        walking_minutes=round(metrics.walking_minutes, 1),
        pace_kmh=metrics.pace_kmh,
        streets_source=",".join(surroundings.street_sources(route, tolerance_m=tolerance)),
        streets=[
            {
                "name": s.name,
                "crossings": s.crossings,
                "along_m": round(s.along_m, 1),
                "first_at_m": round(s.first_at_m, 1),
                "points": [lonlat(p)["coordinates"] for p in s.points],
            }
            for s in crossed
        ],
    )


def summary(data: dict[str, Any]) -> str:
    streets = ", ".join(s["name"] for s in data["streets"][:12]) or _("none")
    if data.get("streets_source", "transit-routes") != "transit-routes":
        return _(
            "%(length)s m, about %(minutes)s min at %(pace)s km/h. Major roads (OpenStreetMap, unnamed; public "
            "transport lines outside the centre): %(streets)s."
        ) % {
            "length": metres(data["length_m"]),
            "minutes": f"{data['walking_minutes']:.0f}",
            "pace": f"{data['pace_kmh']:g}",
            "streets": streets,
        }
    return _(
        "%(length)s m, about %(minutes)s min at %(pace)s km/h. Main streets (public transport lines stand in "
        "for the street network): %(streets)s."
    ) % {
        "length": metres(data["length_m"]),
        "minutes": f"{data['walking_minutes']:.0f}",
        "pace": f"{data['pace_kmh']:g}",
        "streets": streets,
    }


CHECK = Check(
    key=KEY,
    order=40,
    title=gettext_lazy("Route"),
    run=run,
    summary=summary,
    reasons={"no_route": gettext_lazy("The event has no route.")},
)
