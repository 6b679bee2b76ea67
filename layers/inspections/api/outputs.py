"""The inspections API's answers."""

from __future__ import annotations

from collections import defaultdict

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from layers.inspections.checklist import (
    CHECKLIST,
    Answer,
    PrescriptionStatus,
    ScheduleStatus,
    Severity,
    is_overdue,
)
from layers.inspections.models import (
    GuardContract,
    Inspection,
    InspectionSchedule,
    Prescription,
    SecurityCompany,
)
from layers.inspections.selectors.inspections import PeriodRecord


def reason_labels() -> dict[str, str]:
    return {
        "baseline": _("every guarded site at least once a year"),
        "serious_findings": _("extra visit: serious findings at the last inspection"),
        "high_risk": _("extra visit: high risk at the site"),
    }


def company(c: SecurityCompany) -> dict:
    today = timezone.localdate()
    return {
        "id": c.pk,
        "name": c.name,
        "eik": c.eik,
        "licence_number": c.licence_number,
        "licence_valid_until": c.licence_valid_until,
        "licence_valid": c.licence_valid_until is None or c.licence_valid_until >= today,
        "notes": c.notes,
        "contracts": getattr(c, "contract_count", None),
        "active_contracts": getattr(c, "active_contracts", None),
    }


def contract(c: GuardContract) -> dict:
    today = timezone.localdate()
    return {
        "id": c.pk,
        "company": {"id": c.company_id, "name": c.company.name},
        "site": {"id": c.site_id, "name": c.site.name},
        "number": c.number,
        "licence_number": c.licence_number,
        "starts_on": c.starts_on,
        "ends_on": c.ends_on,
        "posts": c.posts,
        "hours_per_week": c.hours_per_week,
        "value_eur": str(c.value_eur),
        "in_force": c.starts_on <= today <= c.ends_on,
    }


def record(r: PeriodRecord) -> dict:
    return {
        "period": r.period,
        "inspections": r.inspections,
        "findings": r.findings,
        "findings_per_inspection": r.findings_per_inspection,
        "prescriptions": r.prescriptions,
        "fulfilled": r.fulfilled,
        "fulfilled_rate": r.fulfilled_rate,
        "overdue": r.overdue,
    }


def schedule_summary(s: InspectionSchedule) -> dict:
    return {
        "id": s.pk,
        "year": s.year,
        "status": s.status,
        "status_label": ScheduleStatus(s.status).label,
        "inspectors": s.inspectors,
        "visits": getattr(s, "visit_count", None),
        "made_by": s.created_by.get_username() if s.created_by else "",
        "made_at": s.created_at,
        "accepted_at": s.accepted_at,
    }


def schedule(s: InspectionSchedule, visits) -> dict:
    labels = reason_labels()
    routes = {(r["day"], r["inspector"]): r["route_m"] for r in s.routes}
    days: dict[tuple[str, int], list] = defaultdict(list)
    for v in visits:
        days[(v.day.isoformat(), v.inspector)].append(
            {
                "id": v.pk,
                "order": v.order,
                "site": {
                    "id": v.site_id,
                    "name": v.site.name,
                    "lon": v.site.position.x,
                    "lat": v.site.position.y,
                },
                "reasons": [labels.get(key, key) for key in v.reasons],
            }
        )
    return {
        **schedule_summary(s),
        "visits": sum(len(stops) for stops in days.values()),
        "parameters": {k: v for k, v in s.parameters.items() if k != "assumptions"},
        "assumptions": s.parameters.get("assumptions", []),
        "days": [
            {"day": day, "inspector": inspector, "route_m": routes.get((day, inspector)), "stops": stops}
            for (day, inspector), stops in sorted(days.items())
        ],
    }


def prescription(p: Prescription, *, today=None) -> dict:
    today = today or timezone.localdate()
    return {
        "id": p.pk,
        "text": p.text,
        "deadline": p.deadline,
        "status": p.status,
        "status_label": PrescriptionStatus(p.status).label,
        "fulfilled_on": p.fulfilled_on,
        "overdue": is_overdue(status=p.status, deadline=p.deadline, today=today),
        "history": p.history,
        "inspection": p.inspection_id,
    }


def inspection(i: Inspection) -> dict:
    items = {item.key: item for item in CHECKLIST}
    return {
        "id": i.pk,
        "site": {"id": i.site_id, "name": i.site.name},
        "company": {"id": i.company_id, "name": i.company.name} if i.company else None,
        "inspected_on": i.inspected_on,
        "inspector": i.inspector.get_username() if i.inspector else "",
        "visit": i.visit_id,
        "notes": i.notes,
        "checklist": [
            {
                "item": key,
                "label": items[key].label if key in items else key,
                "answer": answer,
                "answer_label": Answer(answer).label,
            }
            for key, answer in i.checklist.items()
        ],
        "findings": [
            {
                "id": f.pk,
                "item": f.item,
                "label": items[f.item].label if f.item in items else f.item,
                "severity": f.severity,
                "severity_label": Severity(f.severity).label,
                "description": f.description,
                "evidence": [
                    {
                        "id": e.pk,
                        "name": e.original_name,
                        "type": e.content_type,
                        "size": e.size,
                        "url": reverse("inspections:evidence", kwargs={"evidence_id": e.pk}),
                    }
                    for e in f.evidence.all()
                ],
            }
            for f in i.findings.all()
        ],
        "prescriptions": [prescription(p) for p in i.prescriptions.all()],
    }


def checklist() -> dict:
    return {
        "items": [{"key": i.key, "label": i.label, "what_to_check": i.what_to_check} for i in CHECKLIST],
        "answers": [{"key": k, "label": v} for k, v in Answer.choices],
        "severities": [{"key": k, "label": v} for k, v in Severity.choices],
    }
