"""Exports for analysts, made by Celery jobs: COG, GeoPackage, CSV and the PDF map."""

from __future__ import annotations

import csv
import io

import geopandas as gpd
import numpy as np
import pyogrio
import pypdf
import pytest
import rasterio

from layers.hazards import storage
from layers.hazards.models import Scenario
from risk_models.hazards import GridSpec

from .conftest import EARTHQUAKE, TEST_CELL_M


@pytest.fixture
def earthquake(analyst, computed):
    return computed(analyst, EARTHQUAKE)


@pytest.fixture
def export(api, analyst, run_jobs, tmp_path):
    """Start an export, let its job run, check the job's final state and save the download."""

    def make(scenario: dict, body: dict):
        client = api.as_user(analyst)
        with run_jobs():
            started = client.post(scenario["links"]["exports"], body, format="json")
            assert started.status_code == 202, started.content
            assert started.json()["status"] == "queued" and started.json()["download_url"] is None
        job = client.get(started.json()["url"]).json()
        assert (job["status"], job["progress"], job["error"]) == ("done", 100, ""), job
        download = client.get(job["download_url"])
        assert download.status_code == 200
        assert f'filename="{job["filename"]}"' in download["Content-Disposition"]
        path = tmp_path / job["filename"]
        path.write_bytes(b"".join(download.streaming_content))
        assert path.stat().st_size == job["size_bytes"]
        return job, path

    return make


def test_geotiff_export_is_a_cog_with_the_grid_crs_bounds_and_values(earthquake, export):
    job, path = export(earthquake, {"format": "geotiff", "layer": "impact"})
    grid = GridSpec.from_lonlat_bounds(cell_size_m=TEST_CELL_M)
    stored = storage.absolute(Scenario.objects.get(pk=earthquake["id"]).result["rasters"]["impact"]["path"])
    with rasterio.open(path) as cog, rasterio.open(stored) as original:
        assert cog.crs.to_epsg() == 32634  # UTM 34N, the analysis grid's CRS
        assert cog.bounds == pytest.approx((grid.left, grid.bottom, grid.right, grid.top))
        assert cog.res == (TEST_CELL_M, TEST_CELL_M)
        assert cog.tags(ns="IMAGE_STRUCTURE")["LAYOUT"] == "COG"
        assert cog.overviews(1), "a COG has overviews"
        values = cog.read(1)
        np.testing.assert_array_equal(values, original.read(1))
        # People affected per cell add up to the scenario's total (float32 cells: 1e-5 relative).
        assert np.nansum(values, dtype=np.float64) == pytest.approx(
            earthquake["totals"]["people_affected"], rel=1e-5
        )
        assert np.isnan(values).any(), "cells outside the municipality are NaN"


def test_geopackage_export_has_districts_and_sites_in_the_chosen_crs(earthquake, export):
    job, path = export(earthquake, {"format": "geopackage"})
    assert job["options"] == {"crs": 32634}
    layers = {name for name, _ in pyogrio.list_layers(path)}
    assert layers == {"districts", "sites", "scenario"}
    districts = gpd.read_file(path, layer="districts")
    assert districts.crs.to_epsg() == 32634
    assert len(districts) == 24
    # Sofia Municipality spans about 670–720 km E and 4 700–4 753 km N in UTM 34N.
    minx, miny, maxx, maxy = districts.total_bounds
    assert 660_000 < minx < maxx < 725_000 and 4_695_000 < miny < maxy < 4_755_000
    expected = {row["code"]: row["people_affected"] for row in earthquake["districts"]}
    assert dict(zip(districts["code"], districts["people_affected"], strict=True)) == pytest.approx(expected)
    assert districts["shelters_demo"].all()
    sites = gpd.read_file(path, layer="sites")
    # The civil-defence shelters are the official lists; the accommodation floor areas are demo.
    assert set(sites.loc[sites["layer"] == "shelters", "demo"]) == {False}
    assert set(sites.loc[sites["layer"] == "temporary-accommodation", "demo"]) == {True}
    meta = dict(pyogrio.read_dataframe(path, layer="scenario")[["key", "value"]].values)
    assert meta["results_hash"] == earthquake["results_hash"]

    _job, wgs84 = export(earthquake, {"format": "geopackage", "crs": "EPSG:4326"})
    lon_lat = gpd.read_file(wgs84, layer="districts")
    assert lon_lat.crs.to_epsg() == 4326
    west, south, east, north = lon_lat.total_bounds
    assert (west, south, east, north) == pytest.approx((23.05, 42.41, 23.68, 42.90), abs=0.02)


