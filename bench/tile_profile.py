"""Where a cold tile's time goes, in CPU time (far less sensitive to a busy machine than rates).

    source .local/env && .venv/bin/python bench/tile_profile.py [--profile] [--limit N]

On the `make bench-tiles` database (run that once first: it creates and fills it), for the
benchmark's tiles:

- the bare tile statement through psycopg: wall time and this process's CPU time per tile;
- the same tile through Django's whole WSGI handler (every middleware, the view, the tile
  cache lookup and store, gzip, ETag), the cache emptied before each tile: wall and CPU time.

The difference in CPU time is what our endpoint adds to a tile on top of PostgreSQL's work
(gunicorn's own HTTP parsing comes on top, about 0.1 ms). `--profile` prints cProfile's top
functions of the endpoint's path.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import psycopg  # noqa: E402
import tiles as bench  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--limit", type=int, default=0, help="only the first N tiles")
    args = parser.parse_args()

    url = bench.bench_database_url(
        os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/geo_platform")
    )
    os.environ.update(
        {
            "DATABASE_URL": url,
            "DEBUG": "false",
            "TILE_CACHE": "redis",
            "SECRET_KEY": "benchmark-only-secret-key-not-for-production",
        }
    )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "geo_platform.settings")
    import django

    django.setup()
    from django.contrib.auth.models import AnonymousUser
    from django.core.handlers.wsgi import WSGIHandler
    from django.db import connection

    from layers.selectors import visible_layers
    from tile_server.cache import tile_cache
    from tile_server.grid import Tile
    from tile_server.layers import resolve_layers
    from tile_server.queries import inner_query
    from tile_server.render import MAX_TILE_FEATURES
    from tile_server.rows import row_scope
    from tile_server.sql import tile_statement

    jobs = bench.choose_tiles()
    if args.limit:
        jobs = jobs[: args.limit]
    visible = {layer.slug: layer for layer in visible_layers(AnonymousUser())}
    layers = {layer.slug: layer for layer in resolve_layers(visible, [b.slug for b in bench.LAYERS])}
    statements = {}
    for job in jobs:
        tile = Tile(job.z, job.x, job.y)
        layer = layers[job.layer.slug]
        sql, params = tile_statement(
            [inner_query(layer, tile, scope=row_scope(layer.spec, AnonymousUser()), limit=MAX_TILE_FEATURES)],
            tile,
        )
        statements[job] = connection.ops.compose_sql(sql, params)

    # The bare statement.
    raw_wall, raw_cpu = [], []
    with psycopg.connect(url, autocommit=True, cursor_factory=psycopg.ClientCursor) as conn:
        for job in jobs:  # buffers warmed alike for both
            cursor = conn.execute(statements[job])
            cursor.nextset()
            cursor.fetchone()
        for job in jobs:
            wall, cpu = time.perf_counter(), time.thread_time()
            cursor = conn.execute(statements[job])
            cursor.nextset()
            cursor.fetchone()
            raw_cpu.append(time.thread_time() - cpu)
            raw_wall.append(time.perf_counter() - wall)

    # The endpoint, in process.
    handler = WSGIHandler()
    cache = tile_cache()

    def request(path: str) -> int:
        environ = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": path,
            "QUERY_STRING": "",
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "8151",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "HTTP_HOST": "127.0.0.1:8151",
            "HTTP_ACCEPT_ENCODING": "gzip",
            "REMOTE_ADDR": "127.0.0.1",
            "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(b""),
            "wsgi.errors": sys.stderr,
            "wsgi.multithread": True,
            "wsgi.multiprocess": True,
            "wsgi.run_once": False,
            "wsgi.version": (1, 0),
        }
        status = []
        body = handler(environ, lambda s, h, exc_info=None: status.append(s))
        b"".join(body)
        if hasattr(body, "close"):
            body.close()
        return int(status[0].split()[0])

    request(jobs[0].our_path)  # the first request loads URLconf, translations, templates
    cache.clear()
    ours_wall, ours_cpu = [], []
    # CPU time, not wall time: what the tile costs this process, whatever else the machine runs.
    profiler = cProfile.Profile(time.thread_time) if args.profile else None
    for job in jobs:
        cache.clear()
        wall, cpu = time.perf_counter(), time.thread_time()
        if profiler:
            profiler.enable()
        status = request(job.our_path)
        if profiler:
            profiler.disable()
        ours_cpu.append(time.thread_time() - cpu)
        ours_wall.append(time.perf_counter() - wall)
        if status not in (200, 204):
            raise SystemExit(f"{job.our_path}: HTTP {status}")
    cache.clear()

    def ms(values: list[float]) -> str:
        return f"mean {statistics.fmean(values) * 1000:6.2f} ms, median {statistics.median(values) * 1000:6.2f} ms"

    print(
        f"{len(jobs)} tiles (cold cache each), load average {', '.join(f'{v:.2f}' for v in os.getloadavg())}"
    )
    print(f"bare SQL   wall {ms(raw_wall)}   client CPU {ms(raw_cpu)}")
    print(f"endpoint   wall {ms(ours_wall)}   CPU        {ms(ours_cpu)}")
    overhead_cpu = statistics.fmean(ours_cpu) - statistics.fmean(raw_cpu)
    overhead_wall = statistics.fmean(ours_wall) - statistics.fmean(raw_wall)
    print(f"overhead per tile: CPU {overhead_cpu * 1000:.2f} ms, wall {overhead_wall * 1000:.2f} ms")
    if profiler:
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out).sort_stats("tottime")
        stats.print_stats(30)
        out.write("\n--- cumulative ---\n")
        stats.sort_stats("cumulative").print_stats(45)
        print(out.getvalue())


if __name__ == "__main__":
    main()
