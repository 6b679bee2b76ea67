"""Patrol plans of the Municipal Police: proposing a route from hot spots, saving and deleting plans.

A plan is a shift (date, start and end, possibly ending the next day) for a sector with patrol
areas (polygons) and routes (lines), each with its times and crew. Saving replaces the plan's
areas and routes in one transaction: a refused plan leaves the stored one as it was.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import shapely
from django.contrib.gis.geos import LineString, Point
from django.db import transaction
from django.utils.translation import gettext as _

from geo_platform.errors import InvalidGeometry, InvalidParameter
from layers.geometry import check_geometry
from layers.public_order.errors import core_errors
from layers.public_order.models import PatrolArea, PatrolPlan, PatrolRoute
from layers.public_order.permissions import ensure_can_plan_patrols
from layers.public_order.selectors import patrol as selectors
from layers.surveillance.geometry import metric_of
from risk_models.hotspots import DETOUR_FACTOR, propose_route

# Assumptions (no norm in reach): a route longer than 60 km is not one crew's shift on Sofia's
# streets; a plan has at most 30 areas and 30 routes.
MAX_ROUTE_M = 60_000.0
MAX_PARTS = 30


def propose(
    *, user, analysis_id: int, max_length_m: float, station_id: int | None = None, loop: bool = True
) -> dict:
    """A patrol route through the analysis' hottest cells from a police station (nothing is saved)."""
    ensure_can_plan_patrols(user)
    analysis = selectors.hotspot_analysis(analysis_id)
    cells, polygons, gain_label = selectors.hot_cells(analysis)
    if not cells:
        raise InvalidParameter(
            _("The analysis found no hot cells to patrol; choose a longer period or another area.")
        )
    if station_id:
        station = selectors.police_station(station_id)
    else:
        hottest = max(cells, key=lambda c: c.gain)
        station = selectors.nearest_police_station(
            Point(*selectors.to_lonlat(hottest.x, hottest.y), srid=4326)
        )
    start = metric_of(station.position)
    with core_errors():
        route = propose_route(cells, start=(start.x, start.y), max_length_m=max_length_m, loop=loop)
    if not route.stops:
        raise InvalidParameter(
            _(
                "No hot cell is reachable within %(length)s m from %(station)s and back; allow a longer route "
                "or start from a nearer station."
            )
            % {"length": f"{max_length_m:g}", "station": station.name}
        )
    path = [selectors.to_lonlat(x, y) for x, y in route.path]
    stops = [
        {"number": n, "lon": round(lon, 6), "lat": round(lat, 6), "gain": round(cell.gain, 3)}
        for n, (cell, (lon, lat)) in enumerate(zip(route.stops, path[1:], strict=False), start=1)
    ]
    area = None
    if polygons:
        by_key = {cell.key: polygon for cell, polygon in zip(cells, polygons, strict=True)}
        merged = shapely.union_all([by_key[c.key] for c in route.stops]).buffer(30).buffer(-30)
        hull = merged.convex_hull if merged.geom_type != "Polygon" else merged
        area = selectors.geojson(_storage(hull))
    method = {
        "analysis": analysis.pk,
        "analysis_method": analysis.get_method_display(),
        "analysis_note": analysis.result.get("note", ""),
        "station": station.name,
        "max_length_m": max_length_m,
        "length_m": round(route.length_m),
        "loop": loop,
        "gain": gain_label,
        "gain_share": round(route.gain_share, 3),
        "stops": len(route.stops),
        "hot_cells": len(cells),
        "detour_factor": DETOUR_FACTOR,
        "note": method_note(
            length=route.length_m,
            limit=max_length_m,
            share=route.gain_share,
            stops=len(route.stops),
            cells=len(cells),
            gain=gain_label,
            station=station.name,
        ),
    }
    return {
        "route": {"type": "LineString", "coordinates": [[round(lon, 6), round(lat, 6)] for lon, lat in path]},
        "stops": stops,
        "area": area,
        "station": {
            "id": station.pk,
            "name": station.name,
            "lon": station.position.x,
            "lat": station.position.y,
        },
        "method": method,
    }


def method_note(
    *, length: float, limit: float, share: float, stops: int, cells: int, gain: str, station: str
) -> str:
    return _(
        "Route from %(station)s through %(stops)s of %(cells)s hot cells and back, %(length)s m of at most "
        "%(limit)s m, covering %(share)s %% of the summed %(gain)s. Chosen by a heuristic for the orienteering "
        "problem (greedy by gain per extra metre, then 2-opt), not a proven optimum. Distances are straight "
        "lines × %(factor)s (assumption: streets about 30 %% longer than straight lines); the line on the map "
        "joins the stops straight, the crew follows the streets."
    ) % {
        "station": station,
        "stops": stops,
        "cells": cells,
        "length": f"{length:.0f}",
        "limit": f"{limit:g}",
        "share": round(share * 100),
        "gain": gain,
        "factor": f"{DETOUR_FACTOR:g}",
    }


