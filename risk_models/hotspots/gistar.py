"""Getis-Ord Gi* hot and cold spots on a grid of incident counts, with the false discovery rate.

Gi* (Ord & Getis 1995) compares the count of a cell and its neighbours (the cell itself
included, binary weights) with the whole study area; the statistic is a z-score. It is
computed by PySAL's esda (`G_Local(star=True)`) and its two-sided p-values under the normal
approximation are corrected for testing every cell at once by Benjamini & Hochberg's false
discovery rate (esda.fdr), at 90 %, 95 % and 99 % confidence. Cells are classed as ArcGIS's
"Gi_Bin" does: +3 hot at 99 %, +2 at 95 %, +1 at 90 %, 0 not significant, -1..-3 cold.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import stats

from .errors import InvalidParameter, TooFewIncidents

CONFIDENCE_LEVELS = (0.90, 0.95, 0.99)
# ArcGIS's Hot Spot Analysis warns below 30 input features (Esri, "How Hot Spot Analysis
# (Getis-Ord Gi*) works"); fewer incidents than this give noise, and the answer says so.
MIN_INCIDENTS = 30


@dataclass(frozen=True)
class GiStarResult:
    z: np.ndarray  # Gi* z-score per cell
    p: np.ndarray  # two-sided p-value per cell (normal approximation)
    bins: np.ndarray  # -3..+3 per cell
    thresholds: dict[float, float]  # confidence -> the FDR p-value cut-off
    incidents: int

    @property
    def hot(self) -> np.ndarray:
        return self.bins > 0

    @property
    def cold(self) -> np.ndarray:
        return self.bins < 0


def gi_star(
    counts: np.ndarray, neighbours: list[list[int]], *, min_incidents: int = MIN_INCIDENTS
) -> GiStarResult:
    """Gi* of `counts` (incidents per cell) with each cell's edge neighbours (indices)."""
    import libpysal
    from esda.getisord import G_Local

    counts = np.asarray(counts, dtype=float)
    if counts.ndim != 1 or counts.size != len(neighbours):
        raise InvalidParameter(
            "counts and neighbours differ", parameter="cells", expected="one count per cell"
        )
    if counts.size < 3:
        raise InvalidParameter(f"{counts.size} cells", parameter="cells", expected="at least 3 cells")
    total = int(counts.sum())
    if total < min_incidents:
        raise TooFewIncidents(found=total, needed=min_incidents)
    if np.all(counts == counts[0]):
        raise InvalidParameter(
            "every cell has the same count",
            parameter="incidents",
            expected="incidents that vary between cells",
        )
    # Binary weights with the focal cell included (star): the classic Gi*. The self-weights are
    # put in here, which esda recognises (star=None), instead of having it fill the diagonal.
    weights = libpysal.weights.W({i: [i, *near] for i, near in enumerate(neighbours)}, silence_warnings=True)
    local = G_Local(counts, weights, transform="B", permutations=0, star=None)
    z = np.asarray(local.Zs, dtype=float)
    p = 2 * stats.norm.sf(np.abs(z))
    bins = np.zeros(counts.size, dtype=int)
    thresholds = {}
    for level, confidence in enumerate(CONFIDENCE_LEVELS, start=1):
        threshold = _fdr_threshold(p, 1 - confidence)
        thresholds[confidence] = threshold
        significant = p <= threshold
        bins = np.where(significant, np.sign(z).astype(int) * level, bins)
    return GiStarResult(z=z, p=p, bins=bins, thresholds=thresholds, incidents=total)


def gi_star_z(counts: np.ndarray, neighbours: list[list[int]]) -> np.ndarray:
    """Gi* z-scores by Ord & Getis's formula, with binary weights and the focal cell included.

    G*_i = (Σ_j w_ij x_j − x̄ W_i) / (S √((n Σ_j w_ij² − W_i²) / (n − 1))), W_i = Σ_j w_ij,
    S = √(Σ x_j² / n − x̄²). The reference the esda result is checked against in the tests.
    """
    x = np.asarray(counts, dtype=float)
    n = x.size
    mean = x.mean()
    s = np.sqrt((x**2).mean() - mean**2)
    z = np.empty(n)
    for i, near in enumerate(neighbours):
        members = [i, *near]
        w = len(members)
        z[i] = (x[members].sum() - mean * w) / (s * np.sqrt((n * w - w**2) / (n - 1)))
    return z


def _fdr_threshold(p: np.ndarray, alpha: float) -> float:
    """esda.fdr: Benjamini-Hochberg's k·α/m for the largest k with p(k) < k·α/m, else Bonferroni's α/m."""
    from esda import fdr

    return float(fdr(p, alpha))
