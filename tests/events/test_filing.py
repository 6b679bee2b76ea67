"""Drafts, submission and revisions: what an organizer files and what is kept."""

from __future__ import annotations

from datetime import timedelta

import pytest

from layers.events.geometries import to_metric
from layers.events.models import EventRevision, EventStatus, MassEvent, StreetClosure
from layers.models import FeatureVersion
from tests.events.conftest import in_days, line, payload, square

pytestmark = pytest.mark.django_db


def test_a_draft_is_saved_incomplete_and_changed_freely(organizer_client):
    response = organizer_client.post("/api/events/", {"title": "Чернова", "kind": "cultural"}, format="json")
    assert response.status_code == 201, response.content
    draft = response.json()
    assert (draft["status"], draft["track"], draft["revision"]) == ("draft", "application", 0)
    changed = organizer_client.patch(
        f"/api/events/{draft['id']}/", {"purpose": "Концерт", "perimeter": square(80)}, format="json"
    )
    assert changed.status_code == 200, changed.content
    assert changed.json()["purpose"] == "Концерт"
    assert changed.json()["perimeter"]["type"] == "MultiPolygon"
    assert not EventRevision.objects.filter(event_id=draft["id"]).exists()


def test_submitting_an_incomplete_draft_names_what_is_missing(organizer_client):
    draft = organizer_client.post(
        "/api/events/", {"title": "Чернова", "kind": "sports"}, format="json"
    ).json()
    response = organizer_client.post(f"/api/events/{draft['id']}/submit/")
    assert response.status_code == 400
    detail = response.json()["detail"]
    for missing in ("purpose", "start and end", "expected participants", "a perimeter or a route"):
        assert missing in detail
    assert MassEvent.objects.get(pk=draft["id"]).status == EventStatus.DRAFT


def test_submission_keeps_revision_1_checks_deadlines_and_assesses(organizer_client):
    draft = organizer_client.post("/api/events/", payload(), format="json").json()
    response = organizer_client.post(f"/api/events/{draft['id']}/submit/")
    assert response.status_code == 200, response.content
    event = response.json()
    assert (event["status"], event["revision"], event["late"]) == ("submitted", 1, False)
    assert event["deadline_report"]["rules"][0]["rule"] == "zsmm_meeting_48h"
    revision = EventRevision.objects.get(event_id=event["id"], number=1)
    assert revision.content["title"] == "Среща за чист въздух"
    # The assessment is queued, not computed on the web thread (its job runs after the commit).
    (queued,) = revision.assessments.all()
    assert (queued.status, queued.checks) == ("queued", [])
    # The perimeter entered the layer's audit trail.
    assert FeatureVersion.objects.filter(layer__slug="event-perimeters", feature_id=event["id"]).exists()


def test_the_assessment_runs_as_a_job_and_reviewers_see_its_progress(api, organizer, planner, committed):
    filed = api.as_user(organizer).post("/api/events/?submit=true", payload(), format="json")
    assert filed.status_code == 201, filed.content
    event_id = filed.json()["id"]
    staff = api.as_user(planner)
    # Before the job ran: the event says so, and the assessment answers with its status, no checks.
    assert staff.get(f"/api/events/{event_id}/").json()["assessment_status"] == "queued"
    pending = staff.get(f"/api/events/{event_id}/assessment/").json()
    assert (pending["status"], pending["checks"], pending["computed_at"]) == ("queued", [], None)
    # Assessing again answers 202 with the queued job; once it ran, the result is there.
    again = committed(staff.post, f"/api/events/{event_id}/assessment/")
    assert again.status_code == 202 and again["Location"] == f"/api/events/{event_id}/assessment/"
    assert again.json()["status"] == "queued"
    done = staff.get(f"/api/events/{event_id}/assessment/").json()
    assert (done["status"], done["progress"]) == ("done", 100)
    assert [c["key"] for c in done["checks"]][:2] == ["conflicts", "density"]
    assert staff.get(f"/api/events/{event_id}/").json()["assessment_status"] == "done"


