"""Crowd density and egress, with hand-computed answers."""

from __future__ import annotations

import pytest
from shapely.geometry import LineString, box

from risk_models.events.crowd import (
    DensityLevel,
    DensityThresholds,
    crowd_density,
    egress_time,
    gathering_capacity,
    procession_column,
    usable_area,
)
from risk_models.events.errors import InvalidCrowdInput


@pytest.mark.parametrize(
    ("participants", "level"),
    [
        (2000, DensityLevel.COMFORTABLE),  # 2 p/m² exactly is still comfortable (≤ 2)
        (2001, DensityLevel.DENSE),
        (4000, DensityLevel.DENSE),  # 4 p/m² is the upper edge of dense
        (4001, DensityLevel.DANGEROUS),
    ],
)
def test_density_levels_on_1000_m2(participants, level):
    result = crowd_density(participants=participants, usable_area_m2=1000.0)
    assert result.persons_per_m2 == pytest.approx(participants / 1000)
    assert result.level == level
    # Design capacity: 1000 m² × 2 persons/m².
    assert result.capacity == 2000


def test_thresholds_are_configurable():
    strict = DensityThresholds(comfortable=1.0, dangerous=2.0)
    assert (
        crowd_density(participants=1500, usable_area_m2=1000, thresholds=strict).level == DensityLevel.DENSE
    )
    assert crowd_density(participants=1500, usable_area_m2=1000, thresholds=strict).capacity == 1000


def test_contradictory_thresholds_and_bad_area_are_refused():
    with pytest.raises(InvalidCrowdInput):
        DensityThresholds(comfortable=5, dangerous=4)
    with pytest.raises(InvalidCrowdInput):
        crowd_density(participants=10, usable_area_m2=0)
    with pytest.raises(InvalidCrowdInput):
        crowd_density(participants=-1, usable_area_m2=10)


def test_usable_area_prefers_declared_then_perimeter_then_route():
    square = box(0, 0, 100, 50)  # 5,000 m²
    assert usable_area(perimeter=square).area_m2 == pytest.approx(5000)
    assert usable_area(perimeter=square, declared_m2=3000).basis == "declared"
    # Declaring more ground than was drawn is capped at the drawing.
    capped = usable_area(perimeter=square, declared_m2=9000)
    assert (capped.area_m2, capped.basis) == (pytest.approx(5000), "perimeter")
    # A 1,200 m route 10 m wide gives 12,000 m².
    route = usable_area(route=LineString([(0, 0), (1200, 0)]), route_width_m=10)
    assert (route.area_m2, route.basis) == (pytest.approx(12000), "route")
    assert usable_area(route=LineString([(0, 0), (1200, 0)])) is None


def test_egress_discounts_the_largest_exit():
    # Exits 4 + 3 + 3 m; without the 4 m one, 6 m pass 82 × 6 = 492 persons a minute.
    result = egress_time(participants=5000, exit_widths_m=[4, 3, 3])
    assert result.usable_width_m == pytest.approx(6)
    assert result.minutes == pytest.approx(5000 / 492)  # 10.16 min
    assert result.meets_target is False
    # All three open: 82 × 10 = 820 a minute, 6.10 min.
    assert result.minutes_all_exits == pytest.approx(5000 / 820)
    # The default target is the Green Guide's 8 minutes: 4000 / 492 = 8.13 min misses it,
    # 3900 / 492 = 7.93 min meets it.
    assert result.target_minutes == 8.0
    assert egress_time(participants=4000, exit_widths_m=[4, 3, 3]).meets_target is False
    assert egress_time(participants=3900, exit_widths_m=[4, 3, 3]).meets_target is True


def test_a_procession_is_a_moving_column():
    # 5,000 marchers, 10 m wide street, 2 persons/m²: a column of 5000 / (10 × 2) = 250 m.
    # On a 3 km route it fits: density stays 2/m² (not 5000 / 30,000 = 0.17), and it passes a
    # point in 250 m / 50 m a minute (3 km/h) = 5 minutes.
    column = procession_column(participants=5000, width_m=10, route_length_m=3000, pace_kmh=3.0)
    assert column.column_length_m == pytest.approx(250)
    assert (column.fits, column.persons_per_m2, column.level) == (True, 2.0, DensityLevel.COMFORTABLE)
    assert column.passing_minutes == pytest.approx(5.0)
    # 5,000 on a 200 m route: it does not fit; 5000 / (10 × 200) = 2.5/m², dense.
    short = procession_column(participants=5000, width_m=10, route_length_m=200, pace_kmh=3.0)
    assert (short.fits, short.persons_per_m2, short.level) == (False, 2.5, DensityLevel.DENSE)
    with pytest.raises(InvalidCrowdInput):
        procession_column(participants=10, width_m=0, route_length_m=100, pace_kmh=3.0)


def test_gathering_area_capacity():
    # 1,500 m² of street at 2/m² holds 3,000: 2,500 fit, 3,500 do not.
    assert gathering_capacity(participants=2500, area_m2=1500).fits is True
    assert gathering_capacity(participants=3500, area_m2=1500).capacity == 3000
    assert gathering_capacity(participants=3500, area_m2=1500).fits is False


def test_a_single_exit_leaves_no_width_once_discounted():
    result = egress_time(participants=300, exit_widths_m=[5])
    assert result.minutes is None
    assert result.meets_target is False
    assert egress_time(participants=300, exit_widths_m=[5], discount_largest=False).minutes == pytest.approx(
        300 / 410
    )


def test_egress_refuses_a_zero_width_exit():
    with pytest.raises(InvalidCrowdInput, match="exit width"):
        egress_time(participants=10, exit_widths_m=[2, 0])
