"""Risk of every site and crowded place: threat × vulnerability × consequence, from named factors.

Every factor is a number from 0 (no concern) to 1 (the worst case):

threat
  attractiveness   by category: strategic object 1.0, potential target 0.8, event 0.7, crowded
                   place 0.6 (assumption: the directorate's ordering of ПМС 181/2009 and
                   Наредба 8121з-1225/2017 categories)
  crowd            log₁₀(1 + peak crowd) / log₁₀(1 + 50 000)
vulnerability
  camera_gap       1 − mean DORI weight over sample points of the site and its 100 m approaches
                   (identify 1, recognise 0.75, observe 0.5, detect 0.25, unseen 0)
  response         mean travel time of the nearest police, fire and ambulance unit on the
                   street network ÷ 15 min, at most 1
  vehicle          fastest hostile-vehicle approach speed ÷ 112 km/h (IWA 14-1's top speed)
  protection_gap   1 − protective-measures index / 100 of the latest survey (no survey: 0.5,
                   assumption)
consequence
  people           log₁₀(1 + residents within 200 m + peak crowd) / log₁₀(1 + 50 000)
  sensitive        (schools + hospitals within 500 m) ÷ 10, at most 1

Each group is the weighted mean of its factors (weights editable); the score is
100 × T × V × C. A factor's drive is how much the score falls if that factor were 0.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from .errors import CounterTerrorismError

GROUPS: dict[str, tuple[str, ...]] = {
    "threat": ("attractiveness", "crowd"),
    "vulnerability": ("camera_gap", "response", "vehicle", "protection_gap"),
    "consequence": ("people", "sensitive"),
}
FACTORS = tuple(f for factors in GROUPS.values() for f in factors)
DEFAULT_WEIGHTS: dict[str, float] = {
    "attractiveness": 2.0,
    "crowd": 1.0,
    "camera_gap": 1.0,
    "response": 1.0,
    "vehicle": 1.5,
    "protection_gap": 1.5,
    "people": 2.0,
    "sensitive": 1.0,
}
ATTRACTIVENESS = {"strategic": 1.0, "potential_target": 0.8, "event": 0.7, "crowded_place": 0.6}
DORI_WEIGHTS = {"identify": 1.0, "recognise": 0.75, "observe": 0.5, "detect": 0.25}
PEOPLE_SCALE = 50_000
RESPONSE_SCALE_MIN = 15.0
MAX_SPEED_KMH = 112.0
UNSURVEYED_GAP = 0.5
SENSITIVE_SCALE = 10
CLASSES = ((30.0, "high"), (15.0, "medium"), (0.0, "low"))


def people_factor(people: np.ndarray) -> np.ndarray:
    return np.clip(np.log10(1 + np.asarray(people, dtype=float)) / math.log10(1 + PEOPLE_SCALE), 0, 1)


def response_factor(minutes: np.ndarray) -> np.ndarray:
    return np.clip(np.asarray(minutes, dtype=float) / RESPONSE_SCALE_MIN, 0, 1)


def protection_gap(index: np.ndarray) -> np.ndarray:
    index = np.asarray(index, dtype=float)
    return np.where(np.isnan(index), UNSURVEYED_GAP, 1 - np.clip(index, 0, 100) / 100)


def check_weights(weights: Mapping[str, float] | None) -> dict[str, float]:
    merged = dict(DEFAULT_WEIGHTS)
    for key, value in (weights or {}).items():
        if key not in DEFAULT_WEIGHTS:
            raise CounterTerrorismError(
                parameter="weights", value=key, expected="factors " + ", ".join(FACTORS)
            )
        try:
            number = float(value)
        except (TypeError, ValueError):
            raise CounterTerrorismError(
                parameter="weights", value=value, expected="a number from 0 to 10"
            ) from None
        if not 0 <= number <= 10 or math.isnan(number):
            raise CounterTerrorismError(parameter="weights", value=value, expected="a number from 0 to 10")
        merged[key] = number
    for group, factors in GROUPS.items():
        if sum(merged[f] for f in factors) <= 0:
            raise CounterTerrorismError(
                parameter="weights",
                value=group,
                expected=f"at least one positive weight among {', '.join(factors)}",
            )
    return merged


@dataclass(frozen=True)
class Scores:
    score: np.ndarray  # (n,) 0–100
    groups: dict[str, np.ndarray]  # group -> (n,)
    drive: np.ndarray  # (n, len(FACTORS)) score lost if the factor were 0
    risk_class: list[str]
    weights: dict[str, float]


def score(factors: Mapping[str, np.ndarray], weights: Mapping[str, float] | None = None) -> Scores:
    w = check_weights(weights)
    missing = [f for f in FACTORS if f not in factors]
    if missing:
        raise CounterTerrorismError(parameter="factors", value=missing, expected="every factor")
    values = np.column_stack([np.clip(np.asarray(factors[f], dtype=float), 0, 1) for f in FACTORS])
    n = values.shape[0]
    if n == 0:
        raise CounterTerrorismError(parameter="sites", value=0, expected="at least one site or crowded place")
    col = {f: i for i, f in enumerate(FACTORS)}

    def groups_of(v: np.ndarray) -> dict[str, np.ndarray]:
        return {g: sum(w[f] * v[:, col[f]] for f in fs) / sum(w[f] for f in fs) for g, fs in GROUPS.items()}

    groups = groups_of(values)
    total = 100 * groups["threat"] * groups["vulnerability"] * groups["consequence"]
    drive = np.zeros_like(values)
    for i in col.values():
        zeroed = values.copy()
        zeroed[:, i] = 0
        g = groups_of(zeroed)
        drive[:, i] = total - 100 * g["threat"] * g["vulnerability"] * g["consequence"]
    classes = [next(name for limit, name in CLASSES if s >= limit) for s in total]
    return Scores(total, groups, drive, classes, w)


def top_drivers(drive_row: np.ndarray, count: int = 3) -> list[tuple[str, float]]:
    order = np.argsort(-drive_row)[:count]
    return [(FACTORS[i], float(drive_row[i])) for i in order if drive_row[i] > 0]


def dori_share(levels: np.ndarray) -> np.ndarray:
    """levels: (n_sites, n_samples) best DORI weight seen at each sample point → mean per site."""
    return np.asarray(levels, dtype=float).mean(axis=1) if levels.size else np.zeros(len(levels))
