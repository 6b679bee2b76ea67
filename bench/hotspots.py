"""Hot-spot analyses at the scale of the whole municipality: Gi* and kernel density.

    make bench-hotspots     (or: .venv/bin/python bench/hotspots.py)

100,000 synthetic incidents (a fixed seed: 70 % spread over the municipality, 30 % in 40
clusters) inside Sofia Municipality's real boundary, projected to UTM 34N; then Gi* on a
250 m hexagonal grid over the whole municipality (grid, counts, neighbours, esda, FDR) and
kernel density on a 50 m raster with a 300 m bandwidth. Prints the figures and, as the last
line, {"gi_s": …, "kde_s": …}. Targets: ≤ 10 s each.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

import numpy as np
import shapely
from pyproj import Transformer

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from risk_models.hotspots import gi_star, hex_grid, kernel_density  # noqa: E402

SEED = 20261206
INCIDENTS = 100_000


def municipality_in_metres() -> shapely.Geometry:
    data = Path(os.environ.get("SHARED_DATA_DIR", ROOT.parent / "shared" / "data"))
    geojson = json.loads((data / "boundaries" / "sofia_municipality_boundary.geojson").read_text())
    shape = shapely.union_all([shapely.geometry.shape(f["geometry"]) for f in geojson["features"]])
    to_utm = Transformer.from_crs(4326, 32634, always_xy=True)
    return shapely.transform(shape, lambda xy: np.column_stack(to_utm.transform(xy[:, 0], xy[:, 1])))


def incidents(area: shapely.Geometry, count: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(SEED)
    minx, miny, maxx, maxy = area.bounds
    shapely.prepare(area)
    xs, ys = [], []
    spread = int(count * 0.7)
    while sum(map(len, xs)) < spread:
        x, y = rng.uniform(minx, maxx, count), rng.uniform(miny, maxy, count)
        keep = shapely.contains_xy(area, x, y)
        xs.append(x[keep]), ys.append(y[keep])
    x, y = np.concatenate(xs)[:spread], np.concatenate(ys)[:spread]
    centres = rng.choice(len(x), 40, replace=False)
    per = (count - spread) // 40
    cx = np.repeat(x[centres], per) + rng.normal(0, 150, per * 40)
    cy = np.repeat(y[centres], per) + rng.normal(0, 150, per * 40)
    return np.concatenate([x, cx]), np.concatenate([y, cy])


def main() -> None:
    area = municipality_in_metres()
    x, y = incidents(area, INCIDENTS)
    print(f"{len(x):,} incidents over {area.area / 1e6:,.0f} km² (synthetic, seed {SEED})")

    started = time.perf_counter()
    grid = hex_grid(area, size_m=250)
    counts = grid.counts(x, y)
    result = gi_star(counts, grid.neighbours())
    gi_s = time.perf_counter() - started
    hot = {level: int((result.bins >= level).sum()) for level in (1, 2, 3)}
    print(
        f"Gi*: {grid.count:,} cells of 250 m, {int(counts.sum()):,} incidents counted, "
        f"hot cells at 90/95/99 %: {hot[1]}/{hot[2]}/{hot[3]} in {gi_s:.2f} s"
    )

    started = time.perf_counter()
    raster = kernel_density(x, y, bounds=area.bounds, cell_m=50, bandwidth_m=300)
    kde_s = time.perf_counter() - started
    rows, columns = raster.density_per_km2.shape
    print(
        f"KDE: {columns} × {rows} cells of 50 m, bandwidth 300 m, peak {raster.density_per_km2.max():,.0f} "
        f"incidents/km² in {kde_s:.2f} s"
    )
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(f"Load average at the end: {load}.")
    print(json.dumps({"gi_s": round(gi_s, 2), "kde_s": round(kde_s, 2)}))


if __name__ == "__main__":
    main()
