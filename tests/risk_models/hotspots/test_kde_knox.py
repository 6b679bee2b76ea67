"""Kernel density and the Knox test, against answers worked by hand."""

from __future__ import annotations

import math

import numpy as np
import pytest

from risk_models.hotspots import InvalidParameter, TooFewIncidents, kernel_density, knox_test, quartic


def test_quartic_kernel_by_hand():
    # K(0) = 3 / (π h²); at half the bandwidth (1 − ¼)² = 9/16 of that; nothing at h.
    h = 500.0
    assert quartic(np.array([0.0]), h)[0] == pytest.approx(3 / (math.pi * h**2))
    assert quartic(np.array([250.0]), h)[0] == pytest.approx(3 / (math.pi * h**2) * 9 / 16)
    assert quartic(np.array([500.0, 800.0]), h).tolist() == [0.0, 0.0]


def test_one_incident_spreads_one_incident_over_the_bandwidth():
    raster = kernel_density(
        np.array([1025.0]), np.array([1025.0]), bounds=(0, 0, 2000, 2000), cell_m=50, bandwidth_m=500
    )
    density = raster.density_per_km2
    # The whole raster adds up to the one incident: Σ density · cell area = 1.
    assert (density * 50 * 50 / 1e6).sum() == pytest.approx(1.0, rel=1e-6)
    # At the incident: 3 / (π · 500²) per m² = 3.8197 per km² (the discrete stencil is within 1 %).
    assert density.max() == pytest.approx(3 / (math.pi * 500**2) * 1e6, rel=0.01)
    # Beyond the bandwidth, nothing.
    row, column = np.unravel_index(density.argmax(), density.shape)
    assert density[row, column + 11] == 0.0  # 550 m east
    assert raster.positional_error_m == pytest.approx(35.36, abs=0.01)


def test_a_bandwidth_of_zero_is_refused():
    with pytest.raises(InvalidParameter) as error:
        kernel_density(np.array([1.0]), np.array([1.0]), bounds=(0, 0, 100, 100), cell_m=50, bandwidth_m=0)
    assert error.value.parameter == "bandwidth_m"


# Ten incidents: two 50 m apart on days 0 and 2; eight more, each over a kilometre from every
# other, on days 100, 200, …, 800. Within 100 m and 7 days there is one pair: observed 1.
# Shuffling the days among the ten, that pair gets two of the ten days at random: of the
# C(10, 2) = 45 pairs of days only (0, 2) is within 7 days, so expected = 1/45 = 0.0222,
# the ratio is about 45, and about 1 shuffle in 45 reaches 1: p ≈ (1 + 999/45) / 1000 ≈ 0.023.
X = np.array([0.0, 50.0] + [2000.0 * k for k in range(1, 9)])
Y = np.zeros(10)
DAYS = np.array([0.0, 2.0] + [100.0 * k for k in range(1, 9)])


def test_knox_by_hand():
    result = knox_test(X, Y, DAYS, distance_m=100, days=7)
    assert result.observed == 1
    assert result.expected == pytest.approx(1 / 45, abs=0.01)
    assert result.ratio > 20
    assert 0.01 < result.p_value < 0.05


def test_knox_without_interaction():
    # The same places with the close pair's days far apart: no close pair at all.
    days = DAYS.copy()
    days[1] = 450.0
    result = knox_test(X, Y, days, distance_m=100, days=7)
    assert result.observed == 0
    assert result.p_value == 1.0


def test_knox_needs_enough_incidents():
    with pytest.raises(TooFewIncidents):
        knox_test(X[:5], Y[:5], DAYS[:5], distance_m=100, days=7)
