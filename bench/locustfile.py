"""What users do, for `make bench-load` (bench/load.py starts the server and locust).

One user class with weighted tasks, so the mix holds at any user count:
map tiles 80 %, feature pages 6 %, the public event calendar 5 %, an organizer filing an event
with an uploaded GPX route (and submitting it, which runs the assessment) 3 %, a planner
re-running an event's assessment 3 %, a who-sees query 3 %.
Tokens and the event id come from bench/load.py through the environment.
"""

from __future__ import annotations

import json
import os
import random
from datetime import UTC, datetime, timedelta

from locust import HttpUser, between, task

TOKENS = json.loads(os.environ["BENCH_TOKENS"])
EVENT_ID = int(os.environ["BENCH_EVENT_ID"])
SEED = int(os.environ.get("BENCH_SEED", "20261206"))
# Public layers drawn from z11 (transit-stops starts at z14, so it is left out).
TILE_LAYERS = ("districts", "schools", "hospitals", "neighbourhoods", "transit-routes", "districts,schools")

GPX = b"""<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="bench" xmlns="http://www.topografix.com/GPX/1/1">
  <trk><name>bench route</name><trkseg>
    <trkpt lat="42.6850" lon="23.3190"/><trkpt lat="42.6900" lon="23.3210"/><trkpt lat="42.6960" lon="23.3230"/>
  </trkseg></trk>
</gpx>"""


def _sofia_tiles() -> list[tuple[int, int, int]]:
    """Tiles over central Sofia at z11–16, as a map session pans and zooms."""
    import math

    tiles = []
    lon, lat = 23.3219, 42.6977
    for z in range(11, 17):
        n = 2**z
        x0 = int((lon + 180) / 360 * n)
        y0 = int((1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n)
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                tiles.append((z, x0 + dx, y0 + dy))
    return tiles


TILES = _sofia_tiles()


def _auth(role: str) -> dict:
    return {"Authorization": f"Token {TOKENS[role]}", "Accept-Language": "bg"}


class PlatformUser(HttpUser):
    wait_time = between(0.5, 1.5)

    def on_start(self) -> None:
        self.random = random.Random(SEED + id(self) % 1000)

    @task(80)
    def map_tiles(self) -> None:
        z, x, y = self.random.choice(TILES)
        layer = self.random.choice(TILE_LAYERS)
        self.client.get(f"/tiles/{layer}/{z}/{x}/{y}.mvt", name="/tiles/[layer]/z/x/y.mvt")

    @task(6)
    def feature_pages(self) -> None:
        minx = 23.25 + self.random.random() * 0.1
        miny = 42.65 + self.random.random() * 0.05
        bbox = f"{minx:.4f},{miny:.4f},{minx + 0.03:.4f},{miny + 0.02:.4f}"
        layer = self.random.choice(("schools", "hospitals", "critical-sites", "districts"))
        self.client.get(
            f"/api/layers/{layer}/features/?bbox={bbox}&limit=100",
            headers=_auth("planner"),
            name="/api/layers/[layer]/features/?bbox",
        )

    @task(5)
    def event_calendar(self) -> None:
        self.client.get("/api/events/public/", name="/api/events/public/")

    @task(3)
    def organizer_files_an_event(self) -> None:
        headers = _auth("organizer")
        with self.client.post(
            "/api/events/uploads/",
            files={"file": ("route.gpx", GPX, "application/gpx+xml")},
            data={"target": "route"},
            headers=headers,
            name="/api/events/uploads/ (GPX)",
            catch_response=True,
        ) as response:
            if response.status_code != 200:
                response.failure(f"upload {response.status_code}: {response.text[:200]}")
                return
            route = response.json()["geometry"]
        start = datetime.now(UTC).replace(microsecond=0) + timedelta(days=30 + self.random.randint(0, 60))
        body = {
            "title": "Шествие (натоварващ тест)",
            "kind": "manifestation",
            "purpose": "Натоварващ тест на платформата.",
            "organizer": {
                "name": "Сдружение (демо)",
                "address": "София",
                "phone": "+359888000111",
                "email": "bench@example.org",
            },
            "responsible_persons": [
                {"name": "Елена Петрова", "role": "ръководител", "phone": "+359888000222"}
            ],
            "start": start.isoformat(),
            "end": (start + timedelta(hours=2)).isoformat(),
            "expected_participants": 500,
            "stewards": 10,
            "route": route,
            "route_width_m": 10,
            "assembly_point": {"type": "Point", "coordinates": route["coordinates"][0]},
        }
        self.client.post(
            "/api/events/?submit=true", json=body, headers=headers, name="/api/events/?submit=true"
        )

    @task(3)
    def planner_assessment(self) -> None:
        self.client.post(
            f"/api/events/{EVENT_ID}/assessment/",
            headers=_auth("planner"),
            name="/api/events/[id]/assessment/",
        )

    @task(3)
    def who_sees(self) -> None:
        lon = 23.30 + self.random.random() * 0.05
        lat = 42.68 + self.random.random() * 0.03
        self.client.get(
            f"/api/surveillance/who-sees/?lon={lon:.5f}&lat={lat:.5f}",
            headers=_auth("analyst"),
            name="/api/surveillance/who-sees/",
        )