def test_a_submitted_event_changes_only_by_a_revision_and_old_ones_are_kept(organizer_client, file_event):
    event = file_event()
    patch = organizer_client.patch(
        f"/api/events/{event['id']}/", {"expected_participants": 10}, format="json"
    )
    assert patch.status_code == 409
    assert "new revision" in patch.json()["detail"]
    response = organizer_client.post(
        f"/api/events/{event['id']}/revisions/",
        {"expected_participants": 3000, "perimeter": square(150), "note": "По-голям периметър"},
        format="json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["number"] == 2
    revisions = organizer_client.get(f"/api/events/{event['id']}/revisions/").json()
    assert [r["number"] for r in revisions] == [1, 2]
    first = organizer_client.get(f"/api/events/{event['id']}/revisions/1/").json()
    assert first["content"]["expected_participants"] == 1000
    assert (
        organizer_client.get(f"/api/events/{event['id']}/revisions/2/").json()["content"][
            "expected_participants"
        ]
        == 3000
    )
    # Each revision has its own assessment, naming it.
    assert [a.revision.number for a in MassEvent.objects.get(pk=event["id"]).assessments.order_by("id")] == [
        1,
        2,
    ]


def test_closures_are_replaced_by_a_revision(organizer_client, file_event):
    event = file_event(
        kind="sports",
        start=in_days(20),
        closures=[{"name": "бул. България", "geometry": line((-200, 0), (200, 0))}],
    )
    assert StreetClosure.objects.filter(event_id=event["id"]).count() == 1
    closure = StreetClosure.objects.get(event_id=event["id"])
    # Closure times default to the event's.
    assert closure.start.isoformat()[:16] == event["start"][:16]
    organizer_client.post(
        f"/api/events/{event['id']}/revisions/",
        {
            "closures": [
                {"name": "ул. X", "geometry": line((0, -100), (0, 100))},
                {"name": "ул. Y", "geometry": line((50, -100), (50, 100))},
            ]
        },
        format="json",
    )
    assert sorted(StreetClosure.objects.filter(event_id=event["id"]).values_list("name", flat=True)) == [
        "ул. X",
        "ул. Y",
    ]
    first = EventRevision.objects.get(event_id=event["id"], number=1)
    assert [c["name"] for c in first.content["closures"]] == ["бул. България"]


def test_drafts_can_be_deleted_submitted_events_cannot(organizer_client, file_event):
    draft = file_event(submit=False)
    assert organizer_client.delete(f"/api/events/{draft['id']}/").status_code == 204
    assert not MassEvent.objects.filter(pk=draft["id"]).exists()
    submitted = file_event()
    assert organizer_client.delete(f"/api/events/{submitted['id']}/").status_code == 409


def test_only_organizers_file_events(api, planner):
    response = api.as_user(planner).post("/api/events/", payload(), format="json")
    assert response.status_code == 403
    assert api.as_user(None).post("/api/events/", payload(), format="json").status_code == 401


def test_geometry_may_come_in_the_national_crs(organizer_client):
    from pyproj import Transformer

    to_bgs = Transformer.from_crs(4326, 7801, always_xy=True)
    ring = [list(to_bgs.transform(x, y)) for x, y in square(100)["coordinates"][0]]
    response = organizer_client.post(
        "/api/events/",
        # The payload's crs applies to every geometry in it, so the point is left out here.
        payload(perimeter={"type": "Polygon", "coordinates": [ring]}, assembly_point=None, crs="EPSG:7801"),
        format="json",
    )
    assert response.status_code == 201, response.content
    event = MassEvent.objects.get(pk=response.json()["id"])
    # The 100 m square comes back as 10,000 m² within a few m² (two projections apart).
    assert to_metric(event.perimeter).area == pytest.approx(10_000, rel=0.002)


def test_the_event_may_not_end_before_it_starts_even_by_revision(organizer_client, file_event):
    event = file_event()
    start = in_days(10)
    response = organizer_client.post(
        f"/api/events/{event['id']}/revisions/",
        {"end": (start - timedelta(hours=1)).isoformat()},
        format="json",
    )
    assert response.status_code == 400
    assert "ends" in response.json()["detail"] and "before it starts" in response.json()["detail"]
    assert EventRevision.objects.filter(event_id=event["id"]).count() == 1
