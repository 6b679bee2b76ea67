"""Vector tile benchmark: the raw tile SQL, our endpoint under gunicorn, and tipg, on the same tiles.

    make bench-tiles            (or: source .local/env && .venv/bin/python bench/tiles.py)

Steps, all in one run:

1. A separate database, <DATABASE_URL's name>_bench_tiles (created, PostGIS, migrated), holds
   synthetic rows in Sofia's bounds in four existing layers, standing in for the largest layers
   at city scale (the stand-ins are printed):
     cameras          100,000 points              -> transit-stops
     fields of view   100,000 polygons, 12-24 v.  -> crime-prevention-areas
     roads             50,000 lines, 5-40 v.      -> transit-routes
     zones              5,000 polygons, ~200 v.   -> neighbourhoods
   The rows are generated in SQL from a fixed seed and kept between runs.
2. A fixed, seeded set of tiles at z10, z13, z15 and z17 (every z10 tile over Sofia, and
   64 random places per deeper zoom, each with one of the four layers).
3. (a) the tile server's own SQL statement run through psycopg (concurrency 1 and 2), the
   floor; (b) GET /tiles/... under gunicorn (2 workers x 4 threads, as scripts/run.sh serves
   the platform) at concurrency 1 and 8, cold cache and then warm cache; (c) tipg in its own
   virtual environment (.local/tipg-venv) serving the same tables at concurrency 8;
   (b2) nginx with the production configuration (docker/nginx/) in front of our gunicorn,
   its cache filled, measured by wrk at concurrency 8: warm public tiles as the public
   gets them on the day of a big event.
   The pairs whose ratio is a target run zoom by zoom in turn (the bare statement, then our
   endpoint, at concurrency 1; our endpoint, then tipg, at concurrency 8), so that a change
   of load on a shared machine falls on both sides of a ratio alike.
4. A table of tiles/s, p50 and p95 per zoom and system, the largest tile per zoom, the
   targets as ratios with the load average, and a last line of JSON.

JIT is switched off for the benchmark database, so tipg's queries (which do not switch it
off themselves, as our statement does) are not charged ~100 ms of compilation per tile.
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import psycopg  # noqa: E402

OUR_PORT = 8151
TIPG_PORT = 8152
NGINX_PORT = 8153
NGINX_SECONDS = 10
ZOOMS = (10, 13, 15, 17)
PLACES_PER_ZOOM = 64
SEED = 20261125
WARM_REQUESTS = 4000
SOFIA = (23.05, 42.41, 23.68, 42.90)


@dataclass(frozen=True)
class BenchLayer:
    role: str
    slug: str
    table: str
    count: int
    properties: tuple[str, ...]


LAYERS = (
    BenchLayer("cameras", "transit-stops", "infrastructure_transitstop", 100_000, ("name", "code")),
    BenchLayer(
        "fields of view",
        "crime-prevention-areas",
        "public_order_crimepreventionarea",
        100_000,
        ("name", "priority"),
    ),
    BenchLayer("roads", "transit-routes", "infrastructure_transitroute", 50_000, ("route_ref", "mode")),
    BenchLayer("zones", "neighbourhoods", "administrative_neighbourhood", 5_000, ("name", "district_code")),
)

# --- the database ---------------------------------------------------------------------------

# Camera seeds are shared by the cameras and their fields of view, so each view starts at a camera.
_FILL_SQL = {
    "seeds": """
        DROP TABLE IF EXISTS bench_camera_seed;
        CREATE UNLOGGED TABLE bench_camera_seed AS
        SELECT i, 23.05 + random() * 0.63 AS lon, 42.41 + random() * 0.49 AS lat,
               random() * 2 * pi() AS azimuth, radians(40 + random() * 60) AS fov,
               30 + random() * 90 AS reach, 12 + floor(random() * 13)::int AS vertices
        FROM generate_series(1, 100000) AS i""",
    "transit-stops": """
        INSERT INTO infrastructure_transitstop (name, source, external_id, created_at, updated_at, code, name_en, position)
        SELECT 'Камера ' || i, 'bench', '', now(), now(), i::text, '', ST_SetSRID(ST_MakePoint(lon, lat), 4326)
        FROM bench_camera_seed""",
    # Apex, an arc of vertices-2 points, and the apex again: 12-24 vertices.
    "crime-prevention-areas": """
        INSERT INTO public_order_crimepreventionarea (name, source, external_id, created_at, updated_at, priority, notes, area)
        SELECT 'Зрително поле ' || c.i, 'bench', '', now(), now(), 1 + c.i % 3, '',
               ST_Multi(ST_MakePolygon(ST_MakeLine(
                   ARRAY[ST_MakePoint(c.lon, c.lat)] || arc.points || ARRAY[ST_MakePoint(c.lon, c.lat)])))::geometry(MultiPolygon, 4326)
        FROM bench_camera_seed AS c
        CROSS JOIN LATERAL (
            SELECT array_agg(ST_MakePoint(c.lon + c.reach * sin(a) / (111320 * cos(radians(c.lat))),
                                          c.lat + c.reach * cos(a) / 110540) ORDER BY k) AS points
            FROM (SELECT k, c.azimuth - c.fov / 2 + c.fov * k / (c.vertices - 3) AS a
                  FROM generate_series(0, c.vertices - 3) AS k) AS steps) AS arc""",
    # Random walks of 20-120 m steps with a wavering heading.
    "transit-routes": """
        INSERT INTO infrastructure_transitroute (name, source, external_id, created_at, updated_at, route_ref, mode, direction, length_km, route)
        SELECT 'Улица ' || s.i, 'bench', '', now(), now(), s.i::text,
               (ARRAY['bus', 'tram', 'trolley'])[1 + s.i % 3], 0, NULL,
               ST_Multi(ST_MakeLine(walk.points))::geometry(MultiLineString, 4326)
        FROM (SELECT i, 23.06 + random() * 0.61 AS lon, 42.42 + random() * 0.47 AS lat,
                     5 + floor(random() * 36)::int AS vertices, random() * 2 * pi() AS heading
              FROM generate_series(1, 50000) AS i) AS s
        CROSS JOIN LATERAL (
            SELECT array_agg(ST_SetSRID(ST_MakePoint(s.lon + dx / (111320 * cos(radians(s.lat))), s.lat + dy / 110540), 4326)
                             ORDER BY k) AS points
            FROM (SELECT k, sum(step * sin(a)) OVER (ORDER BY k) AS dx, sum(step * cos(a)) OVER (ORDER BY k) AS dy
                  FROM (SELECT k, 20 + random() * 100 AS step, s.heading + 0.6 * sin(k * 0.7 + s.i) AS a
                        FROM generate_series(0, s.vertices - 1) AS k) AS steps) AS path) AS walk""",
    # Star-shaped rings of 199 points plus the closing one, 150-900 m across.
    "neighbourhoods": """
        INSERT INTO administrative_neighbourhood (name, source, external_id, created_at, updated_at, district_code, area_km2, boundary)
        SELECT 'Зона ' || z.i, 'bench', '', now(), now(), lpad((1 + z.i % 24)::text, 2, '0'), NULL,
               ST_Multi(ST_MakePolygon(ST_MakeLine(ring.points || ring.points[1])))::geometry(MultiPolygon, 4326)
        FROM (SELECT i, 23.06 + random() * 0.61 AS lon, 42.42 + random() * 0.47 AS lat,
                     150 + random() * 750 AS radius, random() * 6.28 AS phase
              FROM generate_series(1, 5000) AS i) AS z
        CROSS JOIN LATERAL (
            SELECT array_agg(ST_SetSRID(ST_MakePoint(z.lon + r * sin(a) / (111320 * cos(radians(z.lat))),
                                                     z.lat + r * cos(a) / 110540), 4326) ORDER BY k) AS points
            FROM (SELECT k, 2 * pi() * k / 199 AS a,
                         z.radius * (1 + 0.15 * sin(6 * pi() * k / 199 + z.phase) + 0.05 * random()) AS r
                  FROM generate_series(0, 198) AS k) AS steps) AS ring""",
}


def bench_database_url(url: str) -> str:
    parts = urlsplit(url)
    name = parts.path.lstrip("/") or "geo_platform"
    return urlunsplit(parts._replace(path=f"/{name}_bench_tiles"))


def ensure_database(url: str) -> None:
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("CREATE EXTENSION IF NOT EXISTS postgis")
        conn.execute(f'ALTER DATABASE "{name}" SET jit = off')


def setup_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "geo_platform.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from layers.models import Layer
    from layers.services import sync_catalogue

    sync_catalogue()
    # Served to everyone at every zoom, so the three systems draw the same tiles.
    Layer.objects.filter(slug__in=[layer.slug for layer in LAYERS]).update(
        visibility="public", min_zoom=0, max_zoom=22
    )


def fill(url: str) -> None:
    with psycopg.connect(url, autocommit=True) as conn:
        counts = {
            layer.slug: conn.execute(f"SELECT count(*) FROM {layer.table} WHERE source = 'bench'").fetchone()[
                0
            ]
            for layer in LAYERS
        }
        if all(counts[layer.slug] == layer.count for layer in LAYERS):
            print("Benchmark data present; kept.", flush=True)
            return
        started = time.perf_counter()
        conn.execute("SELECT setseed(0.2026)")
        conn.execute(_FILL_SQL["seeds"])
        for layer in LAYERS:
            conn.execute(f"DELETE FROM {layer.table}")
            conn.execute(_FILL_SQL[layer.slug])
            conn.execute(f"VACUUM ANALYZE {layer.table}")
        conn.execute("DROP TABLE bench_camera_seed")
        print(f"Benchmark data generated in {time.perf_counter() - started:.0f} s.", flush=True)


# --- the tiles ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Job:
    layer: BenchLayer
    z: int
    x: int
    y: int

    @property
    def our_path(self) -> str:
        return f"/tiles/{self.layer.slug}/{self.z}/{self.x}/{self.y}.mvt"

    @property
    def tipg_path(self) -> str:
        props = ",".join(self.layer.properties)
        return (
            f"/collections/public.{self.layer.table}/tiles/WebMercatorQuad/{self.z}/{self.x}/{self.y}"
            f"?properties={props}"
        )


def choose_tiles() -> list[Job]:
    from tile_server.grid import tile_fraction

    rng = random.Random(SEED)
    jobs = []
    for z in ZOOMS:
        if z == 10:
            x0, y0 = tile_fraction(SOFIA[0], SOFIA[3], z)
            x1, y1 = tile_fraction(SOFIA[2], SOFIA[1], z)
            for x in range(int(x0), int(x1) + 1):
                for y in range(int(y0), int(y1) + 1):
                    jobs += [Job(layer, z, x, y) for layer in LAYERS]
            continue
        for _ in range(PLACES_PER_ZOOM):
            lon = rng.uniform(SOFIA[0] + 0.02, SOFIA[2] - 0.02)
            lat = rng.uniform(SOFIA[1] + 0.02, SOFIA[3] - 0.02)
            x, y = tile_fraction(lon, lat, z)
            jobs.append(Job(rng.choice(LAYERS), z, int(x), int(y)))
    return jobs


# --- measuring ------------------------------------------------------------------------------


@dataclass
class Run:
    system: str
    concurrency: int
    cache: str
    latencies: dict[int, list[float]] = field(default_factory=dict)  # per zoom, seconds
    wall: float = 0.0
    requests: int = 0
    errors: int = 0
    wall_by_zoom: dict[int, float] = field(default_factory=dict)

    @property
    def rate(self) -> float:
        return self.requests / self.wall if self.wall else 0.0


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def raw_sql(
    url: str, jobs: list[Job], statements: dict[Job, str], concurrency: int, zooms: tuple[int, ...] = ZOOMS
) -> tuple[Run, dict[Job, int]]:
    """The tile statement through psycopg, `concurrency` connections, per zoom in turn."""
    run = Run("raw SQL (psycopg)", concurrency, "-")
    sizes: dict[Job, int] = {}
    connections = [
        psycopg.connect(url, autocommit=True, cursor_factory=psycopg.ClientCursor) for _ in range(concurrency)
    ]
    try:
        for z in zooms:
            queue = [job for job in jobs if job.z == z]
            times: list[float] = []
            lock = threading.Lock()
            started = time.perf_counter()
            threads = [
                threading.Thread(target=_raw_worker, args=(conn, queue, statements, lock, times, sizes))
                for conn in connections
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            run.wall_by_zoom[z] = time.perf_counter() - started
            run.latencies[z] = times
        run.wall = sum(run.wall_by_zoom.values())
        run.requests = sum(len(v) for v in run.latencies.values())
    finally:
        for conn in connections:
            conn.close()
    return run, sizes


def _raw_worker(
    conn,
    queue: list[Job],
    statements: dict[Job, str],
    lock: threading.Lock,
    times: list[float],
    sizes: dict[Job, int],
) -> None:
    while True:
        with lock:
            if not queue:
                return
            job = queue.pop()
        started = time.perf_counter()
        cursor = conn.execute(statements[job])
        cursor.nextset()  # past the statement settings, to the tile
        mvt = cursor.fetchone()[0] or b""
        elapsed = time.perf_counter() - started
        with lock:
            times.append(elapsed)
            sizes[job] = len(mvt)


async def _http_get(reader, writer, host: str, path: str, headers: str) -> tuple[int, int, bool]:
    writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}\r\n{headers}\r\n".encode())
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    length, close = 0, False
    for line in lines[1:]:
        name, _, value = line.partition(":")
        name = name.strip().lower()
        if name == "content-length":
            length = int(value)
        elif name == "connection" and value.strip().lower() == "close":
            close = True
    if length:
        await reader.readexactly(length)
    return status, length, close


async def _load(
    port: int, paths: list[tuple[int, str]], concurrency: int, headers: str
) -> tuple[dict[int, list[float]], int, dict[int, int]]:
    """GET every path with `concurrency` keep-alive connections; latencies per zoom."""
    host = f"127.0.0.1:{port}"
    queue = list(reversed(paths))
    latencies: dict[int, list[float]] = {}
    errors = 0
    statuses: dict[int, int] = {}

    async def worker() -> None:
        nonlocal errors
        reader = writer = None
        while queue:
            z, path = queue.pop()
            for _attempt in range(3):
                if writer is None:
                    reader, writer = await asyncio.open_connection("127.0.0.1", port)
                started = time.perf_counter()
                try:
                    status, _, close = await _http_get(reader, writer, host, path, headers)
                except (asyncio.IncompleteReadError, ConnectionError):
                    writer.close()
                    reader = writer = None
                    continue
                latencies.setdefault(z, []).append(time.perf_counter() - started)
                statuses[status] = statuses.get(status, 0) + 1
                if status >= 400:
                    errors += 1
                if close:
                    writer.close()
                    reader = writer = None
                break
            else:
                errors += 1
        if writer is not None:
            writer.close()

    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return latencies, errors, statuses


def http_run(
    system: str,
    port: int,
    jobs: list[Job],
    *,
    concurrency: int,
    cache: str,
    repeat: int = 1,
    tipg: bool = False,
    zooms: tuple[int, ...] = ZOOMS,
) -> Run:
    run = Run(system, concurrency, cache)
    headers = "Accept-Encoding: gzip\r\n"
    for z in zooms:
        paths = [(z, job.tipg_path if tipg else job.our_path) for job in jobs if job.z == z] * repeat
        started = time.perf_counter()
        latencies, errors, statuses = asyncio.run(_load(port, paths, concurrency, headers))
        run.wall_by_zoom[z] = time.perf_counter() - started
        run.latencies[z] = latencies.get(z, [])
        run.errors += errors
        if errors:
            print(f"  {system} z{z}: statuses {statuses}", flush=True)
    run.wall = sum(run.wall_by_zoom.values())
    run.requests = sum(len(v) for v in run.latencies.values())
    return run


# --- servers --------------------------------------------------------------------------------


def _wait(url: str, seconds: float = 60) -> None:
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status < 500:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not come up")


def start_ours(url: str) -> subprocess.Popen:
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DEBUG": "false",
        "SECRET_KEY": "benchmark-only-secret-key-not-for-production",
        "TILE_CACHE": "redis",
    }
    with open(ROOT / ".local" / "bench-tiles-gunicorn.log", "w") as log:
        process = subprocess.Popen(
            [
                str(ROOT / ".venv/bin/gunicorn"),
                "geo_platform.wsgi:application",
                "--bind",
                f"127.0.0.1:{OUR_PORT}",
                "--workers",
                "2",
                "--threads",
                "4",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    _wait(f"http://127.0.0.1:{OUR_PORT}/healthz")
    return process


def start_nginx() -> Path:
    """nginx from docker/nginx/*.template in front of our gunicorn, as `make prod` runs it."""
    prefix = ROOT / ".local" / "bench-nginx"
    prefix.mkdir(parents=True, exist_ok=True)
    subprocess.run(["rm", "-rf", str(prefix / "cache")], check=True)
    env = {
        **os.environ,
        "NGINX_PREFIX": str(prefix),
        "NGINX_MODULES": "",
        "NGINX_BROTLI": "",
        "NGINX_MIME_TYPES": "/etc/nginx/mime.types",
        "NGINX_MAX_BODY": "20m",
        "NGINX_UPSTREAMS": f"        server 127.0.0.1:{OUR_PORT};",
        "NGINX_PORT": str(NGINX_PORT),
        # The TLS server is not measured; it listens on a port next to the plain one.
        "NGINX_TLS_PORT": str(NGINX_PORT + 1),
        "NGINX_TLS_CERT": str(prefix / "cert.pem"),
        "NGINX_TLS_KEY": str(prefix / "key.pem"),
        "NGINX_STATIC_ROOT": str(ROOT / "staticfiles"),
        "NGINX_TILE_SECONDS": "5",
    }
    if not (prefix / "cert.pem").exists():
        subprocess.run(
            [
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-days",
                "30",
                "-subj",
                "/CN=localhost",
                "-keyout",
                str(prefix / "key.pem"),
                "-out",
                str(prefix / "cert.pem"),
            ],
            check=True,
            capture_output=True,
        )
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts/render_template.py"),
            str(ROOT / "docker/nginx/nginx.conf.template"),
            str(prefix / "nginx.conf"),
            str(ROOT / "docker/nginx/locations.conf.template"),
            str(prefix / "locations.conf"),
        ],
        check=True,
        env=env,
    )
    subprocess.run(["nginx", "-p", str(prefix), "-c", str(prefix / "nginx.conf")], check=True)
    _wait(f"http://127.0.0.1:{NGINX_PORT}/healthz")
    return prefix


def stop_nginx(prefix: Path) -> None:
    subprocess.run(["nginx", "-p", str(prefix), "-c", str(prefix / "nginx.conf"), "-s", "stop"], check=False)


def wrk_run(jobs: list[Job], *, concurrency: int, seconds: int) -> tuple[float, float, float, int]:
    """wrk against nginx, cycling through the tiles: (tiles/s, p50 ms, p99 ms, non-2xx responses)."""
    script = ROOT / ".local" / "bench-nginx" / "tiles.lua"
    paths = ", ".join(json.dumps(job.our_path) for job in jobs)
    script.write_text(
        "local paths = {" + paths + "}\nlocal i = 0\n"
        "request = function()\n  i = i % #paths + 1\n"
        "  return wrk.format('GET', paths[i], {['Accept-Encoding'] = 'gzip'})\nend\n"
        "done = function(summary, latency, requests)\n"
        '  io.write(string.format(\'JSON {"rps": %f, "p50": %f, "p99": %f, "bad": %d}\\n\',\n'
        "    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,\n"
        "    latency:percentile(99) / 1000, summary.errors.status + summary.errors.connect + summary.errors.read\n"
        "    + summary.errors.write + summary.errors.timeout))\nend\n"
    )
    result = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{concurrency}",
            f"-d{seconds}s",
            "-s",
            str(script),
            f"http://127.0.0.1:{NGINX_PORT}",
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    line = next(line for line in result.stdout.splitlines() if line.startswith("JSON "))
    figures = json.loads(line.removeprefix("JSON "))
    return figures["rps"], figures["p50"], figures["p99"], int(figures["bad"])


def ensure_tipg() -> Path:
    venv = ROOT / ".local" / "tipg-venv"
    if (
        not (venv / "bin" / "uvicorn").exists()
        or subprocess.run([str(venv / "bin/python"), "-c", "import tipg"], capture_output=True).returncode
    ):
        print("Installing tipg into .local/tipg-venv ...", flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(venv / "bin/pip"), "install", "-q", "tipg", "uvicorn"], check=True)
    return venv


def start_tipg(url: str) -> subprocess.Popen:
    venv = ensure_tipg()
    parts = urlsplit(url)
    env = {
        **{key: value for key, value in os.environ.items() if not key.startswith("TIPG_")},
        "DATABASE_URL": urlunsplit(parts._replace(scheme="postgresql")),
        "TIPG_DB_SCHEMAS": '["public"]',
        "TIPG_DB_TABLES": json.dumps([f"public.{layer.table}" for layer in LAYERS]),
        "TIPG_DB_MAX_CONN_SIZE": "8",
    }
    with open(ROOT / ".local" / "bench-tiles-tipg.log", "w") as log:
        process = subprocess.Popen(
            [
                str(venv / "bin/uvicorn"),
                "tipg.main:app",
                "--host",
                "127.0.0.1",
                "--port",
                str(TIPG_PORT),
                "--workers",
                "2",
                "--log-level",
                "warning",
                "--no-access-log",
            ],
            cwd=ROOT / ".local",
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    _wait(f"http://127.0.0.1:{TIPG_PORT}/collections", seconds=120)
    return process


def stop(process: subprocess.Popen) -> None:
    # Our own server, started in its own session: its master and workers go together.
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        os.killpg(process.pid, signal.SIGKILL)


# --- report ---------------------------------------------------------------------------------


def report(runs: list[Run], largest: dict[int, tuple[int, Job]], jobs: list[Job]) -> None:
    print()
    print(f"{len(jobs)} tiles: " + ", ".join(f"z{z} {sum(1 for j in jobs if j.z == z)}" for z in ZOOMS))
    print("Stand-ins: " + "; ".join(f"{layer.role} ({layer.count:,}) -> {layer.slug}" for layer in LAYERS))
    print()
    header = f"{'system':26} {'conc':>4} {'cache':>5} {'zoom':>5} {'requests':>8} {'tiles/s':>9} {'p50 ms':>8} {'p95 ms':>8}"
    print(header)
    print("-" * len(header))
    for run in runs:
        for z in (*ZOOMS, "all"):
            times = run.latencies.get(z, []) if z != "all" else [t for v in run.latencies.values() for t in v]
            wall = run.wall_by_zoom.get(z, 0) if z != "all" else run.wall
            if not times:
                continue
            rate = len(times) / wall if wall else 0
            print(
                f"{run.system:26} {run.concurrency:>4} {run.cache:>5} {str(z):>5} {len(times):>8} "
                f"{rate:>9.1f} {statistics.median(times) * 1000:>8.1f} {_percentile(times, 0.95) * 1000:>8.1f}"
            )
        print()
    print("Largest tile per zoom (uncompressed MVT, as our endpoint serves it):")
    for z in ZOOMS:
        size, job = largest[z]
        print(f"  z{z}: {size / 1024:7.1f} KB  {job.layer.slug} {job.z}/{job.x}/{job.y}")


def main() -> None:
    started = time.perf_counter()
    print(f"Load average at the start: {', '.join(f'{value:.1f}' for value in os.getloadavg())}.", flush=True)
    base_url = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/geo_platform")
    url = bench_database_url(base_url)
    print(f"Benchmark database: {urlsplit(url).path.lstrip('/')}", flush=True)
    ensure_database(url)
    setup_django(url)
    fill(url)
    jobs = choose_tiles()

    from django.contrib.auth.models import AnonymousUser
    from django.db import connection

    from layers.selectors import visible_layers
    from tile_server.cache import tile_cache
    from tile_server.grid import Tile
    from tile_server.layers import resolve_layers
    from tile_server.queries import inner_query
    from tile_server.render import MAX_TILE_FEATURES
    from tile_server.rows import row_scope
    from tile_server.sql import tile_statement

    visible = {layer.slug: layer for layer in visible_layers(AnonymousUser())}
    layers = {layer.slug: layer for layer in resolve_layers(visible, [b.slug for b in LAYERS])}
    statements = {}
    for job in jobs:
        tile = Tile(job.z, job.x, job.y)
        layer = layers[job.layer.slug]
        scope = row_scope(layer.spec, AnonymousUser())
        sql, params = tile_statement([inner_query(layer, tile, scope=scope, limit=MAX_TILE_FEATURES)], tile)
        # The exact text Django sends (client-side binding), to run without Django.
        statements[job] = connection.ops.compose_sql(sql, params)
    connection.close()

    runs: list[Run] = []
    server = start_ours(url)
    try:
        print("(a) raw SQL, and (b) our endpoint at concurrency 1, zoom by zoom in turn ...", flush=True)
        raw_sql(url, jobs, statements, 2)  # warms PostgreSQL's buffers for every system alike
        # On a machine others share, the load changes from minute to minute: the bare statement
        # and our endpoint run one zoom after the other, so that their ratio compares like with like.
        tile_cache().clear()
        raw1 = Run("raw SQL (psycopg)", 1, "-")
        ours1 = Run("ours (gunicorn 2w)", 1, "cold")
        for z in ZOOMS:
            for merged, part in (
                (raw1, raw_sql(url, jobs, statements, 1, zooms=(z,))[0]),
                (
                    ours1,
                    http_run("ours (gunicorn 2w)", OUR_PORT, jobs, concurrency=1, cache="cold", zooms=(z,)),
                ),
            ):
                merged.latencies.update(part.latencies)
                merged.wall_by_zoom.update(part.wall_by_zoom)
                merged.errors += part.errors
        for merged in (raw1, ours1):
            merged.wall = sum(merged.wall_by_zoom.values())
            merged.requests = sum(len(v) for v in merged.latencies.values())
        runs += [raw1, raw_sql(url, jobs, statements, 2)[0], ours1]
        print(
            "(b) our endpoint under gunicorn, warm; (c) cold at concurrency 8 beside tipg, zoom by zoom ...",
            flush=True,
        )
        repeat = max(1, WARM_REQUESTS // len(jobs))
        runs.append(
            http_run("ours (gunicorn 2w)", OUR_PORT, jobs, concurrency=1, cache="warm", repeat=repeat)
        )
        tile_cache().clear()
        tipg = start_tipg(url)
        try:
            http_run(
                "tipg", TIPG_PORT, jobs[:8], concurrency=2, cache="-", tipg=True
            )  # its catalogue, warmed
            ours8 = Run("ours (gunicorn 2w)", 8, "cold")
            tipg8 = Run("tipg (uvicorn 2w)", 8, "-")
            for z in ZOOMS:
                for merged, part in (
                    (ours8, http_run("ours", OUR_PORT, jobs, concurrency=8, cache="cold", zooms=(z,))),
                    (
                        tipg8,
                        http_run("tipg", TIPG_PORT, jobs, concurrency=8, cache="-", tipg=True, zooms=(z,)),
                    ),
                ):
                    merged.latencies.update(part.latencies)
                    merged.wall_by_zoom.update(part.wall_by_zoom)
                    merged.errors += part.errors
            for merged in (ours8, tipg8):
                merged.wall = sum(merged.wall_by_zoom.values())
                merged.requests = sum(len(v) for v in merged.latencies.values())
        finally:
            stop(tipg)
        runs.append(ours8)
        runs.append(
            http_run("ours (gunicorn 2w)", OUR_PORT, jobs, concurrency=8, cache="warm", repeat=repeat)
        )
        runs.append(tipg8)
        largest = _largest_served(jobs)
        print("(b2) public tiles from nginx's cache in front of it ...", flush=True)
        nginx = start_nginx()
        try:
            for job in jobs:  # fill nginx's cache
                request = urllib.request.Request(
                    f"http://127.0.0.1:{NGINX_PORT}{job.our_path}", headers={"Accept-Encoding": "gzip"}
                )
                urllib.request.urlopen(request, timeout=30).read()
            nginx_figures = wrk_run(jobs, concurrency=8, seconds=NGINX_SECONDS)
        finally:
            stop_nginx(nginx)
    finally:
        stop(server)
        tile_cache().clear()

    report(runs, largest, jobs)
    nginx_rps, nginx_p50, nginx_p99, nginx_bad = nginx_figures
    print(
        f"{'nginx cache (wrk)':26} {8:>4} {'warm':>5} {'all':>5} {'-':>8} {nginx_rps:>9.1f} "
        f"{nginx_p50:>8.2f} {'p99 ' + format(nginx_p99, '.2f'):>8}   non-2xx/errors: {nginx_bad}"
    )
    by_key = {(run.system, run.concurrency, run.cache): run for run in runs}
    cold = by_key[("ours (gunicorn 2w)", 8, "cold")]
    warm = by_key[("ours (gunicorn 2w)", 8, "warm")]
    raw2 = by_key[("raw SQL (psycopg)", 2, "-")]
    raw1 = by_key[("raw SQL (psycopg)", 1, "-")]
    cold1 = by_key[("ours (gunicorn 2w)", 1, "cold")]
    overhead_ms = (1 / cold1.rate - 1 / raw1.rate) * 1000
    tipg8 = by_key[("tipg (uvicorn 2w)", 8, "-")]
    errors = sum(run.errors for run in runs) + nginx_bad
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(
        f"\nErrors: {errors}. Total time {time.perf_counter() - started:.0f} s. Load average at the end: {load}."
    )
    # The targets of issue 16, as ratios measured in this one run.
    print(
        f"cold c1 / bare SQL c1: {cold1.rate / raw1.rate:.2f} (target >= 0.8); "
        f"overhead {overhead_ms:.1f} ms a tile (target <= 3); "
        f"cold c8 / tipg c8: {cold.rate / tipg8.rate:.2f} (target >= 2.5); "
        f"nginx warm c8: {nginx_rps:,.0f} tiles/s (target >= 5,000)"
    )
    print(
        json.dumps(
            {
                "cold_vs_raw": round(cold.rate / raw2.rate, 3),
                "cold_c1_vs_raw_c1": round(cold1.rate / raw1.rate, 3),
                "cold_overhead_ms": round(overhead_ms, 2),
                "nginx_warm_tiles_per_s": round(nginx_rps, 1),
                "cold_vs_tipg": round(cold.rate / tipg8.rate, 3),
                "cold_c8_vs_tipg_c8": round(cold.rate / tipg8.rate, 3),
                "load_average_1m": round(os.getloadavg()[0], 2),
                "warm_tiles_per_s": round(warm.rate, 1),
                "max_tile_kb": round(max(size for size, _ in largest.values()) / 1024, 1),
            }
        )
    )


def _largest_served(jobs: list[Job]) -> dict[int, tuple[int, Job]]:
    """Each tile once more from the warm cache, uncompressed, to size what clients get."""
    largest: dict[int, tuple[int, Job]] = {z: (0, jobs[0]) for z in ZOOMS}
    for job in jobs:
        with urllib.request.urlopen(f"http://127.0.0.1:{OUR_PORT}{job.our_path}", timeout=30) as response:
            size = len(response.read())
        if size > largest[job.z][0]:
            largest[job.z] = (size, job)
    return largest


if __name__ == "__main__":
    main()
