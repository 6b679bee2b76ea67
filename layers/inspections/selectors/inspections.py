"""Reads of the inspections: the register, schedules, inspections and a company's record."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from layers.inspections.checklist import PrescriptionStatus, ScheduleStatus, Severity
from layers.inspections.models import (
    GuardContract,
    Inspection,
    InspectionSchedule,
    PlannedVisit,
    Prescription,
    SecurityCompany,
)

# Weights of findings in a company's score (assumption): a serious breach counts as three minor ones.
SEVERITY_WEIGHTS = {Severity.MINOR: 1, Severity.MAJOR: 2, Severity.SERIOUS: 3}


def companies():
    return SecurityCompany.objects.annotate(
        contract_count=Count("contracts", distinct=True),
        active_contracts=Count(
            "contracts",
            filter=Q(
                contracts__starts_on__lte=timezone.localdate(), contracts__ends_on__gte=timezone.localdate()
            ),
            distinct=True,
        ),
    )


def contracts():
    return GuardContract.objects.select_related("company", "site")


def schedules():
    return InspectionSchedule.objects.select_related("created_by", "accepted_by").annotate(
        visit_count=Count("visits")
    )


def schedule_visits(schedule: InspectionSchedule):
    return PlannedVisit.objects.filter(schedule=schedule).select_related("site")


def inspections():
    return Inspection.objects.select_related("site", "company", "inspector").prefetch_related(
        "findings__evidence",
        Prefetch("prescriptions", queryset=Prescription.objects.order_by("deadline", "pk")),
    )


def prescriptions(*, status: str | None = None, overdue: bool = False):
    rows = Prescription.objects.select_related("inspection__site", "inspection__company")
    if status:
        rows = rows.filter(status=status)
    if overdue:
        rows = rows.filter(status=PrescriptionStatus.OPEN, deadline__lt=timezone.localdate())
    return rows


@dataclass(frozen=True)
class PeriodRecord:
    period: str
    inspections: int
    findings: int
    weighted_findings: int
    prescriptions: int
    fulfilled: int
    overdue: int

    @property
    def findings_per_inspection(self) -> float | None:
        return round(self.findings / self.inspections, 2) if self.inspections else None

    @property
    def fulfilled_rate(self) -> float | None:
        return round(self.fulfilled / self.prescriptions, 2) if self.prescriptions else None


def company_record(
    company: SecurityCompany, *, start: date | None = None, end: date | None = None, by: str = "quarter"
) -> list[PeriodRecord]:
    """The company's inspections per quarter (or year): findings per inspection, prescriptions fulfilled."""
    rows = Inspection.objects.filter(company=company).prefetch_related("findings", "prescriptions")
    if start:
        rows = rows.filter(inspected_on__gte=start)
    if end:
        rows = rows.filter(inspected_on__lte=end)
    today = timezone.localdate()
    counts: dict[str, Counter] = defaultdict(Counter)
    for inspection in rows:
        day = inspection.inspected_on
        key = f"{day.year}" if by == "year" else f"{day.year}-Q{(day.month - 1) // 3 + 1}"
        bucket = counts[key]
        bucket["inspections"] += 1
        for finding in inspection.findings.all():
            bucket["findings"] += 1
            bucket["weighted"] += SEVERITY_WEIGHTS[finding.severity]
        for prescription in inspection.prescriptions.all():
            if prescription.status == PrescriptionStatus.CANCELLED:
                continue
            bucket["prescriptions"] += 1
            bucket["fulfilled"] += prescription.status == PrescriptionStatus.FULFILLED
            bucket["overdue"] += (
                prescription.status == PrescriptionStatus.OPEN and prescription.deadline < today
            )
    return [
        PeriodRecord(
            key,
            c["inspections"],
            c["findings"],
            c["weighted"],
            c["prescriptions"],
            c["fulfilled"],
            c["overdue"],
        )
        for key, c in sorted(counts.items())
    ]


def accepted_schedule(year: int) -> InspectionSchedule | None:
    return InspectionSchedule.objects.filter(year=year, status=ScheduleStatus.ACCEPTED).first()
