"""Population protection: shelter places within walking distance against need, and protective equipment.

Shelter places are allocated by the two-step floating catchment area method (Luo, W. & Wang,
F. (2003), "Measures of spatial accessibility to health care in a GIS environment", Environment
and Planning B 30: 865–884): each shelter's places are shared among the people in need within
walking distance of it, in proportion to their number; a cell's people are sheltered up to
the places its reachable shelters offer it. No place is counted twice, whatever the overlaps.
Walking distance is straight-line: no street network is in reach.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from risk_models.hazards.accounting import QUANTUM, quanta


@dataclass(frozen=True)
class ShelterPoints:
    """Usable shelters in METRIC_CRS with their places (shelters hit by the hazard have capacity 0)."""

    x: np.ndarray
    y: np.ndarray
    capacity: np.ndarray

    @property
    def count(self) -> int:
        return int(self.x.size)


def _disc_blocks(shelters: ShelterPoints, *, x: np.ndarray, y: np.ndarray, radius_m: float):
    """For each shelter near a grid window: (index, row slice, col slice, mask within radius)."""
    xs, ys = x[0], y[:, 0]
    if shelters.count == 0 or xs.size == 0 or ys.size == 0:
        return
    near = (
        (shelters.x + radius_m >= xs[0])
        & (shelters.x - radius_m <= xs[-1])
        & (shelters.y + radius_m >= ys[-1])
        & (shelters.y - radius_m <= ys[0])
    )
    for j in np.flatnonzero(near):
        cols = np.flatnonzero(np.abs(xs - shelters.x[j]) <= radius_m)
        rows = np.flatnonzero(np.abs(ys - shelters.y[j]) <= radius_m)
        if cols.size == 0 or rows.size == 0:
            continue
        rs, cs = slice(rows[0], rows[-1] + 1), slice(cols[0], cols[-1] + 1)
        inside = (xs[cs][np.newaxis, :] - shelters.x[j]) ** 2 + (
            ys[rs][:, np.newaxis] - shelters.y[j]
        ) ** 2 <= radius_m**2
        yield j, rs, cs, inside


def shelter_demand(
    *, need: np.ndarray, x: np.ndarray, y: np.ndarray, shelters: ShelterPoints, radius_m: float
) -> dict[int, float]:
    """Step 1 over one window: people in need within reach of each shelter, in quanta (exact integers)."""
    demand: dict[int, float] = {}
    for j, rs, cs, inside in _disc_blocks(shelters, x=x, y=y, radius_m=radius_m):
        total = float(quanta(np.where(inside, need[rs, cs], 0.0)).sum())
        if total:
            demand[int(j)] = total
    return demand


def supply_ratios(*, capacity: np.ndarray, demand_quanta: np.ndarray) -> np.ndarray:
    """Places per person in need around each shelter (0 where nobody within reach needs one)."""
    demand = demand_quanta * QUANTUM
    return np.divide(capacity, demand, out=np.zeros_like(capacity, dtype=np.float64), where=demand > 0)


def sheltered_people(
    *,
    need: np.ndarray,
    x: np.ndarray,
    y: np.ndarray,
    shelters: ShelterPoints,
    ratios: np.ndarray,
    radius_m: float,
) -> np.ndarray:
    """Step 2 over one window: persons per cell who find a place within reach."""
    access = np.zeros(need.shape)
    for j, rs, cs, inside in _disc_blocks(shelters, x=x, y=y, radius_m=radius_m):
        if ratios[j] > 0:
            access[rs, cs] += np.where(inside, ratios[j], 0.0)
    return need * np.minimum(access, 1.0)


@dataclass(frozen=True)
class EquipmentNorm:
    """Items of protective equipment per person of a district's people_exposed or people_affected."""

    item: str
    per_person: float
    basis: str = "people_affected"

    def __post_init__(self) -> None:
        if self.basis not in ("people_exposed", "people_affected"):
            raise ValueError("basis must be 'people_exposed' or 'people_affected'")
        if not self.per_person >= 0:
            raise ValueError("per_person must be ≥ 0")


# ASSUMPTION, to be set by the directorate from the municipal disaster protection plan
# (ЗЗБ; individual protective equipment, индивидуални средства за защита): one respirator
# per person in an industrial accident zone, one emergency kit per displaced person.
DEFAULT_EQUIPMENT_NORMS: Mapping[str, tuple[EquipmentNorm, ...]] = {
    "earthquake": (EquipmentNorm("emergency_kit", 1.0, "people_affected"),),
    "flood": (EquipmentNorm("emergency_kit", 1.0, "people_affected"),),
    "landslide": (),
    "industrial": (
        EquipmentNorm("respirator", 1.0, "people_exposed"),
        EquipmentNorm("emergency_kit", 1.0, "people_affected"),
    ),
}


def equipment_needed(*, row: Mapping[str, float], norms: Sequence[EquipmentNorm]) -> dict[str, int]:
    """Whole items needed for one district row (rounded up), summed per item."""
    needed: dict[str, float] = {}
    for norm in norms:
        needed[norm.item] = needed.get(norm.item, 0.0) + norm.per_person * float(row[norm.basis])
    # Round up: a fraction of a person still needs a whole item. The tiny tolerance keeps
    # 100.0000000001 (a float sum) from becoming 101.
    return {item: int(math.ceil(value - 1e-6)) if value > 0 else 0 for item, value in sorted(needed.items())}
