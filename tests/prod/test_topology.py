"""The production topology of `make prod`, tested from outside as its users reach it (`make prod-test`).

nginx in front of two gunicorn app servers, a PostgreSQL primary with a streaming replica, Celery
workers per queue on RabbitMQ. These tests speak HTTP to nginx and to each app server, and ask
the two clusters for their own statistics; they are skipped unless scripts/prod.sh has written
.local/prod/env and it is sourced (PROD_URL set).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psycopg
import pytest

PROD_URL = os.environ.get("PROD_URL", "")
pytestmark = pytest.mark.skipif(not PROD_URL, reason="needs `make prod` (run through `make prod-test`)")

ROOT = Path(__file__).resolve().parents[2]
STATE = ROOT / ".local" / "prod"
APP_URLS = [url for url in os.environ.get("PROD_APP_URLS", "").split(",") if url]
DB = "geo_platform"


def request(url: str, *, method: str = "GET", body: dict | None = None, headers: dict | None = None):
    """(status, headers, bytes) of one HTTP request; errors are answers, not exceptions."""
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method, headers=dict(headers or {}))
    if data is not None:
        req.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(req, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def transactions(port: int) -> int:
    """Transactions the cluster on `port` has counted in the platform's database."""
    with psycopg.connect(f"postgresql://postgres@127.0.0.1:{port}/{DB}", autocommit=True) as connection:
        connection.execute("SELECT pg_stat_clear_snapshot()")
        (count,) = connection.execute(
            "SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = %s", (DB,)
        ).fetchone()
    return int(count)


def manage(*args: str) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return result.stdout.strip()


def token_for(role: str) -> str:
    """An API token of a user of `role` (PLANNER, ANALYST…) on the production database, created once."""
    code = (
        "from geo_platform.accounts.models import User, Role;"
        "from rest_framework.authtoken.models import Token;"
        f"user, _ = User.objects.get_or_create(username='prod-test-{role.lower()}', defaults={{'role': Role.{role}}});"
        "print(Token.objects.get_or_create(user=user)[0].key)"
    )
    return manage("shell", "-c", code).splitlines()[-1]


@pytest.fixture(scope="module")
def planner_token() -> str:
    return token_for("PLANNER")


def test_the_replica_is_a_streaming_standby_of_the_primary():
    port = int(os.environ["PROD_REPLICA_PORT"])
    with psycopg.connect(f"postgresql://postgres@127.0.0.1:{port}/{DB}", autocommit=True) as connection:
        assert connection.execute("SELECT pg_is_in_recovery()").fetchone()[0] is True
        assert connection.execute("SELECT status FROM pg_stat_wal_receiver").fetchone()[0] == "streaming"


def test_public_tiles_are_served_from_nginx_cache_the_second_time():
    url = f"{PROD_URL}/tiles/districts/11/1156/753.mvt"
    first = request(url, headers={"Accept-Encoding": "gzip"})
    second = request(url, headers={"Accept-Encoding": "gzip"})
    assert first[0] == second[0] == 200
    assert second[1]["X-Cache-Status"] == "HIT"
    assert first[1]["ETag"] == second[1]["ETag"]
    # The client's own revalidation is answered from the cache too.
    again = request(url, headers={"Accept-Encoding": "gzip", "If-None-Match": second[1]["ETag"]})
    assert again[0] == 304


def test_tiles_of_signed_in_clients_are_never_cached(planner_token):
    url = f"{PROD_URL}/tiles/schools/14/9252/6032.mvt"
    for _ in range(2):
        status, headers, _ = request(url, headers={"Authorization": f"Token {planner_token}"})
        assert status in (200, 204)
        assert headers["X-Cache-Status"] == "BYPASS"


