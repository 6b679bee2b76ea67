"""Benchmark: the surveillance analysis core (risk_models.surveillance) at city scale, no database.

    .venv/bin/python bench/coverage_core.py
    .venv/bin/python bench/coverage_core.py --cameras 2000 --buildings 10000   # a quick run

What it does, in one process on seeded synthetic demo data inside Sofia's bounds (UTM 34N):

1. 50,000 non-overlapping rotated rectangular buildings and 10,000 cameras (70 % of each in a
   Gaussian city core of σ = 3 km, the rest uniform), and 24 district rectangles (6 × 4) tiling
   the bbox.
2. Times, each against its target:
   - fov_s: the building index plus every camera's DORI fields of view cut by buildings (≤ 60 s);
   - district_coverage_s: the field set (STRtrees) plus coverage of all 24 districts at all four
     DORI levels, with gap geometry and covering cameras (≤ 10 s);
   - placement_s: 20 new cameras among 2,000 candidate sites × 8 directions in the busiest
     district, 20 m cells weighted by synthetic incidents, existing detect coverage and building
     occlusion included (≤ 30 s);
   - who_sees_p95_ms: 1,000 point queries, half uniform over the bbox, half inside a random
     camera's open detect sector (≤ 20 ms).
3. Compares the two visibility algorithms (ray sweep, shadow polygons) on 1,000 cameras.

The last line printed is one JSON object:
    {"fov_s": ..., "district_coverage_s": ..., "placement_s": ..., "who_sees_p95_ms": ..., "peak_mb": ...}
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = 20_251_125


def log(message: str) -> None:
    print(message, flush=True)


def peak_mb() -> float:
    # ru_maxrss is in KiB on Linux: the resident high-water mark of this process.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cameras", type=int, default=10_000)
    parser.add_argument("--buildings", type=int, default=50_000)
    parser.add_argument("--sites", type=int, default=2_000)
    parser.add_argument("--k", type=int, default=20)
    parser.add_argument("--queries", type=int, default=1_000)
    parser.add_argument("--cell-size", type=float, default=20.0)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--skip-compare", action="store_true", help="skip the rays-vs-shadows comparison")
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT))
    import numpy as np
    import shapely
    from shapely import STRtree

    from risk_models.surveillance import (
        BuildingIndex,
        CameraModel,
        DoriLevel,
        FieldSet,
        WhoSeesIndex,
        coverage_of,
        demand_grid,
        fields_of_view,
        fields_of_view_many,
        place_cameras,
        point_counts,
        reach,
        weighted,
    )
    from risk_models.surveillance.projection import sofia_metric_bounds
    from risk_models.surveillance.synthetic import district_grid, synthetic_buildings, synthetic_cameras

    bounds = sofia_metric_bounds()
    rng = np.random.default_rng(args.seed)
    log(f"Sofia bbox in UTM 34N: {tuple(round(b) for b in bounds)}")

    started = time.perf_counter()
    footprints = synthetic_buildings(bounds=bounds, count=args.buildings, seed=args.seed)
    cameras = synthetic_cameras(bounds=bounds, count=args.cameras, seed=args.seed + 1, buildings=footprints)
    districts = district_grid(bounds=bounds)
    log(
        f"generated {len(footprints):,} buildings, {len(cameras):,} cameras, {len(districts)} districts"
        f" in {time.perf_counter() - started:.1f} s"
    )

    # 1. All fields of view, occlusion included (the index build counts).
    started = time.perf_counter()
    buildings = BuildingIndex(footprints)
    index_s = time.perf_counter() - started
    fields = fields_of_view_many(cameras=cameras, buildings=buildings)
    fov_s = time.perf_counter() - started
    vertices = np.mean([shapely.get_num_coordinates(f[DoriLevel.DETECT]) for f in fields])
    log(
        f"fields of view: {fov_s:.2f} s ({index_s:.2f} s index, {1000 * (fov_s - index_s) / len(cameras):.2f} ms"
        f" per camera, {vertices:.0f} vertices per detect polygon)"
    )

    if not args.skip_compare:
        sample = cameras[:1000]
        started = time.perf_counter()
        swept = fields_of_view_many(cameras=sample, buildings=buildings)
        rays_ms = 1000 * (time.perf_counter() - started) / len(sample)
        started = time.perf_counter()
        shadowed = [fields_of_view(camera=c, buildings=buildings, method="shadows") for c in sample]
        shadows_ms = 1000 * (time.perf_counter() - started) / len(sample)
        total = sum(s[DoriLevel.DETECT].area for s in shadowed)
        apart = sum(
            a[DoriLevel.DETECT].symmetric_difference(b[DoriLevel.DETECT]).area
            for a, b in zip(swept, shadowed, strict=True)
        )
        log(
            f"visibility algorithms on {len(sample)} core cameras: ray sweep {rays_ms:.2f} ms/camera,"
            f" shadow polygons {shadows_ms:.2f} ms/camera; detect areas differ by {100 * apart / total:.4f} %"
        )

    # 2. Coverage of the 24 districts at every level.
    ids = range(len(cameras))
    started = time.perf_counter()
    field_set = FieldSet(dict(zip(ids, fields, strict=True)))
    reports = [coverage_of(target=district, fields=field_set) for district in districts]
    district_coverage_s = time.perf_counter() - started
    busiest = max(range(len(districts)), key=lambda i: len(reports[i].levels[DoriLevel.DETECT].cameras))
    log(
        f"coverage of {len(districts)} districts × 4 levels: {district_coverage_s:.2f} s;"
        f" busiest district #{busiest}: {len(reports[busiest].levels[DoriLevel.DETECT].cameras)} cameras,"
        f" shares "
        + ", ".join(f"{level.value} {100 * r.share:.2f} %" for level, r in reports[busiest].levels.items())
    )

    # 3. Placement of k cameras among the candidate sites in the busiest district.
    district = districts[busiest]
    minx, miny, maxx, maxy = district.bounds
    solid = STRtree(footprints)
    sites = rng.uniform((minx, miny), (maxx, maxy), size=(args.sites * 2, 2))
    outside = np.ones(len(sites), dtype=bool)
    outside[solid.query(shapely.points(sites), predicate="intersects")[0]] = False
    sites = sites[outside][: args.sites]
    core = np.array([(c.x, c.y) for c in cameras[:500]])
    incidents = core[rng.integers(0, len(core), 5_000)] + rng.normal(0, 80, size=(5_000, 2))
    existing = [
        field_set.geometries[DoriLevel.DETECT][i] for i in reports[busiest].levels[DoriLevel.DETECT].cameras
    ]
    model = CameraModel(height=6.0, fov=60.0, resolution=2560, tilt=8.0)
    started = time.perf_counter()
    grid = demand_grid(target=district, cell_size=args.cell_size)
    grid = weighted(grid=grid, weights=1.0 + point_counts(grid=grid, x=incidents[:, 0], y=incidents[:, 1]))
    placement = place_cameras(
        demand=grid, sites=sites, k=args.k, camera=model, directions=8, buildings=buildings, existing=existing
    )
    placement_s = time.perf_counter() - started
    gains = [round(c.gain) for c in placement.cameras]
    log(
        f"placement of {len(placement.cameras)} cameras among {len(sites):,} sites × 8 directions"
        f" ({placement.candidates_considered:,} candidates with demand, {grid.shape[0] * grid.shape[1]:,} cells):"
        f" {placement_s:.2f} s; weighted demand covered {100 * placement.covered_before / placement.total_demand:.2f} %"
        f" → {100 * placement.covered_after / placement.total_demand:.2f} %; gains {gains}"
    )

    # 4. Who sees this point.
    started = time.perf_counter()
    who = WhoSeesIndex(fields=field_set, cameras=dict(zip(ids, cameras, strict=True)))
    who_build_s = time.perf_counter() - started
    half = args.queries // 2
    uniform = rng.uniform(bounds[:2], bounds[2:], size=(half, 2))
    # The other half lies in a random camera's open detect sector (occlusion may still hide it),
    # so most of those queries do find cameras and rank them.
    chosen = [cameras[i] for i in rng.integers(0, len(cameras), args.queries - half)]
    reach_of = {id(c): reach(camera=c).radii[DoriLevel.DETECT] for c in chosen}
    bearing = np.radians([c.azimuth + rng.uniform(-c.fov / 2, c.fov / 2) for c in chosen])
    distance = np.array([rng.uniform(0, reach_of[id(c)]) for c in chosen])
    near = np.array([(c.x, c.y) for c in chosen]) + distance[:, None] * np.column_stack(
        (np.sin(bearing), np.cos(bearing))
    )
    timings, seen_by = [], []
    for x, y in np.concatenate((uniform, near)):
        begin = time.perf_counter()
        sightings = who.query(x=float(x), y=float(y))
        timings.append(time.perf_counter() - begin)
        seen_by.append(len(sightings))
    timings_ms = 1000 * np.array(timings)
    who_sees_p95_ms = float(np.percentile(timings_ms, 95))
    log(
        f"who sees: index {who_build_s:.2f} s; {len(timings_ms)} queries p50 {np.percentile(timings_ms, 50):.3f} ms,"
        f" p95 {who_sees_p95_ms:.3f} ms, max {timings_ms.max():.3f} ms;"
        f" up to {max(seen_by)} cameras per point; in-sector points seen by {np.mean(seen_by[half:]):.2f} on average"
    )

    figures = {
        "fov_s": round(fov_s, 2),
        "district_coverage_s": round(district_coverage_s, 2),
        "placement_s": round(placement_s, 2),
        "who_sees_p95_ms": round(who_sees_p95_ms, 3),
        "peak_mb": round(peak_mb(), 1),
    }
    targets = {"fov_s": 60, "district_coverage_s": 10, "placement_s": 30, "who_sees_p95_ms": 20}
    log(
        "targets: "
        + ", ".join(
            f"{k} {figures[k]} ≤ {v} {'ok' if figures[k] <= v else 'MISSED'}" for k, v in targets.items()
        )
    )
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
