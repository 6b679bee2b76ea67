"""Whole scenario runs on the synthetic world: windows, determinism, GeoTIFF output, tables."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
import rasterio

from risk_models.hazards import InvalidScenario, RasterOutputs, Scenario, prepare_scenario, run_scenario
from risk_models.hazards.crs import METRIC_SRID, lonlat_to_metric
from risk_models.hazards.earthquake import pga_g
from risk_models.hazards.industrial import HazardousSite, IndustrialModel

from .conftest import CENSUS, RIVER_X, Y0, to_lonlat


def outputs(folder, name: str) -> RasterOutputs:
    return RasterOutputs(
        hazard=str(folder / f"{name}_hazard.tif"),
        impact=str(folder / f"{name}_impact.tif"),
        population=str(folder / f"{name}_population.tif"),
        damage=str(folder / f"{name}_damage.tif"),
    )


def earthquake(world, **changes) -> Scenario:
    lon, lat = world.epicentre
    return replace(
        Scenario(kind="earthquake", magnitude=6.5, epicentre_lon=lon, epicentre_lat=lat, soil_class="B"),
        **changes,
    )


def run(world, scenario, folder, name, **settings_changes):
    settings = replace(world.settings, **settings_changes)
    prepared = prepare_scenario(scenario=scenario, inputs=world.inputs, settings=settings, grid=world.grid)
    return run_scenario(
        scenario=scenario,
        inputs=world.inputs,
        outputs=outputs(folder, name),
        settings=settings,
        prepared=prepared,
    )


def read(path):
    with rasterio.open(path) as dataset:
        return dataset.read(1)


@pytest.mark.parametrize("kind", ["earthquake", "flood"])
def test_windowed_run_equals_whole_array_run(world, tmp_path, kind):
    scenario = earthquake(world) if kind == "earthquake" else Scenario(kind="flood", return_period_years=100)
    # 17 × 17 windows (ragged at the edges) against one window holding the whole 80 × 80 grid.
    windowed = run(world, scenario, tmp_path, "windowed", block_size=17)
    whole = run(world, scenario, tmp_path, "whole", block_size=10_000)
    for name in ("hazard", "impact", "population", "damage"):
        a = read(getattr(windowed.outputs, name))
        b = read(getattr(whole.outputs, name))
        assert np.array_equal(a, b, equal_nan=True), name
        assert windowed.result.rasters[name]["sha256"] == whole.result.rasters[name]["sha256"]
    assert windowed.result.districts == whole.result.districts
    assert windowed.result.results_hash == whole.result.results_hash


def test_rerun_is_identical(world, tmp_path):
    first = run(world, earthquake(world), tmp_path, "first")
    second = run(world, earthquake(world), tmp_path, "second")
    assert first.result.inputs_hash == second.result.inputs_hash
    assert first.result.results_hash == second.result.results_hash
    assert {k: v["sha256"] for k, v in first.result.rasters.items()} == {
        k: v["sha256"] for k, v in second.result.rasters.items()
    }
    # A different magnitude is a different scenario: both hashes change.
    other = run(world, earthquake(world, magnitude=6.0), tmp_path, "other")
    assert other.result.inputs_hash != first.result.inputs_hash
    assert other.result.results_hash != first.result.results_hash


def test_geotiff_has_grid_crs_bounds_and_values(world, tmp_path):
    result = run(world, earthquake(world), tmp_path, "tif")
    with rasterio.open(result.outputs.hazard) as dataset:
        assert dataset.crs.to_epsg() == METRIC_SRID
        assert tuple(dataset.bounds) == (world.grid.left, world.grid.bottom, world.grid.right, world.grid.top)
        assert (dataset.width, dataset.height) == (80, 80)
        assert dataset.res == (25.0, 25.0)
        assert dataset.tags()["UNITS"].startswith("g")
        values = dataset.read(1)
    # Cell (row 0, col 0) has its centre 12.5 m in from the north-west corner; on class B
    # (580 m/s) its PGA is the GMPE's at that epicentral distance.
    ex, ey = lonlat_to_metric(*world.epicentre)
    cx, cy = world.grid.left + 12.5, world.grid.top - 12.5
    repi_km = np.hypot(cx - ex, cy - ey) / 1000.0
    expected = pga_g(magnitude=6.5, repi_km=np.array([repi_km]), mechanism="normal", vs30=580.0)[0]
    assert values[0, 0] == pytest.approx(expected, rel=1e-6)
    # Population raster: each district's cells sum to its census count (float32 storage).
    population = read(result.outputs.population)
    assert population[:, :40].sum(dtype=np.float64) == pytest.approx(CENSUS["01"], rel=1e-6)
    assert population[:, 40:].sum(dtype=np.float64) == pytest.approx(CENSUS["02"], rel=1e-6)


def test_district_tables_add_up(world, tmp_path):
    result = run(world, earthquake(world), tmp_path, "tables").result
    by_code = {row["code"]: row for row in result.districts}
    assert by_code["01"]["population"] == pytest.approx(CENSUS["01"], abs=1e-6)
    assert by_code["02"]["population"] == pytest.approx(CENSUS["02"], abs=1e-6)
    for row in result.districts:
        assert 0 <= row["people_affected"] <= row["population"]
        assert 0 <= row["sheltered_within_walk"] <= row["shelter_need"] + 1e-9
        assert row["shelter_deficit"] == pytest.approx(row["shelter_need"] - row["sheltered_within_walk"])
        assert row["equipment"]["emergency_kit"] >= row["people_affected"]
    assert result.totals["population"] == pytest.approx(sum(CENSUS.values()), abs=1e-6)
    assert any("Akkar" in note["text"] for note in result.notes)
    assert result.notes[0]["key"] in ("earthquake.gmpe_point", "earthquake.gmpe_rupture")


def test_flood_marks_itself_modelled_and_floods_the_valley(world, tmp_path):
    result = run(world, Scenario(kind="flood", return_period_years=100), tmp_path, "flood")
    with rasterio.open(result.outputs.hazard) as dataset:
        tags = dataset.tags()
        depth = dataset.read(1)
    assert "indicative" in tags["MODELLED"] and "Modelled" in tags["NOTE"]
    x, _ = world.grid.cell_centres(world.grid.full_window())
    near = np.abs(x[0] - RIVER_X) < 25
    far = np.abs(x[0] - RIVER_X) > 300
    assert (depth[:, near] > 0).all() and (depth[:, far] == 0).all()
    # The school 10 m from the river is flooded; the one 800 m away is not.
    hit = {row["site_id"]: row["hit"] for row in result.result.sites}
    assert hit == {"school-1": True, "school-2": False, "shelter-1": False, "shelter-2": False}
    totals = result.result.totals
    assert totals["people_affected"] == pytest.approx(totals["people_exposed"])
    assert 0 < totals["people_affected"] < totals["population"]


def test_industrial_zones_count_people_inside(world, tmp_path):
    lon, lat = to_lonlat(RIVER_X, Y0 + 1_000.0)
    site = HazardousSite("depot", lon, lat, "flammable_liquid")  # ERG 2024 guide 128, spill: isolate 50 m
    inputs = replace(world.inputs, hazardous_sites=[site])
    # Spill case, wind from the south: isolation circle of 50 m, downwind evacuation (300 m) northwards.
    scenario = Scenario(kind="industrial", industrial_case="spill", wind_from_deg=180.0)
    prepared = prepare_scenario(scenario=scenario, inputs=inputs, settings=world.settings, grid=world.grid)
    result = run_scenario(
        scenario=scenario,
        inputs=inputs,
        outputs=outputs(tmp_path, "ind"),
        settings=world.settings,
        prepared=prepared,
    )
    levels = read(result.outputs.hazard)
    # Cells whose centres lie within 50 m: the 25 m grid has 4 × 4 centres at ±12.5, ±37.5 m,
    # of which 12 lie within 50 m (the 4 corners at 53 m do not); south of the site nothing else.
    south = levels[40:, :]  # rows south of the site (the site is at the grid's centre)
    assert (south == 2).sum() == 6
    # Downwind (north): the 300 m × 300 m square: 12 columns (±150 m) × 12 rows, plus the circle's
    # cells south of the site.
    assert (levels == 2).sum() == 12 * 12 + 6
    people = read(result.outputs.population)
    assert result.result.totals["people_affected"] == pytest.approx(
        people[levels == 2].sum(dtype=np.float64), rel=1e-6
    )
    assert result.result.totals["equipment"]["respirator"] >= result.result.totals["people_exposed"]


def test_erg_fire_case_evacuates_the_whole_guide_distance(world):
    # ERG 2024 guide 115 (flammable gases), FIRE: "ISOLATE for 1600 meters (1 mile) in all
    # directions; also, consider initial evacuation for 1600 meters (1 mile) in all directions".
    # Every point within 1,600 m is evacuated (zone 2, displaced); the old reading of the ring as
    # shelter-in-place evacuated only the 100 m isolation circle: (1600/100)² = 256 times less area.
    lon, lat = to_lonlat(RIVER_X, Y0 + 1_000.0)
    site = HazardousSite("lpg", lon, lat, "flammable_gas")
    model = IndustrialModel.from_sites(sites=[site], x=[RIVER_X], y=[Y0 + 1_000.0])
    x = RIVER_X + np.array([0.0, 99.0, 1_200.0, 1_599.0, 1_601.0])
    levels = model.zone_level(x=x, y=np.full(5, Y0 + 1_000.0))
    assert levels.tolist() == [2, 2, 2, 2, 0]
    d = site.distances_m(case="fire", wind_speed_ms=3.0)
    assert (d["evacuation_all"] / d["isolation"]) ** 2 == 256


def test_toxic_protective_action_zone_is_drawn_downwind():
    # A toxic release, isolation 100 m, protective action 1,000 m (ERG Table 1 values for the
    # substance are handed in), wind from the west (270°) blowing east: the zone is the square
    # 0–1,000 m east of the source, 500 m either side of the axis; nothing upwind beyond 100 m.
    site = HazardousSite("cl2", 23.3, 42.7, "toxic_gas", inner_radius_m=100.0, protective_action_m=1_000.0)
    model = IndustrialModel.from_sites(sites=[site], x=[0.0], y=[0.0], wind_from_deg=270.0)
    x = np.array([50.0, 900.0, 900.0, 900.0, -300.0, 1_100.0])
    y = np.array([0.0, 0.0, 450.0, 550.0, 0.0, 0.0])
    assert model.zone_level(x=x, y=y).tolist() == [2, 1, 1, 0, 0, 0]
    # With three distances for ERG's wind bands, a 6 m/s wind (> 20 km/h) takes the "high" one.
    windy = replace(site, protective_action_m=None, protective_action_by_wind_m=(3000.0, 1500.0, 800.0))
    assert windy.distances_m(case="fire", wind_speed_ms=6.0)["protective_action"] == 800.0


def test_operator_zones_replace_erg_distances():
    square = {"type": "Polygon", "coordinates": [[[0, 0], [200, 0], [200, 200], [0, 200], [0, 0]]]}
    site = HazardousSite("seveso", 0.0, 0.0, "flammable_gas", evacuation_zone=square)
    model = IndustrialModel.from_sites(sites=[site], x=[0.0], y=[0.0], to_metric=lambda g: g)
    assert model.zone_level(x=np.array([100.0, 300.0]), y=np.array([100.0, 100.0])).tolist() == [2, 0]


def test_industrial_scenario_needs_a_site(world):
    with pytest.raises(InvalidScenario, match="hazardous_sites"):
        prepare_scenario(scenario=Scenario(kind="industrial"), inputs=world.inputs, grid=world.grid)


def test_landslide_classes_from_slope(world, tmp_path):
    result = run(world, Scenario(kind="landslide"), tmp_path, "slide")
    classes = read(result.outputs.hazard)
    # The valley sides slope 5 % (2.9°): class 1, very low, everywhere.
    assert set(np.unique(classes)) == {1}
    assert result.result.totals["people_exposed"] == 0
