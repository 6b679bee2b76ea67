"""The Knox test and the near-repeat table: do incidents cluster in space and time together?

Knox (1964): of all pairs of incidents, count those close in space (≤ s metres) and in time
(≤ τ days). Under no space-time interaction, which incident happened when is unrelated to
where; so the times are shuffled among the incidents (Monte Carlo, a fixed seed, as
Ratcliffe's Near Repeat Calculator does) and the observed count is compared with the
shuffled ones: p = (1 + #{shuffled ≥ observed}) / (1 + shuffles), and the ratio
observed / mean shuffled says how much more often close pairs occur than by chance.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.spatial import cKDTree

from .errors import InvalidParameter, TooFewIncidents

MIN_INCIDENTS = 10
DEFAULT_SHUFFLES = 999
SEED = 20261206


@dataclass(frozen=True)
class KnoxResult:
    observed: int
    expected: float  # mean over the shuffles
    p_value: float
    shuffles: int
    distance_m: float
    days: float

    @property
    def ratio(self) -> float:
        return self.observed / self.expected if self.expected > 0 else float("inf") if self.observed else 1.0


@dataclass(frozen=True)
class NearRepeatCell:
    distance_band_m: tuple[float, float]
    day_band: tuple[float, float]
    observed: int
    expected: float
    p_value: float


def knox_test(
    x: np.ndarray,
    y: np.ndarray,
    t_days: np.ndarray,
    *,
    distance_m: float,
    days: float,
    shuffles: int = DEFAULT_SHUFFLES,
    seed: int = SEED,
) -> KnoxResult:
    """Knox's statistic for closeness within `distance_m` and `days`, with its Monte Carlo p-value."""
    table = near_repeat_table(
        x, y, t_days, distance_bands_m=(0.0, distance_m), day_bands=(0.0, days), shuffles=shuffles, seed=seed
    )
    cell = table[0]
    return KnoxResult(cell.observed, cell.expected, cell.p_value, shuffles, distance_m, days)


def near_repeat_table(
    x: np.ndarray,
    y: np.ndarray,
    t_days: np.ndarray,
    *,
    distance_bands_m: tuple[float, ...],
    day_bands: tuple[float, ...],
    shuffles: int = DEFAULT_SHUFFLES,
    seed: int = SEED,
) -> list[NearRepeatCell]:
    """Observed and expected pairs per (distance band, day band); bands are (lower, upper] edges."""
    x, y, t = (np.asarray(a, dtype=float) for a in (x, y, t_days))
    if not (x.size == y.size == t.size):
        raise InvalidParameter(
            "coordinates and times differ in length", parameter="incidents", expected="one time per incident"
        )
    if x.size < MIN_INCIDENTS:
        raise TooFewIncidents(found=int(x.size), needed=MIN_INCIDENTS)
    for name, bands in (("distance_m", distance_bands_m), ("days", day_bands)):
        if len(bands) < 2 or any(b <= a for a, b in zip(bands, bands[1:], strict=False)) or bands[0] < 0:
            raise InvalidParameter(
                f"bands {bands}", parameter=name, expected="increasing band edges from 0 up"
            )
    if shuffles < 19:
        raise InvalidParameter(f"{shuffles} shuffles", parameter="shuffles", expected="at least 19 shuffles")
    # Only pairs within the largest distance can count: found once, kept for every shuffle.
    pairs = cKDTree(np.column_stack((x, y))).query_pairs(r=distance_bands_m[-1], output_type="ndarray")
    i, j = pairs[:, 0], pairs[:, 1]
    distance = np.hypot(x[i] - x[j], y[i] - y[j])
    d_band = _band(distance, distance_bands_m)
    rng = np.random.default_rng(seed)
    cells = (len(distance_bands_m) - 1) * (len(day_bands) - 1)

    def counts(times: np.ndarray) -> np.ndarray:
        gap = np.abs(times[i] - times[j])
        t_band = _band(gap, day_bands)
        keep = (d_band >= 0) & (t_band >= 0)
        flat = d_band[keep] * (len(day_bands) - 1) + t_band[keep]
        return np.bincount(flat, minlength=cells)

    observed = counts(t)
    simulated = np.array([counts(rng.permutation(t)) for _ in range(shuffles)])
    expected = simulated.mean(axis=0)
    p = (1 + (simulated >= observed).sum(axis=0)) / (1 + shuffles)
    table = []
    for k in range(cells):
        a, b = divmod(k, len(day_bands) - 1)
        table.append(
            NearRepeatCell(
                (distance_bands_m[a], distance_bands_m[a + 1]),
                (day_bands[b], day_bands[b + 1]),
                int(observed[k]),
                float(expected[k]),
                float(p[k]),
            )
        )
    return table


def _band(values: np.ndarray, edges: tuple[float, ...]) -> np.ndarray:
    """The band index of each value: (edges[k], edges[k+1]], with 0 itself in the first band; -1 beyond."""
    index = np.searchsorted(np.asarray(edges), values, side="left") - 1
    index = np.where(values == edges[0], 0, index)
    return np.where((index >= 0) & (index < len(edges) - 1), index, -1)
