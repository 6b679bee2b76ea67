"""The annual schedule of inspections of guarded municipal sites: when, who, in which order.

Rules as data (VISIT_RULES): every site at least once a year, more often where the last
inspection found serious breaches or the site's risk is high. Visits are spread over the
year's working days (the caller gives them: Bulgarian holidays and decreed days off already
taken out), nearby sites are grouped into one inspector's day, and each day's sites are put
in the shortest order found (nearest neighbour, then 2-opt) on the distance the caller gives
(the street network stand-in), or straight lines × DETOUR_FACTOR.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date

from .errors import InvalidParameter

# Assumption (no norm in reach): streets are ~30 % longer than straight lines in Sofia's centre.
DETOUR_FACTOR = 1.3


@dataclass(frozen=True)
class VisitRule:
    key: str
    extra_visits: int
    reason: str


VISIT_RULES = (
    VisitRule("baseline", 1, "every guarded municipal site is inspected at least once a year"),
    VisitRule("serious_findings", 1, "the last inspection found serious breaches"),
    VisitRule("high_risk", 1, "the site's risk score is high"),
)


@dataclass(frozen=True)
class ScheduleRules:
    """Limits of an inspector's day and of the spacing of visits (assumptions, editable)."""

    sites_per_day: int = 4
    max_route_m: float = 30_000.0
    min_gap_days: int = 60


@dataclass(frozen=True)
class SiteToInspect:
    site_id: int
    x: float  # metres (UTM 34N)
    y: float
    high_risk: bool = False
    serious_findings: bool = False


@dataclass(frozen=True)
class Visit:
    site_id: int
    day: date
    inspector: int  # 1..inspectors
    order: int  # position in the inspector's route that day, from 1
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Schedule:
    visits: tuple[Visit, ...]
    route_m: dict[tuple[date, int], float] = field(default_factory=dict)

    def visits_of(self, site_id: int) -> list[Visit]:
        return [visit for visit in self.visits if visit.site_id == site_id]


def visits_needed(site: SiteToInspect) -> tuple[str, ...]:
    """The rules that apply to a site: one visit per rule."""
    applies = {"baseline": True, "serious_findings": site.serious_findings, "high_risk": site.high_risk}
    return tuple(rule.key for rule in VISIT_RULES if applies[rule.key] for _ in range(rule.extra_visits))


