"""An edit through the API deletes exactly the tiles it touches, at every zoom, when it commits."""

from __future__ import annotations

import pytest
from django.contrib.gis.geos import GEOSGeometry, LineString, Point

from geo_platform.events import layer_reloaded
from layers.models import Layer
from layers.shelters.models import Shelter
from tests.tile_server.helpers import decode, tile_of, tile_url
from tile_server.cache import Slot, tile_cache
from tile_server.grid import Tile
from tile_server.invalidation import touched_tiles
from tile_server.service import cached_tile_from_mvt

URL = "/api/layers/shelters/features/"
LARGO = (23.3219, 42.6977)
MOVED_TO = (23.3400, 42.6600)  # about 4.5 km south-east: other tiles from z12 on


def _shelter(lon, lat):
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [lon, lat]},
        "properties": {"name": "Убежище (тест)", "kind": "shelter", "capacity": 120},
    }


def _far_shelter():
    """A real shelter at least one z15 tile away from both test positions."""
    near = {tile_of(*LARGO, 15), tile_of(*MOVED_TO, 15)}
    return next(
        s for s in Shelter.objects.order_by("pk") if tile_of(s.position.x, s.position.y, 15) not in near
    )


def _ids(client, url):
    response = client.get(url)
    if response.status_code == 204:
        return set()
    return {f["id"] for f in decode(response)["shelters"]["features"]}


@pytest.mark.django_db
def test_create_move_and_delete_change_exactly_the_tiles_touched(
    client, api, planner, django_capture_on_commit_callbacks, django_assert_num_queries
):
    writer = api.as_user(planner)
    at_largo = tile_url("shelters", *LARGO, 15)
    at_new_place = tile_url("shelters", *MOVED_TO, 15)
    far = _far_shelter()
    far_url = tile_url("shelters", far.position.x, far.position.y, 15)
    # Warm the cache.
    before = {url: client.get(url) for url in (at_largo, at_new_place, far_url)}
    assert far.pk in _ids(client, far_url)

    with django_capture_on_commit_callbacks(execute=True):
        created = writer.post(URL, _shelter(*LARGO), format="json")
    assert created.status_code == 201
    shelter_id = created.json()["id"]
    assert shelter_id in _ids(client, at_largo)
    assert client.get(at_largo)["ETag"] != before[at_largo].get("ETag")
    # The far tile was not touched: the same ETag, still served from the cache (no tile query).
    with django_assert_num_queries(0):
        assert client.get(far_url, HTTP_IF_NONE_MATCH=before[far_url]["ETag"]).status_code == 304

    with django_capture_on_commit_callbacks(execute=True):
        moved = writer.patch(
            f"{URL}{shelter_id}/",
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": list(MOVED_TO)},
                "properties": {},
            },
            format="json",
        )
    assert moved.status_code == 200
    assert shelter_id not in _ids(client, at_largo)
    assert shelter_id in _ids(client, at_new_place)

    with django_capture_on_commit_callbacks(execute=True):
        # An attribute the tile carries (display attributes) changes in place.
        assert (
            writer.patch(
                f"{URL}{shelter_id}/",
                {"type": "Feature", "properties": {"address": "ул. Тестова 3"}},
                format="json",
            ).status_code
            == 200
        )
    feature = next(
        f for f in decode(client.get(at_new_place))["shelters"]["features"] if f["id"] == shelter_id
    )
    assert feature["properties"]["address"] == "ул. Тестова 3"

    with django_capture_on_commit_callbacks(execute=True):
        assert writer.delete(f"{URL}{shelter_id}/").status_code == 204
    assert shelter_id not in _ids(client, at_new_place)
    assert client.get(far_url)["ETag"] == before[far_url]["ETag"]


@pytest.mark.django_db
def test_clustered_low_zoom_tiles_are_invalidated_too(
    client, api, planner, django_capture_on_commit_callbacks
):
    url = tile_url("shelters", *LARGO, 10)
    count = sum(f["properties"]["count"] for f in decode(client.get(url))["shelters"]["features"])
    with django_capture_on_commit_callbacks(execute=True):
        api.as_user(planner).post(URL, _shelter(*LARGO), format="json")
    assert sum(f["properties"]["count"] for f in decode(client.get(url))["shelters"]["features"]) == count + 1


