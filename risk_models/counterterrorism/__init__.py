"""Counter-terrorism analyses, pure (no Django, no geo_platform): stand-off cordons, hostile-vehicle
approaches on a street graph, the survey checklist and its index, and the risk score.

Everything works in metres (UTM 34N, EPSG:32634); the platform transforms at the edge.
"""

from .approaches import (
    VEHICLES,
    Approaches,
    BarrierPoint,
    Run,
    barrier_rating,
    find_approaches,
    reachable_speed_kmh,
    vehicle,
)
from .cordon import Cordon, PointSet, RingContents, cordon
from .errors import CounterTerrorismError
from .network import StreetGraph, build_graph, distances_from, shortest_path
from .scoring import DEFAULT_WEIGHTS, FACTORS, GROUPS, Scores, score, top_drivers
from .standoff import DEVICES, Device, device
from .survey import CHECKLIST, protective_index

__all__ = [
    "CHECKLIST",
    "DEFAULT_WEIGHTS",
    "DEVICES",
    "FACTORS",
    "GROUPS",
    "VEHICLES",
    "Approaches",
    "BarrierPoint",
    "CounterTerrorismError",
    "Cordon",
    "Device",
    "PointSet",
    "RingContents",
    "Run",
    "Scores",
    "StreetGraph",
    "barrier_rating",
    "build_graph",
    "cordon",
    "device",
    "distances_from",
    "find_approaches",
    "protective_index",
    "reachable_speed_kmh",
    "score",
    "shortest_path",
    "top_drivers",
    "vehicle",
]
