"""Hostile-vehicle approaches onto a perimeter and the barriers they call for.

A run is a straight or gently curving stretch of street that ends where the street crosses the
perimeter: walking back from the crossing, the run continues while no single bend exceeds
`max_turn_deg` and the whole run stays within `max_total_turn_deg` of its final heading.

Speed at the perimeter — constant acceleration from a turning speed v₀ at the run's start:

    v = min(√(v₀² + 2·a·s), v_max)

with s the run's length. Constant acceleration is the simplest kinematic model (the UK NPSA
"vehicle dynamic assessment" uses measured acceleration curves instead); it is conservative at
higher speeds, where real vehicles accelerate less. The accelerations and v₀ are assumptions,
stated per vehicle below. The barrier suggestion is the IWA 14-1:2013 impact-test speed class
(16, 32, 48, 64, 80, 96, 112 km/h) at or above the speed reached, for the vehicle's test class.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import shapely

from .errors import CounterTerrorismError
from .network import StreetGraph, direction, path_length, straight_run

IWA_SPEEDS_KMH = (16, 32, 48, 64, 80, 96, 112)
SOURCE = (
    "Kinematics v = √(v₀² + 2as), capped at v_max; barrier classes IWA 14-1:2013 "
    "(impact speeds 16–112 km/h, 90° impact); accelerations and turning speed: assumptions"
)


@dataclass(frozen=True)
class Vehicle:
    key: str
    label_bg: str
    label_en: str
    iwa_class: str  # IWA 14-1 test vehicle: mass [class]
    acceleration: float  # m/s², assumption
    max_speed_kmh: float
    note: str


VEHICLES: dict[str, Vehicle] = {
    v.key: v
    for v in (
        Vehicle(
            "car",
            "Лек автомобил",
            "Car",
            "1500[M1]",
            3.0,
            112,
            "assumption: 0–100 km/h in about 9 s ≈ 3 m/s²",
        ),
        Vehicle(
            "van",
            "Ван до 3,5 т",
            "Van up to 3.5 t",
            "2500[N1G]",
            2.0,
            112,
            "assumption: a loaded 3.5 t panel van, 0–100 km/h in about 14 s ≈ 2 m/s²",
        ),
        Vehicle(
            "truck",
            "Камион 7,5 т",
            "Truck 7.5 t",
            "7200[N3C]",
            1.0,
            96,
            "assumption: a loaded 7.5 t rigid truck, about 1 m/s²",
        ),
    )
}
# A vehicle starts a run out of a turn or a junction at about this speed (assumption).
TURN_SPEED_KMH = 15.0


def vehicle(key: str) -> Vehicle:
    try:
        return VEHICLES[key]
    except KeyError:
        raise CounterTerrorismError(
            parameter="vehicle", value=key, expected="one of " + ", ".join(VEHICLES)
        ) from None


def reachable_speed_kmh(length_m: float, veh: Vehicle, *, start_kmh: float = TURN_SPEED_KMH) -> float:
    v0 = start_kmh / 3.6
    v = math.sqrt(v0 * v0 + 2.0 * veh.acceleration * max(length_m, 0.0))
    return min(v * 3.6, veh.max_speed_kmh)


def barrier_rating(speed_kmh: float, veh: Vehicle) -> tuple[int, str]:
    """The IWA 14-1 test speed (km/h) a barrier must be rated for, and its designation."""
    rated = next((s for s in IWA_SPEEDS_KMH if s >= speed_kmh - 1e-9), IWA_SPEEDS_KMH[-1])
    return rated, f"IWA 14-1 V/{veh.iwa_class}/{rated}/90"


@dataclass(frozen=True)
class Run:
    line: shapely.LineString  # metric, from the start of the run to the perimeter
    length_m: float
    speed_kmh: float
    entry: tuple[float, float]


@dataclass(frozen=True)
class BarrierPoint:
    point: tuple[float, float]
    speed_kmh: float
    longest_m: float
    runs: int
    rated_kmh: int
    rating: str


@dataclass(frozen=True)
class Approaches:
    runs: tuple[Run, ...]  # fastest first
    barriers: tuple[BarrierPoint, ...]  # fastest first
    vehicle: Vehicle


def check_perimeter(perimeter: shapely.Geometry) -> shapely.Geometry:
    if perimeter is None or perimeter.is_empty:
        raise CounterTerrorismError(parameter="perimeter", value=None, expected="a closed area")
    if perimeter.geom_type in ("LineString", "LinearRing"):
        if not perimeter.is_closed or len(perimeter.coords) < 4:
            raise CounterTerrorismError(parameter="perimeter", value="open line", expected="a closed ring")
        perimeter = shapely.Polygon(perimeter.coords)
    if (
        perimeter.geom_type not in ("Polygon", "MultiPolygon")
        or perimeter.area <= 0
        or not perimeter.is_valid
    ):
        raise CounterTerrorismError(
            parameter="perimeter", value=perimeter.geom_type, expected="a closed area"
        )
    return perimeter


def edge_lines(graph: StreetGraph) -> tuple[np.ndarray, shapely.STRtree]:
    cached = getattr(graph, "_edge_cache", None)
    if cached is None:
        lines = shapely.linestrings(
            np.stack((graph.xy[graph.edges[:, 0]], graph.xy[graph.edges[:, 1]]), axis=1)
        )
        cached = (lines, shapely.STRtree(lines))
        graph._edge_cache = cached  # type: ignore[attr-defined]
    return cached


def find_approaches(
    graph: StreetGraph,
    perimeter: shapely.Geometry,
    veh: Vehicle,
    *,
    max_turn_deg: float = 20.0,
    max_total_turn_deg: float = 35.0,
    max_length_m: float = 800.0,
    cluster_m: float = 30.0,
    min_length_m: float = 10.0,
) -> Approaches:
    perimeter = check_perimeter(perimeter)
    boundary = perimeter.boundary
    lines, tree = edge_lines(graph)
    hits = tree.query(boundary, predicate="intersects")
    # Only nodes near the perimeter can be inside it: test those (a KD-tree ball round its box).
    minx, miny, maxx, maxy = perimeter.bounds
    near = np.asarray(
        graph.tree.query_ball_point(
            ((minx + maxx) / 2, (miny + maxy) / 2), math.hypot(maxx - minx, maxy - miny) / 2 + 1
        ),
        dtype=int,
    )
    flags = (
        shapely.contains_xy(perimeter, graph.xy[near, 0], graph.xy[near, 1])
        if len(near)
        else np.zeros(0, bool)
    )
    inside = frozenset(near[flags].tolist())
    # No need to walk further than the vehicle needs to reach its top speed.
    v0, vmax = TURN_SPEED_KMH / 3.6, veh.max_speed_kmh / 3.6
    max_length_m = min(max_length_m, (vmax * vmax - v0 * v0) / (2 * veh.acceleration) + 1.0)
    runs: list[Run] = []
    for edge in hits.tolist():
        a, b = (int(n) for n in graph.edges[edge])
        crossing = lines[edge].intersection(boundary)
        points = [np.asarray(p.coords[0]) for p in shapely.get_parts(crossing) if p.geom_type == "Point"]
        if not points:
            continue
        for tail, head in ((a, b), (b, a)):
            if tail in inside:
                continue  # this direction leaves the area
            entry = min(points, key=lambda p: float(np.hypot(*(p - graph.xy[tail]))))
            last = float(np.hypot(*(entry - graph.xy[tail])))
            nodes = straight_run(
                graph,
                tail,
                direction(graph.xy[tail], graph.xy[head]),
                max_turn_deg=max_turn_deg,
                max_total_turn_deg=max_total_turn_deg,
                max_length_m=max_length_m,
                start_length_m=last,
                stop=inside,
            )
            coords = np.vstack((graph.xy[nodes], entry[None, :]))
            length = path_length(graph, nodes) + last
            if length < min_length_m:
                continue
            runs.append(
                Run(
                    shapely.LineString(coords),
                    length,
                    reachable_speed_kmh(length, veh),
                    (float(entry[0]), float(entry[1])),
                )
            )
    runs.sort(key=lambda r: (-r.speed_kmh, -r.length_m))
    return Approaches(tuple(runs), tuple(_barriers(runs, veh, cluster_m)), veh)


def _barriers(runs: list[Run], veh: Vehicle, cluster_m: float) -> list[BarrierPoint]:
    """Entry points grouped within cluster_m of the fastest run's entry, fastest first."""
    groups: list[list[Run]] = []
    for run in runs:  # already fastest first: each group is led by its fastest run
        for group in groups:
            lead = group[0].entry
            if math.hypot(run.entry[0] - lead[0], run.entry[1] - lead[1]) <= cluster_m:
                group.append(run)
                break
        else:
            groups.append([run])
    barriers = []
    for group in groups:
        speed = group[0].speed_kmh
        rated, rating = barrier_rating(speed, veh)
        barriers.append(
            BarrierPoint(group[0].entry, speed, max(r.length_m for r in group), len(group), rated, rating)
        )
    return barriers
