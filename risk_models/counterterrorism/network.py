"""A street graph in metres (UTM 34N) from line geometries, with shortest paths and straight runs.

The platform has no full street network; the public-transport routes (and, in the centre, the OSM
major roads) stand in for it. Lines are snapped to a 1 m grid and noded (split where they cross),
so crossing streets share a node. Shortest paths use scipy.sparse.csgraph.dijkstra.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import shapely

from .errors import CounterTerrorismError

if TYPE_CHECKING:
    from scipy.sparse import csr_matrix
    from scipy.spatial import cKDTree

# scipy is imported where it is used: importing it costs about a second, which the web
# workers should not pay at start-up for a panel most requests never touch.

SNAP_M = 1.0
# Straight-line access from a point off the network to its nearest node is lengthened by this
# detour factor (assumption: a usual urban circuity of 1.3).
DETOUR = 1.3


@dataclass
class StreetGraph:
    xy: np.ndarray  # (n, 2) node coordinates, metres
    edges: np.ndarray  # (m, 2) node indices, each undirected edge once
    lengths: np.ndarray  # (m,) metres
    matrix: csr_matrix = field(repr=False)
    tree: cKDTree = field(repr=False)
    neighbours: list[list[int]] = field(repr=False)  # node -> edge indices

    @property
    def node_count(self) -> int:
        return len(self.xy)

    def nearest(self, points: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        distance, index = self.tree.query(np.asarray(points, dtype=float).reshape(-1, 2))
        return distance, index

    def other(self, edge: int, node: int) -> int:
        a, b = self.edges[edge]
        return int(b if a == node else a)


def build_graph(lines: Iterable[shapely.Geometry]) -> StreetGraph:
    from scipy.sparse import csr_matrix
    from scipy.spatial import cKDTree

    geoms = [g for g in lines if g is not None and not g.is_empty]
    if not geoms:
        raise CounterTerrorismError(parameter="streets", value=0, expected="at least one street line")
    snapped = shapely.set_precision(np.array(geoms, dtype=object), SNAP_M)
    noded = shapely.union_all(snapped)
    parts = shapely.get_parts(noded)
    coords_list = [np.asarray(p.coords) for p in parts if p.geom_type == "LineString" and len(p.coords) > 1]
    segments = np.concatenate([np.stack((c[:-1], c[1:]), axis=1) for c in coords_list])
    flat = np.round(segments.reshape(-1, 2) / SNAP_M).astype(np.int64)
    keys, inverse = np.unique(flat, axis=0, return_inverse=True)
    xy = keys.astype(float) * SNAP_M
    pairs = inverse.reshape(-1, 2)
    pairs = pairs[pairs[:, 0] != pairs[:, 1]]
    pairs = np.unique(np.sort(pairs, axis=1), axis=0)
    lengths = np.hypot(*(xy[pairs[:, 0]] - xy[pairs[:, 1]]).T)
    n = len(xy)
    matrix = csr_matrix(
        (
            np.concatenate([lengths, lengths]),
            (np.concatenate([pairs[:, 0], pairs[:, 1]]), np.concatenate([pairs[:, 1], pairs[:, 0]])),
        ),
        shape=(n, n),
    )
    neighbours: list[list[int]] = [[] for _ in range(n)]
    for index, (a, b) in enumerate(pairs):
        neighbours[a].append(index)
        neighbours[b].append(index)
    return StreetGraph(xy, pairs, lengths, matrix, cKDTree(xy), neighbours)


def distances_from(graph: StreetGraph, sources: np.ndarray, offsets: np.ndarray | None = None) -> np.ndarray:
    """Network distance from the nearest of several sources to every node.

    Each source is a point off the network: it reaches its nearest node over `DETOUR` × the
    straight distance (or `offsets`, if given). A virtual node joined to those nodes carries it.
    """
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import dijkstra

    sources = np.asarray(sources, dtype=float).reshape(-1, 2)
    if len(sources) == 0:
        return np.full(graph.node_count, np.inf)
    access, nodes = graph.nearest(sources)
    access = access * DETOUR if offsets is None else offsets
    n = graph.node_count
    best: dict[int, float] = {}
    for node, cost in zip(nodes.tolist(), access.tolist(), strict=True):
        best[node] = min(cost, best.get(node, math.inf))
    extra_rows = np.full(len(best), n)
    extra = csr_matrix(
        (np.array(list(best.values())) + 1e-9, (extra_rows, np.array(list(best.keys())))),
        shape=(n + 1, n + 1),
    )
    base = graph.matrix
    grown = csr_matrix(
        (base.data, base.indices, np.concatenate([base.indptr, [base.indptr[-1]]])), shape=(n + 1, n + 1)
    )
    result = dijkstra(grown + extra, directed=True, indices=n)
    return result[:n]


def shortest_path(
    graph: StreetGraph, start: int, targets: Sequence[int], *, limit: float = np.inf
) -> tuple[np.ndarray, list[list[int]]]:
    """Distances from node `start` to each target node (inf beyond `limit` m) and each path's nodes."""
    from scipy.sparse.csgraph import dijkstra

    dist, pred = dijkstra(graph.matrix, directed=False, indices=start, return_predecessors=True, limit=limit)
    paths = []
    for target in targets:
        path = []
        node = int(target)
        if np.isfinite(dist[node]):
            while node >= 0:
                path.append(node)
                if node == start:
                    break
                node = int(pred[node])
        paths.append(path[::-1])
    return dist[np.asarray(targets, dtype=int)] if len(targets) else np.array([]), paths


