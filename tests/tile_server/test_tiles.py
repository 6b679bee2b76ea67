"""Tiles hold the right features, with the declared attributes, at the right tile positions."""

from __future__ import annotations

import pytest
from django.contrib.gis.geos import Polygon

from layers.administrative.models import District
from layers.infrastructure.models import School
from tests.tile_server.helpers import decode, tile_of, tile_position
from tile_server.grid import Tile

# A real school from the loaded data (sofia_sensitive_sites_points_2024), near Orlov Most.
SCHOOL_KEY = "school:23.312724,42.672376"


@pytest.mark.django_db
def test_school_at_z15_is_one_feature_at_its_tile_position(client):
    school = School.objects.get(external_id=SCHOOL_KEY)
    lon, lat = school.position.x, school.position.y
    z = 15
    x, y = tile_of(lon, lat, z)
    response = client.get(f"/tiles/schools/{z}/{x}/{y}.mvt")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.mapbox-vector-tile"
    layer = decode(response)["schools"]
    assert layer["extent"] == 4096
    feature = next(f for f in layer["features"] if f["id"] == school.pk)
    # Only the attributes the layer declares for display (name, kind), and the id.
    assert feature["properties"] == {"name": school.name, "kind": school.kind}
    assert feature["geometry"]["type"] == "Point"
    expected = tile_position(lon, lat, z, x, y)
    # ST_AsMVTGeom snaps to whole tile units: within half a unit (about 2 cm here).
    assert feature["geometry"]["coordinates"] == pytest.approx(expected, abs=0.51)


@pytest.mark.django_db
def test_point_tile_holds_every_school_within_the_buffer_and_no_other(client):
    z, (x, y) = 15, tile_of(23.312724, 42.672376, 15)
    layer = decode(client.get(f"/tiles/schools/{z}/{x}/{y}.mvt"))["schools"]
    # The buffer is 256 units of 4096 on each side: a school up to 1/16 tile outside is drawn too.
    expected = set()
    for school in School.objects.all():
        column, row = tile_position(school.position.x, school.position.y, z, x, y)
        if -256 <= column <= 4352 and -256 <= row <= 4352:
            expected.add(school.pk)
    assert {f["id"] for f in layer["features"]} == expected
    assert len(expected) >= 1


@pytest.mark.django_db
def test_district_polygon_with_its_display_attributes(client):
    sredets = District.objects.get(code="01")
    inside = sredets.boundary.point_on_surface
    z = 13
    x, y = tile_of(inside.x, inside.y, z)
    layer = decode(client.get(f"/tiles/districts/{z}/{x}/{y}.mvt"))["districts"]
    feature = next(f for f in layer["features"] if f["id"] == sredets.pk)
    assert feature["properties"] == {
        "name": "Средец",
        "code": "01",
        "population": sredets.population,
        "area_km2": pytest.approx(sredets.area_km2),
    }
    assert feature["geometry"]["type"] in {"Polygon", "MultiPolygon"}
    rings = feature["geometry"]["coordinates"]
    vertices = [
        v for ring in (rings if feature["geometry"]["type"] == "Polygon" else sum(rings, [])) for v in ring
    ]
    # Clipped to the tile and its buffer.
    assert all(-256 <= c <= 4352 for vertex in vertices for c in vertex)
    # Средец (3 km²) is in the middle of a z13 tile (about 3.6 km across): most of it is drawn,
    # and its known interior point lies inside the drawn outline.
    column, row = tile_position(inside.x, inside.y, z, x, y)
    assert 0 <= column <= 4096 and 0 <= row <= 4096
    assert len(vertices) > 10


@pytest.mark.django_db
def test_every_district_meets_the_z10_tile_over_sofia(client):
    # The centre of Sofia, z10: the 24 districts straddle tiles 577-579, so ask each tile
    # that holds part of the municipality and count distinct districts.
    seen = set()
    for x in (577, 578, 579):
        for y in (376, 377, 378):
            response = client.get(f"/tiles/districts/10/{x}/{y}.mvt")
            if response.status_code == 200:
                seen |= {f["id"] for f in decode(response)["districts"]["features"]}
    assert seen == set(District.objects.values_list("pk", flat=True))
    assert len(seen) == 24


@pytest.mark.django_db
def test_composite_tile_returns_each_layer(client):
    lon, lat = 23.312724, 42.672376
    x, y = tile_of(lon, lat, 14)
    response = client.get(f"/tiles/districts,schools,transit-routes/14/{x}/{y}.mvt")
    assert response.status_code == 200
    layers = decode(response)
    assert set(layers) == {"districts", "schools", "transit-routes"}
    # Each part is the same as the layer's own tile.
    for name in layers:
        alone = decode(client.get(f"/tiles/{name}/14/{x}/{y}.mvt"))[name]
        assert sorted(f["id"] for f in alone["features"]) == sorted(f["id"] for f in layers[name]["features"])
    route = layers["transit-routes"]["features"][0]
    assert set(route["properties"]) == {"route_ref", "mode"}


