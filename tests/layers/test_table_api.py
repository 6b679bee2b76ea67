"""What the attribute table asks of the API: sorting, a drawn shape, ids, counts, field
statistics and each layer's extent, with the same visibility rules as everything else."""

from __future__ import annotations

import json
from urllib.parse import quote

import pytest
from django.contrib.gis.geos import GEOSGeometry, Polygon

from layers.administrative.models import District, Municipality
from layers.infrastructure.models import CriticalSite, School

pytestmark = pytest.mark.django_db

FEATURES = "/api/layers/{}/features/"
STATISTICS = "/api/layers/{}/statistics/"
# The centre of Sofia: a box and the triangle that is its south-west half.
BOX = (23.30, 42.68, 23.34, 42.70)
TRIANGLE = {
    "type": "Polygon",
    "coordinates": [[[23.30, 42.68], [23.34, 42.68], [23.30, 42.70], [23.30, 42.68]]],
}


def _shape(geometry: dict) -> str:
    return quote(json.dumps(geometry))


def test_sorted_pages_follow_the_attribute_then_the_id(api):
    # Districts by population, largest first: the 24 census figures in order, two pages of 12.
    first = api.get(FEATURES.format("districts") + "?sortby=-population&limit=12&count=true").json()
    second = api.get(FEATURES.format("districts") + "?sortby=-population&limit=12&offset=12").json()
    populations = [f["properties"]["population"] for f in first["features"] + second["features"]]
    assert populations == sorted(District.objects.values_list("population", flat=True), reverse=True)
    assert first["numberMatched"] == 24 and "numberMatched" not in second
    # Equal names keep the id order, so paging never repeats or skips a school.
    names = api.get(FEATURES.format("schools") + "?sortby=name,id&limit=10000").json()["features"]
    keys = [(f["properties"]["name"], f["id"]) for f in names]
    assert keys == sorted(keys) and len(keys) == School.objects.count() == 537


def test_a_drawn_shape_narrows_the_features(api):
    box_polygon = Polygon.from_bbox(BOX)
    as_box = api.get(FEATURES.format("schools") + "?limit=10000&bbox=" + ",".join(map(str, BOX))).json()
    as_shape = api.get(
        FEATURES.format("schools")
        + "?limit=10000&count=true&intersects="
        + _shape(json.loads(box_polygon.geojson))
    ).json()
    # The box as a polygon finds exactly what the bbox finds.
    assert {f["id"] for f in as_shape["features"]} == {f["id"] for f in as_box["features"]}
    assert as_shape["numberMatched"] == len(as_box["features"]) > 20
    half = api.get(FEATURES.format("schools") + "?limit=10000&intersects=" + _shape(TRIANGLE)).json()[
        "features"
    ]
    triangle = GEOSGeometry(json.dumps(TRIANGLE))
    inside = {s.pk for s in School.objects.all() if triangle.intersects(s.position)}
    assert {f["id"] for f in half} == inside and 0 < len(inside) < len(as_box["features"])


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("intersects=%7Bnot-json", "intersects"),
        (
            "intersects="
            + quote(
                '{"type": "Polygon", "coordinates": [[[23.3, 42.68], [23.34, 42.7], [23.34, 42.68], [23.3, 42.7], [23.3, 42.68]]]}'
            ),
            "intersects",
        ),
        (
            "intersects="
            + quote(
                '{"type": "Polygon", "coordinates": [[[25.0, 42.0], [25.1, 42.0], [25.1, 42.1], [25.0, 42.0]]]}'
            ),
            "intersects",
        ),
        ("intersects=" + quote('{"type": "Blob"}'), "intersects"),
        ("sortby=position", "sortby"),
        ("sortby=colour", "sortby"),
        ("sortby=name,kind,source,id", "sortby"),
        ("ids=1,two", "ids"),
        ("ids=0", "ids"),
        ("count=maybe", "count"),
    ],
)
def test_bad_table_parameters_are_400_in_words(api, query, parameter):
    response = api.get(FEATURES.format("schools") + "?" + query)
    assert response.status_code == 400, query
    assert response.json()["parameter"] == parameter
    assert "Traceback" not in response.json()["detail"]


