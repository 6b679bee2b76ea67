"""Benchmark: counter-terrorism analyses on the real layers plus 2,000 synthetic sites.

    make bench-ct            # or: source .local/env && .venv/bin/python bench/ct.py

Reads the database of DATABASE_URL (nothing is written): the street graph, population grid,
buildings, schools, hospitals, shelters, stops, stations and the cameras' fields of view of the
loaded layers, the protected sites and upcoming events. 2,000 synthetic sites (seeded; discs of
30–150 m in the compact city, random categories and crowds) are added in memory.

1. score_all_s — the ranking of every real and synthetic place (factors, T × V × C, drivers),
   with the inputs already read (the first read, reported apart, is cached per process and on disk);
2. cordon_p95_ms — one NCTC ring set (contents, cordon points, assembly points and routes) with
   its JSON answer, for 100 random places and devices;
3. approaches_s — the hostile-vehicle approaches of an event perimeter (a 450 m × 300 m area round
   the Largo and Nezavisimost square) with its answer.

Targets: ≤ 10 s, ≤ 1,000 ms, ≤ 5 s. The last line printed is one JSON object.
"""

from __future__ import annotations

import json
import os
import random
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "geo_platform.settings")

import django  # noqa: E402

django.setup()

import shapely  # noqa: E402
from django.utils import translation  # noqa: E402

from layers.counterterrorism.api import outputs  # noqa: E402
from layers.counterterrorism.selectors import analysis, data  # noqa: E402
from layers.counterterrorism.selectors.places import Place, all_places  # noqa: E402
from risk_models.counterterrorism import DEVICES  # noqa: E402
from risk_models.surveillance import to_metric  # noqa: E402

SEED = 20261206
SYNTHETIC = 2000
COMPACT_CITY = (23.25, 42.64, 23.40, 42.73)


def synthetic_places(count: int) -> list[Place]:
    rng = random.Random(SEED)
    places = []
    for i in range(count):
        lon, lat = (
            rng.uniform(COMPACT_CITY[0], COMPACT_CITY[2]),
            rng.uniform(COMPACT_CITY[1], COMPACT_CITY[3]),
        )
        centre = to_metric(shapely.Point(lon, lat))
        category = rng.choice(["strategic", "potential_target", "crowded_place", "crowded_place"])
        peak = rng.choice([200, 800, 2500, 8000, 20000])
        places.append(
            Place(
                "site",
                -1 - i,
                f"synthetic {i}",
                category,
                (centre.x, centre.y),
                centre.buffer(rng.uniform(30, 150), quad_segs=8),
                peak / 3,
                peak,
                float(rng.choice([np.nan, 40.0, 75.0])),
                True,
            )
        )
    return places


def main() -> None:
    translation.activate("bg")
    started = time.perf_counter()
    inputs = data.load()
    inputs.graph, inputs.residents, inputs.buildings, inputs.fov, inputs.stations  # noqa: B018
    load_s = time.perf_counter() - started
    real = all_places()
    places = real + synthetic_places(SYNTHETIC)
    print(
        f"inputs read in {load_s:.2f} s: {inputs.graph.node_count:,} street nodes, {len(inputs.residents.xy):,} population cells, "
        f"{len(inputs.buildings.xy):,} buildings; {len(real)} real places + {SYNTHETIC} synthetic"
    )
    analysis.score_places(real[:5])  # warm the station distances
    started = time.perf_counter()
    scored = analysis.score_places(places)
    outputs.ranking(scored, limit=50)
    score_s = time.perf_counter() - started
    print(
        f"score of {len(places):,} places: {score_s:.2f} s (high {scored.scores.risk_class.count('high')}, "
        f"medium {scored.scores.risk_class.count('medium')}, low {scored.scores.risk_class.count('low')})"
    )

    rng = random.Random(SEED)
    times = []
    for _ in range(100):
        place = rng.choice(places)
        device = rng.choice(list(DEVICES))
        source = shapely.Point(place.centre) if rng.random() < 0.5 else place.area
        t = time.perf_counter()
        outputs.cordon(analysis.run_cordon(source, device), label=place.name)
        times.append((time.perf_counter() - t) * 1000)
    p50, p95 = np.percentile(times, [50, 95])
    print(
        f"cordon (one ring set with its answer): p50 {p50:.0f} ms, p95 {p95:.0f} ms, max {max(times):.0f} ms"
    )

    perimeter = to_metric(shapely.box(23.3190, 42.6955, 23.3245, 42.6985))
    t = time.perf_counter()
    found = analysis.run_approaches(perimeter, "van")
    outputs.approaches(found, label="event", perimeter=perimeter)
    approaches_s = time.perf_counter() - t
    print(
        f"approaches of a {perimeter.area / 1e4:.1f} ha event perimeter: {approaches_s:.3f} s, "
        f"{len(found.runs)} runs, {len(found.barriers)} barrier points, fastest {found.runs[0].speed_kmh:.0f} km/h"
    )
    print(
        json.dumps(
            {
                "score_all_s": round(score_s, 2),
                "cordon_p95_ms": round(float(p95), 1),
                "approaches_s": round(approaches_s, 3),
            }
        )
    )


if __name__ == "__main__":
    main()
