"""The directorate's inspection method as data: what an inspector checks at a guarded site, how
serious a breach is, and how a prescription is followed up until it is fulfilled.

    open ─fulfil→ fulfilled
    open ─extend (new deadline, reason)→ open
    open ─cancel (reason)→ cancelled

A prescription is overdue while it is open and its deadline has passed (`is_overdue`).
`explain_follow_up` says, in the user's words, why an action may not happen.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy


@dataclass(frozen=True)
class ChecklistItem:
    key: str
    label: object  # a lazy translation
    what_to_check: object


# The five items of the directorate's method (as issue 14 names them); the wording of what to
# check is ours (assumption), to be replaced by the method's own text when it is in reach.
CHECKLIST: tuple[ChecklistItem, ...] = (
    ChecklistItem(
        "posts_staffed",
        gettext_lazy("Posts staffed"),
        gettext_lazy("Every post of the contract has a guard on duty, in uniform, with the badge."),
    ),
    ChecklistItem(
        "documents",
        gettext_lazy("Documents"),
        gettext_lazy("Licence, contract, post instructions, guards' IDs and shift schedule are at the site."),
    ),
    ChecklistItem(
        "equipment",
        gettext_lazy("Equipment"),
        gettext_lazy("Radio or phone link, torch, first-aid kit; the equipment the contract names works."),
    ),
    ChecklistItem(
        "alarm_response",
        gettext_lazy("Alarm and video response"),
        gettext_lazy(
            "A test alarm is answered in the contract's time; the video system records and is watched."
        ),
    ),
    ChecklistItem(
        "incident_log",
        gettext_lazy("Incident log"),
        gettext_lazy("The log of events and handovers is kept up to date and signed."),
    ),
)
CHECKLIST_KEYS = tuple(item.key for item in CHECKLIST)


class Answer(models.TextChoices):
    COMPLIANT = "compliant", pgettext_lazy("checklist answer", "Compliant")
    BREACH = "breach", pgettext_lazy("checklist answer", "Breach")
    NOT_APPLICABLE = "not_applicable", pgettext_lazy("checklist answer", "Not applicable")


class Severity(models.TextChoices):
    MINOR = "minor", pgettext_lazy("finding severity", "Minor")
    MAJOR = "major", pgettext_lazy("finding severity", "Major")
    SERIOUS = "serious", pgettext_lazy("finding severity", "Serious")


# A serious finding puts the site on an extra visit in next year's schedule (VISIT_RULES).
SERIOUS = {Severity.SERIOUS}


class ScheduleStatus(models.TextChoices):
    PROPOSED = "proposed", pgettext_lazy("inspection schedule", "Proposed")
    ACCEPTED = "accepted", pgettext_lazy("inspection schedule", "Accepted")
    SUPERSEDED = "superseded", pgettext_lazy("inspection schedule", "Superseded")


class PrescriptionStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("prescription", "Open")
    FULFILLED = "fulfilled", pgettext_lazy("prescription", "Fulfilled")
    CANCELLED = "cancelled", pgettext_lazy("prescription", "Cancelled")


FOLLOW_UP: dict[str, tuple[str, str]] = {
    # action: (from status, to status)
    "fulfil": (PrescriptionStatus.OPEN, PrescriptionStatus.FULFILLED),
    "extend": (PrescriptionStatus.OPEN, PrescriptionStatus.OPEN),
    "cancel": (PrescriptionStatus.OPEN, PrescriptionStatus.CANCELLED),
}
REASON_REQUIRED = {"extend", "cancel"}


def is_overdue(*, status: str, deadline: date, today: date) -> bool:
    return status == PrescriptionStatus.OPEN and deadline < today


def explain_follow_up(*, status: str, action: str, reason: str) -> str | None:
    """None if the action may happen; otherwise what is wrong, in the user's words."""
    if action not in FOLLOW_UP:
        return _("Choose what happened: fulfilled, deadline extended or cancelled.")
    source, _target = FOLLOW_UP[action]
    if status != source:
        return _("This prescription is already %(status)s; only an open prescription can be followed up.") % {
            "status": PrescriptionStatus(status).label.lower(),
        }
    if action in REASON_REQUIRED and not reason.strip():
        return _("Say why the deadline is extended or the prescription cancelled.")
    return None