@pytest.mark.django_db
def test_composite_leaves_out_layers_not_drawn_at_this_zoom(client):
    # Schools start at zoom 11: a z10 composite carries districts only.
    layers = decode(client.get("/tiles/districts,schools/10/578/377.mvt"))
    assert set(layers) == {"districts"}


@pytest.mark.django_db
def test_points_are_clustered_below_z14_and_counts_add_up(client):
    z, (x, y) = 11, tile_of(23.32, 42.69, 11)
    layer = decode(client.get(f"/tiles/schools/{z}/{x}/{y}.mvt"))["schools"]
    in_tile = School.objects.filter(position__within=Polygon.from_bbox(Tile(z, x, y).lonlat_bounds())).count()
    assert sum(f["properties"]["count"] for f in layer["features"]) == in_tile
    clusters = [f for f in layer["features"] if f["properties"]["count"] > 1]
    singles = [f for f in layer["features"] if f["properties"]["count"] == 1]
    assert clusters and singles
    # A cluster has no id and no attributes but its count; a lone point keeps both.
    assert all(f.get("id") in (None, 0) and set(f["properties"]) == {"count"} for f in clusters)
    assert all(f["id"] > 0 and {"name", "kind"} <= set(f["properties"]) for f in singles)


@pytest.mark.django_db
def test_tilejson(client):
    body = client.get("/tiles/districts.json").json()
    assert body["tilejson"] == "3.0.0"
    assert body["tiles"] == ["http://testserver/tiles/districts/{z}/{x}/{y}.mvt"]
    assert body["minzoom"] == 0 and body["maxzoom"] == 22
    west, south, east, north = body["bounds"]
    # Sofia Municipality's extent.
    assert west == pytest.approx(23.05, abs=0.01) and north == pytest.approx(42.90, abs=0.01)
    assert body["attribution"].startswith("Source: Sofiaplan")
    (layer,) = body["vector_layers"]
    assert layer["id"] == "districts"
    assert layer["fields"] == {
        "name": "String",
        "code": "String",
        "population": "Number",
        "area_km2": "Number",
    }
    schools = client.get("/tiles/schools.json").json()["vector_layers"][0]
    assert schools["minzoom"] == 11 and schools["fields"] == {
        "name": "String",
        "kind": "String",
        "count": "Number",
    }


@pytest.mark.django_db
def test_tilejson_of_a_composite(client):
    body = client.get("/tiles/districts,rivers.json").json()
    assert [layer["id"] for layer in body["vector_layers"]] == ["districts", "rivers"]
    assert body["tiles"][0].endswith("/tiles/districts,rivers/{z}/{x}/{y}.mvt")


def test_tile_envelopes_are_the_bytes_geos_would_give():
    # tile_server.queries writes the envelope's EWKB itself (GEOS cost ~0.5 ms a tile).
    from django.contrib.gis.db.backends.postgis.adapter import PostGISAdapter
    from django.contrib.gis.geos import Polygon

    from tile_server.queries import _polygon

    for bounds in (
        (23.1, 42.5, 23.2, 42.6),
        (-180.0, -85.05, 180.0, 85.05),
        (23.3219, 42.6977, 23.3220, 42.6978),
    ):
        polygon = Polygon.from_bbox(bounds)
        polygon.srid = 4326
        assert _polygon(bounds) == PostGISAdapter(polygon)


@pytest.mark.django_db
def test_closure_tiles_carry_their_events_status_for_the_legend(client):
    """A closure is drawn by its event's status (solid approved, dashed pending): the tile says
    which, read through the event, without showing it as an attribute."""
    from layers.events.models import EventStatus, StreetClosure

    closure = StreetClosure.objects.filter(event__status=EventStatus.APPROVED).select_related("event").first()
    assert closure is not None, "the notices' demo events have approved closures"
    point = closure.segment.point_on_surface
    z = 15
    x, y = tile_of(point.x, point.y, z)
    layer = decode(client.get(f"/tiles/event-closures/{z}/{x}/{y}.mvt"))["event-closures"]
    feature = next(f for f in layer["features"] if f["id"] == closure.pk)
    assert feature["properties"]["status"] == "approved"
    assert feature["properties"]["name"] == closure.name
    fields = client.get("/tiles/event-closures.json").json()["vector_layers"][0]["fields"]
    assert fields["status"] == "String"
