"""Load test (`make bench-load`): locust, headless, against a `make run`-style server.

1. A separate database, <DATABASE_URL's name>_bench_load, is created (PostGIS), migrated and
   loaded with the Sofia data and the demo accounts (each step skips what is done already).
   One event is filed and submitted for the planners' assessments.
2. gunicorn serves it as scripts/run.sh does (2 workers x 4 threads, --reuse-port, DEBUG off)
   on 127.0.0.1:8611.
3. locust (bench/locustfile.py) runs headless with BENCH_USERS users (default 50, spawned at
   10/s) for BENCH_SECONDS (default 60) and stops by itself; the server is stopped after it.

Prints locust's table, then as the last line {"rps": …, "p95_ms": …, "errors": …}.
Target (issue 10): 0 errors and p95 ≤ 300 ms at 50 users on the 2-core machine.

`make bench-load TARGET=prod` (BENCH_TARGET=prod) runs the same mix against the production
topology of `make prod` instead (nginx :8080 in front of two gunicorns, the primary and its
streaming replica; scripts/prod.sh up first): its database is the primary's, loaded with the
same data and accounts through the primary, and locust speaks to nginx. Issue 16's target:
at least 1.6x the single server's requests per second at p95 ≤ 300 ms.
"""

from __future__ import annotations

import csv
import itertools
import json
import os
import secrets
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg

ROOT = Path(__file__).resolve().parent.parent
PORT = int(os.environ.get("BENCH_PORT", "8611"))
USERS = int(os.environ.get("BENCH_USERS", "50"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "60"))
TARGET = os.environ.get("BENCH_TARGET", "") or "single"
PROD_ENV = ROOT / ".local" / "prod" / "env"


def bench_database_url(url: str) -> str:
    parts = urlsplit(url)
    name = parts.path.lstrip("/") or "geo_platform"
    return urlunsplit(parts._replace(path=f"/{name}_bench_load"))


