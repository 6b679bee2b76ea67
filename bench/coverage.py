"""Benchmark: the surveillance app end to end, on its own PostGIS database, through its services and selectors.

    make bench-coverage
    source .local/env && .venv/bin/python bench/coverage.py --reuse-db   # keep the last run's database
    .venv/bin/python bench/coverage.py --cameras 2000 --buildings 10000  # a quick run

What it does:

1. (Re)creates the database geo_platform_bench_coverage next to DATABASE_URL's: CREATE
   EXTENSION postgis, `manage.py migrate` and `manage.py load_sofia_data --only municipality
   districts transit_routes` (subprocesses with DATABASE_URL pointing at it), then fills the
   buildings and cameras layers with seeded synthetic data inside Sofia's bounds
   (risk_models.surveillance.synthetic: 50,000 non-overlapping buildings and 10,000 cameras,
   70 % of each in a city core, a realistic mix of optics; 90 % online, 5 % planned,
   5 % offline). This process then uses that database too.
2. Times, each against its target:
   - fov_s: services.fields_of_view.recompute_all(): every camera's four DORI fields cut by the
     buildings (read from the database, indexed once), written back (COPY) (≤ 60 s);
   - district_coverage_s: selectors.coverage.coverage() of the 24 real districts at all four
     levels with the coverage-gap GeoJSON built, in a fresh process state, so the figure
     includes reading the 10,000 cameras' stored fields of view into memory (≤ 10 s);
   - placement_s: selectors.placement.plan_placement() of 20 cameras among 2,000 drawn
     candidate sites × 8 directions in the district with most cameras, 20 m cells,
     existing coverage and building occlusion included (≤ 30 s);
   - who_sees_p95_ms: 1,000 selectors.coverage.who_sees() calls (the stamp query that checks
     the stored fields are current, then the STRtree), half uniform over Sofia, half inside a
     random camera's view (≤ 20 ms).
3. Prints the figures and the peak memory; the last line is one JSON object:
    {"fov_s": ..., "district_coverage_s": ..., "placement_s": ..., "who_sees_p95_ms": ..., "peak_mb": ...}
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
BENCH_DB = "geo_platform_bench_coverage"
SEED = 20_251_125
TARGETS = {"fov_s": 60, "district_coverage_s": 10, "placement_s": 30, "who_sees_p95_ms": 20}


def log(message: str) -> None:
    print(message, flush=True)


def peak_mb() -> float:
    # ru_maxrss is in KiB on Linux: the resident high-water mark of this process.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def database_url(url: str, name: str) -> str:
    """The URL of database `name` on the same server, in a form libpq accepts."""
    parts = urlsplit(url)
    scheme = "postgresql" if parts.scheme == "postgis" else parts.scheme
    return urlunsplit(parts._replace(scheme=scheme, path="/" + name))


def create_database(bench_url: str) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(database_url(bench_url, "postgres"), autocommit=True, connect_timeout=5) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(BENCH_DB)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(BENCH_DB)))
    with psycopg.connect(bench_url, autocommit=True, connect_timeout=5) as conn:
        conn.execute("CREATE EXTENSION postgis")
    env = {**os.environ, "DATABASE_URL": bench_url}
    for command in (
        ["migrate", "--noinput", "-v0"],
        ["load_sofia_data", "--only", "municipality", "districts", "transit_routes"],
    ):
        done = subprocess.run(
            [sys.executable, "manage.py", *command], cwd=ROOT, env=env, capture_output=True, text=True
        )
        if done.returncode != 0:
            sys.stderr.write(done.stdout + done.stderr)
            raise SystemExit(f"manage.py {command[0]} failed on {BENCH_DB}")


def fill_layers(*, cameras: int, buildings: int, seed: int) -> None:
    """Seeded synthetic buildings and cameras inside Sofia's bounds, written with COPY (not timed)."""
    import numpy as np
    import shapely
    from django.db import connection, transaction
    from django.utils import timezone

    from geo_platform.crs import STORAGE_SRID
    from layers.surveillance.geometry import grid_azimuths
    from layers.surveillance.models import Building, Camera
    from risk_models.surveillance import to_storage
    from risk_models.surveillance.projection import sofia_metric_bounds
    from risk_models.surveillance.synthetic import synthetic_buildings, synthetic_cameras

    bounds = sofia_metric_bounds()
    footprints = synthetic_buildings(bounds=bounds, count=buildings, seed=seed)
    mounted = synthetic_cameras(bounds=bounds, count=cameras, seed=seed + 1, buildings=footprints)
    stored = shapely.set_srid(to_storage(shapely.multipolygons([[p] for p in footprints])), STORAGE_SRID)
    walls = shapely.to_wkb(stored, hex=True, include_srid=True)
    points = to_storage(shapely.points([(c.x, c.y) for c in mounted]))
    lon, lat = shapely.get_x(points), shapely.get_y(points)
    # The synthetic azimuths are grid azimuths; the platform stores true ones.
    convergence = -grid_azimuths(lon=lon, lat=lat, azimuth=np.zeros(len(mounted)))
    positions = shapely.to_wkb(shapely.set_srid(points, STORAGE_SRID), hex=True, include_srid=True)
    rng = np.random.default_rng(seed)
    statuses = rng.choice(["online", "planned", "offline"], size=len(mounted), p=[0.9, 0.05, 0.05])
    now = timezone.now()
    quote = connection.ops.quote_name
    with transaction.atomic():
        Camera.objects.all().delete()
        Building.objects.all().delete()
        connection.ensure_connection()
        with connection.connection.cursor() as cursor:
            columns = "name, source, external_id, created_at, updated_at, footprint, height_m, height_source, kind, address"
            with cursor.copy(f"COPY {quote(Building._meta.db_table)} ({columns}) FROM STDIN") as copy:
                for n, wkb in enumerate(walls):
                    copy.write_row(
                        (f"Сграда {n} (бенчмарк)", "bench", f"b-{n}", now, now, wkb, 15.0, "demo", "", "")
                    )
            columns = (
                "name, source, external_id, created_at, updated_at, position, mount_height, azimuth, fov, tilt, "
                "resolution, status, owner, watched_object, connected, camera_type, mount, zone"
            )
            with cursor.copy(f"COPY {quote(Camera._meta.db_table)} ({columns}) FROM STDIN") as copy:
                for n, (camera, wkb) in enumerate(zip(mounted, positions, strict=True)):
                    azimuth = round(float((camera.azimuth + convergence[n]) % 360.0), 3)
                    copy.write_row(
                        (
                            f"Камера {n} (бенчмарк)",
                            "bench",
                            f"c-{n}",
                            now,
                            now,
                            wkb,
                            camera.height,
                            azimuth,
                            camera.fov,
                            camera.tilt,
                            camera.resolution,
                            statuses[n],
                            "",
                            "",
                            True,
                            "fixed",
                            "",
                            "",
                        )
                    )
        cursor = connection.cursor()
        cursor.execute(f"ANALYZE {quote(Building._meta.db_table)}")
        cursor.execute(f"ANALYZE {quote(Camera._meta.db_table)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cameras", type=int, default=10_000)
    parser.add_argument("--buildings", type=int, default=50_000)
    parser.add_argument("--sites", type=int, default=2_000)
    parser.add_argument("--k", type=int, default=20)
    parser.add_argument("--queries", type=int, default=1_000)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument(
        "--reuse-db", action="store_true", help="keep the database (and data) of the last run"
    )
    args = parser.parse_args()

    bench_url = database_url(
        os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/geo_platform"), BENCH_DB
    )
    started = time.perf_counter()
    if not args.reuse_db:
        create_database(bench_url)
        log(
            f"created {BENCH_DB}: PostGIS, migrations, municipality, districts, transit routes ({time.perf_counter() - started:.1f} s)"
        )
    # From here on this process works on the benchmark database.
    os.environ["DATABASE_URL"] = bench_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "geo_platform.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    import numpy as np
    import shapely

    from geo_platform.accounts.models import Role, User
    from geo_platform.crs import SOFIA_BOUNDS
    from layers.administrative.models import District
    from layers.surveillance import responses
    from layers.surveillance.models import Camera, CameraFieldOfView
    from layers.surveillance.selectors import coverage as coverage_selectors
    from layers.surveillance.selectors.placement import plan_placement
    from layers.surveillance.selectors.state import current_state, forget_state
    from layers.surveillance.services.fields_of_view import recompute_all
    from risk_models.surveillance import reach, to_storage

    if not args.reuse_db or not Camera.objects.exists():
        started = time.perf_counter()
        fill_layers(cameras=args.cameras, buildings=args.buildings, seed=args.seed)
        log(
            f"filled {args.buildings:,} buildings and {args.cameras:,} cameras ({time.perf_counter() - started:.1f} s)"
        )
    analyst, _ = User.objects.get_or_create(username="bench-analyst", defaults={"role": Role.ANALYST})

    # 1. Every field of view, with occlusion, stored.
    started = time.perf_counter()
    written = recompute_all()
    fov_s = time.perf_counter() - started
    log(f"fields of view: {written:,} rows for {Camera.objects.count():,} cameras in {fov_s:.2f} s")

    # 2. The 24 real districts, from a cold process state.
    forget_state()
    codes = list(District.objects.order_by("code").values_list("code", flat=True))
    started = time.perf_counter()
    current_state()
    state_s = time.perf_counter() - started
    results = []
    for code in codes:
        result = coverage_selectors.coverage(user=analyst, target={"district": code})
        body = responses.coverage_body(result, with_geometry=True)
        results.append((code, result, len(json.dumps(body))))
    district_coverage_s = time.perf_counter() - started
    code, busiest, _size = max(results, key=lambda item: len(item[1].report.levels["detect"].cameras))
    shares = ", ".join(
        f"{level.value} {100 * item.share:.2f} %" for level, item in busiest.report.levels.items()
    )
    log(
        f"coverage of {len(codes)} districts × 4 levels with gap GeoJSON: {district_coverage_s:.2f} s "
        f"(of which {state_s:.2f} s reading the stored fields into the process state; "
        f"{sum(size for *_, size in results) / 1e6:.1f} MB of JSON); busiest district {code} "
        f"({busiest.target.label}): {len(busiest.report.levels['detect'].cameras)} cameras, {shares}"
    )

    # 3. Placement of k cameras among drawn sites in the busiest district.
    rng = np.random.default_rng(args.seed)
    district = busiest.target.geometry
    minx, miny, maxx, maxy = district.bounds
    candidates = rng.uniform((minx, miny), (maxx, maxy), size=(args.sites * 4, 2))
    candidates = candidates[shapely.contains_xy(district, candidates[:, 0], candidates[:, 1])][: args.sites]
    sites = shapely.get_coordinates(to_storage(shapely.points(candidates)))
    request = {
        "target": {"district": code},
        "k": args.k,
        "sites": {"points": sites.tolist(), "spacing_m": 50.0},
        "directions": 8,
        "level": "detect",
        "camera": {"mount_height": 6.0, "fov": 60.0, "resolution": 2560, "tilt": 8.0},
        "include_planned": True,
        "cell_size_m": 20.0,
        "one_per_site": False,
    }
    started = time.perf_counter()
    outcome = plan_placement(user=analyst, request=request)
    body = responses.placement_body(outcome)
    placement_s = time.perf_counter() - started
    log(
        f"placement of {len(outcome.result.cameras)} cameras among {len(outcome.sites):,} sites × 8 directions "
        f"({outcome.result.candidates_considered:,} candidates with demand): {placement_s:.2f} s; "
        f"detect share {100 * body['share_before']:.2f} % → {100 * body['share_after']:.2f} %; "
        f"gains (m²) {[round(c['gain']) for c in body['cameras']]}"
    )

    # 4. Who sees this point, through the stored fields of view.
    half = args.queries // 2
    uniform = rng.uniform(0, 1, size=(half, 2))
    state = current_state()
    online = [info for info in state.cameras.values() if info.status == "online"]
    chosen = [online[i] for i in rng.integers(0, len(online), args.queries - half)]
    bearings = np.radians(
        [c.geometry.azimuth + rng.uniform(-c.geometry.fov / 2, c.geometry.fov / 2) for c in chosen]
    )
    distances = np.array([rng.uniform(0, reach(camera=c.geometry).outer) for c in chosen])
    near = np.array([(c.geometry.x, c.geometry.y) for c in chosen]) + distances[:, None] * np.column_stack(
        (np.sin(bearings), np.cos(bearings))
    )
    near_lonlat = shapely.get_coordinates(to_storage(shapely.points(near)))
    west, south, east, north = SOFIA_BOUNDS
    points = np.concatenate((uniform * (east - west, north - south) + (west, south), near_lonlat))
    timings, seen = [], []
    for lon, lat in points:
        begin = time.perf_counter()
        sightings = coverage_selectors.who_sees(user=analyst, x=float(lon), y=float(lat))
        timings.append(time.perf_counter() - begin)
        seen.append(len(sightings))
    timings_ms = 1000 * np.array(timings)
    who_sees_p95_ms = float(np.percentile(timings_ms, 95))
    log(
        f"who sees: {len(timings_ms)} queries, p50 {np.percentile(timings_ms, 50):.3f} ms, p95 {who_sees_p95_ms:.3f} ms,"
        f" max {timings_ms.max():.3f} ms; up to {max(seen)} cameras per point,"
        f" {np.mean(seen[half:]):.2f} on average for points in a camera's view"
    )
    log(f"stored: {CameraFieldOfView.objects.count():,} field-of-view rows")

    figures = {
        "fov_s": round(fov_s, 2),
        "district_coverage_s": round(district_coverage_s, 2),
        "placement_s": round(placement_s, 2),
        "who_sees_p95_ms": round(who_sees_p95_ms, 3),
        "peak_mb": round(peak_mb(), 1),
    }
    log(
        "targets: "
        + ", ".join(
            f"{k} {figures[k]} ≤ {v} {'ok' if figures[k] <= v else 'MISSED'}" for k, v in TARGETS.items()
        )
        + f"; peak memory {figures['peak_mb']} MB"
    )
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
