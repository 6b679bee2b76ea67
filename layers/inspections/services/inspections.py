"""Recording an inspection (checklist, findings, prescriptions) in one transaction, the evidence
files of a finding, and the follow-up of a prescription until it is fulfilled."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from geo_platform.errors import Conflict, InvalidParameter, NotFound
from layers.inspections.checklist import (
    CHECKLIST,
    CHECKLIST_KEYS,
    FOLLOW_UP,
    Answer,
    PrescriptionStatus,
    explain_follow_up,
)
from layers.inspections.models import Evidence, Finding, GuardContract, Inspection, PlannedVisit, Prescription
from layers.public_order.models import GuardedSite

MAX_EVIDENCE_BYTES = 10 * 1024 * 1024
# What a file must start with to be what it says (the browser's content type is not trusted).
EVIDENCE_TYPES = {
    "image/jpeg": (b"\xff\xd8\xff",),
    "image/png": (b"\x89PNG\r\n\x1a\n",),
    "application/pdf": (b"%PDF-",),
}
MAX_PRESCRIPTION_DAYS = 365


@transaction.atomic
def record_inspection(
    *,
    user,
    site_id: int,
    inspected_on: date,
    checklist: dict[str, str],
    findings: list[dict],
    prescriptions: list[dict],
    notes: str = "",
    visit_id: int | None = None,
) -> Inspection:
    """An inspection with its findings and prescriptions, all or nothing."""
    site = GuardedSite.objects.filter(pk=site_id).first()
    if site is None:
        raise InvalidParameter(
            _("There is no guarded site with this number; choose one from the list."), field="site"
        )
    today = timezone.localdate()
    if inspected_on > today:
        raise InvalidParameter(
            _("An inspection cannot be recorded for a day still to come."), field="inspected_on"
        )
    missing = [str(item.label) for item in CHECKLIST if item.key not in checklist]
    if missing:
        raise InvalidParameter(
            _("Answer every item of the checklist; missing: %(items)s.") % {"items": ", ".join(missing)},
            field="checklist",
        )
    unknown = sorted(set(checklist) - set(CHECKLIST_KEYS))
    if unknown:
        raise InvalidParameter(_("The checklist has items the method does not know."), field="checklist")
    breaches = {key for key, answer in checklist.items() if answer == Answer.BREACH}
    for finding in findings:
        if finding["item"] not in breaches:
            raise InvalidParameter(
                _("A finding must be about an item marked as a breach in the checklist (%(item)s is not).")
                % {"item": _label(finding["item"])},
                field="findings",
            )
    without = sorted(breaches - {finding["item"] for finding in findings})
    if without:
        raise InvalidParameter(
            _("Describe what was found for every breach: %(items)s.")
            % {"items": ", ".join(map(_label, without))},
            field="findings",
        )
    for prescription in prescriptions:
        if prescription["deadline"] <= inspected_on:
            raise InvalidParameter(
                _("A prescription's deadline must come after the inspection day."), field="prescriptions"
            )
        if (prescription["deadline"] - inspected_on).days > MAX_PRESCRIPTION_DAYS:
            raise InvalidParameter(
                _("A prescription's deadline may be at most a year after the inspection."),
                field="prescriptions",
            )
    visit = None
    if visit_id is not None:
        visit = PlannedVisit.objects.filter(pk=visit_id, site=site).first()
        if visit is None:
            raise InvalidParameter(_("The planned visit is not a visit to this site."), field="visit")
    contract = (
        GuardContract.objects.filter(site=site, starts_on__lte=inspected_on, ends_on__gte=inspected_on)
        .select_related("company")
        .first()
    )
    inspection = Inspection.objects.create(
        site=site,
        contract=contract,
        company=contract.company if contract else None,
        visit=visit,
        inspected_on=inspected_on,
        checklist=dict(checklist),
        notes=notes,
        inspector=user,
    )
    Finding.objects.bulk_create(
        Finding(
            inspection=inspection,
            item=f["item"],
            severity=f["severity"],
            description=f["description"].strip(),
        )
        for f in findings
    )
    Prescription.objects.bulk_create(
        Prescription(
            inspection=inspection,
            text=p["text"].strip(),
            deadline=p["deadline"],
            history=[{"at": timezone.now().isoformat(), "action": "issued", "by": user.get_username()}],
        )
        for p in prescriptions
    )
    if site.last_inspection is None or site.last_inspection < inspected_on:
        site.last_inspection = inspected_on
        site.save(update_fields=["last_inspection"])
    return inspection


def _label(key: str) -> str:
    return next((str(item.label) for item in CHECKLIST if item.key == key), key)


def add_evidence(*, finding_id: int, uploaded) -> Evidence:
    finding = Finding.objects.filter(pk=finding_id).first()
    if finding is None:
        raise NotFound(_("There is no such finding."))
    if uploaded.size > MAX_EVIDENCE_BYTES:
        raise InvalidParameter(
            _("The file is larger than 10 MB; upload a smaller photo or scan."), field="file"
        )
    head = uploaded.read(16)
    uploaded.seek(0)
    kind = next((kind for kind, magics in EVIDENCE_TYPES.items() if head.startswith(magics)), None)
    if kind is None:
        raise InvalidParameter(_("Evidence must be a JPEG or PNG photo or a PDF scan."), field="file")
    return Evidence.objects.create(
        finding=finding,
        file=uploaded,
        original_name=(uploaded.name or "evidence")[:200],
        content_type=kind,
        size=uploaded.size,
    )


@transaction.atomic
def follow_up(
    *,
    user,
    prescription_id: int,
    action: str,
    on: date | None = None,
    new_deadline: date | None = None,
    reason: str = "",
) -> Prescription:
    """Fulfil, extend or cancel an open prescription; every step is written into its history."""
    prescription = (
        Prescription.objects.select_for_update()
        .select_related("inspection")
        .filter(pk=prescription_id)
        .first()
    )
    if prescription is None:
        raise NotFound(_("There is no such prescription."))
    problem = explain_follow_up(status=prescription.status, action=action, reason=reason)
    if problem:
        wrong_state = action in FOLLOW_UP and prescription.status != FOLLOW_UP[action][0]
        raise (Conflict if wrong_state else InvalidParameter)(problem)
    today = timezone.localdate()
    if action == "fulfil":
        on = on or today
        if on > today or on < prescription.inspection.inspected_on:
            raise InvalidParameter(
                _("The day it was fulfilled must be between the inspection and today."), field="on"
            )
        prescription.fulfilled_on = on
    if action == "extend":
        if new_deadline is None or new_deadline <= prescription.deadline:
            raise InvalidParameter(_("Give a new deadline later than the current one."), field="new_deadline")
        prescription.deadline = new_deadline
    prescription.status = FOLLOW_UP[action][1]
    prescription.history = [
        *prescription.history,
        {
            "at": timezone.now().isoformat(),
            "action": action,
            "by": user.get_username(),
            "reason": reason.strip(),
            **({"deadline": new_deadline.isoformat()} if new_deadline else {}),
            **({"on": on.isoformat()} if on else {}),
        },
    ]
    prescription.save()
    return prescription


__all__ = ["PrescriptionStatus", "add_evidence", "follow_up", "record_inspection"]
