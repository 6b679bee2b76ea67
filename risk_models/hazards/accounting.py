"""Exact per-district sums: values counted in whole quanta, held as integers in float64.

Any order of adding integers below 2**53 gives the same float64 result, so sums over windows
do not depend on the block size, the window order or which windows a measure re-ran.
"""

from __future__ import annotations

import numpy as np

QUANTUM = 1e-9  # persons (or buildings) per quantum: 1.3 M people are 1.3e15 quanta, below 2**53 ≈ 9e15
_PER_QUANTUM = 1.0 / QUANTUM


def quanta(values: np.ndarray) -> np.ndarray:
    """Values rounded to whole quanta (float64 integers)."""
    return np.rint(np.asarray(values, dtype=np.float64) * _PER_QUANTUM)


def sum_by_index(*, index: np.ndarray, values: np.ndarray, bins: int) -> np.ndarray:
    """Sum of values (in quanta) for each index 0 … bins − 1."""
    return np.bincount(index.ravel(), weights=quanta(values).ravel(), minlength=bins)


def add_arrays(*, arrays, shape: tuple[int, ...]) -> np.ndarray:
    """Sum of arrays of quanta: exact, so the order does not matter."""
    total = np.zeros(shape)
    for array in arrays:
        total += array
    return total


def total_demand(*, per_window, count: int) -> np.ndarray:
    """Per-shelter sums of per-window {shelter index: quanta} dicts."""
    total = np.zeros(count)
    for demand in per_window:
        for j, value in demand.items():
            total[j] += value
    return total
