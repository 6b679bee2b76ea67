"""The features endpoint: GeoJSON built in PostGIS, bbox, filters, paging and output CRS."""

from __future__ import annotations

import pytest
from pyproj import Transformer

from layers.administrative.models import District
from layers.infrastructure.models import School


@pytest.mark.django_db
def test_districts_are_the_24_real_districts(api):
    response = api.get("/api/layers/districts/features/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/geo+json")
    body = response.json()
    assert body["type"] == "FeatureCollection"
    assert body["numberReturned"] == 24
    names = {f["properties"]["name"] for f in body["features"]}
    assert {"Средец", "Младост", "Банкя", "Нови Искър"} <= names
    mladost = next(f for f in body["features"] if f["properties"]["name"] == "Младост")
    # The 2021 census figure for Mladost, from the population CSV.
    assert mladost["properties"]["population"] == 104047
    assert mladost["properties"]["population_year"] == 2021


@pytest.mark.django_db
def test_attribute_filter_and_list(api):
    body = api.get("/api/layers/districts/features/?code=01,02").json()
    assert sorted(f["properties"]["code"] for f in body["features"]) == ["01", "02"]
    body = api.get("/api/layers/schools/features/?kind=kindergarten&limit=10000").json()
    assert body["numberReturned"] == School.objects.filter(kind="kindergarten").count() == 283


@pytest.mark.django_db
def test_bad_filters_are_400(api):
    assert api.get("/api/layers/schools/features/?kind=university").status_code == 400
    response = api.get("/api/layers/schools/features/?colour=red")
    assert response.status_code == 400
    assert "filters on kind, name" in response.json()["detail"]
    for query in (
        "bbox=1,2,3",
        "bbox=a,b,c,d",
        "bbox=5,5,1,1",
        "limit=0",
        "limit=abc",
        "offset=-1",
        "crs=EPSG:9999",
    ):
        assert api.get(f"/api/layers/schools/features/?{query}").status_code == 400, query


@pytest.mark.django_db
def test_bbox_returns_exactly_the_features_inside(api):
    bbox = (23.30, 42.68, 23.34, 42.70)
    body = api.get("/api/layers/schools/features/?limit=10000&bbox=" + ",".join(map(str, bbox))).json()
    inside = [
        s
        for s in School.objects.all()
        if bbox[0] <= s.position.x <= bbox[2] and bbox[1] <= s.position.y <= bbox[3]
    ]
    assert body["numberReturned"] == len(inside) > 0
    for feature in body["features"]:
        x, y = feature["geometry"]["coordinates"]
        assert bbox[0] <= x <= bbox[2] and bbox[1] <= y <= bbox[3]


@pytest.mark.django_db
def test_paging_walks_every_feature_once(api):
    seen = []
    url = "/api/layers/schools/features/?limit=200"
    while url:
        body = api.get(url).json()
        seen += [f["id"] for f in body["features"]]
        url = next((link["href"] for link in body["links"] if link["rel"] == "next"), None)
    assert len(seen) == len(set(seen)) == School.objects.count() == 537


@pytest.mark.django_db
@pytest.mark.parametrize("srid", [3857, 32634, 7801])
def test_output_crs_matches_proj(api, srid):
    school = School.objects.order_by("pk").first()
    body = api.get(f"/api/layers/schools/features/?limit=1&crs=EPSG:{srid}").json()
    assert body["crs"]["properties"]["name"].endswith(f"/{srid}")
    expected = Transformer.from_crs(4326, srid, always_xy=True).transform(
        school.position.x, school.position.y
    )
    assert body["features"][0]["geometry"]["coordinates"] == pytest.approx(expected, abs=0.02)
    assert "crs" not in body["features"][0]["geometry"]


@pytest.mark.django_db
def test_bbox_in_another_crs(api):
    to_utm = Transformer.from_crs(4326, 32634, always_xy=True)
    minx, miny = to_utm.transform(23.30, 42.68)
    maxx, maxy = to_utm.transform(23.34, 42.70)
    in_utm = api.get(
        f"/api/layers/schools/features/?limit=10000&bbox-crs=32634&bbox={minx},{miny},{maxx},{maxy}"
    ).json()
    in_wgs = api.get("/api/layers/schools/features/?limit=10000&bbox=23.30,42.68,23.34,42.70").json()
    # The UTM box is slightly rotated against the lon/lat box, so the counts are close, not equal.
    assert abs(in_utm["numberReturned"] - in_wgs["numberReturned"]) <= 3
    assert in_utm["numberReturned"] > 10


