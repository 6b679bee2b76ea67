"""A tile holds only what its caller may see, and the cache never crosses visibility classes."""

from __future__ import annotations

import pytest

from layers.models import Layer
from tests.tile_server.helpers import decode, tile_url
from tile_server import catalogue

LARGO = (23.3219, 42.6977)
# critical-sites is restricted; emergency-stations is shared with partners; crime-prevention
# areas are internal.
RESTRICTED = tile_url("critical-sites", *LARGO, 12)
PARTNER = tile_url("emergency-stations", *LARGO, 11)
INTERNAL = tile_url("crime-prevention-areas", 23.33, 42.69, 10)


@pytest.mark.django_db
def test_restricted_layer_is_404_for_those_who_may_not_see_it(
    client, api, partner, operator, organizer, analyst
):
    assert client.get(RESTRICTED).status_code == 404
    for user in (partner, operator, organizer):
        response = api.as_user(user).get(RESTRICTED)
        assert response.status_code == 404, user.role
        assert response.json()["error"] == "not_found"
    response = api.as_user(analyst).get(RESTRICTED)
    assert response.status_code == 200
    assert decode(response)["critical-sites"]["features"]
    # TileJSON follows the same rule.
    assert client.get("/tiles/critical-sites.json").status_code == 404
    assert api.as_user(analyst).get("/tiles/critical-sites.json").status_code == 200


@pytest.mark.django_db
def test_partner_and_internal_layers(client, api, partner, operator):
    assert client.get(PARTNER).status_code == 404
    assert api.as_user(partner).get(PARTNER).status_code == 200
    assert api.as_user(partner).get(INTERNAL).status_code == 404
    assert api.as_user(operator).get(INTERNAL).status_code == 200


@pytest.mark.django_db
def test_partner_layer_shared_with_another_agency_is_hidden(api, partner):
    Layer.objects.filter(slug="emergency-stations").update(shared_with=["pbzn"])
    assert api.as_user(partner).get(PARTNER).status_code == 404


@pytest.mark.django_db
def test_composite_with_one_hidden_layer_is_404(client, analyst, api):
    url = tile_url("districts,critical-sites", *LARGO, 12)
    assert client.get(url).status_code == 404
    assert api.as_user(analyst).get(url).status_code == 200


@pytest.mark.django_db
def test_layer_made_restricted_is_no_longer_served_from_the_cache(client, django_capture_on_commit_callbacks):
    url = tile_url("schools", *LARGO, 12)
    assert client.get(url).status_code == 200
    # As the admin does it: save() bumps the catalogue stamp once the change commits.
    schools = Layer.objects.get(slug="schools")
    schools.visibility = "restricted"
    with django_capture_on_commit_callbacks(execute=True):
        schools.save()
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_catalogue_changes_that_bypass_signals_apply_within_the_ttl(client, monkeypatch):
    url = tile_url("schools", *LARGO, 12)
    assert client.get(url).status_code == 200
    Layer.objects.filter(slug="schools").update(visibility="restricted")
    # QuerySet.update() sends no signal: the in-memory copy lives out its few seconds.
    monkeypatch.setattr(catalogue, "CATALOGUE_TTL_SECONDS", 0.0)
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_each_visibility_class_has_its_own_cache_entry(client, api, analyst, django_assert_num_queries):
    url = tile_url("districts", *LARGO, 12)
    analyst_client = api.as_user(analyst)
    analyst_client.get(url)
    # The analyst's cached tile is not the public's: the anonymous request draws its own
    # (catalogue + tile query), then hits its own entry (catalogue only).
    with django_assert_num_queries(2):
        client.get(url)
    with django_assert_num_queries(0):
        client.get(url)


@pytest.mark.django_db
def test_bad_token_is_401_json(client):
    response = client.get(tile_url("districts", *LARGO, 12), HTTP_AUTHORIZATION="Token not-a-token")
    assert response.status_code == 401
    assert response.json()["error"] == "authentication_failed"
