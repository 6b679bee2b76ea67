"""Tasks for the competent structures, with due times; each partner sees its own."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from geo_platform.accounts.models import PartnerAgency, Role
from layers.events.models import EventTask

pytestmark = pytest.mark.django_db


@pytest.fixture
def approved_event(api, planner, file_event):
    event = file_event()
    client = api.as_user(planner)
    client.post(f"/api/events/{event['id']}/transitions/", {"to": "under_review"}, format="json")
    client.post(f"/api/events/{event['id']}/transitions/", {"to": "approved"}, format="json")
    return event


def task(structure, hours=48, text="Охрана на периметъра"):
    return {
        "structure": structure,
        "description": text,
        "due_at": (timezone.now() + timedelta(hours=hours)).isoformat(),
    }


def test_planner_sets_tasks_with_due_times(api, planner, approved_event):
    client = api.as_user(planner)
    url = f"/api/events/{approved_event['id']}/tasks/"
    for structure in ("sdvr", "municipal_police", "pbzn", "csmp", "cgm", "inspectorate"):
        assert client.post(url, task(structure), format="json").status_code == 201
    listed = client.get(url).json()
    assert {t["structure"] for t in listed} == {
        "sdvr",
        "municipal_police",
        "pbzn",
        "csmp",
        "cgm",
        "inspectorate",
    }
    past = client.post(url, task("sdvr", hours=-1), format="json")
    assert past.status_code == 400 and "in the past" in past.json()["detail"]
    unknown = client.post(url, task("army"), format="json")
    assert unknown.status_code == 400


def test_a_partner_sees_and_closes_only_its_structures_tasks(api, planner, approved_event, make_user):
    client = api.as_user(planner)
    url = f"/api/events/{approved_event['id']}/tasks/"
    police = client.post(url, task("sdvr"), format="json").json()
    ambulance = client.post(url, task("csmp", text="Линейка на място"), format="json").json()
    sdvr = make_user(Role.PARTNER, "t-sdvr", agency=PartnerAgency.SDVR)
    partner = api.as_user(sdvr)
    assert [t["id"] for t in partner.get("/api/events/tasks/").json()] == [police["id"]]
    done = partner.patch(f"/api/events/tasks/{police['id']}/", {"status": "done"}, format="json")
    assert done.status_code == 200 and done.json()["status"] == "done"
    assert EventTask.objects.get(pk=police["id"]).completed_by == sdvr
    assert (
        partner.patch(f"/api/events/tasks/{ambulance['id']}/", {"status": "done"}, format="json").status_code
        == 404
    )
    assert (
        partner.patch(
            f"/api/events/tasks/{police['id']}/", {"description": "друго"}, format="json"
        ).status_code
        == 403
    )


def test_organizers_do_not_see_tasks(api, organizer, approved_event):
    client = api.as_user(organizer)
    assert client.get(f"/api/events/{approved_event['id']}/tasks/").status_code == 404
    assert client.get("/api/events/tasks/").json() == []


def test_no_tasks_for_a_rejected_event(api, planner, file_event):
    event = file_event()
    client = api.as_user(planner)
    client.post(f"/api/events/{event['id']}/transitions/", {"to": "under_review"}, format="json")
    client.post(f"/api/events/{event['id']}/transitions/", {"to": "rejected", "reason": "Не"}, format="json")
    assert client.post(f"/api/events/{event['id']}/tasks/", task("sdvr"), format="json").status_code == 409
