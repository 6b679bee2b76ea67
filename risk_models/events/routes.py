"""A route's length and walking time, and the streets it crosses or follows."""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass

from shapely.geometry import LineString, MultiLineString, MultiPoint, Point
from shapely.geometry.base import BaseGeometry
from shapely.ops import linemerge

from .errors import InvalidCrowdInput

# A procession walks slower than a pedestrian alone (about 5 km/h): 3 km/h is the planning pace.
PROCESSION_PACE_KMH = 3.0


@dataclass(frozen=True)
class RouteMetrics:
    length_m: float
    walking_minutes: float
    pace_kmh: float


@dataclass(frozen=True)
class Street:
    key: Hashable
    name: str
    geometry: BaseGeometry


@dataclass(frozen=True)
class StreetCrossing:
    key: Hashable
    name: str
    crossings: int  # places where the route crosses the street
    along_m: float  # metres of the route that run along the street
    points: tuple[Point, ...]
    first_at_m: float  # distance along the route to the first contact


def route_metrics(
    route: LineString | MultiLineString, *, pace_kmh: float = PROCESSION_PACE_KMH
) -> RouteMetrics:
    """Length in metres and walking time at `pace_kmh`."""
    if not pace_kmh > 0:
        raise InvalidCrowdInput(parameter="pace_kmh", value=pace_kmh, expected="> 0")
    length = route.length
    return RouteMetrics(length_m=length, walking_minutes=length / (pace_kmh * 1000 / 60), pace_kmh=pace_kmh)


def _points(geometry: BaseGeometry) -> list[Point]:
    if geometry.is_empty:
        return []
    if isinstance(geometry, Point):
        return [geometry]
    if isinstance(geometry, MultiPoint):
        return list(geometry.geoms)
    if hasattr(geometry, "geoms"):
        return [p for part in geometry.geoms for p in _points(part)]
    return []


def _merge(points: list[Point], within_m: float) -> list[Point]:
    """Crossings closer than `within_m` count once (a street drawn as two carriageways)."""
    merged: list[Point] = []
    for point in points:
        if all(point.distance(kept) > within_m for kept in merged):
            merged.append(point)
    return merged


def _pieces(geometry: BaseGeometry) -> list[LineString]:
    if geometry.is_empty:
        return []
    merged = linemerge(geometry) if not isinstance(geometry, LineString) else geometry
    if isinstance(merged, LineString):
        return [merged]
    return [part for part in getattr(merged, "geoms", []) if isinstance(part, LineString)]


def streets_crossed(
    route: BaseGeometry, streets: Iterable[Street], *, along_tolerance_m: float = 15.0
) -> list[StreetCrossing]:
    """Streets the route crosses or runs along, in order of first contact along the route.

    Each stretch of the route within `along_tolerance_m` of a street is one contact: a
    stretch longer than four tolerances (60 m by default) runs along the street; a shorter
    one that meets the street line is a crossing. Crossings closer than two tolerances
    count once (a street drawn as two carriageways or two directions).
    """
    results = []
    for street in streets:
        corridor = street.geometry.buffer(along_tolerance_m)
        if not route.intersects(corridor):
            continue
        along = 0.0
        crossing_points: list[Point] = []
        pieces = _pieces(route.intersection(corridor))
        for piece in pieces:
            if piece.length > 4 * along_tolerance_m:
                along += piece.length
                continue
            met = _points(piece.intersection(street.geometry))
            if met:
                crossing_points.append(met[0])
        crossing_points = _merge(crossing_points, 2 * along_tolerance_m)
        if not crossing_points and along == 0:
            continue
        results.append(
            StreetCrossing(
                key=street.key,
                name=street.name,
                crossings=len(crossing_points),
                along_m=along,
                points=tuple(crossing_points),
                first_at_m=_first_contact(route, pieces),
            )
        )
    return sorted(results, key=lambda s: (s.first_at_m, s.name))


def _first_contact(route: BaseGeometry, pieces: list[LineString]) -> float:
    if not isinstance(route, LineString) or not pieces:
        return 0.0
    return min(route.project(Point(piece.coords[0])) for piece in pieces)


def group_shared_streets(crossings: list[StreetCrossing], *, within_m: float = 30.0) -> list[StreetCrossing]:
    """Lines that cross the route at the same places are one street: "Тролейбус 1, 2, 5".

    Public transport lines stand in for streets, and several lines share one street; they
    merge when their crossing points match within `within_m` and their stretches along the
    route differ by less than that.
    """
    groups: list[list[StreetCrossing]] = []
    for crossing in crossings:
        for group in groups:
            first = group[0]
            if (
                first.crossings == crossing.crossings
                and abs(first.along_m - crossing.along_m) < within_m
                and all(any(p.distance(q) <= within_m for q in first.points) for p in crossing.points)
            ):
                group.append(crossing)
                break
        else:
            groups.append([crossing])
    return [
        StreetCrossing(
            key=tuple(c.key for c in group),
            name=_joined_names([c.name for c in group]),
            crossings=group[0].crossings,
            along_m=group[0].along_m,
            points=group[0].points,
            first_at_m=min(c.first_at_m for c in group),
        )
        for group in groups
    ]


def _joined_names(names: list[str]) -> str:
    """ "Тролейбус 1", "Тролейбус 2", "Трамвай 5" → "Тролейбус 1, 2; Трамвай 5"."""
    by_mode: dict[str, list[str]] = {}
    for name in names:
        mode, _, ref = name.rpartition(" ")
        by_mode.setdefault(mode or name, []).append(ref if mode else "")
    return "; ".join(f"{mode} {', '.join(r for r in refs if r)}".strip() for mode, refs in by_mode.items())
