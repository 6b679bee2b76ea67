"""What the quarterly and annual reports to the mayor say: inspections done against the accepted
schedule, findings by kind and severity, the companies ranked, and the sites for the map."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone

from layers.inspections.checklist import CHECKLIST_KEYS, PrescriptionStatus, Severity
from layers.inspections.models import Inspection, PlannedVisit
from layers.inspections.selectors.inspections import SEVERITY_WEIGHTS, accepted_schedule
from layers.public_order.models import GuardedSite


@dataclass(frozen=True)
class CompanyRank:
    name: str
    inspections: int
    findings: int
    serious: int
    findings_per_inspection: float
    prescriptions: int
    fulfilled: int
    overdue: int
    score: float  # weighted findings per inspection (lower is better)


@dataclass(frozen=True)
class SitePoint:
    name: str
    lon: float
    lat: float
    planned: bool
    inspected: bool
    serious: bool


@dataclass
class Report:
    year: int
    quarter: int | None
    start: date
    end: date
    planned: int
    done: int
    done_planned: int
    has_schedule: bool
    by_item: dict[str, int] = field(default_factory=dict)
    by_severity: dict[str, int] = field(default_factory=dict)
    companies: list[CompanyRank] = field(default_factory=list)
    sites: list[SitePoint] = field(default_factory=list)
    open_prescriptions: int = 0
    overdue_prescriptions: int = 0

    @property
    def done_share(self) -> float | None:
        return round(self.done_planned / self.planned, 3) if self.planned else None


def period_of(year: int, quarter: int | None) -> tuple[date, date]:
    if quarter is None:
        return date(year, 1, 1), date(year, 12, 31)
    start = date(year, 3 * quarter - 2, 1)
    end = date(year + 1, 1, 1) if quarter == 4 else date(year, 3 * quarter + 1, 1)
    return start, date.fromordinal(end.toordinal() - 1)


def report(*, year: int, quarter: int | None) -> Report:
    start, end = period_of(year, quarter)
    today = timezone.localdate()
    schedule = accepted_schedule(year)
    planned = (
        list(
            PlannedVisit.objects.filter(schedule=schedule, day__range=(start, end)).values_list(
                "pk", "site_id"
            )
        )
        if schedule
        else []
    )
    done = list(
        Inspection.objects.filter(inspected_on__range=(start, end))
        .select_related("company")
        .prefetch_related("findings", "prescriptions")
    )
    planned_sites = {site for _pk, site in planned}
    inspected_sites = {i.site_id for i in done}
    # A planned visit is done when it was recorded against it, or its site was inspected in the period.
    linked = {i.visit_id for i in done if i.visit_id}
    done_planned = sum(1 for pk, site in planned if pk in linked or site in inspected_sites)
    by_item = Counter({key: 0 for key in CHECKLIST_KEYS})
    by_severity = Counter({key: 0 for key in Severity.values})
    stats: dict[str, Counter] = {}
    serious_sites = set()
    for inspection in done:
        name = inspection.company.name if inspection.company else ""
        c = stats.setdefault(name, Counter())
        c["inspections"] += 1
        for finding in inspection.findings.all():
            by_item[finding.item] += 1
            by_severity[finding.severity] += 1
            c["findings"] += 1
            c["weighted"] += SEVERITY_WEIGHTS[finding.severity]
            if finding.severity == Severity.SERIOUS:
                c["serious"] += 1
                serious_sites.add(inspection.site_id)
        for p in inspection.prescriptions.all():
            if p.status == PrescriptionStatus.CANCELLED:
                continue
            c["prescriptions"] += 1
            c["fulfilled"] += p.status == PrescriptionStatus.FULFILLED
            c["overdue"] += p.status == PrescriptionStatus.OPEN and p.deadline < today
    ranks = [
        CompanyRank(
            name,
            c["inspections"],
            c["findings"],
            c["serious"],
            round(c["findings"] / c["inspections"], 2),
            c["prescriptions"],
            c["fulfilled"],
            c["overdue"],
            round(c["weighted"] / c["inspections"], 2),
        )
        for name, c in stats.items()
        if name
    ]
    ranks.sort(key=lambda r: (r.score, r.overdue, r.name))
    sites = [
        SitePoint(
            site.name,
            site.position.x,
            site.position.y,
            site.pk in planned_sites,
            site.pk in inspected_sites,
            site.pk in serious_sites,
        )
        for site in GuardedSite.objects.order_by("pk")
    ]
    return Report(
        year=year,
        quarter=quarter,
        start=start,
        end=end,
        planned=len(planned),
        done=len(done),
        done_planned=done_planned,
        has_schedule=schedule is not None,
        by_item=dict(by_item),
        by_severity=dict(by_severity),
        companies=ranks,
        sites=sites,
        open_prescriptions=sum(c["prescriptions"] - c["fulfilled"] for c in stats.values()),
        overdue_prescriptions=sum(c["overdue"] for c in stats.values()),
    )
