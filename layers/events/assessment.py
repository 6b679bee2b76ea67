"""The automatic assessment of a revision: gather the inputs, run each check of
risk_models.events, and keep the results (data, not prose) with the revision they judged.

Each check returns a status — ok, info, warning, danger or not_available — and its data;
`layers.events.summaries` words them in the reader's language.
"""

from __future__ import annotations

import math
import time
from collections import Counter

from django.utils.translation import gettext_lazy

from layers.counterterrorism import event_check
from layers.events import inputs
from layers.events.conf import AssessmentSettings, assessment_settings
from layers.events.geometries import from_metric, geojson_of, to_metric
from layers.events.models import EventAssessment, EventRevision, MassEvent
from layers.infrastructure.models import Service
from risk_models.events.conflicts import Footprint, find_conflicts
from risk_models.events.crowd import (
    DensityLevel,
    DensityThresholds,
    crowd_density,
    egress_time,
    gathering_capacity,
    procession_column,
    usable_area,
)
from risk_models.events.proximity import coverage, nearest_per_kind, sites_within, zones_intersecting
from risk_models.events.routes import group_shared_streets, route_metrics, streets_crossed

OK, INFO, WARNING, DANGER, NOT_AVAILABLE = "ok", "info", "warning", "danger", "not_available"
# EN 62676-4 purposes, from the least to the most demanding.
DORI_ORDER = ["detect", "observe", "recognise", "identify"]
CHECKS = ("conflicts", "density", "egress", "route", "proximity", "risk_zones", "cameras", "stations")


def _lonlat(shape) -> dict:
    """A metric shapely geometry as GeoJSON in WGS 84."""
    return geojson_of(from_metric(shape))


def _check(key: str, status: str, **data) -> dict:
    return {"key": key, "status": status, "data": data}


def check_conflicts(event: MassEvent, footprint, config: AssessmentSettings) -> dict:
    if footprint is None or event.start is None:
        return _check("conflicts", NOT_AVAILABLE, reason="no_geometry")
    others = inputs.other_footprints(event, footprint, distance_m=config.conflict_distance_m)
    subject = Footprint(("event", event.pk), event.name, footprint, event.start, event.end)
    conflicts = find_conflicts(subject, others, distance_m=config.conflict_distance_m)
    rows = [
        {
            "kind": c.kind,
            "id": c.key[1],
            "title": c.label,
            "distance_m": round(c.distance_m, 1),
            "overlap_kind": c.overlap_kind,
            "overlap_start": c.overlap_start.isoformat(),
            "overlap_end": c.overlap_end.isoformat(),
            "overlap": _lonlat(c.overlap),
        }
        for c in conflicts
    ]
    status = OK if not rows else DANGER if any(r["overlap_kind"] == "intersects" for r in rows) else WARNING
    return _check("conflicts", status, distance_m=config.conflict_distance_m, conflicts=rows)


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


def _notes(*keys: str) -> dict:
    # Worded in the reader's language when the assessment is computed; stored as plain text.
    return {key: {kind: str(text) for kind, text in CROWD_NOTES[key].items()} for key in keys}


def _level_status(level: DensityLevel) -> str:
    return {DensityLevel.COMFORTABLE: OK, DensityLevel.DENSE: WARNING, DensityLevel.DANGEROUS: DANGER}[level]


def _street_area(point, config: AssessmentSettings) -> float:
    """m² of street within the gathering radius of a point (metres), roads by their width."""
    circle = point.buffer(config.gathering_radius_m, quad_segs=16)
    area = 0.0
    for piece in inputs.streets_near(circle):
        width = piece.width_m or config.transit_street_width_m
        area += to_metric(piece.geometry).intersection(circle).length * width
    return area


def _gatherings(event: MassEvent, config: AssessmentSettings, thresholds) -> dict:
    result = {}
    for name in ("assembly_point", "dispersal_point"):
        point = getattr(event, name)
        if point is None or not event.expected_participants:
            continue
        area = _street_area(to_metric(point), config)
        gathering = gathering_capacity(
            participants=event.expected_participants, area_m2=area, thresholds=thresholds
        )
        result[name.removesuffix("_point")] = {
            "radius_m": config.gathering_radius_m,
            "street_area_m2": round(gathering.area_m2, 1),
            "capacity": gathering.capacity,
            "fits": gathering.fits,
        }
    return result


