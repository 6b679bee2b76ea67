"""OGC API – Features and Tiles at /ogc/, through the Django test client on the Sofia data."""

from __future__ import annotations

import json

import pyproj
import pytest
from shapely.geometry import shape

from layers.surveillance.models import Building

OGC = "/ogc/"
CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
EPSG = "http://www.opengis.net/def/crs/EPSG/0/{}"

pytestmark = pytest.mark.django_db


def body(response) -> dict:
    assert response.status_code == 200, response.content[:300]
    return json.loads(response.content)


def test_landing_conformance_and_html(api):
    landing = body(api.get(OGC))
    rels = {link["rel"] for link in landing["links"]}
    assert {"self", "service-desc", "conformance", "data"} <= rels
    conformance = body(api.get(OGC + "conformance"))["conformsTo"]
    assert "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson" in conformance
    assert "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs" in conformance
    assert "http://www.opengis.net/spec/cql2/1.0/conf/cql2-text" in conformance
    page = api.get(OGC, {"f": "html"})
    assert page.status_code == 200 and page["Content-Type"].startswith("text/html")
    assert "collections/schools/items" in page.content.decode()
    assert "critical-sites" not in page.content.decode()


def test_collections_follow_visibility(api, partner, planner):
    public = {c["id"] for c in body(api.get(OGC + "collections"))["collections"]}
    assert "schools" in public and "critical-sites" not in public and "police-areas" not in public
    assert api.get(OGC + "collections/critical-sites").status_code == 404
    assert api.get(OGC + "collections/critical-sites/items").status_code == 404
    assert api.get(OGC + "collections/no-such-layer/items").status_code == 404
    shared = {c["id"] for c in body(api.as_user(partner).get(OGC + "collections"))["collections"]}
    assert "police-areas" in shared and "critical-sites" not in shared
    assert api.as_user(partner).get(OGC + "collections/critical-sites/items/1").status_code == 404
    everything = {c["id"] for c in body(api.as_user(planner).get(OGC + "collections"))["collections"]}
    assert {"critical-sites", "buildings", "cameras"} <= everything


def test_collection_document(api):
    collection = body(api.get(OGC + "collections/schools"))
    assert collection["itemType"] == "feature" and CRS84 in collection["crs"]
    assert EPSG.format(7801) in collection["crs"] and collection["storageCrs"] == CRS84
    west, south, east, north = collection["extent"]["spatial"]["bbox"][0]
    assert 23.0 < west < east < 23.7 and 42.4 < south < north < 42.95
    rels = {link["rel"] for link in collection["links"]}
    assert {"items", "http://www.opengis.net/def/rel/ogc/1.0/queryables"} <= rels
    assert "http://www.opengis.net/def/rel/ogc/1.0/tilesets-vector" in rels
    events = body(api.get(OGC + "collections/event-perimeters"))
    assert "temporal" in events["extent"]


