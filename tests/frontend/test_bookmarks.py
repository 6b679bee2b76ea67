"""Bookmarks: named views per user; shared ones reach the directorate's staff only."""

from __future__ import annotations

import pytest

URL = "/api/map/bookmarks/"
VIEW = {"name": "Център", "center": [42.6977, 23.3219], "zoom": 15, "layers": ["districts", "critical-sites"]}

pytestmark = pytest.mark.django_db


def test_a_bookmark_round_trips_and_keeps_only_visible_layers(api, planner, operator):
    planner_client = api.as_user(planner)
    saved = planner_client.post(URL, {**VIEW, "shared": True}, format="json")
    assert saved.status_code == 201, saved.content
    body = saved.json()
    assert (body["name"], body["center"], body["zoom"]) == ("Център", [42.6977, 23.3219], 15)
    assert body["layers"] == ["districts", "critical-sites"] and body["mine"] is True

    # The operator (staff) sees the shared view, without the restricted layer.
    listed = api.as_user(operator).get(URL).json()["results"]
    (shared,) = [b for b in listed if b["id"] == body["id"]]
    assert shared["layers"] == ["districts"] and shared["mine"] is False
    # ... and may not delete it.
    assert api.as_user(operator).delete(f"{URL}{body['id']}/").status_code == 404
    assert api.as_user(planner).delete(f"{URL}{body['id']}/").status_code == 204
    assert api.as_user(planner).get(URL).json()["results"] == []


def test_private_bookmarks_stay_private_and_organizers_cannot_share(api, planner, analyst, organizer):
    api.as_user(planner).post(URL, VIEW, format="json")
    assert api.as_user(analyst).get(URL).json()["results"] == []
    own = api.as_user(organizer).post(URL, VIEW, format="json")
    assert own.status_code == 201 and own.json()["layers"] == ["districts"]
    refused = api.as_user(organizer).post(URL, {**VIEW, "shared": True}, format="json")
    assert refused.status_code == 403
    assert api.as_user(None).get(URL).status_code in (401, 403)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"name": "  "}, "name"),
        ({"name": "x" * 101}, "name"),
        ({"center": None}, "center"),
        ({"center": [0, 0]}, "center"),
        ({"center": ["север", 23.3]}, "lat"),
        ({"zoom": 25}, "zoom"),
        ({"zoom": "близо"}, "zoom"),
        ({"layers": "districts"}, "layers"),
    ],
)
def test_bad_bookmarks_are_400_with_the_field(api, planner, change, field):
    response = api.as_user(planner).post(URL, {**VIEW, **change}, format="json")
    assert response.status_code == 400, response.content
    assert response.json()["parameter"] == field
