"""The iCalendar feed of approved events."""

from __future__ import annotations

import pytest

from layers.events.documents.calendar import _fold
from tests.events.conftest import in_days, line

pytestmark = pytest.mark.django_db


def test_feed_of_approved_events_only(api, planner, file_event):
    approved = file_event(
        title="Маратон, София; 2026",
        kind="sports",
        start=in_days(20),
        closures=[{"name": "бул. Витоша", "geometry": line((-100, 0), (100, 0))}],
    )
    file_event(title="Неодобрено")
    client = api.as_user(planner)
    client.post(f"/api/events/{approved['id']}/transitions/", {"to": "under_review"}, format="json")
    client.post(f"/api/events/{approved['id']}/transitions/", {"to": "approved"}, format="json")
    response = api.as_user(None).get("/api/events/calendar.ics", HTTP_ACCEPT="text/calendar")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    text = response.content.decode()
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert text.count("BEGIN:VEVENT") == 1
    unfolded = text.replace("\r\n ", "")
    assert "SUMMARY:Маратон\\, София\\; 2026" in unfolded
    assert f"UID:mass-event-{approved['id']}@" in unfolded
    start = in_days(20).astimezone(tz=None)
    assert (
        "DTSTART:" + in_days(20).astimezone(__import__("datetime").UTC).strftime("%Y%m%dT%H%M%SZ") in unfolded
    )
    assert "бул. Витоша" in unfolded
    assert "Неодобрено" not in unfolded and "green@example.org" not in unfolded
    assert start is not None


def test_long_lines_fold_at_75_octets_without_splitting_letters():
    line_text = "SUMMARY:" + "Ж" * 60  # 8 + 120 octets
    folded = _fold(line_text)
    parts = folded.split("\r\n ")
    assert all(len(part.encode()) <= 75 for part in parts)
    assert "".join(parts) == line_text
