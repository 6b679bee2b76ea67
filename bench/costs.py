"""Per-request costs of what users do, measured on the `make prod` topology, for docs/capacity.md.

    make prod && source .local/prod/env && .venv/bin/python bench/costs.py

For each kind of request: the median and p95 latency of one client asking in a row (the
service time, which on these 2 cores is mostly CPU), against one app server directly and —
for public tiles — through nginx's cache. Cold tiles are measured after the tile cache is
emptied. Prints a table and, as its last line, one JSON object of the medians in ms.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPEAT = int(os.environ.get("COSTS_REPEAT", "60"))


def get(url: str, headers: dict | None = None) -> int:
    req = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=120) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        error.read()
        return error.code


def measure(urls: list[str], headers: dict | None = None) -> tuple[float, float, int]:
    times, bad = [], 0
    for url in urls:
        started = time.perf_counter()
        status = get(url, headers)
        times.append(time.perf_counter() - started)
        bad += status >= 400
    times.sort()
    return statistics.median(times) * 1000, times[int(0.95 * (len(times) - 1))] * 1000, bad


def token(role: str) -> str:
    code = (
        "from geo_platform.accounts.models import User, Role;"
        "from rest_framework.authtoken.models import Token;"
        f"user, _ = User.objects.get_or_create(username='costs-{role}', defaults={{'role': Role.{role.upper()}}});"
        "print(Token.objects.get_or_create(user=user)[0].key)"
    )
    out = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout.strip().splitlines()[-1]


def tile_urls(base: str, layer: str, z: int, count: int) -> list[str]:
    # A block of tiles over the centre of Sofia (23.32 E, 42.70 N).
    import math

    n = 2**z
    x0 = int((23.32 + 180) / 360 * n)
    y0 = int((1 - math.asinh(math.tan(math.radians(42.69))) / math.pi) / 2 * n)
    side = max(1, int(math.sqrt(count)))
    return [f"{base}/tiles/{layer}/{z}/{x0 + i}/{y0 + j}.mvt" for i in range(side) for j in range(side)][
        :count
    ]


def flush_tile_cache() -> None:
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "-c",
            "from tile_server.cache import tile_cache; tile_cache().clear()",
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )


def main() -> None:
    app = os.environ["PROD_APP_URLS"].split(",")[0]
    proxy = os.environ["PROD_URL"]
    planner = {"Authorization": f"Token {token('planner')}"}
    gz = {"Accept-Encoding": "gzip"}
    rows = []

    tiles = tile_urls(app, "transit-stops", 15, REPEAT) + tile_urls(app, "districts", 13, REPEAT)
    flush_tile_cache()
    rows.append(("tile, cold (one layer)", *measure(tiles, gz)))
    rows.append(("tile, warm (gunicorn)", *measure(tiles, gz)))
    proxied = [url.replace(app, proxy) for url in tiles]
    measure(proxied, gz)  # fill nginx's cache
    rows.append(("tile, warm (nginx cache)", *measure(proxied, gz)))
    rows.append(("TileJSON", *measure([f"{app}/tiles/transit-stops.json"] * REPEAT)))
    pages = [
        f"{app}/api/layers/transit-stops/features/?limit=1000&offset={i % 2 * 1000}" for i in range(REPEAT)
    ]
    rows.append(("features page (1,000)", *measure(pages)))
    rows.append(("public calendar", *measure([f"{app}/api/events/public/"] * REPEAT)))
    rows.append(("search", *measure([f"{app}/api/search/?q=%D1%83%D0%BB%D0%B8%D1%86%D0%B0"] * REPEAT)))
    who_sees = [
        f"{app}/api/surveillance/who-sees/?lon={23.30 + i % 10 * 0.005:.4f}&lat={42.68 + i % 7 * 0.004:.4f}"
        for i in range(REPEAT)
    ]
    rows.append(("who sees (planner)", *measure(who_sees, planner)))

    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(f"{'request':30} {'p50 ms':>9} {'p95 ms':>9} {'4xx/5xx':>8}")
    for name, p50, p95, bad in rows:
        print(f"{name:30} {p50:>9.1f} {p95:>9.1f} {bad:>8}")
    print(f"Load average at the end: {load}.")
    print(json.dumps({name: round(p50, 2) for name, p50, _, _ in rows}, ensure_ascii=False))


if __name__ == "__main__":
    main()
