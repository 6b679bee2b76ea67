"""Hexagonal grid and Getis-Ord Gi*, checked against answers worked by hand."""

from __future__ import annotations

import math

import numpy as np
import pytest
import shapely

from risk_models.hotspots import InvalidParameter, TooFewIncidents, gi_star, gi_star_z, hex_grid

SQUARE = shapely.box(0, 0, 2000, 2000)


def test_hexagons_tile_the_area_with_six_neighbours_one_width_apart():
    grid = hex_grid(SQUARE, size_m=250)
    # A 250 m hexagon (across the flats) covers √3/2 · 250² = 54,126.6 m²: 74 fill 4 km², and the
    # cells that reach over the edges are kept too, so together they cover the whole square.
    assert grid.cell_area_m2 == pytest.approx(54_126.6, abs=0.1)
    assert 74 <= grid.count <= 100
    assert shapely.union_all(grid.polygons()).intersection(SQUARE).area == pytest.approx(
        SQUARE.area, rel=1e-6
    )
    neighbours = grid.neighbours()
    interior = [i for i, near in enumerate(neighbours) if len(near) == 6]
    assert interior, "an interior cell has all six neighbours"
    i = interior[0]
    for j in neighbours[i]:
        assert math.hypot(grid.x[i] - grid.x[j], grid.y[i] - grid.y[j]) == pytest.approx(250)
    polygon = grid.polygons()[i]
    assert polygon.area == pytest.approx(grid.cell_area_m2)
    assert polygon.contains(shapely.Point(grid.x[i], grid.y[i]))


def test_points_are_counted_in_the_hexagon_that_holds_them():
    grid = hex_grid(SQUARE, size_m=250)
    i = 10
    # The centre, a point 100 m off it (inside: the inscribed circle has radius 125 m), and one far away.
    x = np.array([grid.x[i], grid.x[i] + 100, 10_000.0])
    y = np.array([grid.y[i], grid.y[i], 10_000.0])
    assert list(grid.cell_of(x, y)) == [i, i, -1]
    counts = grid.counts(x, y)
    assert counts[i] == 2 and counts.sum() == 2


def test_a_cell_too_small_is_refused_with_the_parameter_named():
    with pytest.raises(InvalidParameter) as error:
        hex_grid(SQUARE, size_m=0)
    assert error.value.parameter == "cell_size_m"


# Five cells in a row, each the neighbour of the next; counts 1, 2, 9, 2, 1.
# n = 5, x̄ = 3, Σx²/n = 91/5 = 18.2, S = √(18.2 − 9) = √9.2 = 3.033150.
# Cell 2 with cells 1 and 3: Σx = 13, W = 3: z = (13 − 3·3) / (S·√((5·3 − 3²)/4)) = 4 / 3.714835 = 1.076763.
# Cell 0 with cell 1:        Σx = 3,  W = 2: z = (3 − 3·2) / (S·√((5·2 − 2²)/4)) = −3 / 3.714835 = −0.807573.
ROW = [[1], [0, 2], [1, 3], [2, 4], [3]]
COUNTS = np.array([1.0, 2.0, 9.0, 2.0, 1.0])


def test_gi_star_z_by_hand():
    z = gi_star_z(COUNTS, ROW)
    assert z[2] == pytest.approx(1.076763, abs=1e-6)
    assert z[0] == pytest.approx(-0.807573, abs=1e-6)
    assert z[4] == pytest.approx(z[0])


def test_esda_gives_the_same_z_scores_as_the_formula():
    result = gi_star(COUNTS, ROW, min_incidents=1)
    assert result.z == pytest.approx(gi_star_z(COUNTS, ROW), abs=1e-9)
    # Two-sided p of z = 1.076763 is 0.28159: nothing is significant among five cells.
    assert result.p[2] == pytest.approx(0.281590, abs=1e-5)
    assert not result.bins.any()


def test_a_strong_cluster_is_hot_at_99_percent_after_the_fdr_correction():
    grid = hex_grid(shapely.box(0, 0, 5000, 5000), size_m=250)
    rng = np.random.default_rng(7)
    # 300 incidents spread evenly, and 200 more within 150 m of one place.
    x = np.concatenate([rng.uniform(0, 5000, 300), 2500 + rng.normal(0, 75, 200)])
    y = np.concatenate([rng.uniform(0, 5000, 300), 2500 + rng.normal(0, 75, 200)])
    result = gi_star(grid.counts(x, y), grid.neighbours())
    centre = int(grid.cell_of(np.array([2500.0]), np.array([2500.0]))[0])
    assert result.bins[centre] == 3
    assert result.p[centre] <= result.thresholds[0.99]
    # Far from the cluster, no cell is called hot.
    far = np.hypot(grid.x - 2500, grid.y - 2500) > 1500
    assert not result.hot[far].any()
    assert result.incidents == 500


def test_too_few_incidents_say_so_instead_of_showing_noise():
    with pytest.raises(TooFewIncidents) as error:
        gi_star(np.array([1.0, 0, 3, 0, 2]), ROW)
    assert (error.value.found, error.value.needed) == (6, 30)
