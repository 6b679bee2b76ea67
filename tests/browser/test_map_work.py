"""The map as its users work: search as typed, map speed."""

from __future__ import annotations

import os
import statistics
from datetime import UTC

import pytest

from tests.browser.conftest import ARTIFACTS, READY_MS

pytestmark = pytest.mark.browser


def _type_and_choose(map_page, text: str) -> str:
    page = map_page.page
    field = page.locator("#search-input")
    field.fill("")
    field.type(text, delay=20)
    first = page.locator("#search-results .search-result").first
    first.wait_for(timeout=10_000)
    label = first.inner_text()
    first.click()
    return label


def test_search_finds_ndk_lozenets_and_a_coordinate(open_map):
    map_page = open_map(fragment="map=12/42.69770/23.32190&layers=districts")
    page = map_page.page

    label = _type_and_choose(map_page, "НДК")
    assert "Национален дворец на културата" in label and "район" in label
    page.wait_for_function("() => window.sofiaMap.map.getZoom() >= 16", timeout=5_000)
    centre = map_page.evaluate("() => window.sofiaMap.map.getCenter()")
    assert abs(centre["lat"] - 42.685) < 0.01 and abs(centre["lng"] - 23.319) < 0.01
    page.screenshot(path=str(ARTIFACTS / "search-ndk.png"))

    # A named place of the gazetteer says what it is, and where.
    label = _type_and_choose(map_page, "стадион Васил Левски")
    assert label.startswith("Стадион Васил Левски") and "Стадион · район Средец" in label.replace("\n", " ")

    label = _type_and_choose(map_page, "Lozenets")
    assert label.startswith("Лозенец")
    page.wait_for_timeout(800)
    centre = map_page.evaluate("() => window.sofiaMap.map.getCenter()")
    assert abs(centre["lat"] - 42.67) < 0.03 and abs(centre["lng"] - 23.33) < 0.03

    label = _type_and_choose(map_page, "42°41'51.7\"N 23°19'18.8\"E")
    assert "42.6976" in label and "WGS 84" in label
    page.wait_for_timeout(800)
    centre = map_page.evaluate("() => window.sofiaMap.map.getCenter()")
    assert abs(centre["lat"] - 42.6977) < 1e-3 and abs(centre["lng"] - 23.3219) < 1e-3
    label = _type_and_choose(map_page, "4731436 321559")
    assert "BGS2005" in label
    page.screenshot(path=str(ARTIFACTS / "search-coordinate.png"))


def test_panning_with_all_layers_on_keeps_frames_quick(open_map):
    """Panning at z13 in the centre with every layer on (planner) keeps drawing frames and moving.

    The median frame time is measured and recorded (test-artifacts/frame-times.txt, printed with
    -s) against the issue's target of ≤ 50 ms, not asserted: a timing taken inside the test run,
    with the app server and its database on the same two cores, is a figure to report (the
    guide: performance targets are measured, not timed in tests)."""
    map_page = open_map("planner", fragment="map=13/42.69770/23.32190")
    map_page.evaluate(
        "() => { const c = window.sofiaMap.catalogue; c.layers.forEach((l) => c.setVisible(l.slug, true)); }"
    )
    map_page.wait_for_tiles()
    start = map_page.evaluate("() => window.sofiaMap.map.getCenter()")
    frames = map_page.evaluate(
        """async () => {
            const map = window.sofiaMap.map;
            const times = [];
            let last = performance.now();
            let running = true;
            const tick = (now) => { times.push(now - last); last = now; if (running) requestAnimationFrame(tick); };
            requestAnimationFrame(tick);
            for (let step = 0; step < 24; step += 1) {
                map.panBy([step % 2 ? -120 : 120, step % 3 ? 60 : -60], { animate: true, duration: 0.25 });
                await new Promise((resolve) => setTimeout(resolve, 300));
            }
            running = false;
            return times.slice(2);
        }"""
    )
    median = statistics.median(frames)
    print(
        f"\npanning with all layers on at z13: {len(frames)} frames, median {median:.1f} ms, "
        f"p90 {statistics.quantiles(frames, n=10)[-1]:.1f} ms"
    )
    load = os.getloadavg()[0] / (os.cpu_count() or 1)
    (ARTIFACTS / "frame-times.txt").write_text(
        f"median_ms={median:.1f} frames={len(frames)} load_per_core={load:.1f} target_ms=50\n"
    )
    # The map answered every pan (it ends where the 24 steps put it) and kept drawing.
    end = map_page.evaluate("() => window.sofiaMap.map.getCenter()")
    assert len(frames) >= 24, frames
    assert (end["lat"], end["lng"]) != (start["lat"], start["lng"])