def _storage(geometry):
    from layers.surveillance.geometry import storage_geos

    return storage_geos(geometry)


def _shift_window(day: date, start: time, end: time, overnight: bool) -> tuple[datetime, datetime]:
    begins = datetime.combine(day, start)
    ends = datetime.combine(day + timedelta(days=1) if overnight else day, end)
    if ends <= begins:
        raise InvalidParameter(
            _(
                "The shift must end after it starts. For a night shift that ends the next day, tick "
                "“ends the next day”."
            ),
            field="end_time",
        )
    if ends - begins > timedelta(hours=24):
        raise InvalidParameter(_("A shift may be at most 24 hours long."), field="end_time")
    return begins, ends


def _within_shift(label: str, part: dict, window: tuple[datetime, datetime]) -> None:
    begins, ends = window
    day = begins.date()

    def at(value: time) -> datetime:
        moment = datetime.combine(day, value)
        return moment + timedelta(days=1) if moment < begins else moment

    start, end = at(part["time_from"]), at(part["time_to"])
    if end <= start or end > ends:
        raise InvalidParameter(
            _("%(part)s: its times must lie within the shift (%(start)s – %(end)s) and end after they start.")
            % {"part": label, "start": begins.strftime("%H:%M"), "end": ends.strftime("%H:%M")}
        )


def _checked(label: str, geometry: dict, accepted: tuple[str, ...]):
    try:
        return check_geometry(geometry, accepted_types=accepted).geometry
    except InvalidGeometry as error:
        raise InvalidGeometry(f"{label}: {error.detail}") from None


@transaction.atomic
def save_plan(*, user, data: dict, plan: PatrolPlan | None = None) -> PatrolPlan:
    """Create a plan, or replace an existing one's fields, areas and routes; all or nothing."""
    ensure_can_plan_patrols(user)
    areas, routes = data.get("areas") or [], data.get("routes") or []
    if not areas and not routes:
        raise InvalidParameter(
            _("A patrol plan needs at least one patrol area or route: draw one or propose a route.")
        )
    if len(areas) > MAX_PARTS or len(routes) > MAX_PARTS:
        raise InvalidParameter(_("A plan may have at most %(n)s areas and %(n)s routes.") % {"n": MAX_PARTS})
    window = _shift_window(data["date"], data["start_time"], data["end_time"], data.get("overnight", False))
    built_areas, built_routes = [], []
    for number, part in enumerate(areas, start=1):
        label = _("Patrol area %(n)s") % {"n": number}
        _within_shift(label, part, window)
        polygon = _checked(label, part["geometry"], ("Polygon",))
        built_areas.append(
            PatrolArea(
                number=number,
                crew=part["crew"],
                time_from=part["time_from"],
                time_to=part["time_to"],
                area=polygon,
            )
        )
    for number, part in enumerate(routes, start=1):
        label = _("Route %(n)s") % {"n": number}
        _within_shift(label, part, window)
        coordinates = part["geometry"].get("coordinates") if isinstance(part["geometry"], dict) else None
        if isinstance(coordinates, list) and len({tuple(c) for c in coordinates if isinstance(c, list)}) == 1:
            length = 0.0  # one point drawn twice: a route of no length, said as such
        else:
            line = _checked(label, part["geometry"], ("LineString",))
            length = metric_of(line).length
        if not 0 < length <= MAX_ROUTE_M:
            raise InvalidParameter(
                _("%(part)s is %(length)s m long; a route must be longer than 0 m and at most %(max)s km.")
                % {"part": label, "length": f"{length:.0f}", "max": f"{MAX_ROUTE_M / 1000:g}"}
            )
        built_routes.append(
            PatrolRoute(
                number=number,
                crew=part["crew"],
                time_from=part["time_from"],
                time_to=part["time_to"],
                route=LineString(line.coords, srid=line.srid),
                length_m=round(length, 1),
                stops=part.get("stops") or [],
            )
        )
    fields = ("date", "start_time", "end_time", "overnight", "sector", "district", "unit", "notes", "method")
    if plan is None:
        plan = PatrolPlan(created_by=user)
    for name in fields:
        if name in data:
            setattr(plan, name, data[name])
    plan.updated_by = user
    plan.save()
    plan.areas.all().delete()
    plan.routes.all().delete()
    for item in (*built_areas, *built_routes):
        item.plan = plan
    PatrolArea.objects.bulk_create(built_areas)
    PatrolRoute.objects.bulk_create(built_routes)
    return selectors.plan(plan.pk)


@transaction.atomic
def delete_plan(*, user, plan: PatrolPlan) -> None:
    ensure_can_plan_patrols(user)
    plan.delete()
