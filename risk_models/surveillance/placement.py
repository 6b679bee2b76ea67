"""Where to put the next k cameras: lazy greedy maximal covering of grid demand (≥ (1 − 1/e)·optimum)."""

from __future__ import annotations

import heapq
import itertools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import shapely
from shapely.geometry import MultiPolygon, Polygon

from . import visibility
from .buildings import BuildingIndex
from .demand import DemandGrid, covered_cells
from .dori import DoriLevel
from .errors import InvalidPlacementRequest
from .fov import DEFAULT_SETTINGS, CameraGeometry, CameraModel, FovSettings, fields_of_view, reach

# Brute force is for tests and tiny cases; beyond this many subsets it refuses.
MAX_BRUTE_FORCE_SUBSETS = 2_000_000


@dataclass(frozen=True, slots=True)
class Pick:
    """One greedy choice: the candidate's index and the demand it added when chosen."""

    candidate: int
    gain: float


@dataclass(frozen=True, slots=True)
class Candidates:
    """Candidate cameras (a site and an azimuth each) and the flat indices of grid cells each would cover."""

    site: np.ndarray  # (n,) index into the sites given
    azimuth: np.ndarray  # (n,) degrees clockwise from north
    cells: list[np.ndarray]  # per candidate, flat cell indices (row * cols + col)


@dataclass(frozen=True, slots=True)
class PlacedCamera:
    """A camera the placement adds, with its marginal gain (in the demand's units)."""

    camera: CameraGeometry
    site: int  # index into the sites given
    gain: float  # m² of area, m of street, or weighted units newly covered by this camera
    cumulative_share: float  # share of all demand covered after this camera (existing cameras included)
    field_of_view: Polygon | MultiPolygon  # at the optimised level, cut by buildings, for the map


@dataclass(frozen=True, slots=True)
class PlacementResult:
    """The chosen cameras in the order chosen, with the demand covered before and after."""

    level: DoriLevel
    total_demand: float
    covered_before: float
    covered_after: float
    cameras: list[PlacedCamera]
    candidates_considered: int


def lazy_greedy(
    *,
    cells: Sequence[np.ndarray],
    weights: np.ndarray,
    k: int,
    covered: np.ndarray | None = None,
    groups: np.ndarray | None = None,
) -> list[Pick]:
    """Pick up to k candidates maximising the weight of newly covered cells, greedily and lazily.

    Coverage is monotone submodular: a candidate's gain can only shrink as others are picked, so a
    stale gain is an upper bound. Pop the best bound, refresh it, and take it if it still beats the
    next bound (Minoux's lazy greedy): same picks as plain greedy, far fewer evaluations. With
    `groups`, at most one candidate per group (e.g. per site) is taken — a partition matroid, for
    which greedy still guarantees 1/2 of the optimum instead of 1 − 1/e.
    """
    weights = np.asarray(weights, dtype=float).ravel()
    taken = (
        np.zeros(len(weights), dtype=bool)
        if covered is None
        else np.asarray(covered, dtype=bool).ravel().copy()
    )
    heap = []
    for index, members in enumerate(cells):
        gain = float(weights[members][~taken[members]].sum())
        if gain > 0:
            heap.append((-gain, index))
    heapq.heapify(heap)
    fresh_at = np.zeros(len(cells), dtype=np.intp)  # the number of picks when the gain was computed
    used_groups: set[int] = set()
    picks: list[Pick] = []
    while heap and len(picks) < k:
        negative_gain, index = heapq.heappop(heap)
        if groups is not None and int(groups[index]) in used_groups:
            continue
        gain = -negative_gain
        if fresh_at[index] != len(picks):
            members = cells[index]
            gain = float(weights[members][~taken[members]].sum())
            fresh_at[index] = len(picks)
            if gain <= 0:
                continue
            if heap and gain < -heap[0][0]:
                heapq.heappush(heap, (-gain, index))
                continue
        taken[cells[index]] = True
        picks.append(Pick(candidate=index, gain=gain))
        if groups is not None:
            used_groups.add(int(groups[index]))
    return picks


def brute_force(
    *, cells: Sequence[np.ndarray], weights: np.ndarray, k: int, covered: np.ndarray | None = None
) -> tuple[float, tuple[int, ...]]:
    """The optimal k candidates by enumeration (small cases and tests only): (value, indices)."""
    if math.comb(len(cells), min(k, len(cells))) > MAX_BRUTE_FORCE_SUBSETS:
        raise InvalidPlacementRequest("Too many subsets for brute force; use lazy_greedy.")
    weights = np.asarray(weights, dtype=float).ravel()
    free = np.ones(len(weights), dtype=bool) if covered is None else ~np.asarray(covered, dtype=bool).ravel()
    best: tuple[float, tuple[int, ...]] = (0.0, ())
    for subset in itertools.combinations(range(len(cells)), min(k, len(cells))):
        union = (
            np.unique(np.concatenate([cells[i] for i in subset])) if subset else np.empty(0, dtype=np.intp)
        )
        value = float(weights[union[free[union]]].sum())
        if value > best[0]:
            best = (value, subset)
    return best


