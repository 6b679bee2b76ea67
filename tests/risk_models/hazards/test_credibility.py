"""Issue 15: each model fix checked against a number worked by hand from its reference."""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pytest
import shapely

from risk_models.hazards import RasterOutputs, Scenario, prepare_scenario, run_scenario
from risk_models.hazards.dem import Terrain, _inner_distance_weight
from risk_models.hazards.earthquake import (
    ASB14_RJB_PGA,
    PlanarRupture,
    asb14_ln_pga_rock,
    pga_g,
    wells_coppersmith_km,
)
from risk_models.hazards.exposure import Site
from risk_models.hazards.flood import RatingCurve
from risk_models.hazards.landslide import LandslideModel
from risk_models.hazards.measures import RiskWeights
from risk_models.hazards.vulnerability import casualties_per_occupant, casualty_rates

from .conftest import RIVER_X, X0, Y0, metric_box_in_lonlat, to_lonlat


def run(world, scenario, folder, name, inputs=None):
    inputs = inputs or world.inputs
    prepared = prepare_scenario(scenario=scenario, inputs=inputs, settings=world.settings, grid=world.grid)
    return run_scenario(
        scenario=scenario,
        inputs=inputs,
        outputs=outputs(folder, name),
        settings=world.settings,
        prepared=prepared,
    ).result


def outputs(folder, name):
    return RasterOutputs(
        hazard=str(folder / f"{name}-hazard.tif"),
        impact=str(folder / f"{name}-impact.tif"),
        population=str(folder / f"{name}-population.tif"),
        damage=str(folder / f"{name}-damage.tif"),
    )


# --- item 1: finite rupture, R_JB -------------------------------------------------------------


def test_asb14_rjb_pga_matches_openquake_coefficients():
    # OpenQuake AkkarEtAlRjb2014, COEFFS row "pga": a1 = 1.85329, a2 = 0.0029, a3 = −0.02807,
    # a4 = −1.23452, a5 = 0.2529, a6 = 7.5, a8 (normal) = −0.1091, c1 = 6.75.
    # Mw 6.5 (≤ c1: a2 term), R_JB = 10 km, normal faulting, Vs30 = 750 m/s (ln S = 0):
    #   a1                           =  1.853290
    #   a2 (M − c1) = 0.0029 × −0.25  = −0.000725
    #   a3 (8.5 − M)² = −0.02807 × 4  = −0.112280
    #   (a4 + a5 (M − c1)) ln √(R² + a6²) = (−1.23452 − 0.063225) × ln 12.5 = −1.297745 × 2.525729 = −3.277752
    #   a8                           = −0.109100
    #   ln PGA = −1.646567  →  PGA = 0.19271 g
    ln_pga = asb14_ln_pga_rock(
        magnitude=6.5, repi_km=np.array([10.0]), mechanism="normal", coefficients=ASB14_RJB_PGA
    )
    assert float(ln_pga[0]) == pytest.approx(-1.646567, abs=2e-6)
    assert float(
        pga_g(
            magnitude=6.5,
            repi_km=np.array([10.0]),
            mechanism="normal",
            vs30=750.0,
            coefficients=ASB14_RJB_PGA,
        )[0]
    ) == pytest.approx(0.19271, abs=1e-5)
    assert ASB14_RJB_PGA["tau"] == 0.3501 and ASB14_RJB_PGA["sigma"] == 0.6201


