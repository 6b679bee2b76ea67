"""The duty log: shifts, manual entries, and the handover that closes a shift."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from geo_platform.errors import Conflict, NotFound
from layers.situation import workflow
from layers.situation.choices import LogKind
from layers.situation.errors import InvalidIncident
from layers.situation.models import DutyLogEntry, Shift
from layers.situation.selectors.duty import current_shift
from layers.situation.selectors.incidents import open_incidents


def start_shift(*, user) -> Shift:
    workflow.ensure_writer(user)
    try:
        with transaction.atomic():
            return Shift.objects.create(operator=user, started_at=timezone.now())
    except IntegrityError:
        raise Conflict(
            _("You already have a shift on duty; hand it over first."), parameter="shift"
        ) from None


def add_entry(*, user, text: str) -> DutyLogEntry:
    workflow.ensure_writer(user)
    if not text.strip():
        raise InvalidIncident(_("The log entry is empty."), parameter="text")
    shift = current_shift(user)
    if shift is None:
        raise Conflict(_("Start a shift before writing in the duty log."), parameter="shift")
    return DutyLogEntry.objects.create(
        shift=shift, at=timezone.now(), kind=LogKind.MANUAL, text=text.strip()[:4000], author=user
    )


@transaction.atomic
def hand_over(*, user, notes: str, to_username: str = "") -> Shift:
    """Close the user's shift, listing the incidents still open and the notes for the next operator."""
    workflow.ensure_writer(user)
    shift = current_shift(user)
    if shift is None:
        raise Conflict(_("You have no shift on duty to hand over."), parameter="shift")
    successor = None
    if to_username:
        successor = get_user_model().objects.filter(username=to_username).first()
        if successor is None or not workflow.is_writer(successor):
            raise NotFound(_("No operator named %(name)s.") % {"name": to_username})
    now = timezone.now()
    shift.ended_at = now
    shift.handover_notes = notes.strip()
    shift.handed_to = successor
    shift.open_at_handover = list(
        open_incidents().order_by("priority", "occurred_at").values_list("id", flat=True)
    )
    shift.save()
    DutyLogEntry.objects.create(
        shift=shift,
        at=now,
        kind=LogKind.HANDOVER,
        author=user,
        text=_("Shift handed over; %(count)s incidents open. %(notes)s")
        % {"count": len(shift.open_at_handover), "notes": shift.handover_notes},
    )
    return shift
