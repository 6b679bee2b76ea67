"""2D visibility from a viewpoint among building edges: an angular ray sweep, and shadow polygons.

Coordinates here are local: the viewer is the origin, so the arithmetic keeps full float64
precision at UTM magnitudes (x ≈ 700,000 m). Angles are mathematical (radians, counter-
clockwise from east); fov.py converts compass azimuths.
"""

from __future__ import annotations

import math

import numpy as np
import shapely
import shapely.affinity
from shapely.geometry import MultiPolygon, Polygon

# A ray either side of every building corner, this far apart (rad): the silhouette edge is then
# reproduced exactly (to ~3e-5 m at 300 m) instead of being smeared over one arc step.
EVENT_EPSILON = 1e-7
# Above this many ray × edge pairs the intersection matrix is processed in chunks of rays.
_MAX_PAIRS = 1_000_000


def arc_step(*, radius: float, tolerance: float, max_step: float) -> float:
    """Angle (rad) between arc rays so the chord strays at most `tolerance` m from an arc of `radius`."""
    if radius <= tolerance:
        return max_step
    # The sagitta of a chord spanning angle a on radius r is r·(1 − cos(a/2)).
    return min(2.0 * math.acos(1.0 - tolerance / radius), max_step)


def sweep_angles(
    *, start: float, span: float, step: float, starts: np.ndarray, edges: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Sorted ray angles over [start, start + span]: an even arc plus a pair per corner.

    Also returns each ray's ordinal along the even arc (0 … n), or −1 for a corner ray.
    """
    arc = np.linspace(0.0, span, max(math.ceil(span / step), 1) + 1)
    if len(starts):
        corners = np.concatenate((starts, starts + edges))
        relative = (np.arctan2(corners[:, 1], corners[:, 0]) - start) % (2.0 * math.pi)
        relative = relative[relative < span]
        events = np.clip(np.concatenate((relative - EVENT_EPSILON, relative + EVENT_EPSILON)), 0.0, span)
    else:
        events = np.empty(0)
    every = np.concatenate((arc, events))
    ordinal = np.concatenate((np.arange(len(arc)), np.full(len(events), -1)))
    # np.unique keeps the first occurrence of a repeated angle; arc rays come first, so they win.
    unique, first = np.unique(every, return_index=True)
    return start + unique, ordinal[first]


def ray_hits(*, angles: np.ndarray, starts: np.ndarray, edges: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distance along each ray to the nearest front-facing edge (inf if none), and that edge's index."""
    hits = np.full(len(angles), np.inf)
    which = np.full(len(angles), -1)
    if not len(starts) or not len(angles):
        return hits, which
    step = max(1, _MAX_PAIRS // len(starts))
    for begin in range(0, len(angles), step):
        chunk = slice(begin, begin + step)
        t = _distances(np.cos(angles[chunk]), np.sin(angles[chunk]), starts, edges)
        nearest = t.argmin(axis=1)
        hits[chunk] = t[np.arange(len(nearest)), nearest]
        which[chunk] = np.where(np.isfinite(hits[chunk]), nearest, -1)
    return hits, which


def sight_blocked(*, targets: np.ndarray, starts: np.ndarray, edges: np.ndarray) -> np.ndarray:
    """For each target point (relative to the viewer), whether a front-facing edge hides it."""
    blocked = np.zeros(len(targets), dtype=bool)
    if not len(starts) or not len(targets):
        return blocked
    step = max(1, _MAX_PAIRS // len(starts))
    for begin in range(0, len(targets), step):
        chunk = targets[begin : begin + step]
        # Unnormalised directions: the hit parameter t is then a fraction of the sight line,
        # and t < 1 means the edge lies between viewer and target.
        blocked[begin : begin + step] = _distances(chunk[:, 0], chunk[:, 1], starts, edges).min(axis=1) < 1.0
    return blocked


def _distances(dx: np.ndarray, dy: np.ndarray, starts: np.ndarray, edges: np.ndarray) -> np.ndarray:
    """(rays × edges) hit parameters t along each direction, inf where the ray misses the edge."""
    # Ray p = t·d meets edge q = a + u·e where t = cross(a, e) / cross(d, e) and
    # u = cross(a, d) / cross(d, e). For front faces cross(a, e) < 0, so a hit ahead (t > 0)
    # needs cross(d, e) < 0; negating all three keeps the comparisons division-free.
    ax, ay = starts[:, 0], starts[:, 1]
    ex, ey = edges[:, 0], edges[:, 1]
    numerator = ay * ex - ax * ey  # −cross(a, e) > 0
    denominator = dy[:, None] * ex - dx[:, None] * ey  # −cross(d, e)
    along = ay * dx[:, None] - ax * dy[:, None]  # −cross(a, d)
    valid = (denominator > 0) & (along >= 0) & (along <= denominator)
    distances: np.ndarray = np.divide(
        numerator, denominator, out=np.full(denominator.shape, np.inf), where=valid
    )
    return distances


def fan_polygon(
    *,
    x: float,
    y: float,
    angles: np.ndarray,
    hits: np.ndarray,
    arc_ordinal: np.ndarray,
    radius: float,
    inner_radius: float = 0.0,
    arc_every: int = 1,
    which: np.ndarray | None = None,
    starts: np.ndarray | None = None,
    edges: np.ndarray | None = None,
) -> Polygon | MultiPolygon:
    """The visible part of the annular sector radius × angles, given each ray's nearest hit.

    Only every `arc_every`-th arc ray is used: a smaller radius needs fewer points for the same
    chord tolerance, and fewer vertices make every later union cheaper.
    """
    if radius <= inner_radius or not len(angles):
        return Polygon()
    is_arc = (arc_ordinal >= 0) & ((arc_ordinal % arc_every == 0) | (arc_ordinal == arc_ordinal.max()))
    blocked = hits < radius
    # Corner rays beyond this radius only add redundant points on the arc; keep those next to a
    # blocked ray, because they carry the silhouette edge.
    near_blocked = blocked.copy()
    near_blocked[1:] |= blocked[:-1]
    near_blocked[:-1] |= blocked[1:]
    keep = is_arc | near_blocked
    angles, rho = angles[keep], np.minimum(hits[keep], radius)
    walls = which[keep] if which is not None else None
    if walls is not None and starts is not None and edges is not None:
        angles, rho, walls = _with_crossings(angles, rho, walls, blocked[keep], radius, starts, edges)
    cos, sin = np.cos(angles), np.sin(angles)
    if inner_radius <= 0.0:
        ring = np.column_stack((np.concatenate(([0.0], rho * cos)), np.concatenate(([0.0], rho * sin))))
        return Polygon(ring + (x, y))
    # With a near blind zone, each run of rays that gets past it is one piece (outer chain out,
    # inner arc back); rays blocked inside the blind zone separate the pieces.
    open_ = rho > inner_radius
    bounds = np.flatnonzero(np.diff(np.concatenate(([0], open_.astype(np.int8), [0]))))
    pieces = []
    for begin, end in zip(bounds[::2], bounds[1::2], strict=True):
        outer = np.column_stack((rho[begin:end] * cos[begin:end], rho[begin:end] * sin[begin:end]))
        inner = inner_radius * np.column_stack((cos[begin:end], sin[begin:end]))[::-1]
        if walls is not None and starts is not None and edges is not None:
            # Where a wall cuts the blind circle between an open and a closed ray, end the piece at
            # the exact crossing rather than at the last open ray (a sliver of one arc step).
            if begin > 0:
                point = _crossing(
                    starts, edges, walls[begin - 1], inner_radius, angles[begin - 1], angles[begin]
                )
                outer = outer if point is None else np.concatenate((point, outer))
            if end < len(angles):
                point = _crossing(starts, edges, walls[end], inner_radius, angles[end - 1], angles[end])
                outer = outer if point is None else np.concatenate((outer, point))
        ring = np.concatenate((outer, inner))
        if len(ring) >= 3:
            piece = Polygon(ring + (x, y))
            if piece.area > 0:
                pieces.append(piece)
    if not pieces:
        return Polygon()
    return pieces[0] if len(pieces) == 1 else MultiPolygon(pieces)


def _with_crossings(
    angles: np.ndarray,
    rho: np.ndarray,
    which: np.ndarray,
    blocked: np.ndarray,
    radius: float,
    starts: np.ndarray,
    edges: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Insert the exact point where a wall crosses the range circle between two neighbouring rays.

    Without it the outline would cut straight from the last ray that hits the wall to the next
    ray that reaches the arc, an error that grows with the arc step.
    """
    change = np.flatnonzero(blocked[:-1] != blocked[1:])
    if not len(change):
        return angles, rho, which
    edge = np.where(blocked[change], which[change], which[change + 1])
    a, e = starts[edge], edges[edge]
    # |a + u·e| = radius: a quadratic in u; try both roots, keep one on the edge between the rays.
    qa = np.einsum("ij,ij->i", e, e)
    qb = 2.0 * np.einsum("ij,ij->i", a, e)
    qc = np.einsum("ij,ij->i", a, a) - radius * radius
    root = np.sqrt(np.maximum(qb * qb - 4.0 * qa * qc, 0.0))
    low, high = angles[change], angles[change + 1]
    inserted_angles, positions, inserted_walls = [], [], []
    for u in ((-qb - root) / (2.0 * qa), (-qb + root) / (2.0 * qa)):
        point = a + u[:, None] * e
        theta = low + (np.arctan2(point[:, 1], point[:, 0]) - low) % (2.0 * math.pi)
        good = (u >= 0.0) & (u <= 1.0) & (theta > low) & (theta < high)
        inserted_angles.append(theta[good])
        positions.append(change[good] + 1)
        inserted_walls.append(edge[good])
    inserted = np.concatenate(inserted_angles)
    if not len(inserted):
        return angles, rho, which
    at = np.concatenate(positions)
    return (
        np.insert(angles, at, inserted),
        np.insert(rho, at, radius),
        np.insert(which, at, np.concatenate(inserted_walls)),
    )


def _crossing(
    starts: np.ndarray, edges: np.ndarray, wall: int, radius: float, low: float, high: float
) -> np.ndarray | None:
    """The (1, 2) point where edge `wall` meets the circle of `radius` at an angle in (low, high)."""
    if wall < 0:
        return None
    a, e = starts[wall], edges[wall]
    qa, qb, qc = e @ e, 2.0 * (a @ e), a @ a - radius * radius
    discriminant = qb * qb - 4.0 * qa * qc
    if qa <= 0 or discriminant < 0:
        return None
    for u in ((-qb - math.sqrt(discriminant)) / (2 * qa), (-qb + math.sqrt(discriminant)) / (2 * qa)):
        point = a + u * e
        theta = low + (math.atan2(point[1], point[0]) - low) % (2.0 * math.pi)
        if 0.0 <= u <= 1.0 and low < theta < high:
            return radius * np.array([[math.cos(theta), math.sin(theta)]])
    return None


def shadows(*, starts: np.ndarray, edges: np.ndarray, radius: float) -> shapely.Geometry:
    """Union of the regions each front-facing edge hides up to `radius` (local coordinates)."""
    if not len(starts):
        return Polygon()
    ends = starts + edges
    unit_a = starts / np.linalg.norm(starts, axis=1, keepdims=True)
    unit_b = ends / np.linalg.norm(ends, axis=1, keepdims=True)
    middle = unit_a + unit_b
    middle /= np.linalg.norm(middle, axis=1, keepdims=True)
    # Far points at twice the farthest of radius and the edge ends, with one on the bisector: a
    # front face subtends < 180°, so each half < 90° and the far chords stay beyond radius
    # (2·radius·cos 45° > radius), and no far point falls short of its own edge end.
    far = (
        2.0
        * max(
            radius,
            float(np.sqrt(np.einsum("ij,ij->i", ends, ends).max())),
            float(np.sqrt(np.einsum("ij,ij->i", starts, starts).max())),
        )
        + 1.0
    )
    quads = np.stack((starts, ends, unit_b * far, middle * far, unit_a * far, starts), axis=1)
    return shapely.union_all(shapely.polygons(quads))


def low_shadows(
    *, parts: np.ndarray, heights: np.ndarray, viewer_height: float, radius: float
) -> shapely.Geometry:
    """The ground hidden by buildings lower than the viewer, up to `radius` (local coordinates).

    The sight line from the lens at viewer_height h to a ground point at distance D clears a
    roof edge of height H < h at distance d only if h·(1 − d/D) ≥ H, i.e. D ≥ d·h / (h − H).
    So a low building hides the ground between its walls and its roof outline projected from
    the lens onto the ground, the outline scaled by k = h / (h − H) about the camera's foot:
    the footprint, its scaled copy and the quadrilateral every wall sweeps between the two
    (the shadow of a point light at the lens). A taller building (H ≥ h) hides all behind it;
    that case is the ray sweep's.
    """
    if not len(parts):
        return Polygon()
    scale = viewer_height / (viewer_height - heights)
    # No need to project past the range: cap k so the nearest corner lands at 2·radius + 1 m.
    nearest = np.maximum(shapely.distance(parts, shapely.Point(0.0, 0.0)), 1e-6)
    scale = np.minimum(scale, (2.0 * radius + 1.0) / nearest)
    rings, ring_part = shapely.get_rings(parts, return_index=True)
    coords, coord_ring = shapely.get_coordinates(rings, return_index=True)
    same = coord_ring[:-1] == coord_ring[1:]
    a, b = coords[:-1][same], coords[1:][same]
    k = scale[ring_part[coord_ring[:-1][same]]][:, None]
    quads = shapely.polygons(np.stack((a, b, b * k, a * k, a), axis=1))
    quads = quads[shapely.area(quads) > 1e-9]
    projected = np.array(
        [shapely.affinity.scale(part, s, s, origin=(0.0, 0.0)) for part, s in zip(parts, scale, strict=True)],
        dtype=object,
    )
    return shapely.union_all(np.concatenate((parts, projected, quads)))