def test_csv_exports_of_districts_and_sites(earthquake, export):
    _job, path = export(earthquake, {"format": "csv"})
    text = path.read_bytes()
    assert text.startswith(b"\xef\xbb\xbf")  # the BOM that lets spreadsheets read Cyrillic
    rows = list(csv.DictReader(io.StringIO(text.decode("utf-8-sig"))))
    assert [row["code"] for row in rows] == [f"{n:02d}" for n in range(1, 25)]
    assert rows[0]["name"] == "Средец"
    assert sum(float(row["people_affected"]) for row in rows) == pytest.approx(
        earthquake["totals"]["people_affected"]
    )
    _job, sites = export(earthquake, {"format": "csv", "table": "sites"})
    site_rows = list(csv.DictReader(io.StringIO(sites.read_text(encoding="utf-8-sig"))))
    assert {row["layer"] for row in site_rows} == {
        "schools",
        "hospitals",
        "critical-sites",
        "shelters",
        "temporary-accommodation",
    }


def test_pdf_map_export(earthquake, export):
    _job, path = export(earthquake, {"format": "pdf", "layer": "impact"})
    content = path.read_bytes()
    assert content.startswith(b"%PDF-")
    assert b"DejaVuSans" in content and b"/FontFile2" in content  # the Cyrillic TTF is embedded
    reader = pypdf.PdfReader(path)
    assert len(reader.pages) >= 2  # the map, then the table by district (its notes may run on)
    page = reader.pages[0]
    assert float(page.mediabox.width) > float(page.mediabox.height)  # A4 landscape
    text = " ".join(page.extract_text().split())
    # Bulgarian whatever the language of the request: title, legend, scale, north, sources, date.
    for expected in (
        "Карта на риска",
        "Легенда",
        "души/ха",
        "Мащаб 1:",
        "10 km",
        "Източници на данни",
        "GHS-POP",
        "Дата:",
        "училищни зали с демонстрационна площ",
        # Every headline number with its band (issue 15): displaced, casualties by day and night.
        "Изселени:",
        "16-и–84-и персентил",
        "Загинали (нощ):",
    ):
        assert expected in text, expected
    table = " ".join(" ".join(p.extract_text().split()) for p in reader.pages[1:])
    assert "Резултати по райони" in table and "Средец" in table and "Банкя" in table
    # ... and the assumptions they rest on, each marked as such.
    assert "[допускане] walk_radius_m = 500.0 m" in table and "[източник] casualty_rates" in table


def test_bad_exports_are_4xx(api, analyst, earthquake):
    client = api.as_user(analyst)
    url = earthquake["links"]["exports"]
    assert client.post(url, {"format": "shp"}, format="json").status_code == 400
    bad_layer = client.post(url, {"format": "geotiff", "layer": "wind"}, format="json")
    assert bad_layer.status_code == 400 and bad_layer.json()["parameter"] == "layer"
    bad_crs = client.post(url, {"format": "geopackage", "crs": "EPSG:2100"}, format="json")
    assert bad_crs.status_code == 400 and bad_crs.json()["parameter"] == "crs"
    bad_table = client.post(url, {"format": "csv", "table": "rivers"}, format="json")
    assert bad_table.status_code == 400 and bad_table.json()["parameter"] == "table"


def test_an_unfinished_export_cannot_be_downloaded(api, analyst, earthquake):
    client = api.as_user(analyst)
    # Queued but not run (no commit callbacks executed): 409 with the job's state.
    job = client.post(earthquake["links"]["exports"], {"format": "csv"}, format="json").json()
    response = client.get(f"/api/risk/exports/{job['id']}/download/")
    assert response.status_code == 409
    assert response.json()["error"] == "export_not_ready"
