"""The municipality's own deadline to answer a notification (ЗСММ, чл. 12, ал. 2): 24 hours."""

from __future__ import annotations

from datetime import datetime, timedelta
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from layers.events.workflow import answer_deadline

SOFIA = ZoneInfo("Europe/Sofia")
FILED = datetime(2026, 4, 3, 9, 0, tzinfo=SOFIA)


def event(track: str, status: str = "submitted", filed_at=FILED):
    return SimpleNamespace(track=track, status=status, filed_at=filed_at)


def test_a_notification_must_be_answered_within_24_hours():
    # Filed Friday 3 April 2026 at 09:00: a ban or another route must be served by Saturday 09:00.
    due = answer_deadline(event("notification"), now=FILED + timedelta(hours=20))
    assert (due["due_at"], due["basis"], due["hours"]) == (
        "2026-04-04T09:00:00+03:00",
        "ЗСММ, чл. 12, ал. 2",
        24,
    )
    assert (due["overdue"], due["hours_left"]) == (False, 4.0)
    late = answer_deadline(event("notification"), now=FILED + timedelta(hours=25))
    assert late["overdue"] is True
    answered = answer_deadline(
        event("notification", status="alternative_proposed"), now=FILED + timedelta(hours=25)
    )
    assert (answered["answered"], answered["overdue"], answered["hours_left"]) == (True, False, None)


def test_applications_and_drafts_have_no_answer_deadline():
    assert answer_deadline(event("application")) is None
    assert answer_deadline(event("notification", filed_at=None)) is None
