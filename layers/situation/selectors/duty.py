"""Reads of the duty log: the shift on duty, its entries, and what is open at handover."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from geo_platform.errors import NotFound
from layers.situation.models import DutyLogEntry, Shift


def current_shift(user=None) -> Shift | None:
    """The user's open shift, or (no user) the most recently started open shift."""
    shifts = Shift.objects.filter(ended_at=None)
    if user is not None:
        shifts = shifts.filter(operator=user)
    return shifts.order_by("-started_at").first()


def entries_of(shift: Shift) -> QuerySet[DutyLogEntry]:
    return shift.entries.select_related("author", "incident", "alert").order_by("at", "id")


def recent_shifts(limit: int = 20) -> QuerySet[Shift]:
    return Shift.objects.select_related("operator", "handed_to").order_by("-started_at")[:limit]


def get_shift(shift_id: int) -> Shift:
    shift = Shift.objects.select_related("operator", "handed_to").filter(pk=shift_id).first()
    if shift is None:
        raise NotFound(_("There is no shift %(id)s.") % {"id": shift_id})
    return shift
