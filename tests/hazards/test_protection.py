"""Population protection: shelter places within walking distance against need, equipment by a norm, as a table and a map layer."""

from __future__ import annotations

import math

import pytest

from .conftest import EARTHQUAKE


def test_protection_table_and_map_layer_with_a_configured_norm(api, analyst, computed):
    # Two emergency kits per person affected and a respirator per person exposed (a configured norm).
    norms = [
        {"item": "emergency_kit", "per_person": 2.0, "basis": "people_affected"},
        {"item": "respirator", "per_person": 1.0, "basis": "people_exposed"},
    ]
    scenario = computed(analyst, {**EARTHQUAKE, "walk_radius_m": 800, "equipment_norms": norms})
    client = api.as_user(analyst)
    table = client.get(scenario["links"]["protection"]).json()
    assert table["walk_radius_m"] == 800
    assert table["shelters_demo"] is True
    assert table["equipment_norms"] == norms
    districts = {row["code"]: row for row in scenario["districts"]}
    assert len(table["districts"]) == 24
    for row in table["districts"]:
        district = districts[row["code"]]
        # HAZUS-style shelter-seeking share (0.3 by default) of the displaced seek accommodation.
        assert row["shelter_need"] == pytest.approx(0.3 * district["people_affected"])
        assert 0 <= row["sheltered_within_walk"] <= row["shelter_need"] + 1e-6
        assert row["shelter_deficit"] == pytest.approx(row["shelter_need"] - row["sheltered_within_walk"])
        assert row["equipment"]["emergency_kit"] == math.ceil(2 * district["people_affected"] - 1e-6)
        assert row["equipment"]["respirator"] == math.ceil(district["people_exposed"] - 1e-6)
    assert table["totals"]["equipment"]["emergency_kit"] == sum(
        r["equipment"]["emergency_kit"] for r in table["districts"]
    )

    # The same figures as a map layer: the districts as GeoJSON.
    response = client.get(scenario["links"]["districts_geojson"])
    assert response["Content-Type"].startswith("application/geo+json")
    collection = response.json()
    assert collection["type"] == "FeatureCollection" and len(collection["features"]) == 24
    feature = next(f for f in collection["features"] if f["id"] == "01")
    assert feature["geometry"]["type"] == "MultiPolygon"
    assert feature["properties"]["name"] == "Средец"
    assert feature["properties"]["shelter_deficit"] == pytest.approx(districts["01"]["shelter_deficit"])
    assert feature["properties"]["shelters_demo"] is True
    lon, lat = feature["geometry"]["coordinates"][0][0][0]
    assert 23.3 < lon < 23.35 and 42.68 < lat < 42.71  # Sredets, the centre
    metric = client.get(scenario["links"]["districts_geojson"], {"crs": "EPSG:32634"}).json()
    assert metric["crs"]["properties"]["name"].endswith("/32634")
    assert client.get(scenario["links"]["districts_geojson"], {"crs": "EPSG:9999"}).status_code == 400


def test_options_describe_the_form(api, planner):
    options = api.as_user(planner).get("/api/risk/options/").json()
    assert [hazard["value"] for hazard in options["hazards"]] == [
        "earthquake",
        "flood",
        "landslide",
        "industrial",
    ]
    assert (
        options["parameters"]["magnitude"]["min"] == 4.0 and options["parameters"]["magnitude"]["max"] == 8.0
    )
    assert options["parameters"]["cell_size_m"]["min"] == 5.0
    assert options["parameters"]["return_period_years"]["choices"] == [20, 100, 1000]
    assert options["equipment_norms"]["industrial"][0]["item"] == "respirator"
    # Every constant not from data is listed with its basis (issue 15 item 10).
    keys = {note["key"]: note for note in options["assumptions"]}
    assert keys["walk_radius_m"]["basis"] == "assumption"
    assert keys["space_per_person_m2"]["value"] == 3.5 and "Sphere" in keys["space_per_person_m2"]["text"]
    assert keys["retrofit_median_factor"]["value"] == 1.5
    assert "retail" in keys["criticality"]["text"] and "clinics" in keys["site_defaults.hospital"]["text"]
    presets = [p for p in options["presets"] if p["kind"] == "earthquake"]
    assert {p["magnitude"] for p in presets} == {6.5, 7.0} and all(p["illustrative"] for p in presets)