@pytest.mark.django_db
def test_single_feature_and_missing_feature(api):
    district = District.objects.get(code="01")
    body = api.get(f"/api/layers/districts/features/{district.pk}/").json()
    assert body["id"] == district.pk
    assert body["properties"]["name"] == "Средец"
    response = api.get("/api/layers/districts/features/999999/")
    assert response.status_code == 404
    assert response.json()["error"] == "not_found"


@pytest.mark.django_db
def test_demo_features_say_they_are_demo(api, planner):
    # Prevention centres are still generated (the shelters are the official lists now).
    body = api.as_user(planner).get("/api/layers/prevention-centres/features/?limit=5").json()
    assert body["features"]
    for feature in body["features"]:
        assert feature["properties"]["source"] == "demo"
        assert "(демо)" in feature["properties"]["name"]


@pytest.mark.django_db
def test_openapi_schema_and_docs(api):
    schema = api.get("/api/schema/?format=json")
    assert schema.status_code == 200
    assert "/api/layers/{slug}/features/" in schema.json()["paths"]
    docs = api.get("/api/docs/")
    assert docs.status_code == 200
    assert b"cdn" not in docs.content.lower()


@pytest.mark.django_db
def test_search_finds_district_first_and_respects_visibility(api, planner):
    results = api.get("/api/search/?q=Младост").json()["results"]
    assert results[0]["layer"] == "districts" and results[0]["name"] == "Младост"
    minx, miny, maxx, maxy = results[0]["bbox"]
    assert 23.3 < minx < maxx < 23.5 and 42.6 < miny < maxy < 42.7
    # Restricted critical sites are found by planners only.
    assert not [
        r
        for r in api.get("/api/search/?q=Метростанция Вардар").json()["results"]
        if r["layer"] == "critical-sites"
    ]
    planner_results = api.as_user(planner).get("/api/search/?q=Метростанция Вардар").json()["results"]
    assert any(r["layer"] == "critical-sites" for r in planner_results)
    assert api.get("/api/search/?q=М").status_code == 400


@pytest.mark.django_db
def test_clients_may_ask_for_geojson_media_type(api):
    response = api.get("/api/layers/districts/features/?limit=1", HTTP_ACCEPT="application/geo+json")
    assert response.status_code == 200
    assert response.json()["features"][0]["type"] == "Feature"


@pytest.mark.django_db
def test_repeated_bbox_pages_reuse_the_statement_with_the_new_box(api):
    """The second page shape is served from the compiled statement; its box must be the new one."""
    for bbox in [(23.30, 42.68, 23.34, 42.70), (23.36, 42.64, 23.40, 42.68), (23.30, 42.68, 23.34, 42.70)]:
        body = api.get("/api/layers/schools/features/?limit=10000&bbox=" + ",".join(map(str, bbox))).json()
        expected = {
            s.pk
            for s in School.objects.all()
            if bbox[0] <= s.position.x <= bbox[2] and bbox[1] <= s.position.y <= bbox[3]
        }
        assert {f["id"] for f in body["features"]} == expected


@pytest.mark.django_db
def test_a_features_page_costs_two_queries_whatever_its_size(api, django_assert_num_queries):
    # The layer's catalogue row, then one statement in which PostGIS counts the matches and builds
    # the page's GeoJSON text: no query per feature, however many the page holds.
    pages = {
        "limit=1": 1,
        "limit=500": 500,
        "limit=500&kind=school": School.objects.filter(kind="school").count(),
    }
    for query, returned in pages.items():
        with django_assert_num_queries(2) as captured:
            body = api.get(f"/api/layers/schools/features/?{query}").json()
        assert body["numberReturned"] == returned
        assert "layers_layer" in captured.captured_queries[0]["sql"]
        assert "count(*)" in captured.captured_queries[1]["sql"]
