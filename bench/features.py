"""Benchmark: the features endpoint against the bare SQL it runs, side by side.

    make bench-features                  # or: source .local/env && .venv/bin/python bench/features.py
    .venv/bin/python bench/features.py --reuse-db --seconds 4 --rounds 2
    .venv/bin/python bench/features.py --reuse-db --profile 200   # cProfile of the view, no HTTP

What it does, in one run:

1. (Re)creates the database geo_platform_bench_features next to DATABASE_URL's, with
   PostGIS, `manage.py migrate` and `manage.py load_sofia_data`, then replaces the rows of
   the public layer `transit-stops` with 100,000 seeded random points inside Sofia's bounds.
2. Picks seeded bbox windows holding 1,000–1,150 points each, so every page at limit=1000
   returns exactly 1,000 features (and a `next` link).
3. Gets, for each window, the exact SQL the endpoint sends: the view runs once in-process
   through Django's test client and the statement that aggregates the page (the
   `string_agg` wrapper of layers.queries) is captured as executed.
   The same for the OGC API items page (/ogc/collections/transit-stops/items?bbox=…&limit=1000),
   whose statement also counts numberMatched.
4. Measures, interleaved over a few rounds so background load hits both sides alike:
   - raw:  that SQL through psycopg on one connection per client (autocommit, the same
           client-side binding Django uses), fetching the GeoJSON text;
   - ours: GET /api/layers/transit-stops/features/?bbox=...&limit=1000 against gunicorn
           (2 workers x 4 threads, like scripts/run.sh; DEBUG=false) over keep-alive HTTP;
   at concurrency 1 and 2.
5. Checks that both return the same features (ids, count and the features themselves).

The last line printed is one JSON object:
    {"features_vs_raw": <ours/raw responses per second, both at concurrency 2>,
     "features_per_s": <ours, responses per second at concurrency 2>}
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import http.client
import io
import json
import math
import os
import pstats
import random
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
# Its own name per checkout when several run on one server (BENCH_FEATURES_DB=…).
BENCH_DB = os.environ.get("BENCH_FEATURES_DB", "geo_platform_bench_features")
SLUG = "transit-stops"
POINTS = 100_000
LIMIT = 1000
SEED = 20_251_125
PORTS = range(8201, 8300)
FEATURES_PATH = f"/api/layers/{SLUG}/features/"
OGC_PATH = f"/ogc/collections/{SLUG}/items"
RAW, OURS = "bare SQL (psycopg)", "our endpoint (HTTP)"
OGC_RAW, OGC = "OGC bare SQL", "OGC items (HTTP)"


def database_url(url: str, name: str) -> str:
    """The URL of database `name` on the same server, in a form libpq accepts."""
    parts = urlsplit(url)
    # The settings also accept postgis://; libpq (psycopg) does not.
    scheme = "postgresql" if parts.scheme == "postgis" else parts.scheme
    return urlunsplit(parts._replace(scheme=scheme, path="/" + name))


def log(message: str) -> None:
    print(f"==> {message}", file=sys.stderr, flush=True)


# --- the benchmark database -------------------------------------------------------------


def create_database(bench_url: str) -> None:
    import psycopg
    from psycopg import sql

    maintenance = database_url(bench_url, "postgres")
    with psycopg.connect(maintenance, autocommit=True, connect_timeout=5) as conn:
        # FORCE: a gunicorn left over from an interrupted run must not keep the old one alive.
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(BENCH_DB)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(BENCH_DB)))
    with psycopg.connect(bench_url, autocommit=True, connect_timeout=5) as conn:
        conn.execute("CREATE EXTENSION postgis")
    env = {**os.environ, "DATABASE_URL": bench_url}
    for command in (["migrate", "--noinput", "-v0"], ["load_sofia_data"]):
        done = subprocess.run(
            [sys.executable, "manage.py", *command], cwd=ROOT, env=env, capture_output=True, text=True
        )
        if done.returncode != 0:
            sys.stderr.write(done.stdout + done.stderr)
            raise SystemExit(f"manage.py {command[0]} failed on {BENCH_DB}")


def fill_points(bench_url: str, table: str, column: str) -> None:
    """POINTS seeded random points inside Sofia's bounds, replacing the layer's rows."""
    import psycopg
    from psycopg import sql

    from geo_platform.crs import SOFIA_BOUNDS, STORAGE_SRID

    minx, miny, maxx, maxy = SOFIA_BOUNDS
    with psycopg.connect(bench_url, autocommit=True) as conn:
        conn.execute(sql.SQL("TRUNCATE {} RESTART IDENTITY").format(sql.Identifier(table)))
        # setseed makes random() repeatable for the rest of this session.
        conn.execute("SELECT setseed(%s)", (0.4242,))
        conn.execute(
            sql.SQL(
                """INSERT INTO {} (name, name_en, code, source, external_id, created_at, updated_at, {})
                   SELECT 'Спирка ' || i, 'Stop ' || i, lpad(i::text, 6, '0'), 'bench', 'bench-' || i,
                          now(), now(),
                          ST_SetSRID(ST_MakePoint(%s + random() * %s, %s + random() * %s), %s)
                   FROM generate_series(1, %s) AS i"""
            ).format(sql.Identifier(table), sql.Identifier(column)),
            (minx, maxx - minx, miny, maxy - miny, STORAGE_SRID, POINTS),
        )
        conn.execute(sql.SQL("VACUUM ANALYZE {}").format(sql.Identifier(table)))


def bench_ready(bench_url: str, table: str) -> bool:
    import psycopg
    from psycopg import sql

    try:
        with psycopg.connect(bench_url, autocommit=True, connect_timeout=5) as conn:
            (count,) = conn.execute(
                sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table))
            ).fetchone()
            return count == POINTS
    except psycopg.Error:
        return False


def pick_windows(
    bench_url: str, table: str, column: str, *, count: int
) -> list[tuple[float, float, float, float]]:
    """Seeded square bboxes holding LIMIT to 1.15 x LIMIT points each."""
    import psycopg
    from psycopg import sql

    from geo_platform.crs import SOFIA_BOUNDS, STORAGE_SRID

    minx, miny, maxx, maxy = SOFIA_BOUNDS
    # The points are uniform, so a window of this area holds about 1.05 x LIMIT of them.
    side = math.sqrt(1.05 * LIMIT / POINTS * (maxx - minx) * (maxy - miny))
    rng = random.Random(SEED)
    windows = []
    query = sql.SQL(
        "SELECT count(*) FROM {} WHERE ST_Intersects({}, ST_MakeEnvelope(%s, %s, %s, %s, %s))"
    ).format(sql.Identifier(table), sql.Identifier(column))
    with psycopg.connect(bench_url, autocommit=True) as conn:
        for _ in range(50 * count):
            x = round(rng.uniform(minx, maxx - side), 6)
            y = round(rng.uniform(miny, maxy - side), 6)
            bbox = (x, y, round(x + side, 6), round(y + side, 6))
            (inside,) = conn.execute(query, (*bbox, STORAGE_SRID)).fetchone()
            if LIMIT <= inside <= 1.15 * LIMIT:
                windows.append(bbox)
                if len(windows) == count:
                    return windows
    raise SystemExit(f"Found only {len(windows)} windows of about {LIMIT} points.")


def request_path(bbox, base: str = FEATURES_PATH) -> str:
    return base + "?" + urlencode({"bbox": ",".join(f"{v:.6f}" for v in bbox), "limit": LIMIT})


# --- the SQL the endpoint runs ----------------------------------------------------------


def capture_feature_sql(paths: list[str]) -> tuple[list[str], int]:
    """For each request path, the page statement exactly as Django sent it; and queries per request."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    statements, queries_per_request = [], 0
    for path in paths:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
        if response.status_code != 200:
            raise SystemExit(f"GET {path} answered {response.status_code}: {response.content[:300]!r}")
        pages = [q["sql"] for q in captured.captured_queries if "string_agg(" in q["sql"]]
        if len(pages) != 1:
            raise SystemExit(f"Expected one page statement per request, saw {len(pages)}.")
        statements.append(pages[0])
        queries_per_request = max(queries_per_request, len(captured.captured_queries))
    connection.close()
    return statements, queries_per_request