def candidate_cells(
    *,
    grid: DemandGrid,
    sites: np.ndarray,
    camera: CameraModel,
    directions: int = 8,
    level: DoriLevel = DoriLevel.DETECT,
    buildings: BuildingIndex | None = None,
    covered: np.ndarray | None = None,
    settings: FovSettings = DEFAULT_SETTINGS,
) -> Candidates:
    """For each site × direction, the demand cells a `camera` there would see at `level` (cell centres)."""
    bounds = reach(camera=camera, settings=settings)
    radius, inner = bounds.radii[DoriLevel(level)], bounds.inner
    rows, cols = grid.shape
    xs, ys = grid.centres()
    useful = grid.weights > 0
    if covered is not None:
        useful &= ~covered
    azimuths = np.arange(directions) * (360.0 / directions)
    site_of, azimuth_of, cells = [], [], []
    if radius <= inner:  # this camera model never reaches `level` beyond its blind zone
        sites = sites[:0]
    for site, (x, y) in enumerate(sites):
        box = (x - radius, y - radius, x + radius, y + radius)
        row_slice, col_slice = grid.window(bounds=box)
        local_rows, local_cols = np.nonzero(useful[row_slice, col_slice])
        if not len(local_rows):
            continue
        dx = xs[col_slice][local_cols] - x
        dy = ys[row_slice][local_rows] - y
        distance2 = dx * dx + dy * dy
        near = (distance2 <= radius * radius) & (distance2 > inner * inner)
        dx, dy = dx[near], dy[near]
        flat = (local_rows[near] + row_slice.start) * cols + (local_cols[near] + col_slice.start)
        if buildings is not None and len(flat):
            starts, edges = buildings.edges_near(
                x=x,
                y=y,
                radius=radius,
                bounds=box,
                mount_tolerance=settings.mount_tolerance,
                viewer_height=camera.height,
            )
            if len(starts):
                # A cell counts as seen when the sight line to its centre crosses no wall at
                # least as tall as the lens ...
                seen = ~visibility.sight_blocked(
                    targets=np.column_stack((dx, dy)), starts=starts, edges=edges
                )
                dx, dy, flat = dx[seen], dy[seen], flat[seen]
            parts, heights = buildings.low_parts_near(
                x=x, y=y, bounds=box, mount_tolerance=settings.mount_tolerance, viewer_height=camera.height
            )
            if len(parts) and len(flat):
                # ... and lies in no lower building's bounded shadow.
                hidden = visibility.low_shadows(
                    parts=parts, heights=heights, viewer_height=camera.height, radius=radius
                )
                seen = ~shapely.contains_xy(hidden, dx, dy)
                dx, dy, flat = dx[seen], dy[seen], flat[seen]
        if not len(flat):
            continue
        bearing = np.degrees(np.arctan2(dx, dy)) % 360.0  # compass: clockwise from north
        for azimuth in azimuths:
            off_axis = np.abs((bearing - azimuth + 180.0) % 360.0 - 180.0)
            inside = flat[off_axis <= camera.fov / 2.0]
            if len(inside):
                site_of.append(site)
                azimuth_of.append(azimuth)
                cells.append(inside)
    return Candidates(site=np.array(site_of, dtype=np.intp), azimuth=np.array(azimuth_of), cells=cells)


def _site_array(sites: np.ndarray | Sequence[shapely.Geometry]) -> np.ndarray:
    array = np.asarray(sites)
    if array.dtype == object:
        array = shapely.get_coordinates(array)
    array = np.asarray(array, dtype=float).reshape(-1, 2)
    if not len(array) or not np.all(np.isfinite(array)):
        raise InvalidPlacementRequest("Placement needs at least one candidate site with finite coordinates.")
    return array


def place_cameras(
    *,
    demand: DemandGrid,
    sites: np.ndarray | Sequence[shapely.Geometry],
    k: int,
    camera: CameraModel,
    directions: int = 8,
    level: DoriLevel = DoriLevel.DETECT,
    buildings: BuildingIndex | None = None,
    existing: Iterable[shapely.Geometry] = (),
    one_camera_per_site: bool = False,
    settings: FovSettings = DEFAULT_SETTINGS,
) -> PlacementResult:
    """Choose k new cameras (site × azimuth) adding the most demand not already seen at `level`."""
    if k < 1 or directions < 1:
        raise InvalidPlacementRequest(f"k and directions must be ≥ 1, got k={k}, directions={directions}.")
    level = DoriLevel(level)
    points = _site_array(sites)
    covered = covered_cells(grid=demand, fields=existing)
    weights = demand.weights.ravel()
    covered_before = float(weights[covered.ravel()].sum())
    candidates = candidate_cells(
        grid=demand,
        sites=points,
        camera=camera,
        directions=directions,
        level=level,
        buildings=buildings,
        covered=covered,
        settings=settings,
    )
    picks = lazy_greedy(
        cells=candidates.cells,
        weights=weights,
        k=k,
        covered=covered,
        groups=candidates.site if one_camera_per_site else None,
    )
    total = demand.total
    placed, running = [], covered_before
    for pick in picks:
        site = int(candidates.site[pick.candidate])
        x, y = points[site]
        mounted = camera.at(x=float(x), y=float(y), azimuth=float(candidates.azimuth[pick.candidate]))
        running += pick.gain
        placed.append(
            PlacedCamera(
                camera=mounted,
                site=site,
                gain=pick.gain,
                cumulative_share=running / total if total > 0 else 0.0,
                field_of_view=fields_of_view(camera=mounted, buildings=buildings, settings=settings)[level],
            )
        )
    return PlacementResult(
        level=level,
        total_demand=total,
        covered_before=covered_before,
        covered_after=running,
        cameras=placed,
        candidates_considered=len(candidates.cells),
    )
