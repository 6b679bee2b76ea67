"""A feature's details page stays after the feature is deleted, for those who read history."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.geometries import LARGO

URL = "/api/layers/shelters/features/"


@pytest.mark.django_db
def test_a_deleted_feature_keeps_its_page_with_the_deletion(api, planner, make_user):
    client = api.as_user(planner)
    created = client.post(
        URL,
        {
            "type": "Feature",
            "geometry": LARGO,
            "properties": {"name": "Убежище Б", "kind": "shelter", "capacity": 80},
        },
        format="json",
    ).json()
    feature_id = created["id"]
    page = f"/features/shelters/{feature_id}/"
    browser = Client(HTTP_ACCEPT_LANGUAGE="bg")
    browser.force_login(planner)
    before = browser.get(page)
    assert before.status_code == 200
    assert b"detail-deleted" not in before.content

    assert client.delete(f"{URL}{feature_id}/").status_code == 204
    after = browser.get(page)
    assert after.status_code == 200
    text = after.content.decode()
    assert 'data-deleted="true"' in text
    assert "Обектът е изтрит" in text and "t-planner" in text
    # The history the page reads ends with the deletion and keeps the last state.
    history = client.get(f"{URL}{feature_id}/history/").json()["results"]
    assert history[0]["action"] == "delete"
    assert history[0]["previous_properties"]["name"] == "Убежище Б"

    # The public does not read the audit trail: for them the feature is gone.
    assert Client().get(page).status_code == 404
    # A feature that never existed is not found for anybody.
    assert browser.get("/features/shelters/999999999/").status_code == 404


@pytest.mark.django_db
def test_an_organizer_lands_in_the_portal_and_others_on_the_map(organizer, planner):
    for user, landing in ((organizer, "/events/"), (planner, "/")):
        client = Client()
        response = client.post(
            "/accounts/login/", {"username": user.username, "password": "test-password-123", "next": "/"}
        )
        assert response.status_code == 302 and response["Location"] == landing, user.role
    # A page asked for on purpose is kept.
    client = Client()
    response = client.post(
        "/accounts/login/",
        {"username": organizer.username, "password": "test-password-123", "next": "/events/calendar/"},
    )
    assert response["Location"] == "/events/calendar/"
