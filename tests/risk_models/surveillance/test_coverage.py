"""Coverage shares, gaps and outage impact on squares whose answers are worked out by hand."""

from __future__ import annotations

import math

import pytest
import shapely
from shapely.geometry import LineString, Point, Polygon

from risk_models.surveillance import (
    DoriLevel,
    FieldSet,
    InvalidTarget,
    coverage_of,
    coverage_of_line,
    coverage_of_network,
    coverage_of_polygon,
    fields_of_view,
    outage_impact,
)

from .scenes import FINE, camera, sector_area

TARGET = shapely.box(0, 0, 100, 100)  # 10,000 m²
# Camera "a" sees the west 60 m at detect level and a 30 m square at observe; "b" sees the
# south-east 60 × 50 m at detect only; "far" sees nothing of the target.
FIELDS = {
    "a": {DoriLevel.DETECT: shapely.box(0, 0, 60, 100), DoriLevel.OBSERVE: shapely.box(0, 0, 30, 30)},
    "b": {"detect": shapely.box(40, 0, 100, 50)},  # string keys work too
    "far": {DoriLevel.DETECT: shapely.box(500, 500, 600, 600)},
}


def test_polygon_shares_gaps_and_cameras():
    report = coverage_of_polygon(target=TARGET, fields=FIELDS)
    assert report.measure == "area" and report.total == pytest.approx(10_000)
    detect = report.levels[DoriLevel.DETECT]
    # 6,000 + 3,000 − their 20 × 50 overlap = 8,000 m²
    assert detect.covered == pytest.approx(8_000) and detect.share == pytest.approx(0.8)
    assert detect.coverage_gap.area == pytest.approx(2_000)
    assert detect.coverage_gap.equals(shapely.box(60, 50, 100, 100))
    assert set(detect.cameras) == {"a", "b"}
    assert report.share("observe") == pytest.approx(0.09)
    assert report.levels[DoriLevel.OBSERVE].cameras == ("a",)
    assert report.share(DoriLevel.IDENTIFY) == 0.0
    assert report.levels[DoriLevel.IDENTIFY].coverage_gap.equals(TARGET)


def test_fields_reaching_past_the_target_are_clipped():
    # Half of a 200 m wide field lies outside the target.
    report = coverage_of(target=TARGET, fields={"wide": {DoriLevel.DETECT: shapely.box(-100, 0, 100, 50)}})
    assert report.share(DoriLevel.DETECT) == pytest.approx(0.5)


def test_route_share_is_by_length():
    route = LineString([(0, 75), (100, 75)])  # crosses a's field for 60 m, misses b's
    report = coverage_of_line(target=route, fields=FIELDS)
    detect = report.levels[DoriLevel.DETECT]
    assert report.measure == "length" and report.total == pytest.approx(100)
    assert detect.share == pytest.approx(0.6)
    assert detect.coverage_gap.length == pytest.approx(40)
    assert detect.cameras == ("a",)


def test_street_network_inside_a_polygon_counts_shared_streets_once():
    streets = [
        LineString([(-100, 25), (200, 25)]),
        LineString([(-100, 25), (200, 25)]),  # the same street twice, as from two data sources
        LineString([(50, -50), (50, 150)]),
    ]
    report = coverage_of_network(streets=streets, within=TARGET, fields=FIELDS)
    # Inside the square: 100 m of each street, 200 m in all; a covers x ≤ 60 of the first
    # (60 m) and all of the second (x = 50): 160 m; b adds x 60…100 at y = 25: 40 m.
    assert report.total == pytest.approx(200)
    assert report.share(DoriLevel.DETECT) == pytest.approx(1.0)
    only_a = coverage_of_network(streets=streets, within=TARGET, fields={"a": FIELDS["a"]})
    assert only_a.share(DoriLevel.DETECT) == pytest.approx(0.8)


def test_outage_impact():
    field_set = FieldSet(FIELDS)
    # a offline: its 6,000 m² minus the 1,000 m² b still sees → 5,000 m² lost; 0.8 → 0.3.
    impact = outage_impact(target=TARGET, fields=field_set, offline=["a"])
    detect = impact.levels[DoriLevel.DETECT]
    assert detect.lost == pytest.approx(5_000)
    assert (detect.share_before, detect.share_after) == (pytest.approx(0.8), pytest.approx(0.3))
    assert detect.lost_geometry.equals(shapely.box(0, 0, 40, 100).union(shapely.box(40, 50, 60, 100)))
    assert impact.levels[DoriLevel.OBSERVE].lost == pytest.approx(900)
    assert impact.levels[DoriLevel.OBSERVE].share_after == pytest.approx(0.0)
    # b offline: 3,000 − 1,000 = 2,000 m²; cameras that never saw the target change nothing.
    impact = outage_impact(target=TARGET, fields=field_set, offline=["b", "far", "unknown-id"])
    assert impact.levels[DoriLevel.DETECT].lost == pytest.approx(2_000)
    assert impact.levels[DoriLevel.DETECT].share_after == pytest.approx(0.6)
    assert impact.levels[DoriLevel.DETECT].cameras == ("b",)


def test_outage_of_a_route():
    route = LineString([(0, 75), (100, 75)])
    impact = outage_impact(target=route, fields=FIELDS, offline=["a"])
    assert impact.levels[DoriLevel.DETECT].lost == pytest.approx(60)
    assert impact.levels[DoriLevel.DETECT].share_after == pytest.approx(0.0)


def test_coverage_by_real_fields_of_view():
    # Two open 90° sectors (r = 38.4 m) back to back, both inside a 200 m square.
    fields = {
        "north": fields_of_view(camera=camera(x=100.0, y=100.0, azimuth=0.0), settings=FINE),
        "south": fields_of_view(camera=camera(x=100.0, y=100.0, azimuth=180.0), settings=FINE),
    }
    report = coverage_of(target=shapely.box(0, 0, 200, 200), fields=fields)
    expected = 2 * sector_area(fov_degrees=90, radius=38.4) / 40_000
    assert report.share(DoriLevel.DETECT) == pytest.approx(expected, rel=1e-6)


def test_bad_targets():
    with pytest.raises(InvalidTarget):
        coverage_of(target=Point(0, 0), fields=FIELDS)
    with pytest.raises(InvalidTarget):
        coverage_of(target=Polygon(), fields=FIELDS)
    with pytest.raises(InvalidTarget):
        coverage_of_line(target=TARGET, fields=FIELDS)
    with pytest.raises(InvalidTarget):
        coverage_of_network(streets=[LineString([(500, 0), (600, 0)])], within=TARGET, fields=FIELDS)
    assert issubclass(InvalidTarget, ValueError) and not math.isnan(0.0)