def test_reads_go_to_the_replica_and_writes_to_the_primary(planner_token):
    primary, replica = int(os.environ["PROD_PRIMARY_PORT"]), int(os.environ["PROD_REPLICA_PORT"])
    before = transactions(replica)
    for offset in range(0, 60, 10):
        status, _, _ = request(f"{PROD_URL}/api/layers/schools/features/?limit=10&offset={offset}")
        assert status == 200
    deadline = time.monotonic() + 5
    while transactions(replica) == before and time.monotonic() < deadline:
        time.sleep(0.2)
    assert transactions(replica) > before, "anonymous reads did not reach the replica"

    # A write must land on the primary: the replica is read-only and would refuse it.
    before_primary = transactions(primary)
    status, headers, body = request(
        f"{APP_URLS[0]}/api/layers/schools/features/",
        method="POST",
        headers={"Authorization": f"Token {planner_token}"},
        body={
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [23.3219, 42.6977]},
            "properties": {
                "name": f"Училище {uuid.uuid4().hex[:6]} (тест на топологията)",
                "kind": "kindergarten",
            },
        },
    )
    assert status == 201, body
    assert transactions(primary) > before_primary


def test_a_feature_written_through_one_app_server_is_read_through_the_other(planner_token):
    name = f"Тестово училище {uuid.uuid4().hex[:8]}"
    status, headers, body = request(
        f"{APP_URLS[0]}/api/layers/schools/features/",
        method="POST",
        headers={"Authorization": f"Token {planner_token}"},
        body={
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [23.3301, 42.6912]},
            "properties": {"name": name, "kind": "kindergarten"},
        },
    )
    assert status == 201, body
    feature_id = json.loads(body)["id"]
    # Read-your-writes: the writer's pin cookie sends its next read to the primary, at once.
    cookie = headers["Set-Cookie"].split(";")[0]
    assert cookie.startswith("gp_primary_until=")
    status, _, body = request(
        f"{APP_URLS[1]}/api/layers/schools/features/{feature_id}/",
        headers={"Authorization": f"Token {planner_token}", "Cookie": cookie},
    )
    assert status == 200 and json.loads(body)["properties"]["name"] == name
    # Anybody else reads from the replica, which may lag a little: tolerated, for a few seconds.
    deadline = time.monotonic() + 5
    while True:
        status, _, body = request(f"{APP_URLS[1]}/api/layers/schools/features/{feature_id}/")
        if status == 200 or time.monotonic() > deadline:
            break
        time.sleep(0.1)
    assert status == 200 and json.loads(body)["properties"]["name"] == name


def test_requests_carry_an_id_into_the_json_logs():
    request_id = f"prodtest{uuid.uuid4().hex[:12]}"
    status, headers, _ = request(f"{PROD_URL}/api/layers/", headers={"X-Request-ID": request_id})
    assert status == 200 and headers["X-Request-ID"] == request_id


def test_metrics_for_the_monitoring_host_only():
    request(f"{APP_URLS[0]}/tiles/districts/10/578/377.mvt")  # tiles are timed on their own lean path
    status, _, body = request(f"{APP_URLS[0]}/metrics")
    assert status == 200
    text = body.decode()
    for metric in (
        "django_http_requests_latency_seconds_by_view_method",
        "geo_celery_queue_messages",
        "geo_tile_request_seconds",
    ):
        assert metric in text
    # Not through the proxy.
    assert request(f"{PROD_URL}/metrics")[0] == 404


def test_an_app_server_stopped_mid_load_fails_no_request_beyond_those_in_flight():
    pid_file = STATE / "run" / f"app{APP_URLS[0].rsplit(':', 1)[1]}.pid"
    pid = int(pid_file.read_text())
    urls = [f"{PROD_URL}/api/layers/schools/features/?limit=50&offset={i % 10 * 50}" for i in range(400)]
    concurrency = 8

    def fetch(url: str) -> int:
        return request(url)[0]

    with ThreadPoolExecutor(concurrency) as pool:
        futures = [pool.submit(fetch, url) for url in urls]
        time.sleep(0.5)
        os.kill(pid, signal.SIGTERM)  # a graceful stop, as a deployment or a recycle does
        statuses = [future.result() for future in futures]
    failed = [status for status in statuses if status != 200]
    try:
        assert len(failed) <= concurrency, f"{len(failed)} failed: {failed[:10]}"
    finally:
        subprocess.run(
            ["bash", "scripts/prod.sh", "up"], cwd=ROOT, check=True, capture_output=True, timeout=300
        )