def ensure_database(url: str) -> None:
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = urlunsplit(parts._replace(scheme="postgresql", path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
    with psycopg.connect(urlunsplit(parts._replace(scheme="postgresql")), autocommit=True) as conn:
        conn.execute("CREATE EXTENSION IF NOT EXISTS postgis")


def manage(*args: str, env: dict) -> str:
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode != 0:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


PREPARE = """
import json
from geo_platform.accounts.models import User
from geo_platform.accounts.tokens import current_token
tokens = {name: current_token(User.objects.get(username=name)).key for name in ("planner", "analyst", "organizer")}
print(json.dumps(tokens))
"""


def prepare(env: dict) -> dict:
    """API tokens of the demo planner, analyst and organizer."""
    return json.loads(manage("shell", "-c", PREPARE, env=env).strip().splitlines()[-1])


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"{url} did not come up; see .local/bench-load-gunicorn.log")


def file_event(base: str, token: str) -> int:
    """One submitted event (as the organizer) for the planners' assessments."""
    from datetime import UTC, datetime, timedelta

    start = datetime.now(UTC).replace(microsecond=0) + timedelta(days=20)
    body = {
        "title": "Среща (натоварващ тест)",
        "kind": "meeting",
        "purpose": "Натоварващ тест.",
        "organizer": {
            "name": "Сдружение (демо)",
            "address": "София",
            "phone": "+359888000111",
            "email": "b@example.org",
        },
        "responsible_persons": [{"name": "Елена Петрова", "role": "ръководител", "phone": "+359888000222"}],
        "start": start.isoformat(),
        "end": (start + timedelta(hours=3)).isoformat(),
        "expected_participants": 1000,
        "stewards": 20,
        "perimeter": {
            "type": "Polygon",
            "coordinates": [
                [[23.318, 42.684], [23.320, 42.684], [23.320, 42.686], [23.318, 42.686], [23.318, 42.684]]
            ],
        },
        "assembly_point": {"type": "Point", "coordinates": [23.319, 42.685]},
    }
    request = urllib.request.Request(
        f"{base}/api/events/?submit=true",
        data=json.dumps(body).encode(),
        headers={"Authorization": f"Token {token}", "Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read())["id"]


# Requests that run an event's assessment inside the web request today (issue 10, finding 6:
# moving it to a Celery job is under way); p95 is also given without them.
SYNCHRONOUS_ASSESSMENT = ("/api/events/?submit=true", "/api/events/[id]/assessment/")
_PERCENTILES = ("50%", "66%", "75%", "80%", "90%", "95%", "98%", "99%", "99.9%", "99.99%", "100%")


def combined_percentile(rows: list[dict], share: float) -> float:
    """The `share` percentile of several locust rows together, from each row's percentile columns.

    Each row's distribution is taken as linear between its listed percentiles (0 ms at 0 %);
    the mixture is weighted by request counts and solved for `share` by bisection.
    """
    curves = []
    for row in rows:
        count = int(row["Request Count"])
        if not count:
            continue
        points = [(0.0, 0.0)] + [(float(row[name]), float(name.rstrip("%")) / 100) for name in _PERCENTILES]
        curves.append((count, points))
    total = sum(count for count, _ in curves)

    def below(ms: float) -> float:
        done = 0.0
        for count, points in curves:
            fraction = 1.0
            for (x0, y0), (x1, y1) in itertools.pairwise(points):
                if ms < x1:
                    fraction = y0 + (y1 - y0) * (ms - x0) / (x1 - x0) if x1 > x0 else y1
                    break
            done += count * fraction
        return done / total

    low, high = 0.0, max(points[-1][0] for _, points in curves)
    for _ in range(60):
        middle = (low + high) / 2
        low, high = (middle, high) if below(middle) < share else (low, middle)
    return high


def read_env_file(path: Path) -> dict:
    """The `export NAME=value` lines scripts/prod.sh writes."""
    values = {}
    for line in path.read_text().splitlines():
        name, _, value = line.removeprefix("export ").partition("=")
        if name and value:
            values[name.strip()] = value.strip()
    return values


def single_server(env: dict) -> tuple[str, subprocess.Popen, object]:
    """gunicorn as scripts/run.sh serves the platform, on its own benchmark database."""
    log = open(ROOT / ".local" / "bench-load-gunicorn.log", "w")  # noqa: SIM115 (closed by the caller)
    server = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "geo_platform.wsgi:application",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            "2",
            "--threads",
            "4",
            "--reuse-port",
            "--graceful-timeout",
            "5",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    return f"http://127.0.0.1:{PORT}", server, log


def main() -> None:
    if TARGET not in {"single", "prod"}:
        raise SystemExit(f"BENCH_TARGET must be 'single' or 'prod', not {TARGET!r}.")
    if TARGET == "prod":
        if not PROD_ENV.exists():
            raise SystemExit("No .local/prod/env: run `make prod` (scripts/prod.sh up) first.")
        prod = read_env_file(PROD_ENV)
        env = {**os.environ, **prod, "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend"}
        url = prod["DATABASE_URL"]
        print(
            f"Production topology {prod['PROD_URL']} (app servers {prod['PROD_APP_URLS']}): "
            "Sofia data and demo accounts through the primary ...",
            flush=True,
        )
    else:
        url = bench_database_url(
            os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/geo_platform")
        )
        env = {
            **os.environ,
            "DATABASE_URL": url,
            "DEBUG": "false",
            "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50),
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            "MEDIA_ROOT": tempfile.mkdtemp(prefix="bench-load-media-"),
        }
        print(
            f"Database {urlsplit(url).path.lstrip('/')}: migrate, Sofia data, demo accounts ...", flush=True
        )
        ensure_database(url)
    manage("migrate", "--noinput", "-v0", env=env)
    manage("load_sofia_data", "-v0", env=env)
    manage("demo_logins", env=env)
    tokens = prepare(env)
    server = log = None
    if TARGET == "prod":
        base = prod["PROD_URL"]
    else:
        base, server, log = single_server(env)
    load_at_start = os.getloadavg()
    try:
        wait_for(f"{base}/healthz")
        event_id = file_event(base, tokens["organizer"])
        print(f"Locust: {USERS} users for {SECONDS} s against {base} ({TARGET}) ...", flush=True)
        with tempfile.TemporaryDirectory() as scratch:
            prefix = str(Path(scratch) / "load")
            subprocess.run(
                [
                    str(ROOT / ".venv/bin/locust"),
                    "-f",
                    str(ROOT / "bench/locustfile.py"),
                    "--headless",
                    "--users",
                    str(USERS),
                    "--spawn-rate",
                    "10",
                    "--run-time",
                    f"{SECONDS}s",
                    "--host",
                    base,
                    "--csv",
                    prefix,
                    "--only-summary",
                    "--stop-timeout",
                    "10",
                    "--loglevel",
                    "WARNING",
                ],
                cwd=ROOT,
                env={**os.environ, "BENCH_TOKENS": json.dumps(tokens), "BENCH_EVENT_ID": str(event_id)},
                check=False,
            )
            with open(f"{prefix}_stats.csv", newline="") as handle:
                rows = {row["Name"]: row for row in csv.DictReader(handle)}
        total = rows["Aggregated"]
        others = [
            row for name, row in rows.items() if name != "Aggregated" and name not in SYNCHRONOUS_ASSESSMENT
        ]
        figures = {
            "rps": round(float(total["Requests/s"]), 1),
            "p95_ms": round(float(total["95%"]), 1),
            "errors": int(total["Failure Count"]),
            "p95_ms_without_synchronous_assessment": round(combined_percentile(others, 0.95), 1),
            "target": TARGET,
            "users": USERS,
            "load_average_1m": round(os.getloadavg()[0], 2),
        }
    finally:
        if server is not None:
            try:
                os.killpg(server.pid, signal.SIGTERM)
                server.wait(timeout=20)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                os.killpg(server.pid, signal.SIGKILL)
            log.close()
    print(
        "Load average at the start: "
        + ", ".join(f"{v:.1f}" for v in load_at_start)
        + "; at the end: "
        + ", ".join(f"{v:.1f}" for v in os.getloadavg())
        + ".",
        flush=True,
    )
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
