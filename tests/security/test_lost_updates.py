"""No lost updates: a strong ETag (the version) on a feature, an event and a risk measure;
a write with a stale If-Match is refused with 412 naming both versions; If-Match is
optional, and a current one lets the write through."""

from __future__ import annotations

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from layers.events.models import MassEvent
from layers.hazards.models import Measure
from layers.infrastructure.models import School
from layers.shelters.models import Shelter
from tests.events.conftest import committed, file_event, organizer_client, payload  # noqa: F401
from tests.geometries import LARGO

FEATURES = "/api/layers/shelters/features/"


def _client(user, language="en") -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE=language)
    token, _ = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


@pytest.fixture
def shelter_url(planner):
    created = _client(planner).post(
        FEATURES,
        {
            "type": "Feature",
            "geometry": LARGO,
            "properties": {"name": "Убежище Е", "kind": "shelter", "capacity": 100},
        },
        format="json",
    )
    assert created.status_code == 201, created.content
    return f"{FEATURES}{created.json()['id']}/"


def _is_strong(tag: str) -> bool:
    return tag.startswith('"') and tag.endswith('"') and len(tag) > 2


@pytest.mark.django_db
def test_feature_two_planners_the_second_stale_write_is_refused(planner, make_user, shelter_url):
    from geo_platform.accounts.models import Role

    alice, bob = _client(planner), _client(make_user(Role.PLANNER, "t-planner-b"))
    loaded = alice.get(shelter_url)
    etag = loaded["ETag"]
    assert _is_strong(etag)
    assert bob.get(shelter_url)["ETag"] == etag  # the same version for every reader

    first = alice.patch(
        shelter_url, {"type": "Feature", "properties": {"capacity": 150}}, format="json", HTTP_IF_MATCH=etag
    )
    assert first.status_code == 200, first.content
    assert first["ETag"] != etag and _is_strong(first["ETag"])

    stale = bob.patch(
        shelter_url, {"type": "Feature", "properties": {"capacity": 999}}, format="json", HTTP_IF_MATCH=etag
    )
    assert stale.status_code == 412, stale.content
    body = stale.json()
    assert body["error"] == "precondition_failed"
    assert body["your_version"] == etag.strip('"')
    assert body["current_version"] == first["ETag"].strip('"')
    assert body["current_etag"] == first["ETag"]
    assert etag.strip('"') in body["detail"] and first["ETag"].strip('"') in body["detail"]
    assert "changed by someone else" in body["detail"]
    # Nothing of the stale write was stored.
    assert alice.get(shelter_url).json()["properties"]["capacity"] == 150
    assert Shelter.objects.get(pk=int(shelter_url.rstrip("/").rsplit("/", 1)[1])).capacity == 150

    # A stale delete is refused too; with the current version it goes through.
    assert bob.delete(shelter_url, HTTP_IF_MATCH=etag).status_code == 412
    assert alice.get(shelter_url).status_code == 200
    assert bob.delete(shelter_url, HTTP_IF_MATCH=first["ETag"]).status_code == 204


@pytest.mark.django_db
def test_feature_put_with_a_stale_version_is_refused(planner, shelter_url):
    client = _client(planner)
    etag = client.get(shelter_url)["ETag"]
    client.patch(shelter_url, {"type": "Feature", "properties": {"capacity": 120}}, format="json")
    full = {
        "type": "Feature",
        "geometry": LARGO,
        "properties": {"name": "Убежище Е", "kind": "shelter", "capacity": 1},
    }
    assert client.put(shelter_url, full, format="json", HTTP_IF_MATCH=etag).status_code == 412


@pytest.mark.django_db
def test_if_match_is_optional_and_star_or_a_list_is_honoured(planner, shelter_url):
    client = _client(planner)
    etag = client.get(shelter_url)["ETag"]
    assert (
        client.patch(
            shelter_url, {"type": "Feature", "properties": {"capacity": 101}}, format="json"
        ).status_code
        == 200
    )
    assert (
        client.patch(
            shelter_url,
            {"type": "Feature", "properties": {"capacity": 102}},
            format="json",
            HTTP_IF_MATCH="*",
        ).status_code
        == 200
    )
    current = client.get(shelter_url)["ETag"]
    assert current != etag
    listed = client.patch(
        shelter_url,
        {"type": "Feature", "properties": {"capacity": 103}},
        format="json",
        HTTP_IF_MATCH=f"{etag}, {current}",
    )
    assert listed.status_code == 200
    # A weak tag never matches a strong comparison; garbage is a clear 400, not a 500.
    weak = listed["ETag"]
    assert (
        client.patch(
            shelter_url, {"type": "Feature", "properties": {}}, format="json", HTTP_IF_MATCH=f"W/{weak}"
        ).status_code
        == 412
    )
    bad = client.patch(
        shelter_url, {"type": "Feature", "properties": {}}, format="json", HTTP_IF_MATCH="not-a-tag"
    )
    assert bad.status_code == 400 and bad.json()["error"] == "invalid_if_match"