def annual_schedule(
    sites: Sequence[SiteToInspect],
    *,
    working_days: Sequence[date],
    inspectors: int,
    rules: ScheduleRules = ScheduleRules(),
    distance: Callable[[SiteToInspect, SiteToInspect], float] | None = None,
) -> Schedule:
    """Every site's visits on working days, grouped by place into inspectors' days, in route order."""
    if not sites:
        raise InvalidParameter("no sites", parameter="sites", expected="at least one guarded site")
    if inspectors < 1:
        raise InvalidParameter(
            f"{inspectors} inspectors", parameter="inspectors", expected="at least one inspector"
        )
    days = sorted(set(working_days))
    if not days:
        raise InvalidParameter(
            "no working days", parameter="working_days", expected="the year's working days"
        )
    measure = distance or _straight_with_detour
    demands = [(site, visits_needed(site)) for site in sites]
    total = sum(len(reasons) for _, reasons in demands)
    capacity = len(days) * inspectors * rules.sites_per_day
    if total > capacity:
        raise InvalidParameter(
            f"{total} visits, room for {capacity}",
            parameter="inspectors",
            expected=f"enough inspector-days for {total} visits (now {capacity})",
        )
    # The k visits of a site aim at k evenly spaced points of the year; sites are taken in
    # the order of a space-filling curve, so neighbours aim at the same days and share them.
    ordered = sorted(demands, key=lambda item: _morton(item[0]))
    span = len(days)
    wanted: list[tuple[float, int, SiteToInspect, str]] = []
    for rank, (site, reasons) in enumerate(ordered):
        phase = rank / len(ordered)
        for k, reason in enumerate(reasons):
            wanted.append(((phase + k) / len(reasons) * span, rank, site, reason))
    wanted.sort(key=lambda item: (item[0], item[1]))

    pending = list(wanted)
    last_visit: dict[int, date] = {}
    visits: list[Visit] = []
    routes: dict[tuple[date, int], float] = {}
    for index, day in enumerate(days):
        for inspector in range(1, inspectors + 1):
            due = [
                item for item in pending if item[0] <= index + 1 and _spaced(item[2], day, last_visit, rules)
            ]
            if not due:
                continue
            seed = due[0]
            stops = [seed]
            candidates = [
                item for item in pending if item is not seed and _spaced(item[2], day, last_visit, rules)
            ]
            # Nearby visits due within a month join the seed's day, nearest first.
            candidates = [
                item for item in candidates if item[0] <= index + 22 and item[2].site_id != seed[2].site_id
            ]
            candidates.sort(key=lambda item: measure(seed[2], item[2]))
            for item in candidates:
                if len(stops) >= rules.sites_per_day:
                    break
                if any(stop[2].site_id == item[2].site_id for stop in stops):
                    continue
                trial = [stop[2] for stop in stops] + [item[2]]
                if _route_length(_best_order(trial, measure), measure) <= rules.max_route_m:
                    stops.append(item)
            route = _best_order([stop[2] for stop in stops], measure)
            by_site = {stop[2].site_id: stop for stop in stops}
            for order, site in enumerate(route, start=1):
                stop = by_site[site.site_id]
                visits.append(Visit(site.site_id, day, inspector, order, (stop[3],)))
                last_visit[site.site_id] = day
                pending.remove(stop)
            routes[(day, inspector)] = _route_length(route, measure)
        if not pending:
            break
    if pending:
        raise InvalidParameter(
            f"{len(pending)} visits left over",
            parameter="inspectors",
            expected="more inspectors or working days for the visits the rules ask for",
        )
    return Schedule(visits=tuple(visits), route_m=routes)


def _spaced(site: SiteToInspect, day: date, last_visit: dict[int, date], rules: ScheduleRules) -> bool:
    previous = last_visit.get(site.site_id)
    return previous is None or (day - previous).days >= rules.min_gap_days


def _straight_with_detour(a: SiteToInspect, b: SiteToInspect) -> float:
    return math.hypot(a.x - b.x, a.y - b.y) * DETOUR_FACTOR


# How far apart two sites are (m), for ordering a route.
Measure = Callable[["SiteToInspect", "SiteToInspect"], float]


def _route_length(route: Sequence[SiteToInspect], measure: Measure) -> float:
    return float(sum(measure(a, b) for a, b in zip(route, route[1:], strict=False)))


def _best_order(stops: list[SiteToInspect], measure: Measure) -> list[SiteToInspect]:
    """An open route through the stops: nearest neighbour from each start, improved by 2-opt."""
    if len(stops) <= 2:
        return list(stops)
    best: list[SiteToInspect] | None = None
    for start in range(len(stops)):
        route = [stops[start]]
        rest = stops[:start] + stops[start + 1 :]
        while rest:
            nearest = min(rest, key=lambda site: measure(route[-1], site))
            route.append(nearest)
            rest.remove(nearest)
        route = _two_opt(route, measure)
        if best is None or _route_length(route, measure) < _route_length(best, measure) - 1e-9:
            best = route
    assert best is not None
    return best


def _two_opt(route: list[SiteToInspect], measure: Measure) -> list[SiteToInspect]:
    improved = True
    while improved:
        improved = False
        for i in range(1, len(route) - 1):
            for j in range(i + 1, len(route)):
                candidate = route[:i] + route[i : j + 1][::-1] + route[j + 1 :]
                if _route_length(candidate, measure) < _route_length(route, measure) - 1e-9:
                    route, improved = candidate, True
    return route


def _morton(site: SiteToInspect, cell_m: float = 500.0) -> int:
    """Z-order of the site's 500 m cell: sites close on the ground come close in the order."""
    x, y = int(max(site.x, 0) // cell_m), int(max(site.y, 0) // cell_m)
    code = 0
    for bit in range(16):
        code |= ((x >> bit) & 1) << (2 * bit) | ((y >> bit) & 1) << (2 * bit + 1)
    return code
