"""D8 hydrology and HAND on tiny synthetic grids, worked out by hand."""

from __future__ import annotations

import numpy as np
import pytest
import shapely

from risk_models.hazards.dem import Terrain
from risk_models.hazards.flood import FloodModel, flood_depth
from risk_models.hazards.hydrology import (
    d8_receivers,
    drain_targets,
    fill_depressions,
    flow_accumulation,
    height_above_nearest_drainage,
)


def valley(rows: int = 5, cols: int = 7) -> np.ndarray:
    """A V valley: channel in column 3 falling 1 m per row towards row 0; sides rise 10 m per column."""
    r, c = np.indices((rows, cols))
    return 10.0 * np.abs(c - 3) + r


def test_flow_runs_across_to_the_channel_then_down_it():
    z = valley()
    receivers = d8_receivers(z).reshape(z.shape)
    cols = z.shape[1]
    # Cell (2, 5): straight west drops 10 m over 1 cell, diagonally (22 − 11)/√2 = 7.8 → west.
    assert receivers[2, 5] == 2 * cols + 4
    # The channel (2, 3) runs to (1, 3); (0, 3) on the edge has no lower neighbour: an outlet.
    assert receivers[2, 3] == 1 * cols + 3
    assert receivers[0, 3] == 0 * cols + 3


def test_flow_accumulation_gathers_the_whole_valley_at_the_outlet():
    z = valley()
    accumulation = flow_accumulation(d8_receivers(z), cell_area=2.0).reshape(z.shape)
    # All 35 cells drain to (0, 3); a side cell on the ridge receives nothing but itself.
    assert accumulation[0, 3] == 35 * 2.0
    assert accumulation[4, 0] == 2.0
    # Channel cell (1, 3): rows 1–4 of the whole valley = 28 cells.
    assert accumulation[1, 3] == 28 * 2.0


def test_hand_on_a_synthetic_valley():
    z = valley()
    drainage = np.zeros(z.shape, dtype=bool)
    drainage[:, 3] = True
    hand = height_above_nearest_drainage(elevation=z, receivers=d8_receivers(z), drainage=drainage)
    # Every side cell drains straight across to the channel cell of its own row, which lies
    # 10 m lower per column: HAND = 10 × |column − 3|.
    expected = 10.0 * np.abs(np.indices(z.shape)[1] - 3)
    assert hand == pytest.approx(expected)


def test_paths_that_leave_the_grid_without_drainage_are_never_flooded():
    z = valley()
    drainage = np.zeros(z.shape, dtype=bool)  # no channel marked at all
    receivers = d8_receivers(z)
    assert (drain_targets(receivers=receivers, drainage=drainage.ravel()) == -1).all()
    assert np.isinf(height_above_nearest_drainage(elevation=z, receivers=receivers, drainage=drainage)).all()


def test_fill_depressions_raises_a_pit_to_its_spill_level():
    z = np.full((5, 5), 10.0)
    z[0, 2] = 5.0  # the outlet notch in the top edge
    z[1, 2] = 6.0
    z[2, 2] = 1.0  # a pit, 5 m below the cell it must spill over
    filled = fill_depressions(z, epsilon=0.001)
    # The pit fills to just above (1, 2)'s 6 m; (1, 2) itself already drains into the notch.
    assert filled[1, 2] == 6.0
    assert filled[2, 2] == pytest.approx(6.001)
    assert (filled >= z).all()
    # After filling every cell has a way out: no interior cell receives itself.
    receivers = d8_receivers(filled).reshape(z.shape)
    interior = receivers[1:-1, 1:-1] == np.arange(25).reshape(5, 5)[1:-1, 1:-1]
    assert not interior.any()


def test_flood_depth_is_stage_minus_hand():
    hand = np.array([0.0, 1.0, 2.5, 4.0, np.inf])
    assert flood_depth(hand=hand, stage_m=2.5).tolist() == [2.5, 1.5, 0.0, 0.0, 0.0]


def test_flood_model_on_a_valley_terrain():
    # Terrain cells of 100 m; the river runs down the centre column (x = 350 m) on level
    # ground; the sides rise 5 m per 100 m.
    rows, cols, cell = 9, 7, 100.0
    z = 600.0 + 5.0 * np.abs(np.indices((rows, cols))[1] - 3)
    terrain = Terrain.from_array(elevation=z, left=0.0, top=rows * cell, cell_size_m=cell)
    river = shapely.LineString([(350.0, 890.0), (350.0, 10.0)])
    model = FloodModel.from_terrain(terrain=terrain, rivers=[river], drainage_threshold_km2=1e6, rating=None)
    assert model.drainage[:, 3].all() and model.drainage.sum() == rows
    # HAND at the column next to the river is 5 m; the 100-year stage is 2.5 m. At x = 375 m,
    # a quarter of the way from the river centre (350) to the next centre (450), HAND is
    # 1.25 m → depth 1.25 m; at x = 450 m HAND = 5 m → dry.
    y = np.array([450.0, 450.0, 450.0])
    depth = model.depth(x=np.array([350.0, 375.0, 450.0]), y=y, return_period_years=100)
    assert depth == pytest.approx([2.5, 1.25, 0.0])
    assert model.depth(x=np.array([375.0]), y=np.array([450.0]), return_period_years=1000)[
        0
    ] == pytest.approx(2.75)
