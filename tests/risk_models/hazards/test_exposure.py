"""Population on the grid: census totals spread by GHS-POP density, exactly preserved per district."""

from __future__ import annotations

import numpy as np
import pytest

from risk_models.hazards.exposure import PopulationModel, distribute_population, load_districts

from .conftest import CENSUS


def test_distribute_population_preserves_district_totals():
    # District 1 has weights 1, 3 (total 4), district 2 weights 2, 2, 6 (total 10); index 0 is outside.
    index = np.array([[1, 1, 0], [2, 2, 2]])
    weights = np.array([[1.0, 3.0, 9.0], [2.0, 2.0, 6.0]])
    census = np.array([0.0, 1000.0, 50.0])
    totals = np.array([0.0, 4.0, 10.0])
    people = distribute_population(census=census, district_index=index, weights=weights, weight_totals=totals)
    assert people.tolist() == [[250.0, 750.0, 0.0], [10.0, 10.0, 30.0]]


def test_population_model_sums_to_census_in_every_district(world):
    model = PopulationModel.prepare(
        grid=world.grid, districts=world.inputs.districts, ghs_pop_path=world.inputs.population_raster_path
    )
    totals = np.zeros(3)
    for window in world.grid.windows(block_size=13):
        totals += np.bincount(
            model.district_index(window).ravel(), weights=model.population(window).ravel(), minlength=3
        )
    assert totals[0] == 0.0
    assert totals[1] == pytest.approx(CENSUS["01"], rel=1e-12)
    assert totals[2] == pytest.approx(CENSUS["02"], rel=1e-12)


def test_population_follows_ghs_density(world):
    model = PopulationModel.prepare(
        grid=world.grid, districts=world.inputs.districts, ghs_pop_path=world.inputs.population_raster_path
    )
    people = model.population(world.grid.full_window())
    # Within a district people are shared in proportion to GHS density. The west district's
    # cell by the river lies in the GHS cell centred 50 m from it (5 + 20·e^−(50/300)² = 24.452
    # persons), its westernmost cell in the one centred 950 m away (5 + 20·e^−(950/300)² =
    # 5.0009): 4.8896 times fewer people per cell.
    west = people[40, :40]
    assert west[-1] / west[0] == pytest.approx(4.8896, abs=1e-4)


def test_load_districts_joins_census(tmp_path):
    boundaries = tmp_path / "d.geojson"
    boundaries.write_text(
        '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"01","name_en":"Sredets"},'
        '"geometry":{"type":"Polygon","coordinates":[[[23.3,42.69],[23.33,42.69],[23.33,42.70],[23.3,42.70],[23.3,42.69]]]}}]}'
    )
    csv_path = tmp_path / "p.csv"
    csv_path.write_text("code,name_en,census_2011,census_2021\n01,Sredets,32423,\n")
    (district,) = load_districts(boundaries_path=boundaries, population_csv_path=csv_path)
    assert (district.code, district.name, district.census_population) == ("01", "Sredets", 32423.0)
    from risk_models.hazards.errors import InputDataError

    with pytest.raises(InputDataError, match="census_2021"):
        load_districts(boundaries_path=boundaries, population_csv_path=csv_path, census_column="census_2021")
