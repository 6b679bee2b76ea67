"""Crowd density on the usable area (or of a procession's moving column), and whether the
streets around the assembly and dispersal points hold the crowd."""

from __future__ import annotations

import math
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from shapely.geometry.base import BaseGeometry

from layers.events.checks import DANGER, NOT_AVAILABLE, OK, WARNING, Check, Result, result, worst
from layers.events.checks.context import Context
from layers.events.checks.words import metres, sources
from layers.events.conf import AssessmentSettings
from layers.events.geometries import to_metric
from layers.events.models import MassEvent
from layers.events.selectors import surroundings
from risk_models.events.crowd import (
    DensityLevel,
    DensityThresholds,
    crowd_density,
    gathering_capacity,
    procession_column,
    usable_area,
)

KEY = "density"


# Where the constants of the crowd checks come from (item 10: shown with the results).
CROWD_NOTES = {
    "design_density": {"source": gettext_lazy("HSG195 (UK Event Safety Guide): 0.5 m² a person standing")},
    "dangerous_density": {
        "source": gettext_lazy("Fruin, Still: crowds become unstable above about 4 persons/m²")
    },
    "egress_flow": {
        "source": gettext_lazy("Green Guide (SGSA 2018): about 82 persons per metre per minute on the level")
    },
    "egress_target": {
        "source": gettext_lazy("Green Guide (SGSA 2018): exit time normally not more than 8 minutes")
    },
    "largest_exit_discounted": {
        "source": gettext_lazy("HSG195: plan for the largest exit being unavailable (n − 1)")
    },
    "walking_pace": {"assumption": gettext_lazy("a procession walks at 3 km/h")},
    "gathering_area": {
        "assumption": gettext_lazy(
            "the crowd gathers on the streets within the radius of the point (OSM road widths in the "
            "centre, transit routes taken 7 m wide elsewhere; squares and parks not counted)"
        )
    },
}


def notes_for(*keys: str) -> dict[str, dict[str, str]]:
    # Worded in the reader's language when the assessment is computed; stored as plain text.
    return {key: {kind: str(text) for kind, text in CROWD_NOTES[key].items()} for key in keys}


def _level_status(level: DensityLevel) -> str:
    return {DensityLevel.COMFORTABLE: OK, DensityLevel.DENSE: WARNING, DensityLevel.DANGEROUS: DANGER}[level]


def _street_area(point: BaseGeometry, config: AssessmentSettings) -> float:
    """m² of street within the gathering radius of a point (metres), roads by their width."""
    circle = point.buffer(config.gathering_radius_m, quad_segs=16)
    area = 0.0
    for piece in surroundings.streets_near(circle):
        width = piece.width_m or config.transit_street_width_m
        street = to_metric(piece.geometry)
        if street is not None:
            area += street.intersection(circle).length * width
    return area


def _gatherings(
    event: MassEvent, config: AssessmentSettings, thresholds: DensityThresholds
) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for name in ("assembly_point", "dispersal_point"):
        point = getattr(event, name)
        if point is None or not event.expected_participants:
            continue
        area = _street_area(to_metric(point), config)
        gathering = gathering_capacity(
            participants=event.expected_participants, area_m2=area, thresholds=thresholds
        )
        found[name.removesuffix("_point")] = {
            "radius_m": config.gathering_radius_m,
            "street_area_m2": round(gathering.area_m2, 1),
            "capacity": gathering.capacity,
            "fits": gathering.fits,
        }
    return found