@pytest.mark.django_db
def test_the_412_message_is_bulgarian_by_default(planner, shelter_url):
    client = _client(planner, language="bg")
    etag = client.get(shelter_url)["ETag"]
    client.patch(shelter_url, {"type": "Feature", "properties": {"capacity": 130}}, format="json")
    body = client.patch(
        shelter_url, {"type": "Feature", "properties": {"capacity": 1}}, format="json", HTTP_IF_MATCH=etag
    ).json()
    assert body["detail"].startswith("Друг потребител е променил обекта"), body["detail"]
    assert "версия" in body["detail"]


@pytest.mark.django_db
def test_a_reader_without_the_row_gets_404_not_412(planner, make_user, shelter_url):
    """If-Match never reveals a feature the caller may not see or edit."""
    from geo_platform.accounts.models import Role

    public = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    assert public.patch(
        shelter_url, {"type": "Feature", "properties": {}}, format="json", HTTP_IF_MATCH='"1"'
    ).status_code in (401, 403)
    analyst = _client(make_user(Role.ANALYST, "t-analyst-b"))
    assert (
        analyst.patch(
            shelter_url, {"type": "Feature", "properties": {}}, format="json", HTTP_IF_MATCH='"1"'
        ).status_code
        == 403
    )
    assert (
        _client(planner)
        .patch(
            f"{FEATURES}999999999/", {"type": "Feature", "properties": {}}, format="json", HTTP_IF_MATCH='"1"'
        )
        .status_code
        == 404
    )


@pytest.mark.django_db
def test_read_only_feature_has_an_etag_too(api):
    school = School.objects.order_by("pk").first()
    response = api.get(f"/api/layers/schools/features/{school.pk}/")
    assert response.status_code == 200 and _is_strong(response["ETag"])


@pytest.mark.django_db
def test_event_draft_stale_patch_and_delete_are_412(organizer, file_event):  # noqa: F811
    event = file_event(submit=False)
    url = f"/api/events/{event['id']}/"
    client = _client(organizer)
    etag = client.get(url)["ETag"]
    assert _is_strong(etag)
    saved = client.patch(url, {"title": "Първо заглавие"}, format="json", HTTP_IF_MATCH=etag)
    assert saved.status_code == 200, saved.content
    assert saved["ETag"] == client.get(url)["ETag"] != etag
    stale = client.patch(url, {"title": "Второ заглавие"}, format="json", HTTP_IF_MATCH=etag)
    assert stale.status_code == 412
    assert stale.json()["current_version"] == saved["ETag"].strip('"')
    assert stale.json()["detail"].startswith("The event was changed by someone else")
    assert MassEvent.objects.get(pk=event["id"]).name == "Първо заглавие"
    assert client.delete(url, HTTP_IF_MATCH=etag).status_code == 412
    assert client.delete(url, HTTP_IF_MATCH=saved["ETag"]).status_code == 204


@pytest.mark.django_db
def test_event_stale_revision_is_412(organizer, file_event):  # noqa: F811
    event = file_event()
    url = f"/api/events/{event['id']}/"
    client = _client(organizer)
    etag = client.get(url)["ETag"]
    first = client.post(
        url + "revisions/",
        {"expected_participants": 900, "note": "по-малко"},
        format="json",
        HTTP_IF_MATCH=etag,
    )
    assert first.status_code == 201, first.content
    second = client.post(
        url + "revisions/", {"expected_participants": 800}, format="json", HTTP_IF_MATCH=etag
    )
    assert second.status_code == 412
    assert MassEvent.objects.get(pk=event["id"]).expected_participants == 900


@pytest.mark.django_db
def test_measure_stale_patch_and_delete_are_412(analyst):
    client = _client(analyst)
    created = client.post(
        "/api/risk/measures/",
        {
            "name": "Нова мярка",
            "kind": "new_shelter",
            "cost_eur": "1000",
            "parameters": {"capacity": 50},
            "place": {"type": "Point", "coordinates": [23.32, 42.69]},
        },
        format="json",
    )
    assert created.status_code == 201, created.content
    url = f"/api/risk/measures/{created.json()['id']}/"
    etag = client.get(url)["ETag"]
    assert _is_strong(etag)
    saved = client.patch(url, {"name": "Преименувана"}, format="json", HTTP_IF_MATCH=etag)
    assert saved.status_code == 200 and saved["ETag"] != etag
    stale = client.patch(url, {"name": "Изгубена"}, format="json", HTTP_IF_MATCH=etag)
    assert stale.status_code == 412
    assert stale.json()["your_version"] == etag.strip('"')
    assert Measure.objects.get(pk=created.json()["id"]).name == "Преименувана"
    assert client.delete(url, HTTP_IF_MATCH=etag).status_code == 412
    assert client.delete(url, HTTP_IF_MATCH=saved["ETag"]).status_code == 204
