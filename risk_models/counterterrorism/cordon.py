"""Stand-off cordons: what lies inside the NCTC rings around a device, where the rings cross
streets, and where people assemble outside them.

Rings: inner — mandatory evacuation (everyone leaves); outer — shelter in place, from the inner
ring to the preferred evacuation distance. Around a point the rings are circles; around a site
footprint or an event perimeter they are buffers of it (the device may be anywhere at its edge).

People: night = residents of the population grid cells whose centres fall in the ring; day =
residents × DAY_RESIDENT_SHARE + the crowd at the crowded places inside (weekday figure).
DAY_RESIDENT_SHARE = 0.6 is an assumption (residents at home on a working day), as is the
walking speed of 1.2 m/s for an evacuation (slower than the usual 1.4 m/s, for crowds).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import shapely

from .approaches import edge_lines
from .errors import CounterTerrorismError
from .network import StreetGraph, shortest_path
from .standoff import Device

DAY_RESIDENT_SHARE = 0.6
WALK_M_PER_S = 1.2
ASSEMBLY_MARGIN_M = 50.0
CORDON_MERGE_M = 20.0


@dataclass(frozen=True)
class PointSet:
    xy: np.ndarray  # (n, 2) metres
    labels: Sequence[str] = ()
    values: np.ndarray | None = None  # a quantity per point (people, capacity)


@dataclass(frozen=True)
class RingContents:
    key: str  # "evacuation" or "shelter"
    radius_m: float
    area: shapely.Geometry
    counts: dict[str, int]
    people_day: int
    people_night: int
    items: dict[str, list[int]]  # indices into each named point set


@dataclass(frozen=True)
class AssemblyPoint:
    index: int
    label: str
    capacity: int
    walk_m: float
    walk_min: float
    route: shapely.LineString | None


@dataclass(frozen=True)
class Cordon:
    device: Device
    source: shapely.Geometry
    rings: tuple[RingContents, RingContents]
    cordon_points: tuple[tuple[str, float, float], ...]  # (ring, x, y)
    assembly: tuple[AssemblyPoint, ...]


def _distances(source: shapely.Geometry, xy: np.ndarray, limit: float = np.inf) -> np.ndarray:
    """Distance of each point from the source; points beyond `limit` of its box are left at inf."""
    if len(xy) == 0:
        return np.zeros(0)
    if source.geom_type == "Point":
        return np.hypot(xy[:, 0] - source.x, xy[:, 1] - source.y)
    minx, miny, maxx, maxy = source.bounds
    near = (
        (xy[:, 0] >= minx - limit)
        & (xy[:, 0] <= maxx + limit)
        & (xy[:, 1] >= miny - limit)
        & (xy[:, 1] <= maxy + limit)
    )
    result = np.full(len(xy), np.inf)
    if near.any():
        result[near] = shapely.distance(source, shapely.points(xy[near]))
    return result


def _ring_mask(dist: np.ndarray, lower: float, upper: float) -> np.ndarray:
    return (dist <= upper) & (dist > lower) if lower > 0 else dist <= upper


def cordon(
    source: shapely.Geometry,
    device: Device,
    *,
    points: Mapping[str, PointSet],
    residents: PointSet,
    crowds: PointSet,
    graph: StreetGraph | None,
    assembly: PointSet,
    max_assembly: int = 4,
) -> Cordon:
    if source is None or source.is_empty:
        raise CounterTerrorismError(
            parameter="source", value=None, expected="a point, a site or an event perimeter"
        )
    limits = ((("evacuation", 0.0, device.evacuation_m)), ("shelter", device.evacuation_m, device.shelter_m))
    reach = device.shelter_m + 1.0
    dists = {name: _distances(source, ps.xy, reach) for name, ps in points.items()}
    res_d = _distances(source, residents.xy, reach)
    crowd_d = _distances(source, crowds.xy, reach)
    rings = []
    for key, lower, upper in limits:
        items = {name: np.flatnonzero(_ring_mask(d, lower, upper)).tolist() for name, d in dists.items()}
        res = residents.values[_ring_mask(res_d, lower, upper)].sum() if residents.values is not None else 0
        crowd = crowds.values[_ring_mask(crowd_d, lower, upper)].sum() if crowds.values is not None else 0
        outer = source.buffer(upper, quad_segs=16)
        area = outer.difference(source.buffer(lower, quad_segs=16)) if lower > 0 else outer
        rings.append(
            RingContents(
                key,
                upper,
                area,
                {name: len(idx) for name, idx in items.items()},
                int(round(res * DAY_RESIDENT_SHARE + crowd)),
                int(round(res)),
                items,
            )
        )
    cordon_points: list[tuple[str, float, float]] = []
    assembly_points: list[AssemblyPoint] = []
    if graph is not None:
        lines, tree = edge_lines(graph)
        for key, _lower, upper in limits:
            circle = (
                source.buffer(upper, quad_segs=16).exterior
                if source.geom_type != "MultiPolygon"
                else source.buffer(upper).boundary
            )
            hits = tree.query(circle, predicate="intersects")
            kept: list[tuple[float, float]] = []
            for edge in hits.tolist():
                for part in shapely.get_parts(lines[edge].intersection(circle)):
                    if part.geom_type != "Point":
                        continue
                    if all((part.x - x) ** 2 + (part.y - y) ** 2 > CORDON_MERGE_M**2 for x, y in kept):
                        kept.append((part.x, part.y))
            cordon_points.extend((key, x, y) for x, y in kept)
        assembly_points = _assembly(source, device, graph, assembly, max_assembly)
    return Cordon(device, source, (rings[0], rings[1]), tuple(cordon_points), tuple(assembly_points))


def _assembly(
    source, device: Device, graph: StreetGraph, candidates: PointSet, count: int
) -> list[AssemblyPoint]:
    if len(candidates.xy) == 0:
        return []
    dist = _distances(source, candidates.xy, 3 * device.shelter_m)
    outside = np.flatnonzero((dist > device.shelter_m + ASSEMBLY_MARGIN_M) & np.isfinite(dist))
    if len(outside) == 0:
        return []
    # The nearest few by straight line, then by walking distance on the streets.
    nearest = outside[np.argsort(dist[outside])[: count * 4]]
    centre = source.centroid
    _d, start = graph.nearest(np.array([[centre.x, centre.y]]))
    access, nodes = graph.nearest(candidates.xy[nearest])
    walk, paths = shortest_path(graph, int(start[0]), nodes.tolist(), limit=6 * device.shelter_m)
    total = walk + access + _d[0]
    order = np.argsort(total)
    result = []
    for k in order[:count]:
        if not np.isfinite(total[k]):
            continue
        idx = int(nearest[k])
        path = paths[k]
        route = shapely.LineString(graph.xy[path]) if len(path) > 1 else None
        cap = int(candidates.values[idx]) if candidates.values is not None else 0
        label = candidates.labels[idx] if len(candidates.labels) > idx else ""
        result.append(
            AssemblyPoint(idx, label, cap, float(total[k]), float(total[k] / WALK_M_PER_S / 60.0), route)
        )
    return result
