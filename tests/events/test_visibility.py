"""Who sees which events: organizers their own, planners every filed one, the public the
approved ones without personal data — in the API, the catalogue layers and the map."""

from __future__ import annotations

import pytest

from tests.events.conftest import in_days, line

pytestmark = pytest.mark.django_db
PERSONAL = ("Елена Петрова", "+359888000", "green@example.org", "Граф Игнатиев", "Граждански протест")


@pytest.fixture
def events(api, planner, organizer, second_organizer, file_event):
    """Mine (a draft and a submitted one), another organizer's submitted and approved ones."""
    mine_draft = file_event(submit=False, title="Моя чернова")
    mine = file_event(title="Моето шествие")
    theirs = file_event(second_organizer, title="Чуждо")
    approved = file_event(
        second_organizer,
        title="Одобрен концерт",
        kind="cultural",
        start=in_days(20),
        route=line((0, 0), (0, 500)),
        closures=[{"name": "бул. Витоша", "geometry": line((-100, 0), (100, 0))}],
    )
    client = api.as_user(planner)
    client.post(f"/api/events/{approved['id']}/transitions/", {"to": "under_review"}, format="json")
    client.post(f"/api/events/{approved['id']}/transitions/", {"to": "approved"}, format="json")
    return {"draft": mine_draft["id"], "mine": mine["id"], "theirs": theirs["id"], "approved": approved["id"]}


def ids(response):
    assert response.status_code == 200, response.content
    body = response.json()
    rows = body["results"] if isinstance(body, dict) and "results" in body else body
    return {row["id"] for row in rows}


def test_the_organizer_lists_and_opens_only_their_own(api, organizer, events):
    client = api.as_user(organizer)
    assert ids(client.get("/api/events/")) == {events["draft"], events["mine"]}
    for name in ("theirs", "approved"):
        for suffix in ("", "revisions/", "transitions/", "messages/"):
            assert client.get(f"/api/events/{events[name]}/{suffix}").status_code == 404
        assert (
            client.post(f"/api/events/{events[name]}/revisions/", {"stewards": 1}, format="json").status_code
            == 404
        )


def test_planners_see_every_filed_event_but_not_drafts(api, planner, events):
    assert ids(api.as_user(planner).get("/api/events/")) == {
        events["mine"],
        events["theirs"],
        events["approved"],
    }
    assert api.as_user(planner).get(f"/api/events/{events['draft']}/").status_code == 404


def test_filters_by_dates_and_status(api, planner, events):
    client = api.as_user(planner)
    assert ids(client.get("/api/events/", {"status": "approved"})) == {events["approved"]}
    day = in_days(20).date().isoformat()
    assert ids(client.get("/api/events/", {"from": day, "to": day})) == {events["approved"]}
    assert ids(client.get("/api/events/", {"to": in_days(15).date().isoformat()})) == {
        events["mine"],
        events["theirs"],
    }
    bad = client.get("/api/events/", {"from": "tomorrow"})
    assert bad.status_code == 400 and "must be a date" in bad.json()["detail"]
    assert client.get("/api/events/", {"status": "lost"}).status_code == 400


def test_the_public_sees_approved_events_without_personal_data(api, events):
    anonymous = api.as_user(None)
    public = anonymous.get("/api/events/public/")
    assert {e["id"] for e in public.json()["results"]} == {events["approved"]}
    text = public.content.decode()
    assert not any(value in text for value in PERSONAL)
    assert public.json()["results"][0]["closures"][0]["name"] == "бул. Витоша"
    assert anonymous.get("/api/events/").status_code == 401
    assert anonymous.get(f"/api/events/{events['approved']}/").status_code == 401


def test_catalogue_layers_apply_the_same_rules(api, organizer, planner, events):
    def layer_ids(client, slug, **params):
        response = client.get(f"/api/layers/{slug}/features/", params)
        assert response.status_code == 200, response.content
        return {f["id"] for f in response.json()["features"]}, response.content.decode()

    public_ids, text = layer_ids(api.as_user(None), "event-perimeters")
    assert public_ids == {events["approved"]}
    assert not any(value in text for value in PERSONAL)
    assert layer_ids(api.as_user(None), "event-routes")[0] == {events["approved"]}
    closures, _ = layer_ids(api.as_user(None), "event-closures")
    assert len(closures) == 1
    assert layer_ids(api.as_user(organizer), "event-perimeters")[0] == {
        events["draft"],
        events["mine"],
        events["approved"],
    }
    assert layer_ids(api.as_user(planner), "event-perimeters")[0] == {
        events["mine"],
        events["theirs"],
        events["approved"],
    }
    assert layer_ids(api.as_user(planner), "event-perimeters", status="submitted")[0] == {
        events["mine"],
        events["theirs"],
    }
    catalogue = {
        layer["slug"]: layer for layer in api.as_user(None).get("/api/layers/?limit=100").json()["results"]
    }
    assert {"event-perimeters", "event-routes", "event-closures"} <= set(catalogue)
    assert {"start", "end"} <= {a["name"] for a in catalogue["event-perimeters"]["attributes"]}


def test_the_map_shows_each_caller_what_they_may_see(api, organizer, events):
    public = api.as_user(None).get("/api/events/map/").json()
    assert {f["properties"]["event"] for f in public["features"]} == {events["approved"]}
    parts = {f["properties"]["part"] for f in public["features"]}
    assert parts == {"perimeter", "route", "assembly_point", "closure"}
    mine = api.as_user(organizer).get("/api/events/map/", {"status": "draft,submitted"}).json()
    assert {f["properties"]["event"] for f in mine["features"]} == {events["draft"], events["mine"]}


def test_a_status_change_changes_the_events_closures_on_the_map(file_event):
    """Closures are drawn by their event's status (and seen by it): a new status is a change of
    every closure row, so their tiles are dropped from the cache and redrawn."""
    from layers.events.models import EventStatus, MassEvent
    from layers.events.services.changes import map_state

    filed = file_event(
        kind="sports",
        start=in_days(20),
        closures=[{"name": "бул. Витоша", "geometry": line((-100, 0), (100, 0))}],
    )
    event = MassEvent.objects.get(pk=filed["id"])
    before = map_state(event)
    event.status = EventStatus.APPROVED
    after = map_state(event)
    closures = [key for key in after.rows if key[0] == "event-closures"]
    assert closures
    for key in closures:
        assert before.rows[key][0]["status"] == "submitted"
        assert after.rows[key][0]["status"] == "approved"
