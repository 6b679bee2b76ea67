"""The patrol route through hot cells: hand-worked answers on small synthetic sets.

Distances are plain straight lines (`distance=straight`) so the answers can be worked by hand,
except where the detour factor itself is checked.
"""

from __future__ import annotations

import math

import pytest

from risk_models.hotspots import DETOUR_FACTOR, InvalidParameter
from risk_models.hotspots.patrol import HotCell, _two_opt, propose_route


def straight(a, b):
    return math.hypot(a[0] - b[0], a[1] - b[1])


def cell(key, x, y, gain=1.0):
    return HotCell(key=key, x=float(x), y=float(y), gain=gain)


LINE = [cell(1, 100, 0), cell(2, 200, 0), cell(3, 1000, 0, gain=5.0)]


def test_a_short_loop_takes_the_near_cells_and_leaves_the_far_one():
    # Out to 200 m and back is 400 m; the far cell would make it 2,000 m.
    route = propose_route(LINE, start=(0, 0), max_length_m=500, distance=straight)
    # A loop may run either way along the line: both are 400 m.
    assert [c.key for c in route.stops] in ([1, 2], [2, 1])
    assert route.length_m == pytest.approx(400)
    assert route.gain == 2 and route.available_gain == 7
    assert route.gain_share == pytest.approx(2 / 7)
    assert route.path[0] == route.path[-1] == (0, 0) and len(route.path) == 4


def test_a_long_enough_loop_takes_every_cell_in_line_order():
    # 0 → 100 → 200 → 1000 → 0 = 2,000 m exactly: fits a 2,000 m limit.
    route = propose_route(LINE, start=(0, 0), max_length_m=2000, distance=straight)
    assert [c.key for c in route.stops] in ([1, 2, 3], [3, 2, 1])
    assert route.length_m == pytest.approx(2000)
    assert route.gain == 7


def test_gain_per_metre_decides_not_gain_alone():
    # From the start, A (gain 3) costs 2 × 300 = 600 m: 0.005 per m; B and C (gain 2 each) at
    # 100 m on either side: B costs 200 m (0.01 per m), then C costs 0 → C → B … a loop of
    # 400 m (extra 200 m, 0.01 per m); A then costs 516 m more (716 m > 600 m). With 600 m,
    # B and C (gain 4) beat A, which alone fits exactly and a greedy by gain would take (gain 3).
    cells = [cell(1, 300, 0, gain=3.0), cell(2, 0, 100, gain=2.0), cell(3, 0, -100, gain=2.0)]
    route = propose_route(cells, start=(0, 0), max_length_m=600, distance=straight)
    assert sorted(c.key for c in route.stops) == [2, 3]
    assert route.length_m == pytest.approx(400)
    assert route.gain == 4


def test_an_open_route_ends_where_the_length_runs_out():
    cells = [cell(1, 100, 0), cell(2, 200, 0), cell(3, 300, 0)]
    route = propose_route(cells, start=(0, 0), max_length_m=250, loop=False, distance=straight)
    assert [c.key for c in route.stops] == [1, 2]
    assert route.length_m == pytest.approx(200)
    assert route.path[-1] == (200.0, 0.0)


def test_two_opt_uncrosses_a_loop():
    # Square corners visited crosswise: 0,0 → 100,100 → 100,0 → 0,100 → 0,0 = 2·100 + 2·141.4 m;
    # uncrossed it is the square's 400 m.
    points = [(100.0, 100.0), (100.0, 0.0), (0.0, 100.0)]
    order = _two_opt([0, 1, 2], (0.0, 0.0), points, straight, True)
    path = [(0.0, 0.0), *(points[i] for i in order), (0.0, 0.0)]
    assert sum(straight(a, b) for a, b in zip(path, path[1:], strict=False)) == pytest.approx(400)


def test_the_default_distance_is_straight_lines_times_the_detour_factor():
    route = propose_route([cell(1, 100, 0)], start=(0, 0), max_length_m=1000)
    assert route.length_m == pytest.approx(200 * DETOUR_FACTOR)
    # 200 m of straight line is 260 m on the street stand-in: a 250 m limit leaves it out.
    with pytest.raises(InvalidParameter):
        propose_route([cell(1, 100, 0, gain=0.0)], start=(0, 0), max_length_m=1000)
    assert propose_route([cell(1, 100, 0)], start=(0, 0), max_length_m=250).stops == ()


def test_cold_cells_are_never_visited_and_bad_lengths_are_refused():
    route = propose_route(
        [cell(1, 10, 0, gain=-2.5), cell(2, 50, 0)], start=(0, 0), max_length_m=1000, distance=straight
    )
    assert [c.key for c in route.stops] == [2]
    for bad in (0, -5, math.inf, math.nan):
        with pytest.raises(InvalidParameter) as error:
            propose_route(LINE, start=(0, 0), max_length_m=bad, distance=straight)
        assert error.value.parameter == "max_length_m"
