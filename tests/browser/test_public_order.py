"""Public order in the browser: an analyst runs hot spots for the last 90 days, sees them on the map
with their legend and method, sees which persistent hot spots no camera covers, and saves a
prevention-area proposal; kernel density draws as a raster."""

from __future__ import annotations

import json
import random
import urllib.request
from datetime import UTC, datetime, timedelta

import psycopg
import pytest

from tests.browser.conftest import ARTIFACTS

pytestmark = pytest.mark.browser

NDK = (23.3186, 42.6847)


def _post(url: str, body, token: str | None = None) -> tuple[int, dict]:
    request = urllib.request.Request(
        url,
        data=json.dumps(body).encode(),
        method="POST",
        headers={"Content-Type": "application/json", "Accept-Language": "en"},
    )
    if token:
        request.add_header("Authorization", f"Token {token}")
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def _plant_incidents(live_url: str, database_url: str) -> None:
    """A year of public-order incidents (demo, made here): a cluster at НДК in every quarter, and a spread."""
    status, token = _post(
        f"{live_url}/api/auth/token/", {"username": "planner", "password": "planner-demo-2026"}
    )
    assert status == 200, token
    rng = random.Random(14)
    now = datetime.now(UTC)
    rows = []
    for quarter in range(4):
        for i in range(110):
            clustered = i < 35
            lon = NDK[0] + rng.gauss(0, 0.0008) if clustered else rng.uniform(23.25, 23.40)
            lat = NDK[1] + rng.gauss(0, 0.0006) if clustered else rng.uniform(42.65, 42.73)
            occurred = now - timedelta(days=90 * quarter + rng.uniform(1, 88))
            rows.append(
                {
                    "origin": "sdvr",
                    "external_id": f"po-browser-{quarter}-{i}",
                    "category": "public_order",
                    "priority": 3,
                    "occurred_at": occurred.replace(microsecond=0).isoformat(),
                    "lon": round(lon, 6),
                    "lat": round(lat, 6),
                    "title": "Сбиване (тест)",
                }
            )
    status, report = _post(f"{live_url}/api/situation/incidents/", {"incidents": rows}, token["token"])
    assert status in (200, 201), report
    # Past incidents, dealt with long ago: closed, so the duty operator's open list stays clean.
    with psycopg.connect(database_url.replace("postgis://", "postgresql://"), autocommit=True) as connection:
        connection.execute(
            "UPDATE situation_incident SET status = 'closed', closed_at = now() WHERE external_id LIKE 'po-browser-%%'"
        )


def test_analyst_finds_hot_spots_and_saves_a_prevention_proposal(open_map, live_url, browser_database_url):
    _plant_incidents(live_url, browser_database_url)
    view = open_map("analyst")
    page = view.page
    page.click("#tool-public-order")
    page.wait_for_selector("#public-order-panel:not([hidden])")
    page.select_option("#po-method", "gi_star")
    page.click("#po-run")
    page.wait_for_selector("#po-result .po-legend", timeout=60_000)
    note = page.inner_text("#po-result .po-note")
    assert "Getis-Ord" in note and "250" in note
    # A hot cell on the map names its class in words, not only by colour.
    hot = page.locator("#map .leaflet-public-order-pane path").first
    hot.hover()
    tooltip = page.locator(".leaflet-tooltip").last
    tooltip.wait_for(timeout=5_000)
    assert "Гореща точка" in tooltip.inner_text() or "Студена точка" in tooltip.inner_text()
    page.screenshot(path=str(ARTIFACTS / "public-order-1-gi-star.png"))

    page.select_option("#po-method", "density")
    page.click("#po-run")
    page.wait_for_selector("#map .leaflet-public-order-pane img.leaflet-image-layer", timeout=60_000)
    assert "300" in page.inner_text("#po-result .po-note")

    page.fill("#po-periods", "4")
    page.fill("#po-period-days", "90")
    page.click("#po-propose")
    page.wait_for_selector("#po-proposals .po-proposal", timeout=90_000)
    first = page.locator("#po-proposals .po-proposal").first
    text = first.inner_text()
    assert "4" in text and ("откриване" in text or "detect" in text)
    page.screenshot(path=str(ARTIFACTS / "public-order-2-proposals.png"))
    first.locator("button").click()
    page.wait_for_selector(".toast-success", timeout=10_000)
    saved = view.api("/api/layers/prevention-area-proposals/features/?limit=5")
    assert saved["features"], "the proposal is in the proposals layer"

    # The patrol plan: a route proposed from the density shown, with numbered stops; an area drawn
    # by hand; saved with the shift, listed, and its PDF downloaded for the sector head.
    page.fill("#po-patrol-length", "6000")
    page.click("#po-patrol-propose")
    page.wait_for_selector("#po-patrol-proposal .po-note", timeout=60_000)
    assert "2-opt" in page.inner_text("#po-patrol-proposal .po-note")
    stops = page.locator(".leaflet-marker-icon.po-stop")
    assert stops.count() >= 1 and stops.first.inner_text() == "1"
    assert page.locator("#po-plan-parts .po-plan-part[data-kind=route]").count() == 1
    page.click("#po-draw-area")
    for lat, lng in ((42.6860, 23.3160), (42.6860, 23.3210), (42.6830, 23.3210), (42.6860, 23.3160)):
        view.click_at(lat, lng)
    page.wait_for_selector("#po-plan-parts .po-plan-part[data-kind=area]", timeout=5_000)
    page.fill("#po-plan-sector", "Сектор „Лозенец“ (тест)")
    page.fill("#po-plan-start", "20:00")
    page.fill("#po-plan-end", "04:00")
    page.click("#po-plan-save")
    # A night shift without "ends the next day" is refused, with the reason and nothing saved.
    page.wait_for_selector("#po-plan-status .error", timeout=10_000)
    assert "следващия ден" in page.inner_text("#po-plan-status .error")
    page.fill("#po-plan-start", "08:00")
    page.fill("#po-plan-end", "20:00")
    page.click("#po-plan-save")
    page.wait_for_selector("#po-plan-status .po-plan-pdf", timeout=10_000)
    page.wait_for_selector("#po-plans .po-plan-item", timeout=10_000)
    assert "Лозенец" in page.inner_text("#po-plans")
    page.screenshot(path=str(ARTIFACTS / "public-order-3-patrol.png"))
    with page.expect_download() as download:
        page.click("#po-plan-status .po-plan-pdf")
    pdf = download.value.path().read_bytes()
    assert pdf[:5] == b"%PDF-" and len(pdf) > 5000
    plans = view.api("/api/public-order/patrols/")
    assert plans["count"] == 1 and plans["results"][0]["areas"] == 1 and plans["results"][0]["routes"] == 1

    # The duty operator reads the plan (on the map, with its PDF) and can change nothing.
    operator = open_map("operator").page
    operator.click("#tool-public-order")
    operator.wait_for_selector("#po-plans .po-plan-item", timeout=10_000)
    assert operator.locator("#po-patrol-propose, #po-plan-save, #po-run").count() == 0
    operator.locator("#po-plans .po-plan-item button").first.click()
    operator.wait_for_selector("#po-plan-parts .po-plan-part[data-kind=route]", timeout=10_000)
    assert operator.locator(".leaflet-marker-icon.po-stop").count() == stops.count()
    assert operator.locator("#po-plan-status .po-plan-pdf").count() == 1