def test_wells_coppersmith_rupture_size_and_rjb():
    # Normal faults, Table 2A: log RLD = −1.88 + 0.50 × 6.5 = 1.37 → 23.44 km;
    # log RW = −1.14 + 0.35 × 6.5 = 1.135 → 13.65 km.
    length, width = wells_coppersmith_km(6.5)
    assert length == pytest.approx(23.44, abs=0.01) and width == pytest.approx(13.65, abs=0.01)
    # Strike 270° (trace running west), dip 60° to the right = north: the surface projection
    # spans y from 0 to W cos 60° = 6.823 km north of the trace, x within ±L/2.
    rupture = PlanarRupture(0.0, 0.0, 270.0, 60.0, length, width)
    near, far = rupture.projection_extent_m()
    assert (near, far) == pytest.approx((0.0, width * 500.0))
    x = np.array([0.0, 0.0, 0.0, length * 500 + 3_000.0])
    y = np.array([3_000.0, -4_000.0, far + 5_000.0, 1_000.0])
    assert rupture.rjb_km(x=x, y=y) == pytest.approx([0.0, 4.0, 5.0, 3.0])


def test_finite_rupture_scenario_uses_rjb(world, tmp_path):
    # The rupture's projection covers the whole 2 km world: R_JB = 0 everywhere, so the rock PGA is
    # the R_JB model's value at 0 km for Mw 6.5.
    lon, lat = to_lonlat(RIVER_X, Y0 - 500.0)
    scenario = Scenario(
        kind="earthquake",
        magnitude=6.5,
        epicentre_lon=lon,
        epicentre_lat=lat,
        strike_deg=270.0,
        dip_deg=60.0,
        soil_class="A",
        realisations=20,
    )
    prepared = prepare_scenario(
        scenario=scenario, inputs=world.inputs, settings=world.settings, grid=world.grid
    )
    assert prepared.hazard.model.rupture is not None and "ILLUSTRATIVE" in prepared.hazard.note
    pga = prepared.hazard.intensity(x=np.array([RIVER_X]), y=np.array([Y0 + 1_000.0]))
    expected = pga_g(
        magnitude=6.5, repi_km=np.array([0.0]), mechanism="normal", vs30=900.0, coefficients=ASB14_RJB_PGA
    )
    assert float(pga[0]) == pytest.approx(float(expected[0]), rel=1e-9)


# --- item 6: casualties --------------------------------------------------------------------------


def test_hazus_casualty_rates():
    # HAZUS MR5 Tables 13.3–13.7: complete damage 5 / 1 / 0.01 / 0.01 %, collapse 40 / 20 / 5 / 10 %;
    # 10 % of completely damaged C1M buildings collapse: deaths given complete damage =
    # 0.9 × 0.0001 + 0.1 × 0.10 = 0.01009.
    rates = casualty_rates("C1M-moderate")
    assert rates[3, 3] == pytest.approx(0.01009)
    assert rates[3, 0] == pytest.approx(0.9 * 0.05 + 0.1 * 0.40)
    # Unreinforced masonry, moderate damage: 0.35 % light injuries (Table 13.4).
    assert casualty_rates("URMM-low")[1, 0] == pytest.approx(0.0035)
    # Far beyond every median, every building is completely damaged: the complete row applies.
    assert casualties_per_occupant(pga_g=50.0, fragility="C1M-moderate") == pytest.approx(rates[3], rel=1e-4)


# --- item 7: Monte Carlo -----------------------------------------------------------------------


def test_monte_carlo_bands_are_ordered_and_reproducible(world, tmp_path):
    scenario = Scenario(
        kind="earthquake",
        magnitude=6.0,
        epicentre_lon=world.epicentre[0],
        epicentre_lat=world.epicentre[1],
        realisations=200,
    )
    first = run(world, scenario, tmp_path, "mc1")
    bands = first.bands
    for name in ("people_affected", "buildings_damaged", "deaths_night", "injuries_day", "shelter_need"):
        assert bands[name]["p16"] <= bands[name]["p50"] <= bands[name]["p84"]
    assert bands["people_affected"]["p16"] < bands["people_affected"]["p84"]
    # The deterministic (median shaking) total lies inside the band.
    assert (
        bands["people_affected"]["p16"] <= first.totals["people_affected"] <= bands["people_affected"]["p84"]
    )
    assert first.as_dict()["uncertainty"]["seed"] == scenario.seed
    again = run(world, scenario, tmp_path, "mc2")
    assert again.bands == bands
    # Casualties by day and night are reported, deaths below injuries.
    assert 0 < first.totals["deaths_night"] < first.totals["injuries_night"]


