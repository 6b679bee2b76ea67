"""Coverage of a target (area, route or street network) by camera fields of view, per DORI level."""

from __future__ import annotations

from collections.abc import Collection, Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import shapely
from shapely import STRtree
from shapely.geometry import GeometryCollection

from .dori import LEVELS, DoriLevel
from .errors import InvalidTarget
from .fieldset import FieldSet, FieldsMapping, as_field_set

Measure = Literal["area", "length"]
_POLYGONAL, _LINEAL = (3, 6), (1, 2, 5)
# Line pieces shorter than this (m) in a gap are overlay noise where a polygon edge grazes a line.
_MIN_GAP_LENGTH = 1e-6


@dataclass(frozen=True, slots=True)
class LevelCoverage:
    """How much of the target is seen at this DORI level or better, and what is not."""

    level: DoriLevel
    covered: float  # m² (area targets) or m (lines)
    share: float  # covered / total, 0…1
    covered_geometry: shapely.Geometry
    coverage_gap: shapely.Geometry  # the uncovered part of the target (сляпа зона)
    cameras: tuple[Hashable, ...]  # ids of the cameras whose field at this level meets the target


@dataclass(frozen=True, slots=True)
class CoverageReport:
    """Coverage of one target at each requested DORI level."""

    measure: Measure
    total: float  # the target's area (m²) or length (m)
    levels: dict[DoriLevel, LevelCoverage]

    def share(self, level: DoriLevel | str) -> float:
        """Share of the target seen at `level` or better."""
        return self.levels[DoriLevel(level)].share


@dataclass(frozen=True, slots=True)
class LevelOutage:
    """What one DORI level loses when the chosen cameras go offline."""

    level: DoriLevel
    share_before: float
    share_after: float
    lost: float  # m² or m seen before, seen by no remaining camera after
    lost_geometry: shapely.Geometry
    cameras: tuple[Hashable, ...]  # the offline cameras whose field at this level met the target


@dataclass(frozen=True, slots=True)
class OutageImpact:
    """Coverage lost per DORI level if the given cameras go offline."""

    measure: Measure
    total: float
    levels: dict[DoriLevel, LevelOutage]


def measure_of(target: shapely.Geometry) -> Measure:
    """'area' for polygonal targets, 'length' for lineal ones; InvalidTarget otherwise."""
    if target is None or target.is_empty:
        raise InvalidTarget("The coverage target is empty.")
    kind = shapely.get_type_id(target)
    if kind in _POLYGONAL:
        return "area"
    if kind in _LINEAL:
        return "length"
    raise InvalidTarget(f"A coverage target must be a polygon or a line, not a {target.geom_type}.")


def _size(geometry: shapely.Geometry, measure: Measure) -> float:
    return float(geometry.area if measure == "area" else geometry.length)


def _seen(target: shapely.Geometry, fields: np.ndarray, measure: Measure) -> shapely.Geometry:
    """The part of `target` inside the union of `fields`."""
    if not len(fields):
        return GeometryCollection()
    if measure == "length":
        # Clip the line by each field and dissolve the pieces: cheaper than a union of polygons.
        return shapely.union_all(shapely.intersection(target, fields))
    # Fields wholly inside the target need no clipping; only those across its edge are clipped,
    # so the big union never has to be intersected with the (often detailed) target afterwards.
    inside = shapely.contains_properly(target, fields)
    clipped = shapely.intersection(target, fields[~inside])
    pieces = np.concatenate((fields[inside], clipped))
    return union_by_clusters(pieces[~shapely.is_empty(pieces)])


def clusters(geometries: np.ndarray) -> np.ndarray:
    """A label per geometry: geometries that meet (directly or through others) share a label."""
    n = len(geometries)
    labels = np.arange(n)
    if n < 2:
        return labels
    a, b = STRtree(geometries).query(geometries, predicate="intersects")
    a, b = a[a != b], b[a != b]
    # Label propagation: every pair takes the smaller label until nothing changes (a few rounds).
    while len(a):
        before = labels.copy()
        np.minimum.at(labels, a, labels[b])
        labels = labels[labels]  # jump to the label's own label (path halving)
        if np.array_equal(labels, before):
            break
    return labels


def union_by_clusters(polygons: np.ndarray) -> shapely.Geometry:
    """The union of polygons, computed per cluster of polygons that meet.

    Fields of view are mostly apart: a field that meets no other is its own union, and the
    overlay runs only over the groups that overlap, not over the whole city at once. The
    clusters do not meet one another, so their parts form a valid MultiPolygon as they are.
    """
    if len(polygons) < 2:
        return shapely.union_all(polygons)
    labels = clusters(polygons)
    order = np.argsort(labels, kind="stable")
    ordered, sorted_labels = polygons[order], labels[order]
    starts = np.flatnonzero(np.r_[True, sorted_labels[1:] != sorted_labels[:-1]])
    ends = np.r_[starts[1:], len(ordered)]
    pieces = [
        ordered[start] if end - start == 1 else shapely.union_all(ordered[start:end])
        for start, end in zip(starts, ends, strict=True)
    ]
    parts = shapely.get_parts(np.array(pieces, dtype=object))
    parts = parts[shapely.get_type_id(parts) == 3]
    return shapely.multipolygons(parts) if len(parts) else GeometryCollection()