def test_a_bookmark_round_trips(open_map):
    map_page = open_map("operator", fragment="map=15/42.68500/23.31900&layers=districts,schools")
    page = map_page.page
    panel = page.locator("#bookmarks-panel")
    panel.wait_for()
    page.fill("#bookmark-name", "НДК и училищата")
    page.check("#bookmark-shared")
    page.locator("#bookmark-form button[type=submit]").click()
    go = panel.get_by_role("button", name="Покажи „НДК и училищата“")
    go.wait_for()
    # Elsewhere, with other layers on; then back through the bookmark.
    map_page.evaluate(
        "() => { const { map, catalogue } = window.sofiaMap; map.setView([42.75, 23.25], 12);"
        " catalogue.setVisible('schools', false); catalogue.setVisible('rivers', true); }"
    )
    go.click()
    # The map flies back: read it once the view has settled on the bookmark's zoom.
    page.wait_for_function("() => window.sofiaMap.map.getZoom() === 15", timeout=READY_MS)
    state = map_page.evaluate(
        "() => { const { map, catalogue } = window.sofiaMap; const c = map.getCenter();"
        " return { zoom: map.getZoom(), lat: c.lat, lng: c.lng, layers: catalogue.visibleSlugs() }; }"
    )
    assert state["zoom"] == 15 and abs(state["lat"] - 42.685) < 1e-4 and abs(state["lng"] - 23.319) < 1e-4
    assert sorted(state["layers"]) == ["districts", "schools"]
    page.screenshot(path=str(ARTIFACTS / "bookmarks.png"))
    # Shared with the directorate: the planner sees it too, and only its owner may delete it.
    shared = map_page.api("/api/map/bookmarks/")["results"]
    assert [b["name"] for b in shared if b["shared"]] == ["НДК и училищата"]
    panel.get_by_role("button", name="Изтрий „НДК и училищата“").click()
    panel.locator(".empty-state").wait_for()


def test_the_time_slider_plays(open_map):
    map_page = open_map("operator", fragment="map=13/42.69770/23.32190&layers=districts")
    page = map_page.page
    slider = page.locator("#time-slider")
    slider.scroll_into_view_if_needed()
    assert slider.input_value() == "0"
    page.click("#time-play")
    assert page.locator("#time-play").get_attribute("aria-pressed") == "true"
    page.wait_for_function("() => Number(document.querySelector('#time-slider').value) >= 3", timeout=10_000)
    page.click("#time-play")  # pause
    value = slider.input_value()
    page.wait_for_timeout(1000)
    assert slider.input_value() == value
    # The event layers are on and filtered to the window shown.
    state = map_page.evaluate(
        "() => { const c = window.sofiaMap.catalogue;"
        " return ['event-perimeters', 'event-routes', 'event-closures'].map((s) => [c.isVisible(s), c.featureFilters.has(s)]); }"
    )
    assert state == [[True, True]] * 3
    assert "Показани:" in page.locator("#time-status").inner_text()
    page.screenshot(path=str(ARTIFACTS / "time-slider.png"))
    page.click("#time-off")
    assert not map_page.evaluate("() => window.sofiaMap.catalogue.featureFilters.has('event-routes')")


def test_the_duty_board_lists_todays_approved_events(open_map, browser_database_url):
    """An event filed for two hours from now and approved is on the operator's board, as approved."""
    from datetime import datetime, timedelta

    import psycopg

    from tests.events.conftest import payload

    start = datetime.now(UTC) + timedelta(hours=2)
    organizer = open_map("organizer", path="/events/")
    token = next(c["value"] for c in organizer.page.context.cookies() if c["name"] == "csrftoken")
    filed = organizer.page.request.post(
        f"{organizer.base_url}/api/events/?submit=true",
        data=payload(title="Концерт на площада (тест)", start=start, end=start + timedelta(hours=3)),
        headers={"X-CSRFToken": token, "Referer": organizer.base_url + "/events/"},
    )
    assert filed.status == 201, filed.text()
    event_id = filed.json()["id"]
    with psycopg.connect(browser_database_url.replace("postgis://", "postgresql://"), autocommit=True) as db:
        db.execute("UPDATE events_massevent SET status = 'approved' WHERE id = %s", [event_id])

    map_page = open_map("operator", fragment="map=13/42.69770/23.32190&layers=districts")
    page = map_page.page
    item = page.locator(f"#duty-events .duty-event[data-id='{event_id}']")
    item.wait_for(timeout=10_000)
    assert "duty-approved" in item.get_attribute("class")
    text = item.inner_text()
    assert "Концерт на площада (тест)" in text and "+359888000111" in text
    item.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "duty-board.png"))


def test_the_print_dialog_makes_an_a3_pdf(open_map):
    from io import BytesIO

    from pypdf import PdfReader

    map_page = open_map(fragment="map=14/42.69000/23.32000&layers=districts,schools,transit-routes")
    page = map_page.page
    page.click("#tool-print-layout")
    dialog = page.locator("#print-dialog")
    dialog.wait_for()
    page.fill("#print-title", "Училища в центъра")
    page.select_option("#print-paper", "A3")
    page.select_option("#print-orientation", "landscape")
    page.select_option("#print-scale", "10000")
    page.screenshot(path=str(ARTIFACTS / "print-dialog.png"))
    with page.expect_download(timeout=30_000) as download_info:
        page.click("#print-make")
    path = download_info.value.path()
    reader = PdfReader(BytesIO(open(path, "rb").read()))  # noqa: SIM115
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (1191, 842)  # A3 landscape
    text = reader.pages[0].extract_text()
    assert "Училища в центъра" in text and "1:10 000" in text and "Легенда" in text
