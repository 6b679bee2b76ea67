"""Issue 15 through the API: hazard zones feed the events check, an official layer replaces the model, costs in EUR."""

from __future__ import annotations

import io
import json
from decimal import Decimal

import numpy as np
import pytest
import rasterio
from affine import Affine
from django.contrib.gis.geos import MultiPolygon, Polygon
from django.core.files.uploadedfile import SimpleUploadedFile

from layers.events.checks import risk_zones
from layers.events.checks.context import Context
from layers.events.conf import assessment_settings
from layers.events.geometries import to_metric
from layers.events.models import MassEvent
from layers.hazards.models import HazardZone
from layers.surveillance.models import Building

from .conftest import FLOOD, SCENARIOS_URL

MEASURES_URL = "/api/risk/measures/"


def test_published_flood_zone_flags_an_event_inside_it(api, analyst, computed):
    scenario = computed(analyst, FLOOD)
    client = api.as_user(analyst)
    url = f"{SCENARIOS_URL}{scenario['id']}/zones/"
    assert client.post(url, {"level": 99.0}, format="json").status_code == 400  # above 20 m
    published = client.post(url, {"level": 0.1}, format="json").json()
    assert published["layer"] == "hazard-zones" and published["area_km2"] > 0
    zone = HazardZone.objects.get(pk=published["feature_id"])
    # A mass event whose footprint lies in the flooded area: the risk_zones check warns and names it.
    inside = to_metric(zone.area.point_on_surface).buffer(30)
    ctx = Context(
        event=MassEvent(), config=assessment_settings(), footprint=inside, footprint_with_closures=inside
    )
    check = risk_zones.run(ctx)
    assert check["status"] == "warning"
    assert [z["id"] for z in check["data"]["zones"] if z["layer"] == "hazard-zones"] == [zone.pk]
    # Unpublished: the zone is gone, and the check no longer warns about it.
    assert client.delete(url).status_code == 204
    assert not HazardZone.objects.exists()
    assert all(z["layer"] != "hazard-zones" for z in risk_zones.run(ctx)["data"]["zones"])


def _depth_tiff(depth_m: float) -> bytes:
    # 0.02° × 0.02° around the city centre, one value everywhere (an "official" depth map).
    buffer = io.BytesIO()
    profile = {
        "driver": "GTiff",
        "width": 20,
        "height": 20,
        "count": 1,
        "dtype": "float32",
        "crs": "EPSG:4326",
        "transform": Affine(0.001, 0, 23.31, 0, -0.001, 42.70),
        "nodata": -1.0,
    }
    with rasterio.MemoryFile() as memory:
        with memory.open(**profile) as dataset:
            dataset.write(np.full((1, 20, 20), depth_m, dtype=np.float32))
        buffer.write(memory.read())
    return buffer.getvalue()


def test_an_official_flood_raster_replaces_the_model(api, analyst, run_jobs):
    # A real (non-demo) building with 4 floors inside the flooded square: its floor area counts.
    square = Polygon.from_bbox((23.3200, 42.6900, 23.3203, 42.6902))
    square.srid = 4326
    Building.objects.create(
        name="тест", footprint=MultiPolygon(square, srid=4326), levels=4, source="osm-test"
    )
    footprint_m2 = square.transform(32634, clone=True).area
    client = api.as_user(analyst)
    upload = SimpleUploadedFile("apsfr_depth.tif", _depth_tiff(1.2), content_type="image/tiff")
    with run_jobs():
        response = client.post(
            SCENARIOS_URL,
            {"name": "Официална карта", "kind": "flood", "cell_size_m": 500, "hazard_file": upload},
            format="multipart",
        )
    assert response.status_code == 202, response.content
    scenario = client.get(response.json()["links"]["self"]).json()
    assert scenario["status"] == "done", scenario
    assert scenario["parameters"]["hazard_source"] == "imported"
    assert any("imported from an uploaded raster (apsfr_depth.tif)" in note for note in scenario["notes"])
    # Only the raster's 1.6 × 2.2 km square in the centre is flooded (dense: tens of thousands of
    # residents), not the model's river plains: nobody in Novi Iskar (21), on the Iskar.
    assert 10_000 < scenario["totals"]["people_exposed"] < 100_000
    districts = {row["code"]: row for row in scenario["districts"]}
    assert districts["21"]["people_exposed"] == 0 and districts["01"]["people_exposed"] > 0
    totals = scenario["totals"]
    # The real OSM buildings of the centre count too (footprint × floors); the test's 4-floor
    # building inside the flooded square is among those exposed.
    assert totals["floor_area_exposed_m2"] >= 4 * footprint_m2
    assert totals["floor_area_exposed_m2"] < totals["floor_area_m2"]
    assert totals["floor_area_basis"]["levels"] >= 1