# --- item 3: landslides --------------------------------------------------------------------------


def test_landslide_on_a_coarse_dem_is_not_assessed_except_known_zones():
    z = 600.0 + 300.0 * np.indices((6, 6))[1]  # 300 m per 1 km cell: 16.7°, "moderate" if resolved
    coarse = Terrain.from_array(elevation=z, left=0.0, top=6_000.0, cell_size_m=1_000.0)
    zone = shapely.box(0.0, 0.0, 2_000.0, 2_000.0)
    model = LandslideModel.from_terrain(terrain=coarse, zones=[(zone, 5)])
    classes = model.susceptibility(x=np.array([3_500.0, 1_000.0]), y=np.array([3_500.0, 1_000.0]))
    assert classes.tolist() == [0, 5]  # not assessed; the known zone is very high
    fine = Terrain.from_array(elevation=z * 0.16 + 500, left=0.0, top=6_000.0, cell_size_m=1_000.0)
    fine = replace(fine, source_resolution_m=160.0)
    assert LandslideModel.from_terrain(terrain=fine).susceptibility(
        x=np.array([3_500.0]), y=np.array([3_500.0])
    ).tolist() == [1]


def test_dem_seam_weight_ramps_inside_the_fine_dem():
    covered = np.zeros((13, 13), dtype=bool)
    covered[:, 3:] = True
    weight = _inner_distance_weight(covered, cells=3)
    # Edge column 3: 1/4, then 2/4, 3/4, and 1 from four cells in (the grid's own edge counts too).
    assert weight[6, 2:8].tolist() == [0.0, 0.25, 0.5, 0.75, 1.0, 1.0]


def test_landslide_run_reports_people_not_assessed(world, tmp_path):
    coarse = replace(world.settings, terrain_cell_m=100.0)
    scenario = Scenario(kind="landslide")
    prepared = prepare_scenario(scenario=scenario, inputs=world.inputs, settings=coarse, grid=world.grid)
    # The synthetic DEM has 50 m cells: assessable; nobody is "not assessed".
    result = run_scenario(
        scenario=scenario,
        inputs=world.inputs,
        outputs=outputs(tmp_path, "ls"),
        settings=coarse,
        prepared=prepared,
    ).result
    assert result.totals["people_not_assessed"] == 0.0 and result.totals["assessed_share"] == 1.0


# --- item 4: floods --------------------------------------------------------------------------------


def test_manning_depth_of_the_rating_curve():
    # Wide rectangular channel, h = (n Q / (W √S))^(3/5). Q = 100 m³/s, n = 0.035, W = 2·√Q = 20 m,
    # S = 0.002: n Q = 3.5; W √S = 20 × 0.0447214 = 0.894427; ratio 3.913119; h = 3.913119^0.6 = 2.2674 m.
    curve = RatingCurve(width_coefficient=2.0)
    assert float(curve.depth_m(discharge_m3s=100.0, slope=0.002)) == pytest.approx(2.2674, abs=1e-4)
    # Q100 = 2.0 × A^0.8: a 100 km² catchment gives 2 × 39.81 = 79.6 m³/s; T20 × 0.6.
    assert float(curve.discharge_m3s(area_km2=100.0, return_period_years=100)) == pytest.approx(
        79.62, abs=0.01
    )
    assert float(curve.discharge_m3s(area_km2=100.0, return_period_years=20)) == pytest.approx(
        47.77, abs=0.01
    )