def test_ids_give_exactly_those_features(api):
    ids = sorted(School.objects.order_by("pk").values_list("pk", flat=True)[:3])
    body = api.get(FEATURES.format("schools") + "?ids=" + ",".join(map(str, ids))).json()
    assert [f["id"] for f in body["features"]] == ids


def test_field_statistics_of_the_filtered_features(api):
    stats = api.get(STATISTICS.format("districts")).json()
    assert stats["count"] == 24
    population = next(f for f in stats["fields"] if f["name"] == "population")
    values = list(District.objects.values_list("population", flat=True))
    assert population["kind"] == "number" and population["count"] == 24
    assert population["min"] == min(values) and population["max"] == max(values)
    assert population["mean"] == pytest.approx(sum(values) / 24, abs=0.001)
    # The same filters as the features: two districts by code.
    two = api.get(STATISTICS.format("districts") + "?code=01,02").json()
    assert two["count"] == 2
    # Coded values: kindergartens 283 and schools 254, with their labels.
    kinds = next(f for f in api.get(STATISTICS.format("schools")).json()["fields"] if f["name"] == "kind")
    assert [(t["value"], t["count"]) for t in kinds["top"]] == [("kindergarten", 283), ("school", 254)]
    assert kinds["distinct"] == 2
    # A shape narrows the statistics too; paging parameters are ignored.
    half = api.get(
        STATISTICS.format("schools") + "?limit=5&sortby=name&intersects=" + _shape(TRIANGLE)
    ).json()
    triangle = GEOSGeometry(json.dumps(TRIANGLE))
    assert half["count"] == sum(1 for s in School.objects.all() if triangle.intersects(s.position))
    assert api.get(STATISTICS.format("schools") + "?colour=red").status_code == 400


def test_the_catalogue_gives_each_layer_its_extent_and_filters(api):
    layers = {layer["slug"]: layer for layer in api.get("/api/layers/?limit=100").json()["results"]}
    # The districts tile the municipality, so their extent is the municipality's.
    municipality = Municipality.objects.get().boundary.extent
    assert layers["districts"]["extent"] == pytest.approx(list(municipality), abs=1e-6)
    schools = School.objects.all()
    xs = [s.position.x for s in schools]
    ys = [s.position.y for s in schools]
    assert layers["schools"]["extent"] == pytest.approx([min(xs), min(ys), max(xs), max(ys)], abs=1e-6)
    assert layers["schools"]["filter_attributes"] == ["kind", "name"]
    sortable = {a["name"]: a["sortable"] for a in layers["districts"]["attributes"]}
    assert sortable["population"] and sortable["name"]


def test_a_role_that_may_not_see_a_layer_gets_nothing(api, planner):
    site = CriticalSite.objects.order_by("pk").first()
    public_catalogue = {layer["slug"] for layer in api.get("/api/layers/?limit=100").json()["results"]}
    assert "critical-sites" not in public_catalogue
    for url in (
        FEATURES.format("critical-sites") + f"?ids={site.pk}&count=true",
        FEATURES.format("critical-sites") + "?sortby=name&intersects=" + _shape(TRIANGLE),
        STATISTICS.format("critical-sites"),
        f"/api/exchange/layers/critical-sites/export/?f=csv&ids={site.pk}",
    ):
        assert api.get(url).status_code == 404, url
    as_planner = api.as_user(planner)
    body = as_planner.get(FEATURES.format("critical-sites") + f"?ids={site.pk}&count=true").json()
    assert [f["id"] for f in body["features"]] == [site.pk] and body["numberMatched"] == 1
    planner_layers = {
        layer["slug"]: layer for layer in as_planner.get("/api/layers/?limit=100").json()["results"]
    }
    assert planner_layers["critical-sites"]["extent"] is not None
    assert as_planner.get(STATISTICS.format("critical-sites")).json()["count"] == CriticalSite.objects.count()


def test_statistics_of_every_layer_answer(api, planner):
    """Every layer's statistics answer (numbers with choices, dates, yes/no, text)."""
    as_planner = api.as_user(planner)
    for layer in as_planner.get("/api/layers/?limit=100").json()["results"]:
        response = as_planner.get(STATISTICS.format(layer["slug"]))
        assert response.status_code == 200, (layer["slug"], response.content[:300])
        body = response.json()
        assert body["count"] >= 0 and all(f["count"] <= body["count"] for f in body["fields"])