def test_bad_hazard_files_are_refused(api, analyst):
    client = api.as_user(analyst)
    text = SimpleUploadedFile("depth.txt", b"not a map", content_type="text/plain")
    response = client.post(SCENARIOS_URL, {"kind": "flood", "hazard_file": text}, format="multipart")
    assert response.status_code == 400 and response.json()["parameter"] == "hazard_file"
    zones = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"depth": 0.8},
                "geometry": {
                    "type": "Polygon",
                    "coordinates": [[[23.3, 42.7], [23.31, 42.7], [23.31, 42.71], [23.3, 42.7]]],
                },
            }
        ],
    }
    geojson = SimpleUploadedFile(
        "zones.geojson", json.dumps(zones).encode(), content_type="application/geo+json"
    )
    response = client.post(SCENARIOS_URL, {"kind": "flood", "hazard_file": geojson}, format="multipart")
    assert response.status_code == 400 and "depth" in response.json()["detail"]


@pytest.mark.parametrize(
    ("body", "expected"), [({"cost_eur": "1000.00"}, "1000.00"), ({"cost_bgn": "1955.83"}, "1000.00")]
)
def test_costs_are_in_euro_and_leva_are_converted(api, planner, body, expected):
    # 1 € = 1.95583 лв. (the fixed rate): 1,955.83 лв. entered become 1,000.00 €.
    client = api.as_user(planner)
    shelter = {"type": "Point", "coordinates": [23.32, 42.69]}
    response = client.post(
        MEASURES_URL,
        {
            "name": "Нова зала",
            "kind": "new_shelter",
            "place": shelter,
            "parameters": {"capacity": 100},
            **body,
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    assert Decimal(str(response.json()["cost_eur"])) == Decimal(expected)


@pytest.mark.parametrize(
    ("changes", "parameter"),
    [
        ({"shelter_seeking_share": 1.5}, "shelter_seeking_share"),
        ({"space_per_person_m2": 0.5}, "space_per_person_m2"),
        ({"strike_deg": 400.0}, "strike_deg"),
        ({"strike_deg": 300.0, "dip_deg": 5.0}, "dip_deg"),
        ({"realisations": 5}, "realisations"),
    ],
)
def test_bad_new_parameters_are_named(api, analyst, changes, parameter):
    body = {
        "kind": "earthquake",
        "magnitude": 6.5,
        "epicentre_lon": 23.31,
        "epicentre_lat": 42.615,
        **changes,
    }
    response = api.as_user(analyst).post(SCENARIOS_URL, body, format="json")
    assert response.status_code == 400, response.content
    assert response.json()["parameter"] == parameter


def test_industrial_wind_must_be_a_direction(api, analyst):
    site = {"site_id": "lpg", "lon": 23.35, "lat": 42.68, "substance_class": "flammable_gas"}
    body = {"kind": "industrial", "hazardous_sites": [site], "wind_from_deg": 400.0}
    response = api.as_user(analyst).post(SCENARIOS_URL, body, format="json")
    assert response.status_code == 400 and response.json()["parameter"] == "wind_from_deg"
