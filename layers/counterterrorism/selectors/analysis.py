"""The three analyses over the platform's layers: risk scores of all places, a stand-off cordon,
and the hostile-vehicle approaches of a perimeter. Inputs in metres come from selectors.data."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import shapely

from layers.counterterrorism import conf
from layers.counterterrorism.errors import core_errors
from layers.counterterrorism.selectors import data
from layers.counterterrorism.selectors.places import Place, all_places, crowds
from risk_models.counterterrorism import (
    FACTORS,
    PointSet,
    Scores,
    cordon,
    device,
    distances_from,
    find_approaches,
    score,
    vehicle,
)
from risk_models.counterterrorism.errors import CounterTerrorismError
from risk_models.counterterrorism.network import DETOUR
from risk_models.counterterrorism.scoring import (
    ATTRACTIVENESS,
    DORI_WEIGHTS,
    people_factor,
    protection_gap,
    response_factor,
)

SCHOOL_ASSEMBLY_CAPACITY = 300  # people in a schoolyard (assumption)


@dataclass(frozen=True)
class Scored:
    places: list[Place]
    scores: Scores
    factors: dict[str, np.ndarray]
    details: dict[str, np.ndarray]


def _station_distances(inputs: data.Inputs) -> dict[str, np.ndarray]:
    cached = getattr(inputs, "_station_cache", None)
    if cached is None:
        cached = {s: distances_from(inputs.graph, xy) for s, xy in inputs.stations.items()}
        inputs._station_cache = cached  # type: ignore[attr-defined]
    return cached


def _sample_points(places: list[Place]) -> np.ndarray:
    """17 points per place: its centre, 8 on its edge and 8 on its approaches (edge + 100 m)."""
    angles = np.linspace(0, 2 * math.pi, 8, endpoint=False)
    rows = []
    for p in places:
        minx, miny, maxx, maxy = p.area.bounds
        r = max(maxx - minx, maxy - miny) / 2
        cx, cy = p.centre
        pts = [(cx, cy)]
        for radius in (r, r + conf.APPROACH_RADIUS_M):
            pts += [(cx + radius * math.cos(a), cy + radius * math.sin(a)) for a in angles]
        rows.append(pts)
    return np.array(rows, dtype=float)


def camera_cover(inputs: data.Inputs, places: list[Place]) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    samples = _sample_points(places)
    flat = samples.reshape(-1, 2)
    best = np.zeros(len(flat))
    shares = {}
    for level, weight in sorted(DORI_WEIGHTS.items(), key=lambda kv: kv[1]):
        seen = (
            shapely.contains_xy(inputs.fov[level], flat[:, 0], flat[:, 1])
            if not inputs.fov[level].is_empty
            else np.zeros(len(flat), bool)
        )
        best = np.where(seen, weight, best)
        shares[level] = seen.reshape(samples.shape[:2]).mean(axis=1)
    return best.reshape(samples.shape[:2]).mean(axis=1), shares


def response_minutes(inputs: data.Inputs, places: list[Place]) -> dict[str, np.ndarray]:
    centres = np.array([p.centre for p in places])
    access, nodes = inputs.graph.nearest(centres)
    result = {}
    for service, dist in _station_distances(inputs).items():
        metres = dist[nodes] + access * DETOUR
        result[service] = metres / (conf.RESPONSE_SPEED_KMH[service] / 3.6) / 60.0
    return result


def fastest_approach(inputs: data.Inputs, places: list[Place], vehicle_key: str = "van") -> np.ndarray:
    veh = vehicle(vehicle_key)
    speeds = np.zeros(len(places))
    for i, p in enumerate(places):
        found = find_approaches(inputs.graph, p.area, veh)
        speeds[i] = found.runs[0].speed_kmh if found.runs else 0.0
    return speeds


def score_places(places: list[Place], weights: dict | None = None) -> Scored:
    if not places:
        raise CounterTerrorismError(parameter="sites", value=0, expected="at least one site or crowded place")
    inputs = data.load()
    centres = np.array([p.centre for p in places])
    cover, shares = camera_cover(inputs, places)
    minutes = response_minutes(inputs, places)
    speeds = fastest_approach(inputs, places)
    from scipy.spatial import cKDTree

    residents = inputs.residents
    if len(residents.xy):
        tree = cKDTree(residents.xy)
        near = tree.query_ball_point(centres, conf.EXPOSED_RADIUS_M)
        resident_counts = np.array([residents.values[idx].sum() if idx else 0.0 for idx in near])
    else:
        resident_counts = np.zeros(len(places))
    sensitive = np.zeros(len(places))
    counts = {}
    for name, ps in (("schools", inputs.schools), ("hospitals", inputs.hospitals)):
        counts[name] = (
            cKDTree(ps.xy).query_ball_point(centres, conf.SENSITIVE_RADIUS_M, return_length=True)
            if len(ps.xy)
            else np.zeros(len(places), dtype=int)
        )
        sensitive = sensitive + counts[name]
    peak = np.array([p.crowd_peak for p in places])
    pmi = np.array([p.protective_index for p in places])
    mean_minutes = np.mean(np.column_stack(list(minutes.values())), axis=1)
    factors = {
        "attractiveness": np.array([ATTRACTIVENESS.get(p.category, 0.6) for p in places]),
        "crowd": people_factor(peak),
        "camera_gap": 1 - cover,
        "response": response_factor(mean_minutes),
        "vehicle": speeds / 112.0,
        "protection_gap": protection_gap(pmi),
        "people": people_factor(resident_counts + peak),
        "sensitive": np.clip(sensitive / 10.0, 0, 1),
    }
    with core_errors():
        scores = score(factors, weights)
    details = {
        "camera_cover": cover,
        **{f"dori_{level}": share for level, share in shares.items()},
        **{f"minutes_{service}": m for service, m in minutes.items()},
        "approach_kmh": speeds,
        "residents_200m": resident_counts,
        "crowd_peak": peak,
        "schools_500m": np.asarray(counts["schools"]),
        "hospitals_500m": np.asarray(counts["hospitals"]),
        "protective_index": pmi,
    }
    return Scored(places, scores, factors, details)


def score_all(weights: dict | None = None, site_ids: list[int] | None = None) -> Scored:
    with core_errors():
        if site_ids is not None and not site_ids:
            raise CounterTerrorismError(parameter="sites", value="[]", expected="at least one site")
        places = all_places(site_ids=site_ids)
        return score_places(places, weights)


def run_cordon(
    source: shapely.Geometry, device_key: str, *, include_crowds: bool = True, counts: bool = True
):
    """The ring set of `device_key` round a metric geometry (a point, a footprint or a perimeter).

    counts=False skips the buildings, schools, hospitals, shelters and stops inside the rings
    (the event check needs only closures, residents and assembly points)."""
    inputs = data.load()
    with core_errors():
        dev = device(device_key)
        shelters = inputs.shelters
        schools = inputs.schools
        assembly = PointSet(
            np.vstack((shelters.xy, schools.xy)),
            [*shelters.labels, *schools.labels],
            np.concatenate(
                (shelters.values, np.full(len(schools.xy), SCHOOL_ASSEMBLY_CAPACITY, dtype=float))
            ),
        )
        return cordon(
            source,
            dev,
            points=(
                {
                    "buildings": inputs.buildings,
                    "schools": schools,
                    "hospitals": inputs.hospitals,
                    "shelters": shelters,
                    "stops": inputs.stops,
                }
                if counts
                else {}
            ),
            residents=inputs.residents,
            crowds=crowds(all_places(with_events=False) if include_crowds else []),
            graph=inputs.graph,
            assembly=assembly,
        )


def run_approaches(perimeter: shapely.Geometry, vehicle_key: str = "van"):
    inputs = data.load()
    with core_errors():
        return find_approaches(inputs.graph, perimeter, vehicle(vehicle_key))


__all__ = ["FACTORS", "Scored", "run_approaches", "run_cordon", "score_all", "score_places"]
