"""ETag and 304, gzip, 204 for empty tiles, Cache-Control, and what a tile costs in queries."""

from __future__ import annotations

import gzip

import pytest

from tests.tile_server.helpers import tile_url

LARGO = (23.3219, 42.6977)
DISTRICTS = tile_url("districts", *LARGO, 13)


@pytest.mark.django_db
def test_strong_etag_and_304(client):
    first = client.get(DISTRICTS, HTTP_ACCEPT_ENCODING="gzip")
    etag = first["ETag"]
    assert etag.startswith('"') and etag.endswith('-gzip"') and not etag.startswith("W/")
    again = client.get(DISTRICTS, HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag
    # If-None-Match compares weakly, and takes a list.
    weak = client.get(DISTRICTS, HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=f'"other", W/{etag}')
    assert weak.status_code == 304
    assert client.get(DISTRICTS, HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH='"other"').status_code == 200


@pytest.mark.django_db
def test_gzip_only_when_accepted_and_each_encoding_has_its_own_etag(client):
    zipped = client.get(DISTRICTS, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    plain = client.get(DISTRICTS)
    refused = client.get(DISTRICTS, HTTP_ACCEPT_ENCODING="gzip;q=0")
    assert zipped["Content-Encoding"] == "gzip"
    assert "Content-Encoding" not in plain and "Content-Encoding" not in refused
    assert gzip.decompress(zipped.content) == plain.content == refused.content
    assert zipped["ETag"] == plain["ETag"][:-1] + '-gzip"'
    # The identity ETag does not validate the gzipped representation.
    assert (
        client.get(DISTRICTS, HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=plain["ETag"]).status_code
        == 200
    )
    assert "Accept-Encoding" in zipped["Vary"]


@pytest.mark.django_db
def test_cache_control_public_and_private(client, planner):
    assert client.get(DISTRICTS)["Cache-Control"] == "public, no-cache"
    client.force_login(planner)
    restricted = client.get(tile_url("critical-sites", *LARGO, 13))
    assert restricted.status_code == 200
    assert restricted["Cache-Control"] == "private, no-cache"


@pytest.mark.django_db
def test_empty_tile_is_204(client):
    # The Atlantic at z10: no district there.
    response = client.get("/tiles/districts/10/400/380.mvt")
    assert response.status_code == 204
    assert response.content == b""
    assert response["Cache-Control"] == "public, no-cache"


@pytest.mark.django_db
def test_a_cold_tile_costs_one_query_and_a_warm_one_none(client, django_assert_num_queries):
    # The first request of a visibility class reads what it may see (kept in memory until
    # the catalogue changes), then draws the tile in one ST_AsMVT statement.
    with django_assert_num_queries(2) as captured:
        assert client.get(DISTRICTS).status_code == 200
    assert "layers_layer" in captured.captured_queries[0]["sql"]
    assert "ST_AsMVT" in captured.captured_queries[1]["sql"]
    with django_assert_num_queries(0):
        assert client.get(DISTRICTS).status_code == 200
    with django_assert_num_queries(1):
        assert client.get(tile_url("districts", *LARGO, 14)).status_code == 200
    # Three layers in one composite tile are still one statement.
    composite = tile_url("districts,schools,transit-routes", *LARGO, 15)
    with django_assert_num_queries(1) as captured:
        assert client.get(composite).status_code == 200
    assert captured.captured_queries[0]["sql"].count("ST_AsMVT(") == 3
    with django_assert_num_queries(0):
        assert client.get(composite).status_code == 200


@pytest.mark.django_db
def test_composite_reuses_single_layer_tiles(client, django_assert_num_queries):
    client.get(tile_url("districts", *LARGO, 14))
    with django_assert_num_queries(1) as captured:
        client.get(tile_url("districts,schools", *LARGO, 14))
    # Only the layer not yet cached is drawn.
    assert captured.captured_queries[0]["sql"].count("ST_AsMVT(") == 1


@pytest.mark.django_db
def test_head_is_served_and_post_is_not(client):
    assert client.head(DISTRICTS).status_code == 200
    assert client.post(DISTRICTS).status_code == 405


@pytest.mark.django_db
def test_the_lean_tile_path_sends_the_headers_of_the_full_stack(client):
    # GET of a tile skips the middleware a tile does not need (tile_server/middleware.py);
    # the answer carries what the full stack gives any API answer, as TileJSON shows.
    tile = client.get(DISTRICTS, HTTP_ACCEPT_ENCODING="gzip", HTTP_X_REQUEST_ID="leanpath-0001")
    document = client.get("/tiles/districts.json")
    assert tile.status_code == 200 and document.status_code == 200
    for header in ("Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options", "Referrer-Policy"):
        assert tile[header] == document[header]
    assert tile["X-Request-ID"] == "leanpath-0001"
    assert int(tile["Content-Length"]) == len(tile.content)


@pytest.mark.django_db
def test_tile_requests_are_timed_and_other_methods_take_the_full_stack(client):
    from prometheus_client import REGISTRY

    def served(status: str) -> float:
        return REGISTRY.get_sample_value("geo_tile_request_seconds_count", {"status": status}) or 0.0

    before_ok, before_bad = served("2xx"), served("4xx")
    assert client.get(DISTRICTS).status_code == 200
    assert client.get("/tiles/districts/99/0/0.mvt").status_code == 400
    assert (served("2xx"), served("4xx")) == (before_ok + 1, before_bad + 1)
    # A POST is not a tile read: CSRF and the method check answer as for any API path, in JSON.
    refused = client.post(DISTRICTS)
    assert refused.status_code in (403, 405) and refused.json()["error"]
    assert served("4xx") == before_bad + 1