# --- gunicorn ---------------------------------------------------------------------------


def free_port() -> int:
    for port in PORTS:
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise SystemExit("No free port in 8201-8299.")


class Gunicorn:
    """Our app as scripts/run.sh serves it, on a free port, against the bench database."""

    def __init__(
        self, bench_url: str, *, app: str = "geo_platform.wsgi:application", env: dict | None = None
    ):
        self.port = free_port()
        self.log_dir = tempfile.mkdtemp(prefix="bench-features-")
        self.log_path = Path(self.log_dir, "gunicorn.log")
        env = {
            **os.environ,
            "DATABASE_URL": bench_url,
            "DEBUG": "false",
            "SECRET_KEY": secrets.token_urlsafe(40),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            **(env or {}),
        }
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            app,
            "--bind",
            f"127.0.0.1:{self.port}",
            "--workers",
            "2",
            "--threads",
            "4",
            # As scripts/run.sh: each worker listens on its own socket and the kernel spreads
            # connections, so keep-alive clients do not all land on one worker.
            "--reuse-port",
            "--access-logfile",
            "-",
            "--graceful-timeout",
            "5",
        ]
        self._log = self.log_path.open("w")
        # Own process group: stop() ends the master and its workers, and nothing else.
        self.process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=self._log, stderr=subprocess.STDOUT, start_new_session=True
        )

    def wait_ready(self, path: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn exited ({self.process.returncode}):\n{self.log_tail()}")
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                conn.request("GET", path)
                response = conn.getresponse()
                response.read()
                conn.close()
                if response.status == 200:
                    return
                raise SystemExit(f"gunicorn answered {response.status} for {path}:\n{self.log_tail()}")
            except OSError:
                time.sleep(0.2)
        raise SystemExit(f"gunicorn did not answer within {timeout:.0f} s:\n{self.log_tail()}")

    def workers(self) -> list[int]:
        """Process ids of the gunicorn workers (Linux /proc)."""
        found = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            with contextlib.suppress(OSError, ValueError, IndexError):
                if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == self.process.pid:
                    found.append(int(stat.parent.name))
        return sorted(found)

    def log_tail(self, lines: int = 30) -> str:
        self._log.flush()
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=5)
        self._log.close()


