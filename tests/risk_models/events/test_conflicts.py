"""Conflicts in time and space, with the overlap drawn."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from shapely.geometry import LineString, box

from risk_models.events.conflicts import Footprint, find_conflicts, spatial_overlap, time_overlap

T0 = datetime(2026, 6, 1, 10, 0)
H = timedelta(hours=1)


def footprint(key, geometry, start=T0, hours=2, kind="event"):
    return Footprint(
        key=key, label=f"#{key}", geometry=geometry, start=start, end=start + hours * H, kind=kind
    )


def test_time_overlap_is_half_open():
    assert time_overlap(T0, T0 + 2 * H, T0 + H, T0 + 3 * H) == (T0 + H, T0 + 2 * H)
    # One ends as the other starts: no overlap.
    assert time_overlap(T0, T0 + H, T0 + H, T0 + 2 * H) is None


def test_intersecting_squares_share_their_overlap():
    # Two 100 m squares overlapping by 50 × 100 m.
    distance, kind, overlap = spatial_overlap(box(0, 0, 100, 100), box(50, 0, 150, 100), distance_m=200)
    assert (distance, kind) == (0.0, "intersects")
    assert overlap.area == pytest.approx(5000)


def test_nearby_is_drawn_as_the_shortest_line():
    distance, kind, overlap = spatial_overlap(box(0, 0, 100, 100), box(250, 0, 300, 100), distance_m=200)
    assert (distance, kind) == (150.0, "nearby")
    assert overlap.length == pytest.approx(150)
    assert spatial_overlap(box(0, 0, 100, 100), box(301, 0, 400, 100), distance_m=200) is None


def test_find_conflicts_needs_both_time_and_space():
    subject = footprint(1, box(0, 0, 100, 100))
    others = [
        footprint(2, box(150, 0, 200, 100)),  # 50 m away, same time
        footprint(3, box(0, 0, 100, 100), start=T0 + 5 * H),  # same place, later
        footprint(4, box(1000, 0, 1100, 100)),  # same time, 900 m away
        footprint(5, LineString([(50, -50), (50, 150)]), kind="closure"),  # a closure across it
        footprint(1, box(0, 0, 100, 100)),  # the subject itself
    ]
    conflicts = find_conflicts(subject, others, distance_m=200)
    assert [(c.key, c.kind, c.overlap_kind) for c in conflicts] == [
        (5, "closure", "intersects"),
        (2, "event", "nearby"),
    ]
    # The closure's overlap is the 100 m of it inside the square.
    assert conflicts[0].overlap.length == pytest.approx(100)
    assert conflicts[1].distance_m == pytest.approx(50)
    # With a 40 m distance the 50 m neighbour drops out.
    assert [c.key for c in find_conflicts(subject, others, distance_m=40)] == [5]


def test_the_overlap_window_is_reported():
    subject = footprint(1, box(0, 0, 10, 10), hours=3)
    other = footprint(2, box(0, 0, 10, 10), start=T0 + 2 * H, hours=4)
    (conflict,) = find_conflicts(subject, [other])
    assert (conflict.overlap_start, conflict.overlap_end) == (T0 + 2 * H, T0 + 3 * H)
