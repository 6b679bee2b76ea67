"""Benchmark: a whole-municipality scenario at 25 m and at 10 m through the risk app's service.

    make bench-risk                       # or: source .local/env && .venv/bin/python bench/risk.py
    .venv/bin/python bench/risk.py --resolutions 25
    .venv/bin/python bench/risk.py --fresh     # drop and rebuild the benchmark database first

What it does:

1. Uses its own database, geo_platform_bench_risk, next to DATABASE_URL's (never the dev
   database): creates it with PostGIS if it is missing, then `manage.py migrate` and
   `manage.py load_sofia_data` (both quick when nothing changed).
2. For each resolution, in a fresh child process (so the peak memory is that run's own), with
   MEDIA_ROOT in a temporary folder and Celery in eager mode: `services.create_scenario()` for
   the Mw 6.5 Vitosha-fault earthquake (epicentre 23.27 E, 42.60 N, normal faulting) over the
   whole municipality. That is the API's code path: the service validates and saves the
   scenario, queues `run_scenario_task` after commit, and the task (run in-process by eager
   Celery, exactly as a worker runs it) freezes the inputs from the database's layers and
   SHARED_DATA_DIR, runs the core window by window, writes the four GeoTIFFs, builds their
   overviews and stores the district and site tables.
3. Reports the wall time from the service call to the stored results, the run's own time, the
   peak memory (max RSS) of the child, and a few tiles and a COG export for scale.

Targets: 25 m ≤ 20 s; 10 m ≤ 120 s with peak memory ≤ 2 GB (2 cores); the Monte Carlo of issue 15:
100 realisations at 25 m for the whole municipality ≤ 60 s. Every earthquake run includes its
Monte Carlo (100 realisations by default), so "mc100_25m_s" is the 25 m run from the service call
to stored results with its 100 realisations; "mc100_only_s" is the Monte Carlo step alone. The
scenario is the Mw 6.5 Vitosha range-front finite rupture (R_JB; illustrative geometry). The last
line printed is one JSON object: {"s_25m": …, "s_10m": …, "peak_mb_10m": …, "mc100_25m_s": …}.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
BENCH_DB = "geo_platform_bench_risk"
VITOSHA = {
    "magnitude": 6.5,
    "epicentre_lon": 23.31,
    "epicentre_lat": 42.615,
    "strike_deg": 300.0,
    "dip_deg": 60.0,
    "mechanism": "normal",
    "realisations": 100,
}
LARGO = (23.3219, 42.6977)  # the city centre: the tiles timed are the ones holding it at zooms 8–14


def tile_of(lon: float, lat: float, z: int) -> tuple[int, int, int]:
    n = 1 << z
    x = int((lon + 180.0) / 360.0 * n)
    y = int((1.0 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2.0 * n)
    return z, x, y


def log(message: str) -> None:
    print(message, flush=True)


def database_url(url: str, name: str) -> str:
    parts = urlsplit(url)
    scheme = "postgresql" if parts.scheme == "postgis" else parts.scheme
    return urlunsplit(parts._replace(scheme=scheme, path="/" + name))


def prepare_database(bench_url: str, *, fresh: bool) -> None:
    import psycopg
    from psycopg import sql

    maintenance = database_url(bench_url, "postgres")
    with psycopg.connect(maintenance, autocommit=True, connect_timeout=5) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (BENCH_DB,)).fetchone()
        if fresh and exists:
            conn.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(BENCH_DB)))
            exists = None
        if not exists:
            log(f"==> creating {BENCH_DB}")
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(BENCH_DB)))
    with psycopg.connect(bench_url, autocommit=True, connect_timeout=5) as conn:
        conn.execute("CREATE EXTENSION IF NOT EXISTS postgis")
    env = {**os.environ, "DATABASE_URL": bench_url}
    for command in (["migrate", "--noinput", "-v0"], ["load_sofia_data", "-v0"]):
        done = subprocess.run(
            [sys.executable, "manage.py", *command], cwd=ROOT, env=env, capture_output=True, text=True
        )
        if done.returncode != 0:
            sys.stderr.write(done.stdout + done.stderr)
            raise SystemExit(f"manage.py {command[0]} failed on {BENCH_DB}")


def run_one(cell_size_m: float) -> dict:
    """One scenario through the service, in this process (the child); returns timings and figures."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "geo_platform.settings")
    django.setup()
    from django.conf import settings
    from django.test import Client

    from geo_platform.accounts.models import Role, User
    from geo_platform.celery import app as celery_app
    from layers.hazards import services
    from layers.hazards.models import ExportJob, Scenario, ScenarioRun

    celery_app.conf.task_always_eager = True
    with tempfile.TemporaryDirectory(prefix="bench_risk_") as media:
        settings.MEDIA_ROOT = Path(media)
        user, _ = User.objects.get_or_create(username="bench-risk-analyst", defaults={"role": Role.ANALYST})
        began = time.perf_counter()
        scenario = services.create_scenario(
            user=user,
            name=f"bench Mw 6.5 Vitosha, {cell_size_m:g} m",
            kind="earthquake",
            parameters={**VITOSHA, "cell_size_m": cell_size_m, "walk_radius_m": 500.0},
        )
        seconds = time.perf_counter() - began
        scenario = Scenario.objects.get(pk=scenario.pk)
        run = ScenarioRun.objects.get(scenario=scenario)
        if scenario.status != "done":
            raise SystemExit(f"the run failed: {scenario.error}")
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        sizes = {
            name: (Path(media) / meta["path"]).stat().st_size / 1e6
            for name, meta in scenario.result["rasters"].items()
        }
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(user)
        tile_ms = []
        for z, x, y in (tile_of(*LARGO, zoom) for zoom in range(8, 15)):
            start = time.perf_counter()
            response = client.get(f"/api/risk/scenarios/{scenario.pk}/tiles/impact/{z}/{x}/{y}.png")
            tile_ms.append((z, response.status_code, (time.perf_counter() - start) * 1000))
        start = time.perf_counter()
        job = services.request_export(
            user=user, scenario=scenario, export_format="geotiff", options={"layer": "impact"}
        )
        export_s = time.perf_counter() - start
        job = ExportJob.objects.get(pk=job.pk)
        totals = scenario.result["totals"]
        report = {
            "cell_size_m": cell_size_m,
            "seconds": seconds,
            "run_seconds": run.seconds,
            "peak_mb": peak_mb,
            "raster_mb": sizes,
            "people_affected": round(totals["people_affected"]),
            "buildings_damaged": round(totals["buildings_damaged"]),
            "sites_hit": totals["critical_sites_hit"],
            "sheltered_within_walk": round(totals["sheltered_within_walk"]),
            "results_hash": scenario.results_hash[:16],
            "mc_seconds": (scenario.result.get("uncertainty") or {}).get("seconds"),
            "displaced_band": (scenario.result.get("bands") or {}).get("people_affected"),
            "deaths_night": round(totals.get("deaths_night", 0.0)),
            "tiles_ms": tile_ms,
            "cog_export_s": export_s,
            "cog_status": job.status,
            "cog_mb": (job.size_bytes or 0) / 1e6,
        }
        services.delete_scenario(user=user, scenario=scenario)
    return report


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--resolutions", type=float, nargs="+", default=[25.0, 10.0])
    parser.add_argument("--fresh", action="store_true", help="drop and rebuild the benchmark database")
    parser.add_argument("--one", type=float, help=argparse.SUPPRESS)  # child mode
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one)))
        return
    source_url = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/geo_platform")
    bench_url = database_url(source_url, BENCH_DB)
    log(f"==> benchmark database {BENCH_DB} (the dev database is not touched)")
    prepare_database(bench_url, fresh=args.fresh)
    summary = {}
    for cell in args.resolutions:
        log(
            f"==> {cell:g} m: Mw 6.5 Vitosha-fault earthquake, whole municipality, through services.create_scenario"
        )
        child = subprocess.run(
            [sys.executable, __file__, "--one", str(cell)],
            cwd=ROOT,
            env={**os.environ, "DATABASE_URL": bench_url, "PYTHONPATH": str(ROOT)},
            capture_output=True,
            text=True,
            check=False,
        )
        if child.returncode != 0:
            sys.stderr.write(child.stdout[-3000:] + child.stderr[-5000:])
            raise SystemExit(f"the {cell:g} m run failed")
        report = json.loads(child.stdout.strip().splitlines()[-1])
        summary[cell] = report
        log(
            f"    {report['seconds']:.2f} s from the service call to stored results "
            f"(the run itself {report['run_seconds']:.2f} s); peak memory {report['peak_mb']:.0f} MB"
        )
        log(
            f"    affected {report['people_affected']:,}  buildings damaged {report['buildings_damaged']:,}  "
            f"sites hit {report['sites_hit']:,}  sheltered ≤500 m {report['sheltered_within_walk']:,}  "
            f"hash {report['results_hash']}"
        )
        band = report.get("displaced_band") or {}
        log(
            f"    Monte Carlo, 100 realisations: {report['mc_seconds']} s; displaced 16th/50th/84th "
            f"{band.get('p16', 0):,.0f} / {band.get('p50', 0):,.0f} / {band.get('p84', 0):,.0f}; "
            f"deaths (night) {report['deaths_night']:,}"
        )
        log("    rasters (MB): " + ", ".join(f"{k} {v:.1f}" for k, v in report["raster_mb"].items()))
        log(
            "    impact tiles: " + ", ".join(f"z{z} {code} {ms:.0f} ms" for z, code, ms in report["tiles_ms"])
        )
        log(
            f"    COG export of the impact raster: {report['cog_export_s']:.2f} s, {report['cog_mb']:.1f} MB ({report['cog_status']})"
        )
    line = {}
    if 25.0 in summary:
        line["s_25m"] = round(summary[25.0]["seconds"], 2)
        line["mc100_25m_s"] = round(summary[25.0]["seconds"], 2)
        line["mc100_only_s"] = summary[25.0]["mc_seconds"]
    if 10.0 in summary:
        line["s_10m"] = round(summary[10.0]["seconds"], 2)
        line["peak_mb_10m"] = round(summary[10.0]["peak_mb"], 1)
    print(json.dumps(line))


if __name__ == "__main__":
    main()
