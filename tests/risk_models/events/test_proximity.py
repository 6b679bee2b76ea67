"""Sites near an event, the nearest station per service, risk zones and camera coverage."""

from __future__ import annotations

import pytest
from shapely.geometry import LineString, Point, box

from risk_models.events.proximity import Site, coverage, nearest_per_kind, sites_within, zones_intersecting

SQUARE = box(0, 0, 100, 100)


def test_sites_within_distance_nearest_first_and_inside_is_zero():
    sites = [
        Site(1, "Hospital 250 m east", "hospital", Point(350, 50)),
        Site(2, "School inside", "school", Point(50, 50)),
        Site(3, "Bank 301 m north", "critical", Point(50, 401)),
    ]
    near = sites_within(SQUARE, sites, distance_m=300)
    assert [(s.key, s.distance_m) for s in near] == [(2, 0.0), (1, pytest.approx(250))]


def test_nearest_per_kind_reports_missing_kinds_as_none():
    stations = [
        Site("p1", "Police far", "police", Point(5000, 0)),
        Site("p2", "Police near", "police", Point(300, 0)),
        Site("f1", "Fire", "fire", Point(0, 1100)),
    ]
    nearest = nearest_per_kind(SQUARE, stations, kinds=("police", "fire", "ambulance"))
    assert nearest["police"].name == "Police near"
    assert nearest["police"].distance_m == pytest.approx(200)
    assert nearest["fire"].distance_m == pytest.approx(1000)
    assert nearest["ambulance"] is None


def test_zones_intersecting_measure_the_shared_part():
    zones = [
        Site("z1", "Flood zone", "flood", box(50, 0, 200, 100)),  # covers half the square
        Site("z2", "Far zone", "landslide", box(500, 500, 600, 600)),
    ]
    (hit,) = zones_intersecting(SQUARE, zones)
    assert (hit.key, hit.shared_area_m2) == ("z1", pytest.approx(5000))
    route_hit = zones_intersecting(LineString([(0, 50), (100, 50)]), zones)[0]
    assert route_hit.shared_length_m == pytest.approx(50)


def test_coverage_share_by_area_and_by_length():
    seen = [box(0, 0, 25, 100), box(0, 0, 50, 100)]  # overlapping views count once
    assert coverage(SQUARE, seen).share == pytest.approx(0.5)
    route = LineString([(0, 50), (400, 50)])
    covered = coverage(route, seen)
    assert (covered.measure, covered.covered, covered.share) == (
        "length",
        pytest.approx(50),
        pytest.approx(0.125),
    )
    assert coverage(route, []).share == 0.0