def check_density(event: MassEvent, config: AssessmentSettings) -> dict:
    area = usable_area(
        perimeter=to_metric(event.perimeter),
        route=to_metric(event.route),
        route_width_m=event.route_width_m,
        declared_m2=event.usable_area_m2,
    )
    if area is None or not event.expected_participants:
        return _check("density", NOT_AVAILABLE, reason="no_area" if area is None else "no_participants")
    thresholds = DensityThresholds(config.comfortable_density, config.dangerous_density)
    gatherings = _gatherings(event, config, thresholds)
    gathering_status = WARNING if any(not g["fits"] for g in gatherings.values()) else OK
    notes = _notes("design_density", "dangerous_density", "gathering_area")
    if area.basis == "route":
        # A procession: a moving column at the design density, not a crowd spread over the route.
        column = procession_column(
            participants=event.expected_participants,
            width_m=event.route_width_m,
            route_length_m=to_metric(event.route).length,
            pace_kmh=config.walking_pace_kmh,
            thresholds=thresholds,
        )
        return _check(
            "density",
            _worst(_level_status(column.level), gathering_status),
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
            notes={**notes, **_notes("walking_pace")},
        )
    result = crowd_density(
        participants=event.expected_participants, usable_area_m2=area.area_m2, thresholds=thresholds
    )
    return _check(
        "density",
        _worst(_level_status(result.level), gathering_status),
        participants=result.participants,
        usable_area_m2=round(result.usable_area_m2, 1),
        area_basis=area.basis,
        persons_per_m2=round(result.persons_per_m2, 2),
        level=str(result.level),
        capacity=result.capacity,
        gatherings=gatherings,
        thresholds={"comfortable": thresholds.comfortable, "dangerous": thresholds.dangerous},
        notes=notes,
    )


def _worst(*statuses: str) -> str:
    order = (OK, INFO, WARNING, DANGER)
    return max(statuses, key=lambda status: order.index(status) if status in order else 0)


def check_egress(event: MassEvent, config: AssessmentSettings) -> dict:
    if event.perimeter is None or not event.fenced:
        return _check("egress", NOT_AVAILABLE, reason="not_fenced")
    widths = [exit_["width_m"] for exit_ in event.exits]
    if not widths:
        return _check(
            "egress", DANGER, reason="no_exits", exits=[], target_minutes=config.egress_target_minutes
        )
    result = egress_time(
        participants=event.expected_participants or 0,
        exit_widths_m=widths,
        flow_per_m_per_min=config.egress_flow_per_m_per_min,
        target_minutes=config.egress_target_minutes,
    )
    if result.minutes is None:
        status = DANGER
    elif result.meets_target:
        status = OK
    else:
        status = DANGER if result.minutes > 2 * result.target_minutes else WARNING
    return _check(
        "egress",
        status,
        participants=result.participants,
        exits=list(result.exit_widths_m),
        usable_width_m=round(result.usable_width_m, 2),
        minutes=round(result.minutes, 1) if result.minutes is not None else None,
        minutes_all_exits=round(result.minutes_all_exits, 1) if result.minutes_all_exits is not None else None,
        target_minutes=result.target_minutes,
        flow_per_m_per_min=config.egress_flow_per_m_per_min,
        largest_discounted=result.largest_discounted,
        notes=_notes("egress_flow", "egress_target", "largest_exit_discounted"),
    )


def check_route(event: MassEvent, config: AssessmentSettings) -> dict:
    if event.route is None:
        return _check("route", NOT_AVAILABLE, reason="no_route")
    route = to_metric(event.route)
    metrics = route_metrics(route, pace_kmh=config.walking_pace_kmh)
    tolerance = config.street_tolerance_m
    crossed = group_shared_streets(
        streets_crossed(route, inputs.streets(route, tolerance_m=tolerance), along_tolerance_m=tolerance),
        within_m=2 * tolerance,
    )
    return _check(
        "route",
        INFO,
        length_m=round(metrics.length_m, 1),
        walking_minutes=round(metrics.walking_minutes, 1),
        pace_kmh=metrics.pace_kmh,
        streets_source=",".join(inputs.street_sources(route, tolerance_m=tolerance)),
        streets=[
            {
                "name": s.name,
                "crossings": s.crossings,
                "along_m": round(s.along_m, 1),
                "first_at_m": round(s.first_at_m, 1),
                "points": [_lonlat(p)["coordinates"] for p in s.points],
            }
            for s in crossed
        ],
    )


