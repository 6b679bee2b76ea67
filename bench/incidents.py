"""Benchmark: incident ingestion through the push API, live push latency over server-sent
events while ingesting 500 incidents/s, and the size of the incident layer's tiles.

    make bench-incidents        # or: source .local/env && .venv/bin/python bench/incidents.py [--reuse-db]

1. (Re)creates the database geo_platform_bench_incidents beside DATABASE_URL's (migrate,
   load_sofia_data, demo_logins) and starts gunicorn on it (2 workers × 4 threads, as scripts/run.sh).
2. Ingest: 30,000 seeded incidents over the last 7 days (a busy week) POSTed in batches of
   1,000 by 2 clients as the demo operator (token) → ingest_per_s.
3. Push: one client holds the SSE stream /api/situation/incidents/stream/ (reconnecting with
   Last-Event-ID as a browser does); two feeders POST batches of 125 every 0.5 s each (500/s) for 20 s
   while a prober POSTs one marked incident every 0.25 s; latency = from just before the probe's
   POST is sent to its arrival on the stream → push_p95_s.
4. Tiles: every tile of the `incidents` layer over Sofia at z10–z13 (city zooms; points are
   clustered below z14) → max_tile_kb.

Last line: {"ingest_per_s": …, "push_p95_s": …, "max_tile_kb": …}
"""

from __future__ import annotations

import argparse
import http.client
import json
import math
import os
import random
import secrets
import socket
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
BENCH_DB = "geo_platform_bench_incidents"
TOTAL = 30_000
BATCH = 1000
RATE = 500
PUSH_SECONDS = 20
SEED = 13
# Central Sofia, well inside the municipality (lon, lat).
BOX = (23.24, 42.63, 23.42, 42.74)
CATEGORIES = (
    "fire",
    "road_accident",
    "flood",
    "public_order",
    "medical",
    "utility_failure",
    "explosive",
    "other",
)
ORIGINS = ("112", "sdvr", "pbzn", "csmp", "citizen", "camera_operator")


def database_url(url: str, name: str) -> str:
    parts = urlsplit(url)
    scheme = "postgresql" if parts.scheme == "postgis" else parts.scheme
    return urlunsplit(parts._replace(scheme=scheme, path="/" + name))


def log(message: str) -> None:
    print(f"==> {message}", file=sys.stderr, flush=True)


def create_database(bench_url: str, env: dict) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(database_url(bench_url, "postgres"), autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(BENCH_DB)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(BENCH_DB)))
    with psycopg.connect(bench_url, autocommit=True) as conn:
        conn.execute("CREATE EXTENSION postgis")
    for command in (["migrate", "--noinput", "-v0"], ["load_sofia_data"], ["demo_logins"]):
        done = subprocess.run(
            [sys.executable, "manage.py", *command], cwd=ROOT, env=env, capture_output=True, text=True
        )
        if done.returncode != 0:
            sys.stderr.write(done.stdout + done.stderr)
            raise SystemExit(f"manage.py {command[0]} failed")


def clear_incidents(bench_url: str) -> None:
    import psycopg

    with psycopg.connect(bench_url, autocommit=True) as conn:
        conn.execute(
            "TRUNCATE situation_incident, situation_incidentcontact, situation_incidentchange, "
            "situation_dutylogentry RESTART IDENTITY CASCADE"
        )


def free_port() -> int:
    for port in range(8501, 8600):
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise SystemExit("no free port")


class Client:
    def __init__(self, port: int, token: str = ""):
        self.port = port
        self.token = token
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)

    def call(self, method: str, path: str, body=None) -> tuple[int, bytes]:
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if self.token:
            headers["Authorization"] = f"Token {self.token}"
        self.connection.request(
            method, path, body=json.dumps(body) if body is not None else None, headers=headers
        )
        response = self.connection.getresponse()
        return response.status, response.read()


def records(rng: random.Random, count: int, prefix: str, *, recent: bool = False) -> list[dict]:
    now = datetime.now(UTC)
    out = []
    for n in range(count):
        age = (
            timedelta(seconds=rng.random() * 30)
            if recent
            else timedelta(seconds=60 + rng.random() * 7 * 86400)
        )
        out.append(
            {
                "origin": rng.choice(ORIGINS),
                "external_id": f"{prefix}-{n}",
                "category": rng.choice(CATEGORIES),
                "priority": rng.randint(1, 4),
                "occurred_at": (now - age).replace(microsecond=0).isoformat(),
                "lon": round(BOX[0] + rng.random() * (BOX[2] - BOX[0]), 6),
                "lat": round(BOX[1] + rng.random() * (BOX[3] - BOX[1]), 6),
                "title": "bench",
                "caller_name": "Bench Caller",
                "caller_phone": "+359000000000",
            }
        )
    return out


