"""The review workflow: every transition, who may make it, and the log of who and why."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from layers.events.models import AlternativeProposal, EventMessage, EventStatus, EventTransition, MassEvent
from tests.events.conftest import in_days, square

pytestmark = pytest.mark.django_db


@pytest.fixture
def move(api, planner):
    def send(event_id, to, user=None, **body):
        return api.as_user(user or planner).post(
            f"/api/events/{event_id}/transitions/", {"to": to, **body}, format="json"
        )

    return send


def status_of(event) -> str:
    return MassEvent.objects.get(pk=event["id"]).status


def meeting():
    return {"at": (timezone.now() + timedelta(days=2)).isoformat(), "place": "ул. Московска 33, стая 101"}


def test_review_then_meeting_then_back_to_review(file_event, move):
    event = file_event()
    assert move(event["id"], "under_review").status_code == 201
    missing = move(event["id"], "meeting_requested", reason="Да обсъдим маршрута")
    assert missing.status_code == 400 and "time and place" in missing.json()["detail"]
    no_reason = move(event["id"], "meeting_requested", meeting=meeting())
    assert no_reason.status_code == 400 and "needs a reason" in no_reason.json()["detail"]
    assert (
        move(event["id"], "meeting_requested", reason="Да обсъдим маршрута", meeting=meeting()).status_code
        == 201
    )
    assert status_of(event) == EventStatus.MEETING_REQUESTED
    assert move(event["id"], "under_review").status_code == 201
    log = EventTransition.objects.filter(event_id=event["id"]).order_by("id")
    assert [(t.from_status, t.to_status) for t in log] == [
        ("draft", "submitted"),
        ("submitted", "under_review"),
        ("under_review", "meeting_requested"),
        ("meeting_requested", "under_review"),
    ]
    assert log[2].reason == "Да обсъдим маршрута" and log[2].details["meeting"]["place"].startswith(
        "ул. Московска"
    )
    assert log[2].user.username == "t-planner"


def test_approval_with_conditions_tells_the_organizer(
    file_event, move, mailoutbox, django_capture_on_commit_callbacks
):
    event = file_event()
    move(event["id"], "under_review")
    with django_capture_on_commit_callbacks(execute=True):
        response = move(
            event["id"],
            "approved",
            reason="Съгласувано",
            conditions=["Не повече от 1 000 участници", "20 стюарди"],
        )
    assert response.status_code == 201, response.content
    stored = MassEvent.objects.get(pk=event["id"])
    assert (stored.status, stored.conditions) == ("approved", ["Не повече от 1 000 участници", "20 стюарди"])
    message = EventMessage.objects.filter(event=stored).last()
    assert "20 стюарди" in message.body and not message.internal
    # The organizer account has no e-mail; the address given in the filing gets the notice.
    assert [m.to for m in mailoutbox] == [["green@example.org"]]
    assert "20 стюарди" in mailoutbox[0].body


def test_rejection_needs_a_reason(file_event, move):
    event = file_event()
    move(event["id"], "under_review")
    assert move(event["id"], "rejected").status_code == 400
    assert move(event["id"], "rejected", reason="Съвпада с друго одобрено мероприятие").status_code == 201
    assert status_of(event) == EventStatus.REJECTED


def test_a_proposed_alternative_is_accepted_as_a_new_revision(api, organizer, file_event, move):
    event = file_event()
    move(event["id"], "under_review")
    no_place = move(event["id"], "alternative_proposed", reason="Друго място")
    assert no_place.status_code == 400 and "another place, time or route" in no_place.json()["detail"]
    alternative = {
        "perimeter": square(100, dx=600),
        "start": in_days(12).isoformat(),
        "end": (in_days(12) + timedelta(hours=2)).isoformat(),
    }
    response = move(
        event["id"],
        "alternative_proposed",
        reason="Площадът е зает; предлагаме Южния парк",
        alternative=alternative,
    )
    assert response.status_code == 201, response.content
    client = api.as_user(organizer)
    shown = client.get(f"/api/events/{event['id']}/").json()
    assert shown["status"] == "alternative_proposed"
    assert shown["alternatives"][0]["note"].startswith("Площадът е зает")
    assert "submitted" in shown["allowed_transitions"] and "withdrawn" in shown["allowed_transitions"]
    accepted = client.post(f"/api/events/{event['id']}/accept-alternative/")
    assert accepted.status_code == 201, accepted.content
    assert accepted.json()["number"] == 2
    stored = MassEvent.objects.get(pk=event["id"])
    assert stored.status == EventStatus.SUBMITTED
    assert stored.start == in_days(12)
    assert AlternativeProposal.objects.get(event=stored).accepted_at is not None
    assert client.post(f"/api/events/{event['id']}/accept-alternative/").status_code == 409


def test_the_organizer_answers_an_alternative_with_a_revision(api, organizer, file_event, move):
    event = file_event()
    move(event["id"], "under_review")
    move(
        event["id"],
        "alternative_proposed",
        reason="Друг час",
        alternative={"start": in_days(10, hour=14).isoformat(), "end": in_days(10, hour=16).isoformat()},
    )
    response = api.as_user(organizer).post(
        f"/api/events/{event['id']}/revisions/",
        {"start": in_days(10, 15).isoformat(), "end": in_days(10, 17).isoformat(), "note": "Друг час"},
        format="json",
    )
    assert response.status_code == 201, response.content
    assert status_of(event) == EventStatus.SUBMITTED


@pytest.mark.parametrize("stage", ["submitted", "under_review", "approved"])
def test_the_organizer_withdraws_the_planner_cannot(api, organizer, file_event, move, stage):
    event = file_event()
    if stage != "submitted":
        move(event["id"], "under_review")
    if stage == "approved":
        move(event["id"], "approved")
    assert move(event["id"], "withdrawn", reason="Грешка").status_code == 403
    assert move(event["id"], "withdrawn", user=organizer).status_code == 400  # needs a reason
    assert move(event["id"], "withdrawn", user=organizer, reason="Отменяме").status_code == 201
    assert status_of(event) == EventStatus.WITHDRAWN


def test_transitions_the_workflow_does_not_have(file_event, move, organizer):
    event = file_event()
    skipped = move(event["id"], "approved")
    assert skipped.status_code == 409
    assert "Under review" in skipped.json()["detail"]
    assert move(event["id"], "under_review", user=organizer).status_code == 403
    assert move(event["id"], "submitted").status_code == 400
    move(event["id"], "under_review")
    move(event["id"], "rejected", reason="Не")
    closed = move(event["id"], "under_review")
    assert closed.status_code == 409 and "review is closed" in closed.json()["detail"]
    assert move(event["id"], "nonsense").status_code == 400


def test_no_revision_after_the_decision(api, organizer, file_event, move):
    event = file_event()
    move(event["id"], "under_review")
    move(event["id"], "approved")
    response = api.as_user(organizer).post(
        f"/api/events/{event['id']}/revisions/", {"stewards": 40}, format="json"
    )
    assert response.status_code == 409 and "cannot be revised" in response.json()["detail"]


def test_the_log_tells_the_organizer_the_reason_not_the_officer(api, organizer, planner, file_event, move):
    event = file_event()
    move(event["id"], "under_review")
    move(event["id"], "rejected", reason="Съвпада с друго мероприятие")
    log = api.as_user(organizer).get(f"/api/events/{event['id']}/transitions/").json()
    assert log[-1]["reason"] == "Съвпада с друго мероприятие"
    assert log[-1]["by"] == "the Security Directorate"
    assert api.as_user(planner).get(f"/api/events/{event['id']}/transitions/").json()[-1]["by"] == "t-planner"


def test_messages_internal_notes_stay_internal(api, organizer, planner, file_event):
    event = file_event()
    url = f"/api/events/{event['id']}/messages/"
    staff = api.as_user(planner)
    assert staff.post(url, {"body": "Моля, уточнете броя стюарди."}, format="json").status_code == 201
    assert (
        staff.post(
            url, {"body": "Вътрешно: да се провери СДВР.", "internal": True}, format="json"
        ).status_code
        == 201
    )
    client = api.as_user(organizer)
    assert client.post(url, {"body": "Стюардите са 25."}, format="json").status_code == 201
    assert client.post(url, {"body": "x", "internal": True}, format="json").status_code == 403
    seen = [m["body"] for m in client.get(url).json()]
    assert seen == ["Моля, уточнете броя стюарди.", "Стюардите са 25."]
    assert len(api.as_user(planner).get(url).json()) == 3


def test_the_event_says_which_of_its_next_steps_need_a_reason(api, file_event, move, planner, organizer):
    event = file_event()
    assert move(event["id"], "under_review").status_code == 201
    detail = api.as_user(planner).get(f"/api/events/{event['id']}/").json()
    # A planner may approve without a reason; a meeting, an alternative or a refusal needs one.
    assert "approved" in detail["allowed_transitions"] and "approved" not in detail["reason_required_for"]
    assert set(detail["reason_required_for"]) == {"meeting_requested", "alternative_proposed", "rejected"}
    # The organizer's only step, withdrawing, needs a reason too (the copy in the front end had missed it).
    mine = api.as_user(organizer).get(f"/api/events/{event['id']}/").json()
    assert (
        mine["reason_required_for"]
        == [t for t in mine["allowed_transitions"] if t == "withdrawn"]
        == ["withdrawn"]
    )