def test_imported_flood_zones_replace_the_model(world, tmp_path):
    # An official zone layer: 0.8 m of water over the west half of the world; the model is not run.
    west = metric_box_in_lonlat(X0, Y0, RIVER_X, Y0 + 2_000.0)
    inputs = replace(world.inputs, imported_zones=[(west, 0.8)], imported_label="APSFR test")
    scenario = Scenario(kind="flood", hazard_source="imported")
    result = run(world, scenario, tmp_path, "imp", inputs)
    imported = next(note for note in result.notes if note["key"].startswith("imported."))
    assert imported["key"] == "imported.zones_named"
    assert imported["params"] == {"label": "APSFR test", "count": 1}
    assert imported["text"] == "Hazard imported from uploaded zones (APSFR test) (1 polygons), not modelled."
    district_01 = next(row for row in result.districts if row["code"] == "01")
    assert district_01["people_exposed"] == pytest.approx(district_01["population"], rel=1e-6)
    assert result.totals["people_exposed"] == pytest.approx(district_01["population"], rel=1e-6)


# --- item 5: shelters ------------------------------------------------------------------------------


def test_sphere_space_and_shelter_seeking_share(world, tmp_path):
    # A school hall of 1,000 m²: 1000 / 3.5 = 285 places (Sphere); at 5 m² (cold climate) 200.
    hall = Site("hall", "accommodation", *to_lonlat(RIVER_X + 400, Y0 + 1_500), floor_area_m2=1_000.0)
    ksz = Site("ksz", "civil_defence", *to_lonlat(RIVER_X - 400, Y0 + 1_500), capacity=500.0)
    inputs = replace(world.inputs, sites=[hall, ksz])
    for space, places in ((3.5, 285.0), (5.0, 200.0)):
        scenario = Scenario(
            kind="flood", return_period_years=100, space_per_person_m2=space, shelter_seeking_share=0.3
        )
        result = run(world, scenario, tmp_path, f"sp{space}", inputs)
        rows = {row["site_id"]: row for row in result.sites}
        assert rows["hall"]["capacity"] == places
        # КСЗ places are not offered to the displaced.
        assert result.totals["shelter_capacity"] == places
        assert result.totals["shelter_need"] == pytest.approx(0.3 * result.totals["people_affected"])


# --- item 10: risk weights count each person once ------------------------------------------------


def test_risk_weights_count_each_person_once():
    weights = RiskWeights()
    totals = {"people_affected": 100.0, "shelter_deficit": 30.0, "site_people_affected": 5.0}
    # 70 with a place × 1 + 30 without × 2 + 5 = 135 (the old form added 100 + 30 + 5 with equal
    # weights, counting the 30 twice without saying so).
    assert weights.score(totals) == pytest.approx(135.0)
    assert weights.describe()["basis"] == "assumption"
    assert math.isclose(sum(weights.describe()["weights"].values()), 4.0)


# --- buildings: floor area from footprint × floors ------------------------------------------------


def test_floor_area_uses_levels_then_height(world, tmp_path):
    from risk_models.hazards.exposure import BuildingFootprint

    lon, lat = to_lonlat(RIVER_X + 5.0, Y0 + 1_000.0)  # on the river: flooded
    far = to_lonlat(X0 + 100.0, Y0 + 1_000.0)  # 900 m away up the valley side: dry
    buildings = [
        BuildingFootprint(lon, lat, 200.0, levels=5),  # 1,000 m² from OSM levels
        BuildingFootprint(lon, lat, 100.0, height_m=17.0),  # (17 − 1.5) / 3.1 = 5 floors: 500 m²
        BuildingFootprint(*far, 300.0),  # floors unknown: 1 assumed, 300 m²
    ]
    inputs = replace(world.inputs, buildings=buildings)
    result = run(world, Scenario(kind="flood", return_period_years=100), tmp_path, "floors", inputs)
    assert result.totals["floor_area_m2"] == pytest.approx(1_800.0)
    assert result.totals["floor_area_exposed_m2"] == pytest.approx(1_500.0)
    assert 0 < result.totals["floor_area_damaged_m2"] < 1_500.0
    assert result.totals["floor_area_basis"] == {"levels": 1, "height": 1, "assumed": 1}