@pytest.fixture(scope="module")
def analyst_token() -> str:
    return token_for("ANALYST")


def scenario_status(token: str, scenario_id: int) -> dict:
    status, _, body = request(
        f"{PROD_URL}/api/risk/scenarios/{scenario_id}/",
        headers={"Authorization": f"Token {token}", "Accept-Language": "en"},
    )
    assert status == 200, body
    return json.loads(body)


def test_a_job_whose_worker_process_dies_is_marked_failed_for_the_user(analyst_token):
    # A whole-municipality flood at 10 m runs long enough on the batch queue to be caught.
    status, _, body = request(
        f"{PROD_URL}/api/risk/scenarios/",
        method="POST",
        headers={"Authorization": f"Token {analyst_token}"},
        body={"name": "Тест: спрял работник", "kind": "flood", "return_period_years": 100, "cell_size_m": 10},
    )
    assert status == 202, body
    scenario_id = json.loads(body)["id"]
    deadline = time.monotonic() + 60
    while scenario_status(analyst_token, scenario_id)["status"] != "running":
        assert time.monotonic() < deadline, "the batch worker never started the run"
        time.sleep(0.2)
    main = int((STATE / "run" / "worker-batch.pid").read_text())
    children = subprocess.run(["pgrep", "-P", str(main)], capture_output=True, text=True).stdout.split()
    assert children, "the batch worker has no pool process"
    for child in children:
        os.kill(int(child), signal.SIGKILL)  # as the kernel's OOM killer would
    deadline = time.monotonic() + 20
    while (shown := scenario_status(analyst_token, scenario_id))["status"] != "failed":
        assert time.monotonic() < deadline, f"the job was left {shown['status']}"
        time.sleep(0.2)


def test_a_placement_on_the_interactive_queue_finishes_while_a_long_scenario_runs_on_batch(analyst_token):
    headers = {"Authorization": f"Token {analyst_token}"}
    status, _, body = request(
        f"{PROD_URL}/api/risk/scenarios/",
        method="POST",
        headers=headers,
        body={"name": "Тест: дълъг сценарий", "kind": "flood", "return_period_years": 100, "cell_size_m": 10},
    )
    assert status == 202, body
    scenario_id = json.loads(body)["id"]
    deadline = time.monotonic() + 60
    while scenario_status(analyst_token, scenario_id)["status"] != "running":
        assert time.monotonic() < deadline, "the batch worker never started the run"
        time.sleep(0.2)
    # A small placement near НДК, asked as a background job: it goes to the interactive queue.
    lon, lat, d = 23.3186, 42.6847, 0.0008
    area = {
        "type": "Polygon",
        "coordinates": [
            [
                [lon - d, lat - d],
                [lon + d, lat - d],
                [lon + d, lat + d],
                [lon - d, lat + d],
                [lon - d, lat - d],
            ]
        ],
    }
    status, _, body = request(
        f"{PROD_URL}/api/surveillance/placement/?background=true",
        method="POST",
        headers=headers,
        body={
            "target": {"geometry": area},
            "k": 2,
            "directions": 4,
            "cell_size_m": 5,
            "sites": {"points": [[lon - d / 2, lat], [lon, lat], [lon + d / 2, lat]]},
            "camera": {"mount_height": 4, "fov": 90, "resolution": 1920, "tilt": 0},
        },
    )
    assert status == 202, body
    job_url = json.loads(body)["url"]
    deadline = time.monotonic() + 60
    while True:
        status, _, body = request(job_url, headers=headers)
        job = json.loads(body)
        if job["status"] in ("done", "failed"):
            break
        assert time.monotonic() < deadline, f"the placement waited behind the batch queue: {job}"
        time.sleep(0.3)
    assert job["status"] == "done", job
    # The long run on the batch queue was still going when the placement came back.
    assert scenario_status(analyst_token, scenario_id)["status"] == "running"