@pytest.mark.django_db
def test_edit_in_a_test_transaction_without_commit_leaves_the_cache_alone(client, api, planner):
    # feature_changed is sent after commit; an edit that never commits changes nothing.
    url = tile_url("shelters", *LARGO, 15)
    etag = client.get(url).get("ETag")
    api.as_user(planner).post(URL, _shelter(*LARGO), format="json")
    assert client.get(url).get("ETag") == etag


@pytest.mark.django_db
def test_layer_reload_retires_every_tile_of_the_layer(client, django_assert_num_queries):
    url = tile_url("districts", *LARGO, 12)
    client.get(url)
    layer_reloaded.send(sender=Layer, layer="districts")
    with django_assert_num_queries(1):
        client.get(url)


def test_touched_tiles_of_a_point_include_neighbours_within_the_buffer():
    # A point 1/32 tile from the east edge of its z5 tile: drawn in the neighbour's buffer.
    tile = Tile(5, 17, 11)
    west, south, east, north = tile.lonlat_bounds()
    point = Point(east - (east - west) / 32, (south + north) / 2, srid=4326)
    tiles, bumped = touched_tiles([point], range(5, 6))
    assert tiles == {5: {(17, 11), (18, 11)}} and bumped == []


def test_touched_tiles_follow_the_shape_not_its_box():
    # A diagonal across Sofia: its bounding box covers far more z14 tiles than the line.
    line = LineString((23.20, 42.60), (23.45, 42.75), srid=4326)
    tiles, _ = touched_tiles([line], range(14, 15), max_tiles=100_000)
    columns = {x for x, _ in tiles[14]}
    rows = {y for _, y in tiles[14]}
    assert len(tiles[14]) < len(columns) * len(rows) / 3


def test_large_edits_bump_the_deep_zooms_instead_of_listing_tiles():
    # The whole municipality: exact tiles up to the bound, then whole zooms retired.
    box = GEOSGeometry(
        "POLYGON((23.05 42.41, 23.68 42.41, 23.68 42.90, 23.05 42.90, 23.05 42.41))", srid=4326
    )
    tiles, bumped = touched_tiles([box], range(0, 23), max_tiles=2048)
    assert sorted(tiles) == list(range(0, min(bumped)))
    assert bumped == list(range(min(bumped), 23))
    assert sum(len(found) for found in tiles.values()) <= 2048
    # Over Sofia (51 x 54 km) z14 has about 900 tiles (1,200 with the zooms above it), z15
    # about 3,500: z15 is the first zoom past the bound.
    assert min(bumped) == 15


@pytest.mark.django_db
def test_a_tile_drawn_during_an_edit_is_not_stored():
    cache = tile_cache()
    slot = Slot("districts", "f", Tile(1, 1, 0), "public")
    (lookup,) = cache.lookup([slot]).tiles
    # An edit commits between the lookup and the store: the drawing may predate it.
    cache.invalidate("districts", "f", {1: {(1, 0)}}, [])
    assert not cache.store(slot, lookup.ticket, cached_tile_from_mvt(b"stale"))
    (again,) = cache.lookup([slot]).tiles
    assert again.tile is None
    assert cache.store(slot, again.ticket, cached_tile_from_mvt(b"fresh"))
    assert cache.lookup([slot]).tiles[0].tile == cached_tile_from_mvt(b"fresh")


@pytest.mark.django_db
def test_disk_cache_behaves_like_redis(
    client, settings, tmp_path, api, planner, django_capture_on_commit_callbacks, django_assert_num_queries
):
    settings.TILE_CACHE = "disk"
    settings.TILE_CACHE_DIR = str(tmp_path)
    url = tile_url("shelters", *LARGO, 15)
    first = client.get(url)
    with django_assert_num_queries(0):
        assert client.get(url)["ETag"] == first.get("ETag")
    assert list(tmp_path.rglob("*.mvt")) == [] and any(p.is_file() for p in tmp_path.rglob("*"))
    with django_capture_on_commit_callbacks(execute=True):
        shelter_id = api.as_user(planner).post(URL, _shelter(*LARGO), format="json").json()["id"]
    assert shelter_id in _ids(client, url)
    slot = Slot("shelters", "f", Tile(15, 0, 0), "public")
    (lookup,) = tile_cache().lookup([slot]).tiles
    tile_cache().invalidate("shelters", "f", {15: {(0, 0)}}, [15])
    assert not tile_cache().store(slot, lookup.ticket, cached_tile_from_mvt(b"stale"))
