"""Route length, walking time and the streets a route crosses or follows."""

from __future__ import annotations

import pytest
from shapely.geometry import LineString, MultiLineString

from risk_models.events.errors import InvalidCrowdInput
from risk_models.events.routes import Street, group_shared_streets, route_metrics, streets_crossed


def test_length_and_walking_time_at_procession_pace():
    route = LineString([(0, 0), (3000, 0), (3000, 1500)])  # 4.5 km
    metrics = route_metrics(route)
    assert metrics.length_m == pytest.approx(4500)
    # 4.5 km at 3 km/h is 90 minutes.
    assert metrics.walking_minutes == pytest.approx(90)
    assert route_metrics(route, pace_kmh=4.5).walking_minutes == pytest.approx(60)
    with pytest.raises(InvalidCrowdInput):
        route_metrics(route, pace_kmh=0)


def test_crossings_and_followed_streets_in_route_order():
    route = LineString([(0, 0), (1000, 0)])
    streets = [
        Street("b", "Cross street at 700 m", LineString([(700, -300), (700, 300)])),
        Street("a", "Cross street at 200 m", LineString([(200, -300), (200, 300)])),
        # Runs along the route from 400 to 600 m, 5 m beside it.
        Street("c", "Parallel street", LineString([(400, 5), (600, 5)])),
        Street("d", "Far street", LineString([(0, 500), (1000, 500)])),
        # Two carriageways 10 m apart count as one crossing.
        Street(
            "e", "Dual carriageway", MultiLineString([[(900, -300), (900, 300)], [(910, -300), (910, 300)]])
        ),
    ]
    result = streets_crossed(route, streets, along_tolerance_m=15)
    assert [(s.key, s.crossings) for s in result] == [("a", 1), ("c", 0), ("b", 1), ("e", 1)]
    parallel = result[1]
    # 200 m of street, plus where the 15 m round caps cut a line 5 m off the street:
    # √(15² − 5²) = 14.14 m at each end (a buffer's polygon is a little inside its circle).
    assert parallel.along_m == pytest.approx(200 + 2 * (15**2 - 5**2) ** 0.5, abs=0.5)
    assert result[0].points[0].coords[0] == pytest.approx((200, 0))


def test_a_street_that_only_comes_near_is_not_crossed():
    route = LineString([(0, 0), (1000, 0)])
    near = Street("n", "Ends 10 m short", LineString([(500, 10), (500, 300)]))
    assert streets_crossed(route, [near]) == []


def test_lines_sharing_a_street_are_grouped():
    route = LineString([(0, 0), (1000, 0)])
    streets = [
        Street("t1", "Тролейбус 1", LineString([(300, -300), (300, 300)])),
        Street("t2", "Тролейбус 2", LineString([(305, -300), (305, 300)])),  # the other direction
        Street("tr5", "Трамвай 5", LineString([(310, -300), (310, 300)])),
        Street("b9", "Автобус 9", LineString([(700, -300), (700, 300)])),
    ]
    grouped = group_shared_streets(streets_crossed(route, streets), within_m=30)
    assert [(g.name, g.crossings) for g in grouped] == [("Тролейбус 1, 2; Трамвай 5", 1), ("Автобус 9", 1)]
