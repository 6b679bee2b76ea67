"""Seeded synthetic cameras, buildings, districts and streets in a metric bbox, for tests and benchmarks.

Demo data only: nothing here describes real Sofia buildings or cameras.
"""

from __future__ import annotations

import math

import numpy as np
import shapely
from shapely import STRtree
from shapely.geometry import LineString, Polygon

from .fov import CameraGeometry

Bounds = tuple[float, float, float, float]


def _positions(
    rng: np.random.Generator, *, bounds: Bounds, count: int, clustered_share: float, spread: float
) -> np.ndarray:
    """(count, 2) points: a share around the bbox centre (a city core), the rest uniform."""
    minx, miny, maxx, maxy = bounds
    centre = ((minx + maxx) / 2, (miny + maxy) / 2)
    clustered = int(round(count * clustered_share))
    core = rng.normal(centre, spread, size=(clustered, 2))
    spread_out = rng.uniform((minx, miny), (maxx, maxy), size=(count - clustered, 2))
    points = np.concatenate((core, spread_out))
    # Clamp the Gaussian tail into the bbox rather than redraw: the bias is negligible.
    return np.clip(points, (minx, miny), (maxx, maxy))


def synthetic_buildings(
    *,
    bounds: Bounds,
    count: int,
    seed: int,
    clustered_share: float = 0.7,
    spread: float = 3000.0,
    size: tuple[float, float] = (8.0, 40.0),
) -> np.ndarray:
    """`count` non-overlapping rotated rectangles (m), denser towards the bbox centre."""
    rng = np.random.default_rng(seed)
    kept = np.empty(0, dtype=object)
    # Draw, drop rectangles that touch an earlier one, and top up until there are enough.
    for _ in range(20):
        missing = count - len(kept)
        if missing <= 0:
            break
        draw = int(missing * 1.3) + 10
        centres = _positions(rng, bounds=bounds, count=draw, clustered_share=clustered_share, spread=spread)
        half_w = rng.uniform(*size, draw) / 2
        half_h = rng.uniform(size[0], (size[0] + size[1]) / 2, draw) / 2
        angle = rng.uniform(0.0, math.pi, draw)
        corners = np.array([(-1, -1), (1, -1), (1, 1), (-1, 1), (-1, -1)], dtype=float)
        local = corners[None, :, :] * np.stack((half_w, half_h), axis=1)[:, None, :]
        cos, sin = np.cos(angle)[:, None], np.sin(angle)[:, None]
        rotated = np.stack(
            (local[..., 0] * cos - local[..., 1] * sin, local[..., 0] * sin + local[..., 1] * cos), axis=-1
        )
        fresh = shapely.polygons(rotated + centres[:, None, :])
        candidates = np.concatenate((kept, fresh))
        left, right = STRtree(candidates).query(candidates, predicate="intersects")
        clash = np.unique(np.maximum(left, right)[left != right])
        keep = np.ones(len(candidates), dtype=bool)
        keep[clash] = False
        keep[: len(kept)] = True  # earlier survivors stay; only the new rectangle of a clash goes
        kept = candidates[keep]
    return kept[:count]


def synthetic_cameras(
    *,
    bounds: Bounds,
    count: int,
    seed: int,
    buildings: np.ndarray | None = None,
    clustered_share: float = 0.7,
    spread: float = 3000.0,
) -> list[CameraGeometry]:
    """`count` cameras with a realistic mix of optics and mounts, outside building footprints."""
    rng = np.random.default_rng(seed)
    points = _positions(rng, bounds=bounds, count=count, clustered_share=clustered_share, spread=spread)
    if buildings is not None and len(buildings):
        tree = STRtree(buildings)
        for _ in range(20):
            inside = np.unique(tree.query(shapely.points(points), predicate="intersects")[0])
            if not len(inside):
                break
            points[inside] = _positions(
                rng, bounds=bounds, count=len(inside), clustered_share=clustered_share, spread=spread
            )
    resolution = rng.choice((1280, 1920, 2560, 3840), size=count, p=(0.15, 0.5, 0.2, 0.15))
    fov = rng.uniform(30.0, 110.0, count)
    height = rng.uniform(3.0, 12.0, count)
    tilt = rng.uniform(0.0, 25.0, count)
    azimuth = rng.uniform(0.0, 360.0, count)
    return [
        CameraGeometry(
            x=float(x),
            y=float(y),
            height=float(h),
            azimuth=float(a),
            fov=float(f),
            resolution=int(r),
            tilt=float(t),
        )
        for (x, y), h, a, f, r, t in zip(points, height, azimuth, fov, resolution, tilt, strict=True)
    ]


def district_grid(*, bounds: Bounds, columns: int = 6, rows: int = 4) -> list[Polygon]:
    """columns × rows rectangles tiling the bbox (24 by default, like Sofia's districts)."""
    minx, miny, maxx, maxy = bounds
    xs, ys = np.linspace(minx, maxx, columns + 1), np.linspace(miny, maxy, rows + 1)
    return [shapely.box(xs[i], ys[j], xs[i + 1], ys[j + 1]) for j in range(rows) for i in range(columns)]


def street_grid(*, bounds: Bounds, spacing: float) -> list[LineString]:
    """Straight streets every `spacing` m in both directions across the bbox."""
    minx, miny, maxx, maxy = bounds
    streets = [LineString([(x, miny), (x, maxy)]) for x in np.arange(minx, maxx + 1e-9, spacing)]
    streets += [LineString([(minx, y), (maxx, y)]) for y in np.arange(miny, maxy + 1e-9, spacing)]
    return streets
