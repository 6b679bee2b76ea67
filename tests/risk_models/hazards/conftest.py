"""A small synthetic world in UTM 34N: a 2 × 2 km grid, a straight valley with a river, two districts.

Everything is built from numbers stated here, so tests can work out expected values by hand.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pytest
import rasterio
import shapely
from affine import Affine
from pyproj import Transformer

from risk_models.hazards import District, GridSpec, RiskSettings, ScenarioInputs, sites_from_arrays
from risk_models.hazards.crs import METRIC_CRS, STORAGE_CRS

X0, Y0 = 690_000.0, 4_720_000.0  # south-west corner of the analysis grid
SIZE = 2_000.0  # metres on a side
CELL = 25.0
RIVER_X = X0 + 1_000.0  # the river runs due south along this line, which is also the district border
VALLEY_SLOPE = 0.05  # the valley sides rise 5 m per 100 m from the river
DOWN_VALLEY_SLOPE = 0.002
CENSUS = {"01": 4_000.0, "02": 2_000.0}

_TO_LONLAT = Transformer.from_crs(METRIC_CRS, STORAGE_CRS, always_xy=True)


def to_lonlat(x: float, y: float) -> tuple[float, float]:
    lon, lat = _TO_LONLAT.transform(x, y)
    return float(lon), float(lat)


def metric_box_in_lonlat(left: float, bottom: float, right: float, top: float) -> shapely.Polygon:
    """A METRIC_CRS rectangle expressed in lon/lat (its straight edges stay straight within a millimetre)."""
    return shapely.Polygon(
        [to_lonlat(x, y) for x, y in ((left, bottom), (right, bottom), (right, top), (left, top))]
    )


def elevation_at(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    return 600.0 + VALLEY_SLOPE * np.abs(x - RIVER_X) + DOWN_VALLEY_SLOPE * (y - Y0)


@dataclass(frozen=True)
class World:
    grid: GridSpec
    inputs: ScenarioInputs
    settings: RiskSettings
    epicentre: tuple[float, float]


def _write_raster(path, array: np.ndarray, *, left: float, top: float, cell: float) -> None:
    profile = {
        "driver": "GTiff",
        "width": array.shape[1],
        "height": array.shape[0],
        "count": 1,
        "dtype": "float64",
        "crs": METRIC_CRS,
        "transform": Affine(cell, 0, left, 0, -cell, top),
    }
    with rasterio.open(path, "w", **profile) as dataset:
        dataset.write(array, 1)


@pytest.fixture(scope="session")
def world(tmp_path_factory) -> World:
    folder = tmp_path_factory.mktemp("world")
    # DEM: 50 m cells, 3 km beyond the grid on every side.
    dem_cell, margin = 50.0, 3_000.0
    n = int((SIZE + 2 * margin) / dem_cell)
    xs = X0 - margin + (np.arange(n) + 0.5) * dem_cell
    ys = Y0 + SIZE + margin - (np.arange(n) + 0.5) * dem_cell
    _write_raster(
        folder / "dem.tif",
        elevation_at(xs[np.newaxis, :], ys[:, np.newaxis]),
        left=X0 - margin,
        top=Y0 + SIZE + margin,
        cell=dem_cell,
    )
    # Population density: 100 m cells, more people near the river.
    pop_cell = 100.0
    m = int((SIZE + 2_000.0) / pop_cell)
    pxs = X0 - 1_000.0 + (np.arange(m) + 0.5) * pop_cell
    persons = 5.0 + 20.0 * np.exp(-(((pxs - RIVER_X) / 300.0) ** 2))
    _write_raster(
        folder / "pop.tif",
        np.tile(persons, (m, 1)),
        left=X0 - 1_000.0,
        top=Y0 + SIZE + 1_000.0,
        cell=pop_cell,
    )

    districts = [
        District("01", "West", CENSUS["01"], metric_box_in_lonlat(X0, Y0, RIVER_X, Y0 + SIZE)),
        District("02", "East", CENSUS["02"], metric_box_in_lonlat(RIVER_X, Y0, X0 + SIZE, Y0 + SIZE)),
    ]
    river = shapely.LineString([to_lonlat(RIVER_X, Y0 + SIZE + 2_900.0), to_lonlat(RIVER_X, Y0 - 2_900.0)])
    school_xy = [(RIVER_X + 10.0, Y0 + 1_000.0), (X0 + 200.0, Y0 + 1_800.0)]
    shelter_xy = [(RIVER_X + 400.0, Y0 + 1_000.0), (X0 + 300.0, Y0 + 300.0)]
    sites = sites_from_arrays(
        kind="school",
        lon=[to_lonlat(*xy)[0] for xy in school_xy],
        lat=[to_lonlat(*xy)[1] for xy in school_xy],
        occupants=500.0,
    )
    sites += sites_from_arrays(
        kind="accommodation",
        ids=["shelter-1", "shelter-2"],
        lon=[to_lonlat(*xy)[0] for xy in shelter_xy],
        lat=[to_lonlat(*xy)[1] for xy in shelter_xy],
        capacity=150.0,
        fragility="C2M-moderate",
    )
    inputs = ScenarioInputs(
        dem_path=str(folder / "dem.tif"),
        population_raster_path=str(folder / "pop.tif"),
        districts=districts,
        rivers=[river],
        sites=sites,
    )
    grid = GridSpec.from_metric_bounds(bounds=(X0, Y0, X0 + SIZE, Y0 + SIZE), cell_size_m=CELL)
    settings = RiskSettings(
        block_size=17, terrain_cell_m=100.0, drainage_threshold_km2=1e6, rating_curve=None
    )
    return World(grid=grid, inputs=inputs, settings=settings, epicentre=to_lonlat(RIVER_X, Y0 + 1_000.0))
