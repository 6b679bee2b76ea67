"""The analysis grid: snapping, windows and cell centres."""

from __future__ import annotations

import numpy as np

from risk_models.hazards import GridSpec


def test_sofia_grid_is_about_52_by_54_km():
    grid = GridSpec.from_lonlat_bounds(cell_size_m=25.0)
    width_km, height_km = (grid.right - grid.left) / 1000, (grid.top - grid.bottom) / 1000
    assert 52 <= width_km <= 54 and 54 <= height_km <= 57
    assert grid.left % 25 == 0 and grid.top % 25 == 0
    assert grid.shape == (round(height_km * 40), round(width_km * 40))


def test_windows_tile_the_grid_once():
    grid = GridSpec.from_metric_bounds(bounds=(0.0, 0.0, 1010.0, 730.0), cell_size_m=10.0)
    assert grid.shape == (73, 101)
    covered = np.zeros(grid.shape, dtype=int)
    for window in grid.windows(block_size=16):
        covered[window.toslices()] += 1
    assert (covered == 1).all()


def test_cell_centres_agree_between_window_and_whole():
    grid = GridSpec.from_metric_bounds(
        bounds=(690_000.0, 4_720_000.0, 691_000.0, 4_721_000.0), cell_size_m=25.0
    )
    whole_x, whole_y = grid.cell_centres(grid.full_window())
    for window in grid.windows(block_size=7):
        x, y = grid.cell_centres(window)
        rows, cols = window.toslices()
        assert np.array_equal(x[0], whole_x[0, cols]) and np.array_equal(y[:, 0], whole_y[rows, 0])
    assert whole_x[0, 0] == 690_012.5 and whole_y[0, 0] == 4_720_987.5
