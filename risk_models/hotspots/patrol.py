"""A patrol route through the hottest cells within a length: the orienteering problem, by a heuristic.

Given hot cells (their centres in metres and a gain each: the Gi* z-score of a hot cell or the
kernel density there), a start (the police unit's station) and the longest route the crew can
walk or drive in the shift, choose which cells to visit and in which order so that the summed
gain is as large as it can be found while the route stays within the length. This is the
orienteering problem (Golden, Levy & Vohra 1987), NP-hard; the answer here is a HEURISTIC, not
an optimum:

1. greedy insertion: repeatedly insert the unvisited cell with the largest gain per metre
   of extra route (its cheapest place in the route) while the route stays within the length;
2. 2-opt (Croes 1958): reverse stretches of the route while that shortens it;
3. if 2-opt freed length, go back to 1; stop when nothing more fits.

Distances are straight lines × DETOUR_FACTOR (an assumption, see schedule.py) unless the caller
gives its own `distance`. The route returns to the start (a loop) unless told otherwise.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .errors import InvalidParameter
from .schedule import DETOUR_FACTOR

# More candidates than a shift can visit only cost time: the hottest 250 are considered.
MAX_CANDIDATES = 250

Point = tuple[float, float]
Measure = Callable[[Point, Point], float]


@dataclass(frozen=True)
class HotCell:
    key: int  # the caller's identifier of the cell
    x: float  # metres (UTM 34N)
    y: float
    gain: float  # Gi* z-score or kernel density; cells with gain <= 0 are never visited


@dataclass(frozen=True)
class PatrolRoute:
    start: Point
    stops: tuple[HotCell, ...]  # in visiting order, the start not included
    length_m: float  # the route's length on the chosen distance (back to the start if a loop)
    gain: float  # summed gain of the stops
    available_gain: float  # summed gain of every hot cell offered
    loop: bool

    @property
    def gain_share(self) -> float:
        return self.gain / self.available_gain if self.available_gain else 0.0

    @property
    def path(self) -> list[Point]:
        points = [self.start, *((cell.x, cell.y) for cell in self.stops)]
        return [*points, self.start] if self.loop else points


def straight_with_detour(a: Point, b: Point, *, factor: float = DETOUR_FACTOR) -> float:
    """Straight-line metres × the detour factor (assumption: streets ~30 % longer than lines)."""
    return math.hypot(a[0] - b[0], a[1] - b[1]) * factor


def propose_route(
    cells: Sequence[HotCell],
    *,
    start: Point,
    max_length_m: float,
    loop: bool = True,
    distance: Callable[[Point, Point], float] | None = None,
) -> PatrolRoute:
    """A route from `start` through hot cells, at most `max_length_m` long (heuristic; see the module)."""
    if not (max_length_m > 0 and math.isfinite(max_length_m)):
        raise InvalidParameter(
            f"{max_length_m} m", parameter="max_length_m", expected="a route length above 0 m"
        )
    hot = sorted((cell for cell in cells if cell.gain > 0), key=lambda cell: -cell.gain)[:MAX_CANDIDATES]
    if not hot:
        raise InvalidParameter("no hot cells", parameter="hot_cells", expected="at least one hot cell")
    measure = distance or straight_with_detour
    # The route as points: the start, the stops, and the start again for a loop.
    route: list[Point] = [start, start] if loop else [start]
    visited: list[HotCell] = []  # in the order of route[1:len(visited)+1]
    waiting = list(hot)
    length = 0.0
    while True:
        inserted = False
        while waiting:
            best = None  # (ratio, gain, cell, position, extra)
            for cell in waiting:
                point = (cell.x, cell.y)
                extra, position = _cheapest_insertion(route, point, measure, open_end=not loop)
                if length + extra > max_length_m + 1e-9:
                    continue
                ratio = cell.gain / max(extra, 1e-6)
                if best is None or (ratio, cell.gain) > (best[0], best[1]):
                    best = (ratio, cell.gain, cell, position, extra)
            if best is None:
                break
            _ratio, _gain, cell, position, extra = best
            route.insert(position, (cell.x, cell.y))
            visited.insert(position - 1, cell)
            waiting.remove(cell)
            length += extra
            inserted = True
        if not inserted:
            break
        order = _two_opt(list(range(len(visited))), route[0], [(c.x, c.y) for c in visited], measure, loop)
        visited = [visited[i] for i in order]
        route = [start, *((c.x, c.y) for c in visited), *([start] if loop else [])]
        shorter = _length(route, measure)
        if shorter >= length - 1e-9:
            length = shorter
            break  # 2-opt freed nothing: no cell that did not fit before fits now
        length = shorter
    return PatrolRoute(
        start=start,
        stops=tuple(visited),
        length_m=length,
        gain=sum(c.gain for c in visited),
        available_gain=sum(c.gain for c in hot),
        loop=loop,
    )


def _cheapest_insertion(
    route: list[Point], point: Point, measure: Measure, *, open_end: bool
) -> tuple[float, int]:
    """The least extra length of putting `point` into `route`, and the index to insert it at."""
    best = (math.inf, len(route))
    for i in range(len(route) - 1):
        a, b = route[i], route[i + 1]
        extra = measure(a, point) + measure(point, b) - measure(a, b)
        if extra < best[0]:
            best = (extra, i + 1)
    if open_end:  # an open route may also grow at its far end
        extra = measure(route[-1], point)
        if extra < best[0]:
            best = (extra, len(route))
    return best


def _length(route: Sequence[Point], measure: Measure) -> float:
    return math.fsum(measure(a, b) for a, b in zip(route, route[1:], strict=False))


def _two_opt(order: list[int], start: Point, points: list[Point], measure: Measure, loop: bool) -> list[int]:
    """Reverse stretches of the stops while that shortens the route; the start (and end of a loop) stay."""

    def length_of(candidate: list[int]) -> float:
        path = [start, *(points[i] for i in candidate), *([start] if loop else [])]
        return _length(path, measure)

    current = length_of(order)
    improved = True
    while improved:
        improved = False
        for i in range(len(order) - 1):
            for j in range(i + 1, len(order)):
                candidate = order[:i] + order[i : j + 1][::-1] + order[j + 1 :]
                shorter = length_of(candidate)
                if shorter < current - 1e-9:
                    order, current, improved = candidate, shorter, True
    return order