def run(ctx: Context) -> Result:
    event, config = ctx.event, ctx.config
    area = usable_area(
        perimeter=to_metric(event.perimeter),
        route=to_metric(event.route),
        route_width_m=event.route_width_m,
        declared_m2=event.usable_area_m2,
    )
    if area is None or not event.expected_participants:
        return result(KEY, NOT_AVAILABLE, reason="no_area" if area is None else "no_participants")
    thresholds = DensityThresholds(config.comfortable_density, config.dangerous_density)
    gatherings = _gatherings(event, config, thresholds)
    gathering_status = WARNING if any(not g["fits"] for g in gatherings.values()) else OK
    notes = notes_for("design_density", "dangerous_density", "gathering_area")
    if area.basis == "route":
        # A procession: a moving column at the design density, not a crowd spread over the route.
        route = to_metric(event.route)
        assert route is not None and event.route_width_m is not None  # the route basis needs both
        column = procession_column(
            participants=event.expected_participants,
            width_m=event.route_width_m,
            route_length_m=route.length,
            pace_kmh=config.walking_pace_kmh,
            thresholds=thresholds,
        )
        return result(
            KEY,
            worst(_level_status(column.level), gathering_status),
            participants=column.participants,
            usable_area_m2=round(area.area_m2, 1),
            area_basis=area.basis,
            persons_per_m2=round(column.persons_per_m2, 2),
            level=str(column.level),
            capacity=math.floor(area.area_m2 * thresholds.comfortable),
            column={
                "width_m": column.width_m,
                "length_m": round(column.column_length_m, 1),
                "route_length_m": round(column.route_length_m, 1),
                "fits": column.fits,
                "passing_minutes": round(column.passing_minutes, 1),
            },
            gatherings=gatherings,
            thresholds={"comfortable": thresholds.comfortable, "dangerous": thresholds.dangerous},
            notes={**notes, **notes_for("walking_pace")},
        )
    outcome = crowd_density(
        participants=event.expected_participants, usable_area_m2=area.area_m2, thresholds=thresholds
    )
    return result(
        KEY,
        worst(_level_status(outcome.level), gathering_status),
        participants=outcome.participants,
        usable_area_m2=round(outcome.usable_area_m2, 1),
        area_basis=area.basis,
        persons_per_m2=round(outcome.persons_per_m2, 2),
        level=str(outcome.level),
        capacity=outcome.capacity,
        gatherings=gatherings,
        thresholds={"comfortable": thresholds.comfortable, "dangerous": thresholds.dangerous},
        notes=notes,
    )


def summary(data: dict[str, Any]) -> str:
    levels = {"comfortable": _("comfortable"), "dense": _("dense"), "dangerous": _("dangerous")}
    return (
        _(
            "%(participants)s participants on %(area)s m² usable area: %(density)s persons/m², %(level)s. "
            "Capacity at %(comfortable)s persons/m²: %(capacity)s."
        )
        % {
            "participants": metres(data["participants"]),
            "area": metres(data["usable_area_m2"]),
            "density": f"{data['persons_per_m2']:.2f}",
            "level": levels[data["level"]],
            "comfortable": f"{data['thresholds']['comfortable']:g}",
            "capacity": metres(data["capacity"]),
        }
        + _column(data)
        + _gatherings_words(data)
        + sources(data)
    )


def _column(data: dict[str, Any]) -> str:
    column = data.get("column")
    if not column:
        return ""
    text = _(
        " A procession: a moving column %(length)s m long on a %(width)s m wide street, passing a point in %(minutes)s min."
    ) % {
        "length": metres(column["length_m"]),
        "width": f"{column['width_m']:g}",
        "minutes": f"{column['passing_minutes']:.0f}",
    }
    if not column["fits"]:
        text += _(" The column is longer than the route (%(route)s m): the crowd packs it.") % {
            "route": metres(column["route_length_m"])
        }
    return text


def _gatherings_words(data: dict[str, Any]) -> str:
    names = {"assembly": _("Assembly"), "dispersal": _("Dispersal")}
    parts = []
    for key, item in (data.get("gatherings") or {}).items():
        parts.append(
            _(" %(what)s area (streets within %(radius)s m): %(area)s m², holds %(capacity)s — %(verdict)s.")
            % {
                "what": names.get(key, key),
                "radius": f"{item['radius_m']:g}",
                "area": metres(item["street_area_m2"]),
                "capacity": metres(item["capacity"]),
                "verdict": _("enough") if item["fits"] else _("too small"),
            }
        )
    return "".join(parts)


CHECK = Check(
    key=KEY,
    order=20,
    title=gettext_lazy("Crowd density"),
    run=run,
    summary=summary,
    reasons={
        "no_area": gettext_lazy("No usable area: draw a perimeter, or give the route's width."),
        "no_participants": gettext_lazy("The expected number of participants is not given."),
    },
)
