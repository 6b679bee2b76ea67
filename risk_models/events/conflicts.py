"""Conflicts of an event with other events and street closures: overlapping in time, and
closer than a set distance in space, with the overlap drawn."""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from datetime import datetime

import shapely
from shapely.geometry.base import BaseGeometry


@dataclass(frozen=True)
class Footprint:
    """What an event or closure occupies: where (metres) and when (half-open [start, end))."""

    key: Hashable
    label: str
    geometry: BaseGeometry
    start: datetime
    end: datetime
    kind: str = "event"  # "event" or "closure"


@dataclass(frozen=True)
class Conflict:
    key: Hashable
    label: str
    kind: str
    distance_m: float
    overlap_start: datetime
    overlap_end: datetime
    # "intersects": the footprints share ground and `overlap` is that ground;
    # "nearby": they do not touch and `overlap` is the shortest line between them.
    overlap_kind: str
    overlap: BaseGeometry


def time_overlap(
    a_start: datetime, a_end: datetime, b_start: datetime, b_end: datetime
) -> tuple[datetime, datetime] | None:
    """The shared time window, or None; an event ending as another starts does not overlap."""
    start, end = max(a_start, b_start), min(a_end, b_end)
    return (start, end) if start < end else None


def spatial_overlap(
    a: BaseGeometry, b: BaseGeometry, *, distance_m: float
) -> tuple[float, str, BaseGeometry] | None:
    """(distance, kind, drawn overlap) when `a` and `b` are within `distance_m`, else None."""
    if a.is_empty or b.is_empty:
        return None
    distance = a.distance(b)
    if distance > distance_m:
        return None
    if distance == 0:
        shared = a.intersection(b)
        if not shared.is_empty:
            return 0.0, "intersects", shared
    return distance, "nearby", shapely.shortest_line(a, b)


def find_conflicts(
    subject: Footprint, others: Iterable[Footprint], *, distance_m: float = 200.0
) -> list[Conflict]:
    """Every other footprint overlapping the subject in time and within `distance_m`, nearest first."""
    conflicts = []
    for other in others:
        if other.key == subject.key:
            continue
        window = time_overlap(subject.start, subject.end, other.start, other.end)
        if window is None:
            continue
        near = spatial_overlap(subject.geometry, other.geometry, distance_m=distance_m)
        if near is None:
            continue
        distance, overlap_kind, overlap = near
        conflicts.append(
            Conflict(
                key=other.key,
                label=other.label,
                kind=other.kind,
                distance_m=distance,
                overlap_start=window[0],
                overlap_end=window[1],
                overlap_kind=overlap_kind,
                overlap=overlap,
            )
        )
    return sorted(conflicts, key=lambda c: (c.distance_m, c.overlap_start, str(c.key)))
