"""Scenario validation: bad parameters raise InvalidScenario naming the parameter (the API answers 400)."""

from __future__ import annotations

import pytest

from risk_models.hazards import GridSpec, HazardousSite, InvalidScenario, Scenario
from risk_models.hazards.crs import BULGARIA_BOUNDS, METRIC_SRID, SOFIA_BOUNDS, STORAGE_SRID
from risk_models.hazards.scenario import distance_to_box_km

VITOSHA = {"epicentre_lon": 23.27, "epicentre_lat": 42.60}


@pytest.mark.parametrize(
    ("changes", "parameter"),
    [
        ({"magnitude": 3.9}, "magnitude"),
        ({"magnitude": 8.1}, "magnitude"),
        ({"magnitude": None}, "magnitude"),
        ({"epicentre_lon": 2.35, "epicentre_lat": 48.86}, "epicentre"),  # Paris
        ({"epicentre_lat": None}, "epicentre_lat"),
        ({"cell_size_m": 4.9}, "cell_size_m"),
        ({"mechanism": "oblique"}, "mechanism"),
        ({"soil_class": "E"}, "soil_class"),
        ({"walk_radius_m": 0}, "walk_radius_m"),
    ],
)
def test_bad_earthquake_parameters_raise(changes, parameter):
    scenario = Scenario(**({"kind": "earthquake", "magnitude": 6.5, **VITOSHA} | changes))
    with pytest.raises(InvalidScenario) as raised:
        scenario.validate()
    assert raised.value.parameter == parameter
    assert parameter in str(raised.value)
    assert isinstance(raised.value, ValueError)


def test_good_scenarios_pass():
    Scenario(kind="earthquake", magnitude=6.5, **VITOSHA).validate()
    # Bucharest lies outside Bulgaria's box but well within 300 km of it.
    Scenario(kind="earthquake", magnitude=7.0, epicentre_lon=26.10, epicentre_lat=44.43).validate()
    Scenario(kind="flood", return_period_years=1000, cell_size_m=10).validate()
    Scenario(kind="flood", return_period_years=20, cell_size_m=5).validate()


@pytest.mark.parametrize("period", [None, 50, 500])
def test_flood_needs_a_modelled_return_period(period):
    with pytest.raises(InvalidScenario, match="return_period_years"):
        Scenario(kind="flood", return_period_years=period).validate()


def test_unknown_kind():
    with pytest.raises(InvalidScenario, match="kind"):
        Scenario(kind="tsunami").validate()


def test_grid_rejects_cells_below_5_m():
    with pytest.raises(InvalidScenario, match="cell_size_m"):
        GridSpec.from_lonlat_bounds(cell_size_m=2.0)


def test_toxic_gas_needs_its_radii():
    with pytest.raises(InvalidScenario, match="ERG 2024 Table 1"):
        HazardousSite("plant", 23.4, 42.7, "toxic_gas").radii_m()
    site = HazardousSite("plant", 23.4, 42.7, "toxic_gas", 300.0, protective_action_m=2000.0)
    assert site.radii_m() == (300.0, 2000.0)


def test_distance_to_bulgaria_box():
    assert distance_to_box_km(lon=23.27, lat=42.60, box=BULGARIA_BOUNDS) == 0.0
    # 1° of latitude north of the box at 28° E: ~111 km.
    assert distance_to_box_km(lon=28.0, lat=45.3, box=BULGARIA_BOUNDS) == pytest.approx(111.1, abs=0.5)


def test_crs_constants_agree_with_the_platform_kernel():
    from geo_platform import crs

    assert (STORAGE_SRID, METRIC_SRID, SOFIA_BOUNDS) == (crs.STORAGE_SRID, crs.METRIC_SRID, crs.SOFIA_BOUNDS)
