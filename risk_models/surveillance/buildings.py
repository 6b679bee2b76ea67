"""Building footprints as occluders: an STRtree plus every edge as numpy arrays, built once."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import shapely
from shapely import STRtree

from .errors import InvalidTarget

# Edges arrays are (S, 2) float64: `starts` are edge start points, `edges` are end − start.
EdgeArrays = tuple[np.ndarray, np.ndarray]

NO_EDGES: EdgeArrays = (np.empty((0, 2)), np.empty((0, 2)))


class BuildingIndex:
    """Footprints in metres (UTM 34N), indexed for 'which edges can block a camera at (x, y)'."""

    def __init__(
        self,
        footprints: Sequence[shapely.Geometry] | np.ndarray,
        heights: Sequence[float | None] | np.ndarray | None = None,
    ) -> None:
        geoms = np.asarray(footprints, dtype=object).ravel()
        if len(geoms) and not np.all(np.isin(shapely.get_type_id(geoms), (3, 6))):
            raise InvalidTarget("Building footprints must be Polygons or MultiPolygons (in metres).")
        # Heights in metres above the ground; a building of unknown height hides everything
        # behind it (as if it were taller than any camera).
        tall = np.full(len(geoms), np.inf)
        if heights is not None:
            given = np.array([np.nan if h is None else h for h in heights], dtype=float).ravel()
            if len(given) != len(geoms):
                raise InvalidTarget("Give one height per building footprint.")
            tall = np.where(np.isfinite(given) & (given > 0), given, np.inf)
        if len(geoms):
            present = ~shapely.is_empty(geoms)
            geoms, tall = geoms[present], tall[present]
        parts, self.part_building = shapely.get_parts(geoms, return_index=True)
        self.part_height = tall[self.part_building] if len(parts) else np.empty(0)
        # Below this lens height no building is low: the bounded-shadow pass can be skipped.
        self.lowest = float(self.part_height.min()) if len(parts) else np.inf
        # Exterior rings counter-clockwise, holes clockwise: the solid lies on the left of every
        # edge, so an edge can only be the first thing a ray meets if the viewer is on its right.
        self.parts = shapely.orient_polygons(parts, exterior_cw=False)
        self.footprints = geoms
        rings, ring_part = shapely.get_rings(self.parts, return_index=True)
        coords, coord_ring = shapely.get_coordinates(rings, return_index=True)
        same_ring = coord_ring[:-1] == coord_ring[1:]
        self.starts = coords[:-1][same_ring]
        self.edges = coords[1:][same_ring] - self.starts
        edge_part = ring_part[coord_ring[:-1][same_ring]]
        # CSR offsets: the edges of part p are starts[offsets[p]:offsets[p + 1]].
        self.offsets = np.searchsorted(edge_part, np.arange(len(self.parts) + 1))
        self.tree = STRtree(self.parts)

    def __len__(self) -> int:
        return len(self.footprints)

    def edges_near(
        self,
        *,
        x: float,
        y: float,
        radius: float,
        bounds: tuple[float, float, float, float],
        mount_tolerance: float,
        viewer_height: float | None = None,
    ) -> EdgeArrays:
        """Front-facing edges within `radius` of (x, y) whose part meets `bounds`, relative to (x, y).

        Parts within `mount_tolerance` of the viewer are the building it hangs on (or stands in)
        and never occlude: a camera on a facade would otherwise be blinded by its own wall.
        With `viewer_height`, only parts at least that tall are returned: they hide all the ground
        behind them; lower parts hide a bounded shadow (low_parts_near).
        """
        candidates = self._candidates(x=x, y=y, bounds=bounds, mount_tolerance=mount_tolerance)
        if viewer_height is not None:
            candidates = candidates[self.part_height[candidates] >= viewer_height]
        if not len(candidates) or radius <= 0:
            return NO_EDGES
        index = _ranges(self.offsets[candidates], self.offsets[candidates + 1])
        starts = self.starts[index] - (x, y)
        edges = self.edges[index]
        # Viewer on the right of the edge: cross(start, edge) < 0 (see the orientation above).
        front = starts[:, 0] * edges[:, 1] - starts[:, 1] * edges[:, 0] < 0
        starts, edges = starts[front], edges[front]
        # Distance from the viewer (origin) to each edge; farther edges cannot block anything.
        length2 = np.einsum("ij,ij->i", edges, edges)
        u = np.clip(-np.einsum("ij,ij->i", starts, edges) / np.where(length2 > 0, length2, 1.0), 0.0, 1.0)
        nearest = starts + u[:, None] * edges
        near = np.einsum("ij,ij->i", nearest, nearest) < radius * radius
        return starts[near], edges[near]

    def _candidates(
        self, *, x: float, y: float, bounds: tuple[float, float, float, float], mount_tolerance: float
    ) -> np.ndarray:
        if not len(self.parts):
            return np.empty(0, dtype=np.intp)
        candidates = self.tree.query(shapely.box(*bounds))
        if len(candidates) and mount_tolerance >= 0:
            mounted = shapely.dwithin(self.parts[candidates], shapely.Point(x, y), mount_tolerance)
            candidates = candidates[~mounted]
        found: np.ndarray = candidates
        return found

    def low_parts_near(
        self,
        *,
        x: float,
        y: float,
        bounds: tuple[float, float, float, float],
        mount_tolerance: float,
        viewer_height: float,
    ) -> tuple[np.ndarray, np.ndarray]:
        """Parts meeting `bounds` lower than the viewer (relative to (x, y)) and their heights."""
        if viewer_height <= self.lowest:
            return np.empty(0, dtype=object), np.empty(0)
        candidates = self._candidates(x=x, y=y, bounds=bounds, mount_tolerance=mount_tolerance)
        low = candidates[self.part_height[candidates] < viewer_height]
        if not len(low):
            return np.empty(0, dtype=object), np.empty(0)
        return shapely.transform(self.parts[low], lambda xy: xy - (x, y)), self.part_height[low]


def _ranges(begin: np.ndarray, end: np.ndarray) -> np.ndarray:
    """Concatenation of arange(b, e) for each pair, without a Python loop."""
    lengths = end - begin
    total = int(lengths.sum())
    if total == 0:
        return np.empty(0, dtype=np.intp)
    # Offset of each output slot from its range's start: a running index reset at each range.
    resets = np.repeat(np.cumsum(lengths) - lengths, lengths)
    slots: np.ndarray = np.repeat(begin, lengths) + (np.arange(total) - resets)
    return slots
