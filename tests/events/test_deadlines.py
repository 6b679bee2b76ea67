"""The legal deadlines: met, missed by how many hours, and the urgent-case exception."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from layers.events.deadlines import check_deadlines, describe_deadlines
from tests.events.conftest import in_days

SOFIA = ZoneInfo("Europe/Sofia")
# The working-day calendar reads the admin's overrides from the database.
pytestmark = pytest.mark.django_db
START = datetime(2026, 5, 26, 18, 0, tzinfo=SOFIA)  # a Tuesday after the 25 May holiday
H = timedelta(hours=1)


@pytest.fixture(autouse=True)
def english():
    """The reports are worded in the active language; these assertions read English."""
    with translation.override("en"):
        yield


def check(kind, filed_at, *, closures=False, urgent=False, reason=""):
    report = check_deadlines(
        kind=kind, start=START, filed_at=filed_at, has_closures=closures, urgent=urgent, urgent_reason=reason
    )
    return describe_deadlines(report)


def test_meeting_48_hours():
    met = check("meeting", START - 50 * H)
    assert (met["late"], met["rules"][0]["hours_to_spare"]) == (False, 2.0)
    late = check("meeting", START - 47 * H)
    assert late["late"] is True
    assert late["rules"][0]["hours_late"] == 1.0
    assert "Late by 1 h" in late["summary"] and "ЗСММ, чл. 8" in late["summary"]


def test_meeting_urgent_case_is_one_day():
    report = check(
        "meeting", START - 30 * H, urgent=True, reason="Спешна реакция на решение на Общинския съвет"
    )
    assert report["late"] is False
    assert report["rules"][0]["urgent_exception_applied"] is True
    assert report["urgent_reason"].startswith("Спешна")


def test_procession_72_hours_or_48_when_urgent():
    assert check("manifestation", START - 71 * H)["rules"][0]["hours_late"] == 1.0
    assert check("manifestation", START - 49 * H, urgent=True, reason="x")["late"] is False
    assert check("manifestation", START - 47 * H, urgent=True, reason="x")["rules"][0]["hours_late"] == 1.0


def test_application_7_working_days():
    # Thursday 14 May 2026 is the 7th working day before Tuesday 26 May (25 May a holiday):
    # a filing on it is in time until the end of the day.
    report = check("sports", datetime(2026, 5, 14, 9, 0, tzinfo=SOFIA))
    assert report["rules"][0]["deadline"] == "2026-05-14T23:59:59+03:00"
    assert report["late"] is False
    late = check("cultural", datetime(2026, 5, 15, 9, 0, tzinfo=SOFIA))
    assert late["rules"][0]["hours_late"] == 9.0


def test_filed_on_the_7th_working_day_before_easter_week_is_in_time():
    # The reviewers' example: event Thursday 16 April 2026; back from it 15, 14 (1, 2), Easter
    # Monday 13, Easter 12, Holy Saturday 11, Good Friday 10 not counted, then 9, 8, 7, 6 (3–6)
    # and Friday 3 April is the 7th working day: filed at 09:00 that day is in time.
    start = datetime(2026, 4, 16, 10, 0, tzinfo=SOFIA)
    filed = datetime(2026, 4, 3, 9, 0, tzinfo=SOFIA)
    report = check_deadlines(kind="sports", start=start, filed_at=filed, has_closures=False, urgent=False)
    (rule,) = report["rules"]
    assert (rule["met"], rule["deadline"]) == (True, "2026-04-03T23:59:59+03:00")
    # Monday 6 April 09:00 (after the weekend) is late by 57 hours.
    monday = check_deadlines(
        kind="sports", start=start, filed_at=filed + timedelta(days=3), has_closures=False, urgent=False
    )
    assert monday["rules"][0]["hours_late"] == 57.0


def test_closures_add_the_14_calendar_days_rule():
    # Filed 13 days before (13 May 18:00): in time for the 7 working days (by 14 May), and
    # 18 hours after the end of 12 May, the 14th day before 26 May.
    report = check("other", START - timedelta(days=13), closures=True)
    rules = {rule["rule"]: rule for rule in report["rules"]}
    assert rules["ordinance_7_working_days"]["met"] is True
    assert rules["ordinance_closure_14_days"]["met"] is False
    assert rules["ordinance_closure_14_days"]["hours_late"] == 18.0
    assert "closed to traffic" in report["summary"]
    # Dates, not hours: 12 May at 20:00 is later than 14 × 24 h before 18:00 on 26 May, yet in time.
    in_time = check("other", datetime(2026, 5, 12, 20, 0, tzinfo=SOFIA), closures=True)
    assert in_time["late"] is False


def test_the_ordinance_has_no_urgent_exception():
    report = check("sports", START - 50 * H, urgent=True, reason="късно решение")
    assert report["late"] is True
    assert report["rules"][0]["urgent_exception_applied"] is False
    assert "no urgent-case exception" in report["urgent_note"]


@pytest.mark.django_db
def test_a_late_filing_is_accepted_and_flagged(file_event):
    # A meeting 30 hours from now misses the 48-hour rule by about 18 hours.
    start = datetime.now(SOFIA).replace(microsecond=0) + 30 * H
    event = file_event(start=start)
    assert event["status"] == "submitted"
    assert event["late"] is True
    (rule,) = event["deadline_report"]["rules"]
    assert rule["rule"] == "zsmm_meeting_48h"
    assert rule["hours_late"] == pytest.approx(18, abs=0.2)


@pytest.mark.django_db
def test_deadline_preview_for_the_form(api):
    start = in_days(3)
    response = api.as_user(None).get("/api/events/deadlines/", {"kind": "sports", "start": start.isoformat()})
    assert response.status_code == 200, response.content
    assert response.json()["late"] is True
    assert api.get("/api/events/deadlines/", {"kind": "sports"}).status_code == 400


def test_the_report_is_worded_in_the_readers_language():
    report = check_deadlines(
        kind="meeting", start=START, filed_at=START - 47 * H, has_closures=False, urgent=False
    )
    with translation.override("bg"):
        assert describe_deadlines(report)["summary"].startswith("Закъснение 1 ч: Събрание или митинг")
