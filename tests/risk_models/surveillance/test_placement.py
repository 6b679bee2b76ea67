"""Placement: lazy greedy against brute force, and small scenes with hand-counted cells."""

from __future__ import annotations

import math

import numpy as np
import pytest
import shapely
from shapely.geometry import LineString

from risk_models.surveillance import (
    BuildingIndex,
    CameraModel,
    DoriLevel,
    InvalidPlacementRequest,
    brute_force,
    candidate_cells,
    demand_grid,
    lazy_greedy,
    place_cameras,
    point_counts,
    weighted,
)

# 1920 px over 80°: detect range 1920 / (2·25·tan 40°) = 45.76 m; lens at target height.
MODEL = CameraModel(height=1.6, fov=80.0, resolution=1920)
# A 200 m × 20 m street strip in 10 m cells: 2 rows × 20 columns, 100 m² each, 4,000 m² in all.
STRIP = shapely.box(0, 0, 200, 20)
SITE = [(100.0, 10.0)]


def _plain_greedy(cells, weights, k):
    taken = np.zeros(len(weights), dtype=bool)
    value = 0.0
    for _ in range(k):
        gains = [weights[c][~taken[c]].sum() for c in cells]
        best = int(np.argmax(gains))
        if gains[best] <= 0:
            break
        taken[cells[best]] = True
        value += gains[best]
    return value


def test_lazy_greedy_equals_brute_force_on_a_small_case():
    cells = [np.arange(0, 5), np.arange(5, 10), np.arange(3, 7)]
    weights = np.ones(10)
    picks = lazy_greedy(cells=cells, weights=weights, k=2)
    assert [p.candidate for p in picks] == [0, 1] and [p.gain for p in picks] == [5.0, 5.0]
    assert brute_force(cells=cells, weights=weights, k=2) == (10.0, (0, 1))


def test_greedy_is_within_one_minus_one_over_e_of_the_optimum():
    rng = np.random.default_rng(11)
    for _ in range(15):
        weights = rng.uniform(0.0, 5.0, 60)
        cells = [rng.choice(60, size=rng.integers(3, 15), replace=False) for _ in range(18)]
        picks = lazy_greedy(cells=cells, weights=weights, k=3)
        value = sum(p.gain for p in picks)
        optimum, _ = brute_force(cells=cells, weights=weights, k=3)
        assert value >= (1 - 1 / math.e) * optimum - 1e-9
        assert value == pytest.approx(_plain_greedy(cells, weights, 3))  # lazy changes nothing
        assert all(a.gain >= b.gain for a, b in zip(picks, picks[1:], strict=False))  # diminishing returns


def test_one_candidate_per_group():
    cells = [np.arange(0, 5), np.arange(5, 9), np.arange(20, 23)]
    picks = lazy_greedy(cells=cells, weights=np.ones(30), k=2, groups=np.array([0, 0, 1]))
    assert [p.candidate for p in picks] == [0, 2]


def test_placement_on_a_street_strip():
    # From (100, 10) looking east, the cell centres x = 115…145 on both rows are within 40° of the
    # axis and 45.76 m (x = 105 is 45° off-axis; x = 155 is 55 m away): 8 cells, 800 m². West is
    # the mirror image; north and south see no centre (5 m off the axis row needs ≤ 4.2 m aside).
    result = place_cameras(
        demand=demand_grid(target=STRIP, cell_size=10.0), sites=SITE, k=3, camera=MODEL, directions=4
    )
    assert [(c.camera.azimuth, c.gain) for c in result.cameras] == [(90.0, 800.0), (270.0, 800.0)]
    assert result.total_demand == 4000.0 and result.covered_after == 1600.0
    assert [c.cumulative_share for c in result.cameras] == pytest.approx([0.2, 0.4])
    assert result.cameras[0].field_of_view.area > 0 and result.cameras[0].site == 0


def test_placement_respects_buildings_and_existing_cameras():
    grid = demand_grid(target=STRIP, cell_size=10.0)
    # A wall at x = 120 leaves the east-looking camera only the x = 115 column (2 cells).
    wall = BuildingIndex([shapely.box(120, 0, 122, 20)])
    result = place_cameras(demand=grid, sites=SITE, k=2, camera=MODEL, directions=4, buildings=wall)
    assert [(c.camera.azimuth, c.gain) for c in result.cameras] == [(270.0, 800.0), (90.0, 200.0)]
    # An existing camera already sees x 50…100: the west view adds nothing.
    result = place_cameras(
        demand=grid, sites=SITE, k=2, camera=MODEL, directions=4, existing=[shapely.box(50, 0, 100, 20)]
    )
    assert result.covered_before == 1000.0
    assert [(c.camera.azimuth, c.gain) for c in result.cameras] == [(90.0, 800.0)]


def test_greedy_placement_matches_brute_force_on_candidates():
    rng = np.random.default_rng(2)
    grid = demand_grid(target=shapely.box(0, 0, 150, 150), cell_size=10.0)
    sites = rng.uniform(10, 140, size=(4, 2))
    candidates = candidate_cells(grid=grid, sites=sites, camera=MODEL, directions=4)
    picks = lazy_greedy(cells=candidates.cells, weights=grid.weights.ravel(), k=3)
    optimum, _ = brute_force(cells=candidates.cells, weights=grid.weights.ravel(), k=3)
    assert sum(p.gain for p in picks) >= (1 - 1 / math.e) * optimum
    result = place_cameras(demand=grid, sites=sites, k=3, camera=MODEL, directions=4)
    assert result.covered_after == pytest.approx(sum(p.gain for p in picks))


def test_weights_steer_the_choice():
    grid = demand_grid(target=STRIP, cell_size=10.0)
    # Incidents west of the site weigh the west cells ×10: west first.
    incidents = point_counts(grid=grid, x=np.full(5, 75.0), y=np.full(5, 5.0))
    heavy = weighted(grid=grid, weights=1.0 + 2.0 * incidents)
    result = place_cameras(demand=heavy, sites=SITE, k=1, camera=MODEL, directions=4)
    assert result.cameras[0].camera.azimuth == 270.0
    assert result.cameras[0].gain == pytest.approx(800.0 + 10 * 100.0)  # one cell 100 m² × (1 + 2·5)


def test_demand_grid_of_lines_is_street_length():
    grid = demand_grid(target=LineString([(0, 0), (100, 0), (100, 50)]), cell_size=20.0)
    assert grid.measure == "length" and grid.total == pytest.approx(150.0)


def test_demand_grid_of_a_polygon_is_its_area():
    grid = demand_grid(target=shapely.box(0, 0, 100, 50), cell_size=10.0)
    assert grid.shape == (5, 10) and grid.total == 5000.0
    by_x = weighted(grid=grid, weights=lambda x, y: (x > 50).astype(float))
    assert by_x.total == 2500.0


@pytest.mark.parametrize(
    "kwargs", [{"k": 0}, {"directions": 0}, {"sites": np.empty((0, 2))}, {"sites": [(np.nan, 0.0)]}]
)
def test_bad_placement_requests(kwargs):
    arguments = {"demand": demand_grid(target=STRIP, cell_size=10.0), "sites": SITE, "k": 1, "camera": MODEL}
    arguments.update(kwargs)
    with pytest.raises(InvalidPlacementRequest):
        place_cameras(**arguments)
    with pytest.raises(InvalidPlacementRequest):
        demand_grid(target=STRIP, cell_size=0.0)
    assert DoriLevel.DETECT in DoriLevel