def test_items_page_through_everything_with_next_links(api):
    matched = None
    ids: list[int] = []
    url = OGC + "collections/schools/items?limit=200"
    pages = 0
    while url:
        response = api.get(url)
        page = body(response)
        assert response["Content-Crs"] == f"<{CRS84}>"
        matched = page["numberMatched"]
        assert page["numberReturned"] == len(page["features"])
        ids += [feature["id"] for feature in page["features"]]
        url = next((link["href"] for link in page["links"] if link["rel"] == "next"), None)
        pages += 1
    assert matched == len(ids) == len(set(ids)) and pages == -(-matched // 200)
    default = body(api.get(OGC + "collections/schools/items"))
    assert default["numberReturned"] == 100


@pytest.mark.parametrize("limit", ["0", "10001", "x"])
def test_bad_limit_is_400(api, limit):
    response = api.get(OGC + "collections/schools/items", {"limit": limit})
    assert response.status_code == 400 and response.json()["parameter"] == "limit"


def test_crs_by_reference_with_axis_order(api):
    plain = body(api.get(OGC + "collections/schools/items", {"limit": 5}))
    lon, lat = plain["features"][0]["geometry"]["coordinates"]
    # EPSG:4326 is latitude first; EPSG:7801 (BGS2005 / CCS2005) northing first.
    latlon = api.get(OGC + "collections/schools/items", {"limit": 5, "crs": EPSG.format(4326)})
    assert latlon["Content-Crs"] == f"<{EPSG.format(4326)}>"
    assert body(latlon)["features"][0]["geometry"]["coordinates"] == [lat, lon]
    national = api.get(OGC + "collections/schools/items", {"limit": 5, "crs": EPSG.format(7801)})
    northing, easting = body(national)["features"][0]["geometry"]["coordinates"]
    expected = pyproj.Transformer.from_crs(4326, 7801, always_xy=True).transform(lon, lat)
    assert abs(easting - expected[0]) < 0.5 and abs(northing - expected[1]) < 0.5
    mercator = body(api.get(OGC + "collections/schools/items", {"limit": 5, "crs": EPSG.format(3857)}))
    x, _y = mercator["features"][0]["geometry"]["coordinates"]
    assert abs(x - pyproj.Transformer.from_crs(4326, 3857, always_xy=True).transform(lon, lat)[0]) < 0.5
    assert api.get(OGC + "collections/schools/items", {"crs": "EPSG:2154"}).status_code == 400


def test_bbox_and_bbox_crs(api):
    everything = body(api.get(OGC + "collections/schools/items", {"limit": 1}))["numberMatched"]
    box = body(api.get(OGC + "collections/schools/items", {"bbox": "23.30,42.66,23.36,42.71", "limit": 1000}))
    assert 0 < box["numberMatched"] < everything
    for feature in box["features"]:
        lon, lat = feature["geometry"]["coordinates"]
        assert 23.30 <= lon <= 23.36 and 42.66 <= lat <= 42.71
    to_utm = pyproj.Transformer.from_crs(4326, 32634, always_xy=True)
    (x1, x2), (y1, y2) = to_utm.transform([23.30, 23.36], [42.66, 42.71])
    utm = body(
        api.get(
            OGC + "collections/schools/items",
            {"bbox": f"{x1},{y1},{x2},{y2}", "bbox-crs": EPSG.format(32634), "limit": 1},
        )
    )
    # A UTM box around the same area: about the same schools (its edges are not parallels).
    assert abs(utm["numberMatched"] - box["numberMatched"]) <= 0.1 * box["numberMatched"] + 2
    latlon = body(
        api.get(
            OGC + "collections/schools/items",
            {"bbox": "42.66,23.30,42.71,23.36", "bbox-crs": EPSG.format(4326), "limit": 1},
        )
    )
    assert latlon["numberMatched"] == box["numberMatched"]
    assert api.get(OGC + "collections/schools/items", {"bbox": "1,2,3"}).status_code == 400


def test_cql2_filter(api):
    schools = body(api.get(OGC + "collections/schools/items", {"filter": "kind = 'school'", "limit": 1000}))
    assert schools["numberMatched"] > 0
    assert {f["properties"]["kind"] for f in schools["features"]} == {"school"}
    near = body(
        api.get(
            OGC + "collections/schools/items",
            {
                "filter": "kind = 'school' AND S_INTERSECTS(geometry, BBOX(23.30,42.66,23.36,42.71))",
                "limit": 1000,
            },
        )
    )
    assert 0 < near["numberMatched"] < schools["numberMatched"]
    polygon = "POLYGON((23.30 42.66, 23.36 42.66, 23.36 42.71, 23.30 42.71, 23.30 42.66))"
    same = body(
        api.get(
            OGC + "collections/schools/items",
            {"filter": f"kind = 'school' AND S_INTERSECTS(geometry, {polygon})", "limit": 1},
        )
    )
    assert same["numberMatched"] == near["numberMatched"]
    latlon = body(
        api.get(
            OGC + "collections/schools/items",
            {
                "filter": "kind = 'school' AND S_INTERSECTS(geometry, BBOX(42.66,23.30,42.71,23.36))",
                "filter-crs": EPSG.format(4326),
                "limit": 1,
            },
        )
    )
    assert latlon["numberMatched"] == near["numberMatched"]
    response = api.get(OGC + "collections/schools/items", {"filter": "colour = 'red'"})
    assert response.status_code == 400 and "colour" in response.json()["detail"]
    assert response.json()["parameter"] == "filter"
    assert api.get(OGC + "collections/schools/items", {"filter": "kind = "}).status_code == 400
    assert (
        api.get(OGC + "collections/schools/items", {"filter": "x", "filter-lang": "cql2-json"}).status_code
        == 400
    )


def test_t_intersects_on_a_time_bound_layer(api):
    inside = api.get(
        OGC + "collections/event-perimeters/items",
        {"filter": "T_INTERSECTS(datetime, INTERVAL('2000-01-01T00:00:00Z','2100-01-01T00:00:00Z'))"},
    )
    outside = api.get(
        OGC + "collections/event-perimeters/items",
        {"filter": "T_INTERSECTS(datetime, INTERVAL('1990-01-01','1990-01-02'))"},
    )
    assert body(outside)["numberMatched"] == 0
    assert body(inside)["numberMatched"] >= body(outside)["numberMatched"]
    no_time = api.get(
        OGC + "collections/schools/items", {"filter": "T_INTERSECTS(datetime, DATE('2026-01-01'))"}
    )
    assert no_time.status_code == 400


def test_single_item_with_etag(api):
    first = body(api.get(OGC + "collections/schools/items", {"limit": 1}))["features"][0]
    response = api.get(OGC + f"collections/schools/items/{first['id']}")
    assert json.loads(response.content) == first
    etag = response["ETag"]
    assert etag.startswith('"')
    again = api.get(OGC + f"collections/schools/items/{first['id']}", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert api.get(OGC + "collections/schools/items/999999999").status_code == 404
    assert api.get(OGC + "collections/schools/items/abc").status_code == 404


def test_queryables(api):
    queryables = body(api.get(OGC + "collections/schools/queryables"))
    assert set(queryables["properties"]) >= {"geometry", "name", "kind"}
    assert queryables["properties"]["geometry"]["format"] == "geometry-point"
    events = body(api.get(OGC + "collections/event-perimeters/queryables"))
    assert "datetime" in events["properties"]


def test_polygons_are_rfc7946_counter_clockwise(api, planner):
    """Exterior rings counter-clockwise, holes clockwise, 6 decimals — across the buildings."""
    assert Building.objects.exists()
    page = body(api.as_user(planner).get(OGC + "collections/buildings/items", {"limit": 2000}))
    assert page["numberReturned"] == 2000
    for feature in page["features"]:
        for polygon in (
            shape(feature["geometry"]).geoms
            if feature["geometry"]["type"].startswith("Multi")
            else [shape(feature["geometry"])]
        ):
            assert polygon.exterior.is_ccw
            assert all(not ring.is_ccw for ring in polygon.interiors)
        first = feature["geometry"]["coordinates"][0][0][0]
        assert all(len(repr(value).split(".")[-1]) <= 6 for value in first)
    features_api = body(api.as_user(planner).get("/api/layers/buildings/features/", {"limit": 500}))
    for feature in features_api["features"]:
        geometry = shape(feature["geometry"])
        for polygon in getattr(geometry, "geoms", [geometry]):
            assert polygon.exterior.is_ccw


def test_tiles_metadata(api):
    tilesets = body(api.get(OGC + "collections/schools/tiles"))["tilesets"]
    assert tilesets[0]["tileMatrixSetURI"].endswith("WebMercatorQuad")
    tileset = body(api.get(OGC + "collections/schools/tiles/WebMercatorQuad"))
    template = next(link["href"] for link in tileset["links"] if link["rel"] == "item")
    assert template.endswith("/tiles/schools/{tileMatrix}/{tileCol}/{tileRow}.mvt")
    tile_url = (
        template.replace("{tileMatrix}", "14").replace("{tileCol}", "9252").replace("{tileRow}", "6023")
    )
    assert api.get(tile_url.split("testserver", 1)[-1]).status_code in (200, 204)
    tms = body(api.get(OGC + "tileMatrixSets/WebMercatorQuad"))
    assert len(tms["tileMatrices"]) == 23 and tms["tileMatrices"][0]["matrixWidth"] == 1
    assert api.get(OGC + "collections/critical-sites/tiles").status_code == 404
    assert api.get(OGC + "tileMatrixSets/WorldCRS84Quad").status_code == 404
