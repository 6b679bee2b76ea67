"""The duty operator's board: events of the next 24 hours, approved and pending, with tasks."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from layers.events.models import EventTask, MassEvent

URL = "/api/map/duty-board/"

pytestmark = pytest.mark.django_db


def test_the_board_lists_todays_approved_and_pending_events_with_contacts_and_tasks(
    file_event, api, operator, organizer
):
    soon = timezone.now() + timedelta(hours=2)
    approved = file_event(title="Одобрен концерт", start=soon, end=soon + timedelta(hours=3))
    pending = file_event(title="Чакащ митинг", start=soon, end=soon + timedelta(hours=1))
    later = file_event(title="След седмица")
    MassEvent.objects.filter(pk__in=[approved["id"], later["id"]]).update(
        status="approved", conditions=["Охрана от 20 стюарда"]
    )
    EventTask.objects.create(
        event_id=approved["id"], structure="sdvr", description="Охрана на периметъра", due_at=soon
    )

    board = api.as_user(operator).get(URL)
    assert board.status_code == 200, board.content
    body = board.json()
    by_title = {e["title"]: e for e in body["events"]}
    assert set(by_title) >= {"Одобрен концерт", "Чакащ митинг"} and "След седмица" not in by_title
    shown = by_title["Одобрен концерт"]
    assert shown["approved"] is True and shown["conditions"] == ["Охрана от 20 стюарда"]
    assert shown["organizer"]["phone"] == "+359888000111"
    assert by_title["Чакащ митинг"]["approved"] is False
    assert [t["description"] for t in body["tasks"]] == ["Охрана на периметъра"]
    assert pending["id"] in [e["id"] for e in body["events"]]

    # Staff only; bad input is a clear 400.
    assert api.as_user(organizer).get(URL).status_code == 404
    bad = api.as_user(operator).get(URL, {"hours": "много"})
    assert bad.status_code == 400 and bad.json()["parameter"] == "hours"
