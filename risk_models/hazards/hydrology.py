"""Vectorised D8 hydrology on a small grid: depression filling, flow directions, accumulation, HAND.

Everything here runs on the coarse terrain grid (a few hundred cells a side), where whole-grid
numpy sweeps are cheap; the analysis grid only ever samples the resulting HAND field.
"""

from __future__ import annotations

import numpy as np

# D8 neighbour offsets (row, col) and their distances in cells.
_OFFSETS = ((-1, -1), (-1, 0), (-1, 1), (0, -1), (0, 1), (1, -1), (1, 0), (1, 1))
_DISTANCES = np.array([np.hypot(dr, dc) for dr, dc in _OFFSETS])
# A drainable surface rises by at least this much (m) per cell away from its outlet, so that
# filled flats still have a downhill direction; the bias it adds is under a centimetre per km.
DEFAULT_FILL_EPSILON_M = 1e-4


def _shifted(padded: np.ndarray, dr: int, dc: int, shape: tuple[int, int]) -> np.ndarray:
    rows, cols = shape
    return padded[1 + dr : 1 + dr + rows, 1 + dc : 1 + dc + cols]


def fill_depressions(
    elevation: np.ndarray, *, outlets: np.ndarray | None = None, epsilon: float = DEFAULT_FILL_EPSILON_M
) -> np.ndarray:
    """The lowest surface ≥ elevation that drains to the grid edge (Planchon & Darboux 2002), vectorised.

    Planchon, O. & Darboux, F. (2002), "A fast, simple and versatile algorithm to fill the
    depressions of digital elevation models", Catena 46: 159–176. Water starts at +∞ inside
    and at the ground on the edge; each sweep lowers every cell to max(ground, lowest
    neighbour + ε). The sweep is a whole-array operation, repeated until nothing moves.
    `outlets` marks interior cells where water leaves the grid too (a river's exit).
    """
    z = np.asarray(elevation, dtype=np.float64)
    rows, cols = z.shape
    water = np.full_like(z, np.inf)
    edge = np.zeros(z.shape, dtype=bool)
    edge[0, :] = edge[-1, :] = edge[:, 0] = edge[:, -1] = True
    edge |= ~np.isfinite(z)  # nodata cells act as outlets
    if outlets is not None:
        edge |= outlets
    water[edge] = np.where(np.isfinite(z[edge]), z[edge], -np.inf)
    ground = np.where(np.isfinite(z), z, -np.inf)
    for _ in range(rows * cols):
        padded = np.pad(water, 1, mode="constant", constant_values=np.inf)
        lowest = np.min(np.stack([_shifted(padded, dr, dc, z.shape) for dr, dc in _OFFSETS]), axis=0)
        lowered = np.maximum(ground, np.minimum(water, lowest + epsilon))
        lowered[edge] = water[edge]
        if np.array_equal(lowered, water):
            break
        water = lowered
    return water


def d8_receivers(surface: np.ndarray) -> np.ndarray:
    """Flat index of each cell's steepest-descent neighbour; a cell with no lower neighbour receives itself."""
    rows, cols = surface.shape
    padded = np.pad(surface, 1, mode="constant", constant_values=np.inf)
    drops = np.stack(
        [
            (surface - _shifted(padded, dr, dc, surface.shape)) / dist
            for (dr, dc), dist in zip(_OFFSETS, _DISTANCES, strict=True)
        ]
    )
    drops = np.where(np.isfinite(drops), drops, -np.inf)
    best = np.argmax(drops, axis=0)
    has_outlet = np.take_along_axis(drops, best[np.newaxis], axis=0)[0] > 0
    row_index, col_index = np.indices(surface.shape)
    d_row = np.array([dr for dr, _ in _OFFSETS])[best]
    d_col = np.array([dc for _, dc in _OFFSETS])[best]
    receiver = (row_index + d_row) * cols + (col_index + d_col)
    own = row_index * cols + col_index
    return np.where(has_outlet, receiver, own).ravel()


def flow_accumulation(receivers: np.ndarray, *, cell_area: float = 1.0) -> np.ndarray:
    """Upstream area of every cell (itself included), by peeling sources off the flow graph."""
    count = receivers.size
    own = np.arange(count)
    flows = receivers != own
    accumulation = np.full(count, float(cell_area))
    pending = np.bincount(receivers[flows], minlength=count)
    frontier = own[pending == 0]
    # Kahn's topological order, one whole generation of cells at a time: a cell joins the
    # frontier once every cell draining into it has passed its area on.
    while frontier.size:
        frontier = frontier[flows[frontier]]
        targets = receivers[frontier]
        np.add.at(accumulation, targets, accumulation[frontier])
        np.subtract.at(pending, targets, 1)
        frontier = np.unique(targets[pending[targets] == 0])
    return accumulation


def drain_targets(*, receivers: np.ndarray, drainage: np.ndarray) -> np.ndarray:
    """Flat index of the first drainage cell on each cell's flow path, or −1 if the path leaves the grid first."""
    own = np.arange(receivers.size)
    stop = drainage | (receivers == own)
    target = np.where(stop, own, receivers)
    # Pointer jumping: after k rounds every cell points 2^k steps down its path, so even a
    # path across the whole grid resolves in log2(cells) whole-array rounds.
    while True:
        jumped = target[target]
        if np.array_equal(jumped, target):
            break
        target = jumped
    return np.where(drainage[target], target, -1)


def height_above_nearest_drainage(
    *, elevation: np.ndarray, receivers: np.ndarray, drainage: np.ndarray
) -> np.ndarray:
    """HAND (m): a cell's height above the drainage cell its flow path reaches first (Rennó et al. 2008).

    Rennó, C. D. et al. (2008), "HAND, a new terrain descriptor using SRTM-DEM", Remote Sensing
    of Environment 112: 3469–3481. Cells whose path leaves the grid without meeting drainage
    get +∞ (never flooded); cells below their drainage cell (pits) get 0.
    """
    z = np.asarray(elevation, dtype=np.float64).ravel()
    target = drain_targets(receivers=receivers, drainage=np.asarray(drainage, dtype=bool).ravel())
    reached = target >= 0
    hand = np.full(z.size, np.inf)
    hand[reached] = np.maximum(z[reached] - z[target[reached]], 0.0)
    return hand.reshape(elevation.shape)