def check_proximity(footprint, config: AssessmentSettings) -> dict:
    if footprint is None:
        return _check("proximity", NOT_AVAILABLE, reason="no_geometry")
    near = sites_within(
        footprint,
        inputs.nearby_sites(footprint, distance_m=config.proximity_distance_m),
        distance_m=config.proximity_distance_m,
    )
    counts = Counter(site.kind for site in near)
    sensitive = {"hospital", "critical", "government"}
    status = WARNING if sensitive & set(counts) else INFO if counts else OK
    return _check(
        "proximity",
        status,
        distance_m=config.proximity_distance_m,
        counts=dict(counts),
        sites=[
            {
                "layer": s.key[0],
                "id": s.key[1],
                "name": s.name,
                "kind": s.kind,
                "distance_m": round(s.distance_m, 1),
            }
            for s in near
        ],
    )


def check_risk_zones(footprint) -> dict:
    specs = inputs.risk_zone_specs()
    if not specs:
        return _check("risk_zones", NOT_AVAILABLE, reason="no_risk_layer")
    if footprint is None:
        return _check("risk_zones", NOT_AVAILABLE, reason="no_geometry")
    hits = zones_intersecting(footprint, inputs.risk_zones(footprint, specs))
    return _check(
        "risk_zones",
        WARNING if hits else OK,
        layers=[spec.slug for spec in specs],
        zones=[
            {
                "layer": h.key[0],
                "id": h.key[1],
                "name": h.name,
                "kind": h.kind,
                "shared_area_m2": round(h.shared_area_m2, 1),
                "shared_length_m": round(h.shared_length_m, 1),
            }
            for h in hits
        ],
    )


def check_cameras(event: MassEvent) -> dict:
    """Share of the perimeter (by area) and route (by length) that online cameras see, per DORI level."""
    spec = inputs.camera_spec()
    if spec is None:
        return _check("cameras", NOT_AVAILABLE, reason="no_camera_layer")
    targets = {"perimeter": to_metric(event.perimeter), "route": to_metric(event.route)}
    shares = {}
    for name, target in targets.items():
        if target is None:
            continue
        views = inputs.camera_views(target, spec)
        seen = coverage(target, [shape for _level, shape in views])
        by_level = {
            level: round(coverage(target, [shape for lvl, shape in views if lvl == level]).share, 3)
            for level in sorted({level for level, _shape in views if level}, key=DORI_ORDER.index)
        }
        shares[name] = {
            "measure": seen.measure,
            "total": round(seen.total, 1),
            "covered": round(seen.covered, 1),
            "share": round(seen.share, 3),
            "by_level": by_level,
        }
    if not shares:
        return _check("cameras", NOT_AVAILABLE, reason="no_geometry")
    lowest = min(item["share"] for item in shares.values())
    return _check("cameras", OK if lowest >= 0.5 else WARNING, layer=spec.slug, coverage=shares)


def check_stations(footprint, config: AssessmentSettings) -> dict:
    if footprint is None:
        return _check("stations", NOT_AVAILABLE, reason="no_geometry")
    kinds = [Service.POLICE, Service.FIRE, Service.AMBULANCE]
    nearest = nearest_per_kind(
        footprint, inputs.stations(footprint, search_m=config.station_search_m), kinds=kinds
    )
    data = {
        str(kind): (
            {"id": site.key[1], "name": site.name, "distance_m": round(site.distance_m, 1)}
            if site is not None
            else None
        )
        for kind, site in nearest.items()
    }
    return _check(
        "stations",
        WARNING if None in data.values() else INFO,
        nearest=data,
        layer="emergency-stations",
        search_m=config.station_search_m,
    )


def assess(event: MassEvent, revision: EventRevision) -> EventAssessment:
    """Run every check on the event as it is now (the revision's content) and keep the result."""
    started = time.perf_counter()
    config = assessment_settings()
    footprint = inputs.event_footprint(event)
    conflict_footprint = inputs.event_footprint(event, with_closures=True)
    checks = [
        check_conflicts(event, conflict_footprint, config),
        check_density(event, config),
        check_egress(event, config),
        check_route(event, config),
        check_proximity(footprint, config),
        check_risk_zones(footprint),
        check_cameras(event),
        check_stations(footprint, config),
        event_check.run(event, footprint),
    ]
    return EventAssessment.objects.create(
        event=event,
        revision=revision,
        duration_ms=round((time.perf_counter() - started) * 1000),
        parameters=config.as_dict(),
        checks=checks,
    )