# --- load generation --------------------------------------------------------------------


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux /proc; 0 where unreadable)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@dataclass
class Measurement:
    latencies: list[float] = field(default_factory=list)
    nbytes: int = 0
    seconds: float = 0.0
    server_cpu: float | None = None  # gunicorn workers' CPU seconds, for our endpoint
    runs: int = 0
    runs_on_one_worker: int = 0  # runs in which one gunicorn worker served every connection

    @property
    def rate(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0

    def percentile(self, q: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000

    @property
    def bytes_per_response(self) -> int:
        return round(self.nbytes / len(self.latencies)) if self.latencies else 0


class RawClient:
    def __init__(self, bench_url: str, statements: list[str]):
        import psycopg

        # Django sends literal SQL (client-side binding) in autocommit mode; so does this.
        self.conn = psycopg.connect(bench_url, autocommit=True, cursor_factory=psycopg.ClientCursor)
        self.cursor = self.conn.cursor()
        self.statements = statements

    def fetch(self, i: int) -> bytes:
        self.cursor.execute(self.statements[i])
        # The features are the last column (the OGC statement also counts numberMatched first).
        features = self.cursor.fetchone()[-1]
        # The page SQL returns the features as UTF-8 bytes (convert_to), as the view uses them.
        return bytes(features)

    def __call__(self, i: int) -> int:
        return len(self.fetch(i))

    def close(self) -> None:
        self.conn.close()


class HttpClient:
    def __init__(self, port: int, paths: list[str]):
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.paths = paths

    def fetch(self, i: int) -> bytes:
        self.conn.request("GET", self.paths[i], headers={"Accept": "*/*"})
        response = self.conn.getresponse()
        body = response.read()
        if response.status != 200:
            raise RuntimeError(f"GET {self.paths[i]} answered {response.status}: {body[:300]!r}")
        return body

    def __call__(self, i: int) -> int:
        return len(self.fetch(i))

    def close(self) -> None:
        self.conn.close()


def run_load(make_client, *, windows: int, concurrency: int, seconds: float, into: Measurement) -> None:
    """`concurrency` clients, each on its own connection, requesting windows in turn for `seconds`."""
    clients = [make_client() for _ in range(concurrency)]
    for client in clients:  # connect and warm outside the timed span
        client(0)
    start_line = threading.Barrier(concurrency + 1)
    results: list[tuple[list[float], int]] = [([], 0)] * concurrency
    errors: list[BaseException] = []
    deadline = [0.0]

    def work(k: int) -> None:
        latencies, nbytes = [], 0
        i = k * 7
        try:
            start_line.wait()
            while True:
                started = time.perf_counter()
                if started >= deadline[0]:
                    break
                nbytes += clients[k](i % windows)
                latencies.append(time.perf_counter() - started)
                i += 1
        except BaseException as exc:  # reported in the main thread
            errors.append(exc)
        results[k] = (latencies, nbytes)

    threads = [threading.Thread(target=work, args=(k,), daemon=True) for k in range(concurrency)]
    for thread in threads:
        thread.start()
    began = time.perf_counter()
    deadline[0] = began + seconds
    start_line.wait()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    for client in clients:
        client.close()
    if errors:
        raise errors[0]
    for latencies, nbytes in results:
        into.latencies.extend(latencies)
        into.nbytes += nbytes
    into.seconds += elapsed


# --- checks and profile -------------------------------------------------------------------


def verify(raw: RawClient, ours: HttpClient, windows: int) -> None:
    """Both sides return the same features: same count, same ids, same GeoJSON Features."""
    for i in range(windows):
        raw_features = json.loads(b"[" + raw.fetch(i) + b"]")
        body = json.loads(ours.fetch(i))
        our_features = body["features"]
        raw_ids = [f["id"] for f in raw_features]
        our_ids = [f["id"] for f in our_features]
        if len(raw_ids) != LIMIT or raw_ids != our_ids or body["numberReturned"] != LIMIT:
            raise SystemExit(
                f"Window {i}: raw gave {len(raw_ids)} features, ours {len(our_ids)} "
                f"(numberReturned {body['numberReturned']}); ids equal: {raw_ids == our_ids}"
            )
        if raw_features != our_features:
            raise SystemExit(f"Window {i}: same ids but different Feature content.")


def verify_ogc(raw: RawClient, ours: HttpClient, windows: int) -> None:
    """The OGC items page and its bare SQL: the same 1,000 features, numberMatched ≥ 1,000."""
    for i in range(windows):
        raw_ids = [f["id"] for f in json.loads(b"[" + raw.fetch(i) + b"]")]
        body = json.loads(ours.fetch(i))
        our_ids = [f["id"] for f in body["features"]]
        if raw_ids != our_ids or len(our_ids) != LIMIT or body["numberMatched"] < LIMIT:
            raise SystemExit(
                f"OGC window {i}: raw {len(raw_ids)}, ours {len(our_ids)}, matched {body['numberMatched']}"
            )


def profile_view(paths: list[str], requests: int) -> None:
    """cProfile of the view in-process (Django test client, DEBUG=false), printed to stderr."""
    from django.db import connection
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    for path in paths[:3]:
        client.get(path)
    profiler = cProfile.Profile()
    started = time.perf_counter()
    profiler.enable()
    for i in range(requests):
        client.get(paths[i % len(paths)])
    profiler.disable()
    wall = time.perf_counter() - started
    connection.close()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).strip_dirs()
    stats.sort_stats("tottime").print_stats(25)
    stats.sort_stats("cumulative").print_stats(40)
    sys.stderr.write(out.getvalue())
    log(
        f"profile: {requests} requests in {wall:.2f} s = {1000 * wall / requests:.2f} ms each (under cProfile)"
    )


# --- main -------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3.0, help="timed seconds per mode per round")
    parser.add_argument("--rounds", type=int, default=6, help="interleaved rounds of all modes")
    parser.add_argument("--windows", type=int, default=40, help="distinct bbox windows")
    parser.add_argument(
        "--reuse-db", action="store_true", help=f"keep {BENCH_DB} if it already holds the points"
    )
    parser.add_argument(
        "--profile", type=int, metavar="N", default=0, help="also cProfile N in-process requests"
    )
    args = parser.parse_args()

    base_url = os.environ.get("DATABASE_URL")
    if not base_url:
        raise SystemExit("DATABASE_URL is not set: source .local/env first.")
    bench_url = database_url(base_url, BENCH_DB)
    # The in-process Django (SQL capture, profile) reads the bench database, as production would.
    os.environ.update(
        DATABASE_URL=bench_url,
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(40),
        DJANGO_SETTINGS_MODULE="geo_platform.settings",
    )
    sys.path.insert(0, str(ROOT))
    os.chdir(ROOT)
    import django

    django.setup()
    from layers.registry import get_spec

    spec = get_spec(SLUG)
    table, column = spec.model._meta.db_table, spec.geometry_model_field.column

    if args.reuse_db and bench_ready(bench_url, table):
        log(f"Reusing {BENCH_DB}")
    else:
        log(f"Creating {BENCH_DB}: migrate, load_sofia_data")
        started = time.perf_counter()
        create_database(bench_url)
        log(f"Filling {table} with {POINTS:,} seeded points")
        fill_points(bench_url, table, column)
        log(f"Database ready in {time.perf_counter() - started:.0f} s")
    bboxes = pick_windows(bench_url, table, column, count=args.windows)
    paths = [request_path(bbox) for bbox in bboxes]
    statements, queries_per_request = capture_feature_sql(paths)
    ogc_paths = [request_path(bbox, OGC_PATH) for bbox in bboxes]
    ogc_statements, _ogc_queries = capture_feature_sql(ogc_paths)
    log(
        f"{len(paths)} windows of {LIMIT}-{int(1.15 * LIMIT)} points; the view runs {queries_per_request} ORM queries per request"
    )

    if args.profile:
        profile_view(paths, args.profile)

    server = Gunicorn(bench_url)

    def stop_on_signal(signum, frame):
        raise SystemExit(f"Stopped by signal {signum}")

    previous = signal.signal(signal.SIGTERM, stop_on_signal)
    try:
        log(f"gunicorn on 127.0.0.1:{server.port} (log {server.log_path})")
        server.wait_ready(paths[0])
        raw_check, our_check = RawClient(bench_url, statements), HttpClient(server.port, paths)
        verify(raw_check, our_check, len(paths))
        raw_check.close()
        our_check.close()
        ogc_raw_check, ogc_check = RawClient(bench_url, ogc_statements), HttpClient(server.port, ogc_paths)
        verify_ogc(ogc_raw_check, ogc_check, len(ogc_paths))
        ogc_raw_check.close()
        ogc_check.close()
        log(
            f"Verified: the endpoint and the bare SQL return the same {LIMIT} features for all {len(paths)} windows"
        )

        modes = (
            {(RAW, c): (lambda: RawClient(bench_url, statements), c) for c in (1, 2)}
            | {(OURS, c): (lambda: HttpClient(server.port, paths), c) for c in (1, 2)}
            | {(OGC_RAW, c): (lambda: RawClient(bench_url, ogc_statements), c) for c in (1, 2)}
            | {(OGC, c): (lambda: HttpClient(server.port, ogc_paths), c) for c in (1, 2)}
        )
        results = {mode: Measurement() for mode in modes}
        workers = server.workers()
        for round_ in range(args.rounds):
            log(f"Round {round_ + 1}/{args.rounds}")
            for concurrency in (1, 2):
                for mode, (make_client, c) in modes.items():
                    if c != concurrency:
                        continue
                    measurement = results[mode]
                    before = [cpu_seconds(pid) for pid in workers]
                    run_load(
                        make_client, windows=len(paths), concurrency=c, seconds=args.seconds, into=measurement
                    )
                    if mode[0] in (OURS, OGC) and workers:
                        used = [cpu_seconds(pid) - b for pid, b in zip(workers, before, strict=True)]
                        measurement.server_cpu = (measurement.server_cpu or 0.0) + sum(used)
                        measurement.runs += 1
                        # Each run opens new keep-alive connections; gthread workers race to
                        # accept them, so sometimes one worker holds both.
                        if sum(used) > 0 and max(used) > 0.9 * sum(used):
                            measurement.runs_on_one_worker += 1
    finally:
        server.stop()
        signal.signal(signal.SIGTERM, previous)

    busy = os.getloadavg()[0]
    print(
        f"Features endpoint vs bare SQL: {POINTS:,} points, bbox pages of {LIMIT} features, "
        f"{len(paths)} windows, {args.rounds} x {args.seconds:g} s per row, interleaved"
    )
    header = (
        f"{'what':<22}{'clients':>8}{'responses/s':>13}{'p50 ms':>9}{'p95 ms':>9}"
        f"{'bytes/resp':>12}{'app CPU ms/resp':>17}{'n':>7}"
    )
    print(header)
    print("-" * len(header))
    for (name, concurrency), m in results.items():
        app_cpu = f"{1000 * m.server_cpu / len(m.latencies):.2f}" if m.server_cpu and m.latencies else "-"
        print(
            f"{name:<22}{concurrency:>8}{m.rate:>13.1f}{m.percentile(0.5):>9.2f}{m.percentile(0.95):>9.2f}"
            f"{m.bytes_per_response:>12,}{app_cpu:>17}{len(m.latencies):>7}"
        )
    raw1, raw2, ours1, ours2 = (results[(RAW, 1)], results[(RAW, 2)], results[(OURS, 1)], results[(OURS, 2)])
    print("app CPU = CPU time of the gunicorn workers per response (Python: Django, DRF, gunicorn).")
    if busy > 2 * (os.cpu_count() or 1) + 1:  # the bench itself keeps about 4 tasks runnable
        print(
            f"Warning: load average {busy:.1f} on {os.cpu_count()} CPUs at the end of the run; other work "
            "shared the machine, so the absolute rates are low (the interleaved ratio suffers less)."
        )
    if ours2.runs:
        print(
            f"our endpoint, 2 clients: in {ours2.runs_on_one_worker} of {ours2.runs} runs one gunicorn "
            "worker served both keep-alive connections (gthread workers race to accept)."
        )
    print(
        f"ours/raw at 1 client: {ours1.rate / raw1.rate:.3f}; at 2 clients: {ours2.rate / raw2.rate:.3f} "
        "(features_vs_raw below is the 2-client ratio: the bare SQL then saturates both cores)"
    )
    ogc_raw1, ogc_raw2, ogc1, ogc2 = (
        results[(OGC_RAW, 1)],
        results[(OGC_RAW, 2)],
        results[(OGC, 1)],
        results[(OGC, 2)],
    )
    print(
        f"OGC items/bare SQL at 1 client: {ogc1.rate / ogc_raw1.rate:.3f}; at 2 clients: {ogc2.rate / ogc_raw2.rate:.3f} "
        "(the OGC statement also counts numberMatched)"
    )
    print(
        json.dumps(
            {
                "features_vs_raw": round(ours2.rate / raw2.rate, 3),
                "features_per_s": round(ours2.rate, 1),
                "ogc_vs_raw": round(ogc2.rate / ogc_raw2.rate, 3),
                "ogc_items_per_s": round(ogc2.rate, 1),
            }
        )
    )


if __name__ == "__main__":
    main()