def _gap(target: shapely.Geometry, seen: shapely.Geometry, measure: Measure) -> shapely.Geometry:
    gap = target.difference(seen) if not seen.is_empty else target
    if measure == "length" and not gap.is_empty:
        parts = shapely.get_parts(gap)
        gap = shapely.multilinestrings(parts[shapely.length(parts) > _MIN_GAP_LENGTH])
    return gap


def coverage_of(
    *, target: shapely.Geometry, fields: FieldSet | FieldsMapping, levels: Sequence[DoriLevel] = LEVELS
) -> CoverageReport:
    """Share of a polygon (area) or a line / route (length) seen at each DORI level, gaps and cameras."""
    measure = measure_of(target)
    field_set = as_field_set(fields)
    total = _size(target, measure)
    shapely.prepare(target)
    report = {}
    for level in map(DoriLevel, levels):
        index = field_set.meeting(level=level, geometry=target)
        seen = _seen(target, field_set.geometries[level][index], measure)
        covered = _size(seen, measure)
        report[level] = LevelCoverage(
            level=level,
            covered=covered,
            share=min(covered / total, 1.0) if total > 0 else 0.0,
            covered_geometry=seen,
            coverage_gap=_gap(target, seen, measure),
            cameras=tuple(field_set.camera_ids[index]),
        )
    return CoverageReport(measure=measure, total=total, levels=report)


def coverage_of_polygon(
    *, target: shapely.Geometry, fields: FieldSet | FieldsMapping, levels: Sequence[DoriLevel] = LEVELS
) -> CoverageReport:
    """Coverage of a district, area, event perimeter or drawn polygon (shares of its area)."""
    if measure_of(target) != "area":
        raise InvalidTarget(f"Expected a polygon, got a {target.geom_type}.")
    return coverage_of(target=target, fields=fields, levels=levels)


def coverage_of_line(
    *, target: shapely.Geometry, fields: FieldSet | FieldsMapping, levels: Sequence[DoriLevel] = LEVELS
) -> CoverageReport:
    """Coverage of a line or route (shares of its length)."""
    if measure_of(target) != "length":
        raise InvalidTarget(f"Expected a line, got a {target.geom_type}.")
    return coverage_of(target=target, fields=fields, levels=levels)


def street_network(
    *, streets: Iterable[shapely.Geometry], within: shapely.Geometry | None = None
) -> shapely.Geometry:
    """Streets clipped to `within` and dissolved into one MultiLineString (shared stretches counted once)."""
    lines = np.asarray(list(streets), dtype=object)
    if within is not None:
        lines = shapely.intersection(lines, within)
    lines = lines[np.isin(shapely.get_type_id(lines), _LINEAL) & ~shapely.is_empty(lines)]
    if not len(lines):
        raise InvalidTarget("No street lies inside the given area.")
    merged = shapely.line_merge(shapely.union_all(lines))
    return merged


def coverage_of_network(
    *,
    streets: Iterable[shapely.Geometry],
    within: shapely.Geometry | None = None,
    fields: FieldSet | FieldsMapping,
    levels: Sequence[DoriLevel] = LEVELS,
) -> CoverageReport:
    """Coverage of a street network inside a polygon (shares of street length)."""
    return coverage_of(target=street_network(streets=streets, within=within), fields=fields, levels=levels)


def outage_impact(
    *,
    target: shapely.Geometry,
    fields: FieldSet | FieldsMapping,
    offline: Collection[Hashable],
    levels: Sequence[DoriLevel] = LEVELS,
    before: CoverageReport | None = None,
) -> OutageImpact:
    """Coverage of `target` lost at each level if the `offline` cameras stop (others unchanged)."""
    measure = measure_of(target)
    field_set = as_field_set(fields)
    before = before or coverage_of(target=target, fields=field_set, levels=levels)
    total = before.total
    down = field_set.indices_of(offline)
    shapely.prepare(target)
    impact = {}
    for level in map(DoriLevel, levels):
        geometries = field_set.geometries[level]
        relevant = down[shapely.intersects(geometries[down], target)] if len(down) else down
        lost_geometry = GeometryCollection()
        if len(relevant):
            # Only the offline fields and the remaining fields overlapping them decide what is lost:
            # no need to redo the union of every camera over the target.
            lost_before = _seen(target, geometries[relevant], measure)
            neighbours = np.setdiff1d(field_set.meeting(level=level, geometry=lost_before), down)
            still_seen = (
                shapely.union_all(geometries[neighbours]) if len(neighbours) else GeometryCollection()
            )
            lost_geometry = lost_before.difference(still_seen) if not still_seen.is_empty else lost_before
        lost = _size(lost_geometry, measure)
        share_before = before.levels[level].share
        impact[level] = LevelOutage(
            level=level,
            share_before=share_before,
            share_after=max(share_before - (lost / total if total > 0 else 0.0), 0.0),
            lost=lost,
            lost_geometry=lost_geometry,
            cameras=tuple(field_set.camera_ids[relevant]),
        )
    return OutageImpact(measure=measure, total=total, levels=impact)
