"""The size budget: no tile over 512 KB or 20,000 features, however dense the layer."""

from __future__ import annotations

import gzip

import mapbox_vector_tile
import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext

from layers.models import Layer
from tests.tile_server.helpers import tile_of
from tile_server import render
from tile_server.catalogue import visible_catalogue
from tile_server.grid import Tile
from tile_server.layers import resolve_layers
from tile_server.queries import inner_query
from tile_server.render import MAX_TILE_BYTES, MAX_TILE_FEATURES
from tile_server.rows import row_scope
from tile_server.sql import fetch_layers

SOFIA_CENTRE = (23.33, 42.68)


def _fill(sql: str, count: int) -> None:
    """Synthetic rows in Sofia's bounds, inserted in SQL (the test's transaction undoes them)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT setseed(0.42)")
        cursor.execute(sql, [count])


def _tile(client, layer: str, z: int) -> tuple[bytes, dict]:
    x, y = tile_of(*SOFIA_CENTRE, z)
    response = client.get(f"/tiles/{layer}/{z}/{x}/{y}.mvt")
    assert response.status_code == 200
    body = response.content
    return body, mapbox_vector_tile.decode(body)[layer]


@pytest.mark.django_db
def test_100k_points_make_a_light_z10_tile(client):
    _fill(
        """INSERT INTO infrastructure_transitstop (name, source, external_id, created_at, updated_at, code, name_en, position)
           SELECT 'Камера ' || i, 'test', '', now(), now(), i::text, '',
                  ST_SetSRID(ST_MakePoint(23.05 + random() * 0.63, 42.41 + random() * 0.49), 4326)
           FROM generate_series(1, %s) AS i""",
        100_000,
    )
    Layer.objects.filter(slug="transit-stops").update(min_zoom=0)
    for z in (10, 12, 13):
        body, layer = _tile(client, "transit-stops", z)
        assert len(body) <= MAX_TILE_BYTES and len(layer["features"]) <= MAX_TILE_FEATURES
        # Clustered on a 64 x 64 grid: at most 4,096 features.
        assert len(layer["features"]) <= 64 * 64
    body, layer = _tile(client, "transit-stops", 10)
    # About a third of Sofia in the z10 tile: tens of thousands of points, all counted.
    assert sum(f["properties"]["count"] for f in layer["features"]) > 25_000
    assert len(body) < 128 * 1024


@pytest.mark.django_db
def test_dense_small_polygons_and_lines_stay_within_budget(client, api, planner):
    # 40,000 field-of-view sized squares (10-120 m) and 20,000 street-like lines.
    _fill(
        """INSERT INTO public_order_crimepreventionarea (name, source, external_id, created_at, updated_at, priority, notes, area)
           SELECT 'FOV ' || i, 'test', '', now(), now(), 1, '',
                  ST_Multi(ST_MakeEnvelope(x, y, x + s, y + s * 0.74, 4326))
           FROM (SELECT i, 23.05 + random() * 0.63 AS x, 42.41 + random() * 0.49 AS y,
                        0.0001 + random() * 0.0014 AS s FROM generate_series(1, %s) AS i) AS seeds""",
        40_000,
    )
    _fill(
        """INSERT INTO infrastructure_transitroute (name, source, external_id, created_at, updated_at, route_ref, mode, direction, length_km, route)
           SELECT 'Улица ' || i, 'test', '', now(), now(), i::text, 'bus', 0, NULL,
                  ST_Multi(ST_MakeLine(ARRAY[ST_MakePoint(x, y), ST_MakePoint(x + dx, y + dy), ST_MakePoint(x + 2 * dx, y)]))::geometry(MultiLineString, 4326)
           FROM (SELECT i, 23.05 + random() * 0.63 AS x, 42.41 + random() * 0.49 AS y,
                        (random() - 0.5) * 0.01 AS dx, (random() - 0.5) * 0.01 AS dy FROM generate_series(1, %s) AS i) AS seeds""",
        20_000,
    )
    reader = api.as_user(planner)
    for layer_name in ("crime-prevention-areas", "transit-routes"):
        for z in (10, 12, 14):
            x, y = tile_of(*SOFIA_CENTRE, z)
            response = reader.get(f"/tiles/{layer_name}/{z}/{x}/{y}.mvt", HTTP_ACCEPT_ENCODING="identity")
            assert len(response.content) <= MAX_TILE_BYTES
            layer = mapbox_vector_tile.decode(response.content)[layer_name]
            assert 0 < len(layer["features"]) <= MAX_TILE_FEATURES

    # At z10 a screen pixel is about 110 m here: every synthetic square (at most 123 m wide)
    # is under the 2-pixel minimum and left out; at z14 (7 m pixels) they are drawn.
    def synthetic(z: int) -> int:
        x, y = tile_of(*SOFIA_CENTRE, z)
        response = reader.get(
            f"/tiles/crime-prevention-areas/{z}/{x}/{y}.mvt", HTTP_ACCEPT_ENCODING="identity"
        )
        features = mapbox_vector_tile.decode(response.content)["crime-prevention-areas"]["features"]
        return sum(1 for f in features if f["properties"]["name"].startswith("FOV "))

    assert synthetic(10) == 0
    assert synthetic(14) > 0


@pytest.mark.django_db
def test_a_tile_over_the_byte_budget_keeps_its_largest_features_in_one_query(client, monkeypatch):
    # The z10 tile of the districts is about 4.5 KB; with a 3,000-byte budget it is cut.
    monkeypatch.setattr(render, "MAX_TILE_BYTES", 3000)
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/tiles/districts/10/578/377.mvt")
    tile_queries = [q["sql"] for q in captured.captured_queries if "ST_AsMVT" in q["sql"]]
    assert len(tile_queries) == 1
    body = (
        gzip.decompress(response.content) if response.get("Content-Encoding") == "gzip" else response.content
    )
    assert len(body) <= 3000
    layer = mapbox_vector_tile.decode(body)["districts"]
    # The largest districts are kept: Панчарево (407 km²) is among them.
    assert "Панчарево" in {f["properties"]["name"] for f in layer["features"]}
    # Exactly what drawing the tile again with that many features gives.
    tile = Tile(10, 578, 377)
    (district_layer,) = resolve_layers(
        visible_catalogue(AnonymousUser(), audience="public", stamp="test"), ["districts"]
    )
    scope = row_scope(district_layer.spec, AnonymousUser())
    (again,) = fetch_layers(
        [inner_query(district_layer, tile, scope=scope, limit=len(layer["features"]))], tile
    )
    assert mapbox_vector_tile.decode(again.mvt)["districts"]["features"] == layer["features"]


def test_first_features_keeps_only_the_keys_and_values_they_use():
    full = mapbox_vector_tile.encode(
        [
            {
                "name": "layer",
                "features": [
                    {"geometry": "POINT (1 1)", "properties": {"a": "x", "b": 1}, "id": 1},
                    {"geometry": "POINT (2 2)", "properties": {"b": 2}, "id": 2},
                    {"geometry": "POINT (3 3)", "properties": {"c": "long text " * 50}, "id": 3},
                ],
            }
        ]
    )
    cut, count = render.first_features(full, 2)
    assert count == 2 and len(cut) < len(full) - 500
    features = mapbox_vector_tile.decode(cut)["layer"]["features"]
    assert [(f["id"], f["properties"]) for f in features] == [(1, {"a": "x", "b": 1}), (2, {"b": 2})]
    assert [f["geometry"]["coordinates"] for f in features] == [[1, 1], [2, 2]]
