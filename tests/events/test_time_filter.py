"""The generic features API filters event layers by time with ?datetime=a/b."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.events.conftest import in_days


@pytest.mark.django_db
def test_datetime_filter_on_event_perimeters(api, planner, file_event):
    soon = file_event(start=in_days(10))
    later = file_event(start=in_days(40))
    client = api.as_user(planner)

    def ids(query: str) -> set[int]:
        response = client.get(f"/api/layers/event-perimeters/features/?{query}")
        assert response.status_code == 200, response.content
        return {feature["id"] for feature in response.json()["features"]}

    window = f"{in_days(9).isoformat()}/{in_days(11).isoformat()}"
    assert ids("datetime=" + window.replace("+", "%2B")) == {soon["id"]}
    assert ids("datetime=" + (in_days(30).isoformat() + "/..").replace("+", "%2B")) == {later["id"]}
    # A moment inside the first event (it lasts 3 hours from 10:00).
    inside = (in_days(10) + timedelta(hours=1)).isoformat().replace("+", "%2B")
    assert ids(f"datetime={inside}") == {soon["id"]}
    assert {soon["id"], later["id"]} <= ids("datetime=../..")


@pytest.mark.django_db
def test_bad_datetime_is_400(api, planner):
    client = api.as_user(planner)
    assert client.get("/api/layers/event-perimeters/features/?datetime=tomorrow").status_code == 400
    response = client.get("/api/layers/event-perimeters/features/?datetime=2026-12-10/2026-12-01")
    assert response.status_code == 400
    assert "ends before" in response.json()["detail"]
    response = client.get("/api/layers/districts/features/?datetime=2026-12-01")
    assert response.status_code == 400
    assert "has no time" in response.json()["detail"]
