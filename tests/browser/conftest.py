"""Browser tests: Debian's Chromium driven by Playwright against a real server.

The server is gunicorn on its own PostGIS database (TEST_DATABASE_NAME + "_browser"),
migrated and loaded with the Sofia data and the demo logins once per session, and
dropped at the end. pytest-django's live_server is not used: it flushes tables, which
would wipe the Sofia data that the rest of the suite loads once per session. Nothing
here needs the `db` fixture, so these tests run alone or with the rest of the suite.

Every request to a host other than 127.0.0.1 is aborted, so the tests see what a
machine without internet sees (no OpenStreetMap base map) and never depend on it.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless=new",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PORTS = range(8301, 8400)
# Timeouts in milliseconds for Playwright waits.
READY_MS = 20_000
# The browser tests' own Redis database: their Celery queue and cache stay apart from `make run`'s.
BROWSER_REDIS_URL = os.environ.get("BROWSER_REDIS_URL", "redis://127.0.0.1:6379/7")

playwright_api = pytest.importorskip("playwright.sync_api")


def _with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def _free_port() -> int:
    for port in PORTS:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("No free port between 8301 and 8399 for the browser-test server.")


def _manage(*args: str, env: dict) -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")


def _ensure_vendor_assets() -> None:
    if (ROOT / "frontend/static/vendor/leaflet/leaflet.js").exists():
        return
    if not (ROOT / "node_modules/leaflet").exists():
        pytest.fail("Front-end packages are missing: run `npm ci && scripts/copy_vendor_assets.sh`.")
    subprocess.run([str(ROOT / "scripts/copy_vendor_assets.sh")], check=True, cwd=ROOT)


@pytest.fixture(scope="session")
def browser_database_url() -> Iterator[str]:
    """A fresh PostGIS database with the schema, the Sofia data and the demo logins."""
    import psycopg
    from psycopg import sql

    base_url = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/geo_platform")
    base_name = os.environ.get("TEST_DATABASE_NAME") or f"test_{urlsplit(base_url).path.lstrip('/')}"
    name = f"{base_name}_browser"
    admin_url = _with_database(base_url, "postgres").replace("postgis://", "postgresql://")
    url = _with_database(base_url, name)

    def drop(connection) -> None:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))

    with psycopg.connect(admin_url, autocommit=True) as connection:
        drop(connection)
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    with psycopg.connect(url.replace("postgis://", "postgresql://"), autocommit=True) as connection:
        connection.execute("CREATE EXTENSION IF NOT EXISTS postgis")
    env = {**os.environ, "DATABASE_URL": url}
    try:
        _manage("migrate", "--noinput", "-v0", env=env)
        _manage("load_sofia_data", env=env)
        _manage("demo_logins", env=env)
        yield url
    finally:
        with psycopg.connect(admin_url, autocommit=True) as connection:
            drop(connection)


@pytest.fixture(scope="session")
def live_url(browser_database_url: str) -> Iterator[str]:
    """The base URL of a gunicorn server on the browser-test database."""
    _ensure_vendor_assets()
    ARTIFACTS.mkdir(exist_ok=True)
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    media_root = tempfile.mkdtemp(prefix="browser-media-")
    env = {
        **os.environ,
        "DATABASE_URL": browser_database_url,
        "DEBUG": "true",
        "REDIS_URL": BROWSER_REDIS_URL,
        "MEDIA_ROOT": media_root,
    }
    log = open(ARTIFACTS / "browser-server.log", "w")  # noqa: SIM115 (closed below)
    # A real Celery worker for the long jobs (risk scenario runs, exports), on the same
    # database, Redis database and media folder as the server.
    worker_log = open(ARTIFACTS / "browser-worker.log", "w")  # noqa: SIM115 (closed below)
    worker = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("celery")),
            "-A",
            "geo_platform",
            "worker",
            "--concurrency=1",
            "--loglevel=warning",
            "--without-gossip",
            "--without-mingle",
            "--purge",
        ],
        cwd=ROOT,
        env=env,
        stdout=worker_log,
        stderr=subprocess.STDOUT,
    )
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
            "60",
            "--access-logfile",
            "-",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        # Generous: on a loaded 2-core machine gunicorn's workers take half a minute to import Django.
        deadline = time.monotonic() + 90
        while True:
            if server.poll() is not None:
                raise RuntimeError(f"gunicorn exited; see {ARTIFACTS / 'browser-server.log'}")
            try:
                with urllib.request.urlopen(f"{base}/healthz", timeout=2) as response:
                    if response.status == 200:
                        break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(
                    f"The server did not answer /healthz in 90 s; see {ARTIFACTS / 'browser-server.log'}"
                )
            time.sleep(0.2)
        yield base
    finally:
        for process in (server, worker):
            process.terminate()
        for process in (server, worker):
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
        log.close()
        worker_log.close()
        shutil.rmtree(media_root, ignore_errors=True)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is not installed")
    with playwright_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def _only_local(route) -> None:
    """Abort every request that would leave this machine."""
    host = urlsplit(route.request.url).hostname
    if route.request.url.startswith(("data:", "blob:")) or host in {"127.0.0.1", "localhost"}:
        route.continue_()
    else:
        route.abort("internetdisconnected")


@pytest.fixture(scope="session")
def session_states(browser, live_url) -> Callable[[str], dict]:
    """A signed-in storage state per demo user, made once per session."""
    from fixtures.loaders.users import DEMO_ACCOUNTS

    passwords = {account.username: account.password for account in DEMO_ACCOUNTS}
    states: dict[str, dict] = {}

    def state_for(username: str) -> dict:
        if username not in states:
            context = browser.new_context()
            context.route("**/*", _only_local)
            page = context.new_page()
            page.goto(f"{live_url}/accounts/login/")
            page.fill("input[name=username]", username)
            page.fill("input[name=password]", passwords[username])
            page.click("#login-form button[type=submit]")
            page.wait_for_url(f"{live_url}/")
            states[username] = context.storage_state()
            context.close()
        return states[username]

    return state_for


class MapPage:
    """A browser page on the map, with the helpers the tests share."""

    def __init__(self, page, base_url: str):
        self.page = page
        self.base_url = base_url
        self.console_errors: list[str] = []
        self.tile_statuses: list[tuple[str, int]] = []
        page.on(
            "console", lambda message: message.type == "error" and self.console_errors.append(message.text)
        )
        page.on("pageerror", lambda error: self.console_errors.append(str(error)))
        page.on("response", self._record_tile)

    def _record_tile(self, response) -> None:
        if "/tiles/" in response.url:
            self.tile_statuses.append((response.url, response.status))

    def open(self, path: str = "/", fragment: str = "") -> MapPage:
        self.page.goto(f"{self.base_url}{path}{'#' + fragment if fragment else ''}")
        self.page.wait_for_selector("body[data-ready=true]", timeout=READY_MS)
        return self

    def wait_for_tiles(self) -> None:
        """Wait until every requested vector tile has arrived."""
        self.page.wait_for_function(
            "() => [...window.sofiaMap.catalogue.grids.values()].every((grid) => !grid._map || !grid.isLoading())",
            timeout=READY_MS,
        )

    def evaluate(self, script: str, arg=None):
        return self.page.evaluate(script, arg)

    def point_of(self, lat: float, lng: float) -> tuple[float, float]:
        """Page coordinates of a position on the map."""
        box = self.page.locator("#map").bounding_box()
        point = self.page.evaluate(
            "([lat, lng]) => window.sofiaMap.map.latLngToContainerPoint([lat, lng])", [lat, lng]
        )
        return box["x"] + point["x"], box["y"] + point["y"]

    def click_at(self, lat: float, lng: float) -> None:
        x, y = self.point_of(lat, lng)
        self.page.mouse.click(x, y)

    def api(self, path: str) -> dict:
        response = self.page.request.get(f"{self.base_url}{path}")
        assert response.ok, f"{path}: {response.status} {response.text()[:300]}"
        return json.loads(response.text())


@pytest.fixture
def open_map(browser, live_url, session_states) -> Iterator[Callable[..., MapPage]]:
    """open_map(user=None, fragment='', viewport=None) → a MapPage already loaded."""
    contexts = []

    def opener(
        user: str | None = None, fragment: str = "", *, viewport=None, locale="bg-BG", path="/"
    ) -> MapPage:
        context = browser.new_context(
            viewport=viewport or {"width": 1366, "height": 860},
            locale=locale,
            storage_state=session_states(user) if user else None,
            accept_downloads=True,
        )
        context.route("**/*", _only_local)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        return MapPage(page, live_url).open(path, fragment)

    yield opener
    for context in contexts:
        context.close()
