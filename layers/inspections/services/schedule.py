"""Next year's inspection schedule: the guarded sites with their reasons for extra visits, the
Bulgarian working days, and the pure generator (risk_models.hotspots.schedule); saved as a
proposal that a planner accepts."""

from __future__ import annotations

import math
from datetime import date, timedelta

import numpy as np
from django.contrib.gis.db.models.functions import Transform
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from geo_platform.crs import METRIC_SRID, STORAGE_SRID
from geo_platform.errors import Conflict, InvalidParameter, NotFound
from layers.counterterrorism.selectors.data import load as street_inputs
from layers.events.workdays import CALENDAR_SOURCE, working_calendar
from layers.inspections.checklist import SERIOUS, ScheduleStatus
from layers.inspections.errors import schedule_errors
from layers.inspections.models import Finding, InspectionSchedule, PlannedVisit
from layers.public_order.models import CrimePreventionArea, GuardedSite
from layers.situation.choices import Category
from layers.situation.models import Incident
from risk_models.hotspots import DETOUR_FACTOR, ScheduleRules, SiteToInspect, annual_schedule

# Assumptions (no norm in reach), shown with every schedule: a site is at high risk when it lies
# in a crime-prevention area or had this many public-order incidents within this distance in the
# last year; a serious finding counts for this many days.
HIGH_RISK_INCIDENTS = 5
HIGH_RISK_RADIUS_M = 300
SERIOUS_LOOKBACK_DAYS = 365


def working_days(year: int, *, after: date | None = None) -> list[date]:
    """The year's working days (Bulgarian holidays and the directorate's overrides taken out)."""
    calendar = working_calendar()
    day, days = date(year, 1, 1), []
    while day.year == year:
        if (after is None or day > after) and calendar.is_working_day(day):
            days.append(day)
        day += timedelta(days=1)
    return days


def sites_to_inspect(*, today: date) -> tuple[list[SiteToInspect], dict[int, GuardedSite]]:
    """Every guarded site in metres, with its high-risk and serious-findings flags."""
    sites = {
        site.pk: site
        for site in GuardedSite.objects.annotate(
            metric=Transform("position", METRIC_SRID),
            in_area=Exists(CrimePreventionArea.objects.filter(area__contains=OuterRef("position"))),
        )
    }
    since = timezone.now() - timedelta(days=365)
    recent = Incident.objects.filter(category=Category.PUBLIC_ORDER, occurred_at__gte=since, merged_into=None)
    busy = set()
    for pk, site in sites.items():
        # The radius is drawn in metres (UTM 34N) and the circle taken back to storage CRS (WGS 84).
        circle = site.metric.buffer(HIGH_RISK_RADIUS_M, quadsegs=8)
        circle.transform(STORAGE_SRID)
        if recent.filter(position__within=circle).count() >= HIGH_RISK_INCIDENTS:
            busy.add(pk)
    serious = set(
        Finding.objects.filter(
            severity__in=SERIOUS, inspection__inspected_on__gte=today - timedelta(days=SERIOUS_LOOKBACK_DAYS)
        ).values_list("inspection__site_id", flat=True)
    )
    return [
        SiteToInspect(
            site_id=pk,
            x=site.metric.x,
            y=site.metric.y,
            high_risk=site.in_area or pk in busy,
            serious_findings=pk in serious,
        )
        for pk, site in sorted(sites.items())
    ], sites


def street_distance(sites: list[SiteToInspect]):
    """Distances between sites on the street stand-in (public-transport routes and, in the centre, the
    OSM major roads; the counter-terrorism street graph), each site joined to its nearest street node
    over the straight line × DETOUR_FACTOR; sites on unconnected pieces fall back to that estimate."""
    from scipy.sparse.csgraph import dijkstra

    graph = street_inputs().graph
    xy = np.array([(site.x, site.y) for site in sites])
    access, nodes = graph.nearest(xy)
    unique, column = np.unique(nodes, return_inverse=True)
    between = dijkstra(graph.matrix, directed=False, indices=unique)[:, unique]
    index = {site.site_id: i for i, site in enumerate(sites)}
    legs = access * DETOUR_FACTOR

    def measure(a: SiteToInspect, b: SiteToInspect) -> float:
        i, j = index[a.site_id], index[b.site_id]
        street = between[column[i], column[j]]
        if i == j or not np.isfinite(street):
            return math.hypot(a.x - b.x, a.y - b.y) * DETOUR_FACTOR
        return float(legs[i] + street + legs[j])

    return measure


