"""One application from the organizer's upload to the mayor's opinion, through the API only."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.events.conftest import in_days, line, payload, point
from tests.events.test_uploads import GPX_TRACK

pytestmark = pytest.mark.django_db


def test_an_application_from_submission_to_approval(client_for, organizer, planner, committed):
    client = client_for(organizer)
    # 1. The organizer uploads the route from a GPS track.
    gpx = SimpleUploadedFile("run.gpx", GPX_TRACK, content_type="application/gpx+xml")
    route = client.post("/api/events/uploads/", {"file": gpx, "target": "route"}, format="multipart").json()[
        "geometry"
    ]
    # 2. A draft of a sports event with a street closure, saved and completed later.
    start = in_days(30, hour=9)
    draft = client.post("/api/events/", {"title": "Софийски крос", "kind": "sports"}, format="json").json()
    body = payload(
        title="Софийски крос",
        kind="sports",
        start=start,
        route=route,
        route_width_m=8,
        perimeter=None,
        expected_participants=2000,
        dispersal_point=point(0, 600),
        closures=[{"name": "бул. Витоша", "geometry": line((-80, 0), (80, 0))}],
    )
    body.pop("kind")
    assert client.patch(f"/api/events/{draft['id']}/", body, format="json").status_code == 200
    # 3. Submitted 30 days ahead: both ordinance deadlines are met.
    submitted = committed(client.post, f"/api/events/{draft['id']}/submit/").json()
    assert (submitted["status"], submitted["late"]) == ("submitted", False)
    assert {r["rule"] for r in submitted["deadline_report"]["rules"]} == {
        "ordinance_7_working_days",
        "ordinance_closure_14_days",
    }
    event_id = submitted["id"]

    # 4. The planner reviews it with the assessment at hand.
    staff = client_for(planner)
    assert (
        staff.post(f"/api/events/{event_id}/transitions/", {"to": "under_review"}, format="json").status_code
        == 201
    )
    assessment = staff.get(f"/api/events/{event_id}/assessment/").json()
    assert assessment["revision"] == 1
    checks = {c["key"]: c for c in assessment["checks"]}
    assert checks["route"]["data"]["length_m"] > 1000
    assert checks["density"]["data"]["area_basis"] == "route"
    # 5. A meeting, then a question to the organizer, answered by a revision.
    meeting = {"at": in_days(5).isoformat(), "place": "дирекция „Сигурност“"}
    assert (
        staff.post(
            f"/api/events/{event_id}/transitions/",
            {"to": "meeting_requested", "reason": "Маршрутът", "meeting": meeting},
            format="json",
        ).status_code
        == 201
    )
    staff.post(
        f"/api/events/{event_id}/messages/", {"body": "Моля, увеличете стюардите на 60."}, format="json"
    )
    revision = client.post(
        f"/api/events/{event_id}/revisions/", {"stewards": 60, "note": "60 стюарди"}, format="json"
    )
    assert revision.status_code == 201 and revision.json()["number"] == 2
    assert (
        staff.post(f"/api/events/{event_id}/transitions/", {"to": "under_review"}, format="json").status_code
        == 201
    )
    assert staff.get(f"/api/events/{event_id}/assessment/").json()["revision"] == 2
    # 6. Tasks, the opinion to the mayor, and the approval with conditions.
    for structure in ("sdvr", "cgm", "csmp"):
        task = {
            "structure": structure,
            "description": "Осигуряване на кроса",
            "due_at": in_days(29).isoformat(),
        }
        assert staff.post(f"/api/events/{event_id}/tasks/", task, format="json").status_code == 201
    opinion = {
        "proposed_decision": "approve_with_conditions",
        "conditions": ["Затваряне 8:00–12:00"],
        "justification": "Безопасно.",
    }
    assert staff.put(f"/api/events/{event_id}/opinion/", opinion, format="json").status_code == 200
    pdf = staff.get(f"/api/events/{event_id}/opinion.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    approved = staff.post(
        f"/api/events/{event_id}/transitions/",
        {"to": "approved", "reason": "Одобрено", "conditions": ["Затваряне 8:00–12:00"]},
        format="json",
    )
    assert approved.status_code == 201

    # 7. The organizer sees the decision and the messages, the public sees the event and the closure.
    mine = client.get(f"/api/events/{event_id}/").json()
    assert (mine["status"], mine["conditions"]) == ("approved", ["Затваряне 8:00–12:00"])
    assert any("60" in m["body"] for m in client.get(f"/api/events/{event_id}/messages/").json())
    log = client.get(f"/api/events/{event_id}/transitions/").json()
    assert [t["to"] for t in log] == [
        "submitted",
        "under_review",
        "meeting_requested",
        "submitted",
        "under_review",
        "approved",
    ]
    public = client_for(None).get("/api/events/public/").json()["results"]
    assert [(e["title"], e["closures"][0]["name"]) for e in public] == [("Софийски крос", "бул. Витоша")]
    assert "Софийски крос" in client_for(None).get("/api/events/calendar.ics").content.decode()
