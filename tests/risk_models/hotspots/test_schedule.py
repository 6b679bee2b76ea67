"""The annual inspection schedule keeps its guarantees."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

import numpy as np
import pytest

from risk_models.hotspots import (
    InvalidParameter,
    ScheduleRules,
    SiteToInspect,
    annual_schedule,
    visits_needed,
)

RULES = ScheduleRules(sites_per_day=4, max_route_m=30_000, min_gap_days=60)


def working_days(year: int = 2027) -> list[date]:
    day, days = date(year, 1, 1), []
    while day.year == year:
        if day.weekday() < 5:
            days.append(day)
        day += timedelta(days=1)
    return days


def sites(count: int = 60) -> list[SiteToInspect]:
    rng = np.random.default_rng(3)
    return [
        SiteToInspect(
            site_id=i + 1,
            x=float(rng.uniform(0, 20_000)),
            y=float(rng.uniform(0, 20_000)),
            high_risk=i % 7 == 0,
            serious_findings=i % 5 == 0,
        )
        for i in range(count)
    ]


def test_visits_follow_the_rules():
    assert visits_needed(SiteToInspect(1, 0, 0)) == ("baseline",)
    assert visits_needed(SiteToInspect(1, 0, 0, high_risk=True, serious_findings=True)) == (
        "baseline",
        "serious_findings",
        "high_risk",
    )


def test_every_guarantee_of_the_schedule():
    days = working_days()
    all_sites = sites()
    schedule = annual_schedule(all_sites, working_days=days, inspectors=2, rules=RULES)
    per_site = Counter(visit.site_id for visit in schedule.visits)
    for site in all_sites:
        # Every site at least once; more often where the rules say so.
        assert per_site[site.site_id] == len(visits_needed(site))
        dates = sorted(visit.day for visit in schedule.visits_of(site.site_id))
        assert all((b - a).days >= RULES.min_gap_days for a, b in zip(dates, dates[1:], strict=False))
    assert {visit.day for visit in schedule.visits} <= set(days)
    per_day = Counter((visit.day, visit.inspector) for visit in schedule.visits)
    assert max(per_day.values()) <= RULES.sites_per_day
    assert max(schedule.route_m.values()) <= RULES.max_route_m
    # Grouping: most inspector-days visit more than one site.
    assert sum(1 for n in per_day.values() if n > 1) > len(per_day) / 2


def test_the_route_of_a_day_is_the_shortest_order():
    # Four sites on a line, given out of order: the route runs 0 → 1 → 2 → 3 km (3 km × 1.3).
    line = [SiteToInspect(i, x, 0.0) for i, x in ((1, 2000.0), (2, 0.0), (3, 3000.0), (4, 1000.0))]
    schedule = annual_schedule(line, working_days=working_days()[:5], inspectors=1, rules=RULES)
    day = schedule.visits[0].day
    route = sorted((v for v in schedule.visits if v.day == day), key=lambda v: v.order)
    assert [v.site_id for v in route] in ([2, 4, 1, 3], [3, 1, 4, 2])
    assert schedule.route_m[(day, 1)] == pytest.approx(3000 * 1.3)


def test_too_few_inspector_days_is_said_plainly():
    with pytest.raises(InvalidParameter) as error:
        annual_schedule(sites(60), working_days=working_days()[:10], inspectors=1, rules=RULES)
    assert error.value.parameter == "inspectors"
    with pytest.raises(InvalidParameter):
        annual_schedule([], working_days=working_days(), inspectors=1)
