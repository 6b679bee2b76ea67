"""Spread of the earthquake results: Monte Carlo over the ground-motion model's sigma and the fragility dispersion.

The deterministic run gives the median ground motion. Here each realisation r shifts every
cell's ln PGA by

    s(r, d) = τ·η_r + φ·ε_(r,d) − β_F·ξ_r

η_r (between-event) and ξ_r (fragility capacity) are one draw per realisation; ε_(r,d)
(within-event) is one draw per district: shaking is taken as fully correlated inside a district
and independent between districts (ASSUMPTION: PGA within-event correlation lengths are ~10 km,
Jayaram & Baker 2009, about a district's size). τ and φ are ASB14's between- and within-event
standard deviations for the distance model used. β_F is the capacity part of the fragility
dispersion (ASSUMPTION 0.3 of HAZUS's total 0.64, the rest being demand variability already
carried by the GMPE's sigma); a shift of every building's median by exp(β_F·ξ) equals a shift of
ln PGA by −β_F·ξ. Site amplification is kept at the median's (its nonlinearity is ignored in the
shifts).

Realisations need no new pass over the grid: the run keeps, per district, the residents in each
of 256 ln-PGA bins, and the vulnerability tables are read at the shifted bin centres. 100
realisations cost milliseconds. A fixed seed makes the bands reproducible.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from risk_models.hazards.notes import Note
from risk_models.hazards.vulnerability import (
    CASUALTY_SEVERITIES,
    OCCUPANCY,
    EarthquakeResidentialVulnerability,
    casualties_per_occupant,
)

LN_PGA_BIN_EDGES = np.linspace(math.log(1e-3), math.log(4.0), 257)
LN_PGA_BIN_CENTRES = 0.5 * (LN_PGA_BIN_EDGES[:-1] + LN_PGA_BIN_EDGES[1:])
BIN_COUNT = LN_PGA_BIN_CENTRES.size
PERCENTILES = (16, 50, 84)
DEFAULT_REALISATIONS = 100
DEFAULT_SEED = 20260101
FRAGILITY_CAPACITY_BETA = 0.3
MONTE_CARLO_NOTE = Note("uncertainty.monte_carlo", {"fragility_beta": FRAGILITY_CAPACITY_BETA})


def ln_pga_bins(pga_g: np.ndarray) -> np.ndarray:
    """Bin index (0 … 255) of each PGA; PGA below 1e-3 g falls in bin 0 (no damage there anyway)."""
    ln_pga = np.log(np.maximum(np.asarray(pga_g, dtype=np.float64), 1e-12))
    return np.clip(np.searchsorted(LN_PGA_BIN_EDGES, ln_pga, side="right") - 1, 0, BIN_COUNT - 1)


@dataclass(frozen=True)
class MonteCarloSettings:
    realisations: int = DEFAULT_REALISATIONS
    seed: int = DEFAULT_SEED
    fragility_beta: float = FRAGILITY_CAPACITY_BETA

    def __post_init__(self) -> None:
        if not 1 <= self.realisations <= 10_000:
            raise ValueError("realisations must be between 1 and 10,000")


@dataclass(frozen=True)
class SiteExposure:
    """Sites for the casualty part of the bands: PGA, fragility, day occupants, kind and district index."""

    pga_g: np.ndarray
    fragility: Sequence[str]
    occupants: np.ndarray
    kind: Sequence[str]
    district: np.ndarray


def band(values: np.ndarray) -> dict[str, float]:
    p16, p50, p84 = np.percentile(np.asarray(values, dtype=np.float64), PERCENTILES)
    return {"p16": float(p16), "p50": float(p50), "p84": float(p84)}


def earthquake_bands(
    *,
    histogram: np.ndarray,
    vulnerability: EarthquakeResidentialVulnerability,
    tau: float,
    phi: float,
    sites: SiteExposure | None = None,
    shelter_seeking_share: float = 1.0,
    settings: MonteCarloSettings = MonteCarloSettings(),
    occupancy: Mapping[str, Mapping[str, float]] = OCCUPANCY,
) -> dict[str, dict[str, float]]:
    """16th/50th/84th percentiles of the headline totals over the realisations.

    `histogram` holds residents per (district index, ln-PGA bin), district 0 = outside.
    """
    people = np.asarray(histogram, dtype=np.float64)
    districts = people.shape[0]
    rng = np.random.default_rng(settings.seed)
    n = settings.realisations
    between = rng.standard_normal(n)
    within = rng.standard_normal((n, districts))
    capacity = rng.standard_normal(n)
    shift = tau * between[:, None] + phi * within - settings.fragility_beta * capacity[:, None]  # (n, d)
    ln_pga = LN_PGA_BIN_CENTRES[None, None, :] + shift[:, :, None]  # (n, d, b)
    tables = vulnerability.tables_at_ln_pga(ln_pga)
    weighted = {name: (table * people[None]).sum(axis=(1, 2)) for name, table in tables.items()}
    totals: dict[str, np.ndarray] = {
        "people_affected": weighted["displaced"],
        "shelter_need": weighted["displaced"] * shelter_seeking_share,
        "buildings_damaged": weighted["damaged"],
    }
    for time in ("night", "day"):
        share = occupancy[time]["residential"]
        severity = {name: weighted[name] * share for name in CASUALTY_SEVERITIES}
        if sites is not None and len(sites.fragility):
            site_pga = sites.pga_g[None, :] * np.exp(shift[:, sites.district])  # (n, s)
            here = sites.occupants * np.array([occupancy[time].get(kind, 0.0) for kind in sites.kind])
            fragilities = np.asarray(sites.fragility)
            for fragility in sorted(set(sites.fragility)):
                chosen = (fragilities == fragility) & (here > 0)
                if not chosen.any():
                    continue
                rates = casualties_per_occupant(pga_g=site_pga[:, chosen], fragility=fragility)  # (4, n, m)
                for k, name in enumerate(CASUALTY_SEVERITIES):
                    severity[name] = severity[name] + (rates[k] * here[chosen]).sum(axis=1)
        totals[f"deaths_{time}"] = severity["severity_4"]
        totals[f"injuries_{time}"] = severity["severity_1"] + severity["severity_2"] + severity["severity_3"]
    return {name: band(values) for name, values in totals.items()}