def direction(a: np.ndarray, b: np.ndarray) -> float:
    return math.atan2(b[1] - a[1], b[0] - a[0])


def _turn(h1: float, h2: float) -> float:
    """Absolute change of heading, degrees, 0–180."""
    d = math.degrees(h2 - h1)
    return abs((d + 180.0) % 360.0 - 180.0)


def straight_run(
    graph: StreetGraph,
    node: int,
    heading: float,
    *,
    max_turn_deg: float,
    max_total_turn_deg: float,
    max_length_m: float,
    start_length_m: float = 0.0,
    stop: set[int] | frozenset[int] = frozenset(),
) -> list[int]:
    """The longest straight or gently curving run that arrives at `node` travelling on `heading`.

    Walking backwards from `node`, each step continues along the edge whose direction deviates
    least from the run's; the walk stops where every continuation turns by more than
    `max_turn_deg` at one node, where the run has turned more than `max_total_turn_deg` from its
    final heading, where it would revisit a node or enter `stop` (the protected area), or once
    it is longer than `max_length_m` (counting `start_length_m` already run).
    Returns the nodes from the start of the run to `node`.
    """
    xy = graph.xy
    nodes = [node]
    seen = {node}
    current = heading
    length = start_length_m
    while length < max_length_m:
        here = nodes[-1]
        best, best_turn = -1, 181.0
        for edge in graph.neighbours[here]:
            prev = graph.other(edge, here)
            if prev in seen or prev in stop:
                continue
            turn = _turn(direction(xy[prev], xy[here]), current)
            if turn < best_turn:
                best, best_turn = prev, turn
        if best < 0 or best_turn > max_turn_deg:
            break
        step_heading = direction(xy[best], xy[here])
        if _turn(step_heading, heading) > max_total_turn_deg:
            break
        nodes.append(best)
        seen.add(best)
        current = step_heading
        length += float(np.hypot(*(xy[here] - xy[best])))
    return nodes[::-1]


def path_length(graph: StreetGraph, nodes: Sequence[int]) -> float:
    if len(nodes) < 2:
        return 0.0
    pts = graph.xy[np.asarray(nodes)]
    return float(np.hypot(*np.diff(pts, axis=0).T).sum())
