"""Every geometry error named in the issue gives a 400 that says what and where, and stores nothing."""

from __future__ import annotations

import json

import pytest

from layers.models import FeatureVersion
from layers.public_order.models import CrimePreventionArea
from tests.geometries import LARGO, NDK_BOWTIE, NDK_SQUARE, NDK_UNCLOSED, PLOVDIV_SQUARE

URL = "/api/layers/crime-prevention-areas/features/"


def feature(geometry, **properties):
    return {"type": "Feature", "geometry": geometry, "properties": {"name": "Тестова зона", **properties}}


@pytest.fixture
def post(api, planner):
    client = api.as_user(planner)

    def send(body, query=""):
        before = (CrimePreventionArea.objects.count(), FeatureVersion.objects.count())
        response = client.post(URL + query, body, format="json")
        return response, before

    return send


def assert_rejected(response, before, *, mentions: list[str]):
    assert response.status_code == 400, response.content
    body = response.json()
    for text in mentions:
        assert text in body["detail"], body
    assert (CrimePreventionArea.objects.count(), FeatureVersion.objects.count()) == before


def test_valid_polygon_is_stored_as_multipolygon_and_reports_crs(post):
    response, before = post(feature(NDK_SQUARE))
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["geometry"]["type"] == "MultiPolygon"
    assert body["validation"]["crs_read"].startswith("EPSG:4326")
    assert body["validation"]["repaired"] is False
    assert CrimePreventionArea.objects.count() == before[0] + 1


def test_self_intersection_names_the_crossing_point(post):
    response, before = post(feature(NDK_BOWTIE))
    # The two diagonals of the bow tie cross at the square's centre.
    assert_rejected(
        response, before, mentions=["Self-intersection", "(23.32, 42.685)", "Repair the geometry and save"]
    )
    assert response.json()["repairable"] is True


def test_repair_makes_the_bowtie_valid_and_says_so(post):
    response, _ = post(feature(NDK_BOWTIE), "?repair=true")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["validation"]["repaired"] is True
    assert "repaired automatically" in body["validation"]["notes"][0]
    # ST_MakeValid splits the bow tie into its two triangles.
    assert body["geometry"]["type"] == "MultiPolygon"
    assert len(body["geometry"]["coordinates"]) == 2


def test_unclosed_ring_names_its_first_and_last_positions(post):
    response, before = post(feature(NDK_UNCLOSED))
    assert_rejected(response, before, mentions=["not closed", "(23.315, 42.68)", "(23.316, 42.681)"])


def test_wrong_geometry_type_for_the_layer(post):
    response, before = post(feature(LARGO))
    assert_rejected(response, before, mentions=["Polygon or MultiPolygon", "not Point"])


@pytest.mark.parametrize("bad", ["NaN", "Infinity", "1e999"])
def test_nan_or_infinite_coordinates(api, planner, bad):
    body = json.dumps(feature(NDK_SQUARE)).replace("23.325, 42.68]", f"{bad}, 42.68]", 1)
    before = CrimePreventionArea.objects.count()
    response = api.as_user(planner).post(URL, body, content_type="application/json")
    assert response.status_code == 400
    detail = json.dumps(response.json())
    assert "finite" in detail or "not JSON compliant" in detail or "Out of range" in detail
    assert CrimePreventionArea.objects.count() == before


def test_outside_sofia_names_the_first_vertex_outside(post):
    response, before = post(feature(PLOVDIV_SQUARE))
    assert_rejected(response, before, mentions=["Vertex 0", "(24.74, 42.14)", "outside Sofia Municipality"])


def test_just_inside_the_margin_is_accepted(post):
    # 2 km west of the municipality's westernmost point (about 23.05° E) is within the 5 km margin.
    near = {
        "type": "Polygon",
        "coordinates": [[[23.03, 42.70], [23.035, 42.70], [23.035, 42.705], [23.03, 42.705], [23.03, 42.70]]],
    }
    response, _ = post(feature(near))
    assert response.status_code in (201, 400)
    if response.status_code == 400:
        # If the boundary there lies further east, the message still names the vertex.
        assert "Vertex" in response.json()["detail"]


def test_too_many_vertices(post, settings):
    settings.MAX_GEOMETRY_VERTICES = 100
    ring = [[23.30 + 0.0001 * i, 42.68] for i in range(150)] + [[23.30, 42.69], [23.30, 42.68]]
    response, before = post(feature({"type": "Polygon", "coordinates": [ring]}))
    assert_rejected(response, before, mentions=["more than 100 vertices"])


def test_unknown_crs(post):
    response, before = post(feature(NDK_SQUARE), "?crs=EPSG:2154")
    assert_rejected(response, before, mentions=["Unknown or unsupported CRS", "EPSG:7801"])


def test_geometry_in_national_crs_is_read_and_transformed(post):
    from pyproj import Transformer

    to_bgs = Transformer.from_crs(4326, 7801, always_xy=True)
    ring = [list(to_bgs.transform(x, y)) for x, y in NDK_SQUARE["coordinates"][0]]
    geometry = {
        "type": "Polygon",
        "coordinates": [ring],
        "crs": {"type": "name", "properties": {"name": "EPSG:7801"}},
    }
    response, _ = post(feature(geometry))
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["validation"]["crs_read"] == "EPSG:7801 (BGS2005 / CCS2005)"
    first = body["geometry"]["coordinates"][0][0][0]
    assert first == pytest.approx([23.315, 42.680], abs=1e-6)


def test_not_a_position(post):
    geometry = {"type": "Polygon", "coordinates": [[[23.3, "x"], [23.31, 42.7], [23.3, 42.7], [23.3, "x"]]]}
    response, before = post(feature(geometry))
    assert_rejected(response, before, mentions=["coordinates[0][0]", "not a position"])


def test_missing_geometry_and_unknown_attribute(post):
    response, before = post({"type": "Feature", "properties": {"name": "x"}})
    assert_rejected(response, before, mentions=["no geometry"])
    response, before = post(feature(NDK_SQUARE, colour="red"))
    assert_rejected(response, before, mentions=["Unknown attribute 'colour'"])


def test_attribute_validation_comes_back_as_400(api, planner):
    response = api.as_user(planner).post(
        "/api/layers/critical-sites/features/",
        {
            "type": "Feature",
            "geometry": LARGO,
            "properties": {"name": "x", "sector": "energy", "criticality": 9},
        },
        format="json",
    )
    assert response.status_code == 400
    assert "criticality" in json.dumps(response.json())


def test_messages_are_bulgarian_by_default(api, planner):
    client = api.as_user(planner)
    client.defaults.pop("HTTP_ACCEPT_LANGUAGE", None)
    response = client.post(URL, feature(NDK_BOWTIE), format="json")
    assert response.status_code == 400
    detail = response.json()["detail"]
    assert "самопресичане" in detail.lower(), detail
    assert "(23.32, 42.685)" in detail
    catalogue = client.get("/api/layers/shelters/").json()
    capacity = next(a for a in catalogue["attributes"] if a["name"] == "capacity")
    assert capacity["label"].startswith("капацитет")