def assumptions() -> list[str]:
    """The numbers the schedule rests on that are not from data, for the user to see."""
    rules = ScheduleRules()
    return [
        _(
            "High risk: the site lies in a crime-prevention area or had at least %(n)s public-order incidents "
            "within %(m)s m in the last year (assumption)."
        )
        % {"n": HIGH_RISK_INCIDENTS, "m": HIGH_RISK_RADIUS_M},
        _("Serious findings count for %(days)s days (assumption).") % {"days": SERIOUS_LOOKBACK_DAYS},
        _(
            "At most %(sites)s sites and %(km)s km of route per inspector and day; visits to one site at least "
            "%(gap)s days apart (assumptions)."
        )
        % {"sites": rules.sites_per_day, "km": f"{rules.max_route_m / 1000:g}", "gap": rules.min_gap_days},
        _(
            "Distances between sites: along the street stand-in (public-transport routes, in the centre the "
            "major roads of OpenStreetMap), from each site to its nearest street over a straight line × %(factor)s "
            "(assumption); where no street links two sites, the straight line × %(factor)s."
        )
        % {"factor": DETOUR_FACTOR},
        _("Working days: %(source)s and the directorate's own days off.") % {"source": CALENDAR_SOURCE},
    ]


@transaction.atomic
def generate(*, user, year: int, inspectors: int, sites_per_day: int | None = None) -> InspectionSchedule:
    """A proposed schedule for `year`, saved with its visits and each day's route."""
    today = timezone.localdate()
    if not today.year <= year <= today.year + 1:
        raise InvalidParameter(
            _("A schedule can be made for this year or the next (%(this)s or %(next)s).")
            % {"this": today.year, "next": today.year + 1},
            field="year",
        )
    rules = ScheduleRules(sites_per_day=sites_per_day or ScheduleRules().sites_per_day)
    sites, by_pk = sites_to_inspect(today=today)
    days = working_days(year, after=today if year == today.year else None)
    with schedule_errors():
        result = annual_schedule(
            sites, working_days=days, inspectors=inspectors, rules=rules, distance=street_distance(sites)
        )
    flags = {site.site_id: site for site in sites}
    schedule = InspectionSchedule.objects.create(
        year=year,
        inspectors=inspectors,
        created_by=user,
        parameters={
            "sites_per_day": rules.sites_per_day,
            "max_route_m": rules.max_route_m,
            "min_gap_days": rules.min_gap_days,
            "working_days": len(days),
            "sites": len(sites),
            "high_risk": sorted(pk for pk, site in flags.items() if site.high_risk),
            "serious_findings": sorted(pk for pk, site in flags.items() if site.serious_findings),
            "assumptions": assumptions(),
        },
        routes=[
            {"day": day.isoformat(), "inspector": inspector, "route_m": round(length)}
            for (day, inspector), length in sorted(result.route_m.items())
        ],
    )
    PlannedVisit.objects.bulk_create(
        PlannedVisit(
            schedule=schedule,
            site=by_pk[visit.site_id],
            day=visit.day,
            inspector=visit.inspector,
            order=visit.order,
            reasons=list(visit.reasons),
        )
        for visit in result.visits
    )
    return schedule


@transaction.atomic
def accept(*, user, schedule_id: int) -> InspectionSchedule:
    """The planner's acceptance: this schedule is the year's; an earlier accepted one is superseded."""
    schedule = InspectionSchedule.objects.select_for_update().filter(pk=schedule_id).first()
    if schedule is None:
        raise NotFound(_("There is no such schedule."))
    if schedule.status != ScheduleStatus.PROPOSED:
        raise Conflict(
            _("Only a proposed schedule can be accepted; this one is %(status)s.")
            % {"status": ScheduleStatus(schedule.status).label.lower()}
        )
    InspectionSchedule.objects.filter(year=schedule.year, status=ScheduleStatus.ACCEPTED).update(
        status=ScheduleStatus.SUPERSEDED
    )
    schedule.status = ScheduleStatus.ACCEPTED
    schedule.accepted_by = user
    schedule.accepted_at = timezone.now()
    schedule.save(update_fields=["status", "accepted_by", "accepted_at"])
    return schedule