def ingest(port: int, token: str, rng: random.Random) -> float:
    batches = [records(rng, BATCH, f"bulk{i}") for i in range(TOTAL // BATCH)]
    queue = list(enumerate(batches))
    lock = threading.Lock()
    failures: list[str] = []

    def worker() -> None:
        client = Client(port, token)
        while True:
            with lock:
                if not queue:
                    return
                _index, batch = queue.pop()
            status, body = client.call("POST", "/api/situation/incidents/", {"incidents": batch})
            if status != 201 or json.loads(body)["created"] != len(batch):
                failures.append(f"{status} {body[:300]!r}")

    started = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    if failures:
        raise SystemExit(f"ingest failed: {failures[:3]}")
    return TOTAL / elapsed


def push_latency(port: int, token: str, rng: random.Random) -> tuple[list[float], int, float]:
    sent: dict[str, float] = {}
    arrived: dict[str, float] = {}
    stop = threading.Event()
    connected = threading.Event()

    def reader() -> None:
        last_id = ""
        while not stop.is_set():
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            headers = {"Accept": "text/event-stream", "Authorization": f"Token {token}"}
            if last_id:
                headers["Last-Event-ID"] = last_id
            connection.request("GET", "/api/situation/incidents/stream/", headers=headers)
            response = connection.getresponse()
            connected.set()
            event_id = ""
            for raw in response:
                line = raw.decode().rstrip("\n")
                if line.startswith("id: "):
                    event_id = line[4:]
                elif line.startswith("data: ") and '"title": "probe-' in line:
                    title = json.loads(line[6:])["title"]
                    arrived.setdefault(title, time.perf_counter())
                elif not line and event_id:
                    last_id = event_id
                if stop.is_set():
                    break
            connection.close()

    def feeder(rate_log: list, name: str) -> None:
        # Two feeders, each 125 incidents every 0.5 s: 500/s together, and one slow request does
        # not stall the other's schedule.
        client = Client(port, token)
        per_tick = RATE // 4
        started = time.perf_counter()
        tick = 0
        total = 0
        while time.perf_counter() - started < PUSH_SECONDS:
            batch = records(rng, per_tick, f"feed{name}-{tick}", recent=True)
            status, _body = client.call("POST", "/api/situation/incidents/", {"incidents": batch})
            if status == 201:
                total += per_tick
            tick += 1
            pause = started + tick * 0.5 - time.perf_counter()
            if pause > 0:
                time.sleep(pause)
        rate_log.append(total / (time.perf_counter() - started))

    def prober() -> None:
        client = Client(port, token)
        probe_rng = random.Random(SEED + 1)
        started = time.perf_counter()
        n = 0
        while time.perf_counter() - started < PUSH_SECONDS:
            record = records(probe_rng, 1, f"probe{n}", recent=True)[0]
            record["title"] = f"probe-{n}"
            record["priority"] = 1
            moment = time.perf_counter()
            status, _body = client.call("POST", "/api/situation/incidents/", record)
            if status == 201:
                sent[record["title"]] = moment
            n += 1
            time.sleep(0.25)

    read_thread = threading.Thread(target=reader, daemon=True)
    read_thread.start()
    connected.wait(10)
    rate_log: list[float] = []
    threads = [threading.Thread(target=feeder, args=(rate_log, name)) for name in "ab"]
    threads.append(threading.Thread(target=prober))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    time.sleep(3)
    stop.set()
    latencies = sorted(arrived[title] - sent[title] for title in sent if title in arrived)
    return latencies, len(sent) - len(latencies), sum(rate_log)


def tile_sizes(port: int, token: str) -> tuple[float, str]:
    client = Client(port, token)
    largest, where = 0, ""
    for z in (10, 11, 12, 13):
        n = 2**z

        def tx(lon: float, n: int = n) -> int:
            return int((lon + 180) / 360 * n)

        def ty(lat: float, n: int = n) -> int:
            return int((1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n)

        for x in range(tx(23.05), tx(23.68) + 1):
            for y in range(ty(42.90), ty(42.41) + 1):
                status, body = client.call("GET", f"/tiles/incidents/{z}/{x}/{y}.mvt")
                if status == 200 and len(body) > largest:
                    largest, where = len(body), f"{z}/{x}/{y}"
    return largest / 1024, where


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reuse-db", action="store_true", help="keep the database; only empty the incidents")
    args = parser.parse_args()
    base = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/geo_platform")
    bench_url = database_url(base, BENCH_DB)
    env = {**os.environ, "DATABASE_URL": bench_url, "DEBUG": "false", "SECRET_KEY": secrets.token_urlsafe(40)}
    if args.reuse_db:
        clear_incidents(bench_url)
    else:
        log(f"creating {BENCH_DB} (migrate, Sofia data, demo logins)")
        create_database(bench_url, env)
    port = free_port()
    server = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "geo_platform.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--threads",
            "4",
            "--timeout",
            "120",
            "--reuse-port",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                status, body = Client(port).call(
                    "POST", "/api/auth/token/", {"username": "operator", "password": "operator-demo-2026"}
                )
                if status == 200:
                    token = json.loads(body)["token"]
                    break
            except OSError:
                pass
            time.sleep(0.3)
        else:
            raise SystemExit("the server did not start")
        rng = random.Random(SEED)
        log(f"ingesting {TOTAL} incidents in batches of {BATCH}")
        ingest_per_s = ingest(port, token, rng)
        print(f"ingest: {TOTAL} incidents, {ingest_per_s:.0f}/s")
        log(f"push latency while ingesting {RATE}/s for {PUSH_SECONDS} s")
        latencies, lost, rate = push_latency(port, token, rng)
        p50 = latencies[len(latencies) // 2] if latencies else float("nan")
        p95 = latencies[min(len(latencies) - 1, int(0.95 * len(latencies)))] if latencies else float("nan")
        print(
            f"push: {len(latencies)} probes, p50 {p50:.3f} s, p95 {p95:.3f} s, max {max(latencies or [0]):.3f} s, "
            f"not arrived {lost}; background ingest {rate:.0f}/s"
        )
        log("tiles of the incidents layer at z10–z13")
        max_kb, where = tile_sizes(port, token)
        print(f"largest tile: {max_kb:.1f} KB ({where})")
        print(
            json.dumps(
                {
                    "ingest_per_s": round(ingest_per_s, 1),
                    "push_p95_s": round(p95, 3),
                    "max_tile_kb": round(max_kb, 1),
                }
            )
        )
    finally:
        server.terminate()
        server.wait(15)


if __name__ == "__main__":
    main()
