"""The map as its users work: search as typed, map speed."""

from __future__ import annotations

import statistics

import pytest

from tests.browser.conftest import ARTIFACTS

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

    label = _type_and_choose(map_page, "Lozenets")
    assert label.startswith("Лозенец")
    page.wait_for_timeout(800)
    centre = map_page.evaluate("() => window.sofiaMap.map.getCenter()")
    assert abs(centre["lat"] - 42.67) < 0.03 and abs(centre["lng"] - 23.33) < 0.03

    label = _type_and_choose(map_page, "42°41'51.7\"N 23°19'18.8\"E")
    assert "42.6977" in label and "WGS 84" in label
    page.wait_for_timeout(800)
    centre = map_page.evaluate("() => window.sofiaMap.map.getCenter()")
    assert abs(centre["lat"] - 42.6977) < 1e-3 and abs(centre["lng"] - 23.3219) < 1e-3
    label = _type_and_choose(map_page, "4731436 321559")
    assert "BGS2005" in label
    page.screenshot(path=str(ARTIFACTS / "search-coordinate.png"))


def test_panning_with_all_layers_on_keeps_frames_quick(open_map):
    """Median frame time while panning at z13 in the centre with every layer on (planner)."""
    map_page = open_map("planner", fragment="map=13/42.69770/23.32190")
    map_page.evaluate(
        "() => { const c = window.sofiaMap.catalogue; c.layers.forEach((l) => c.setVisible(l.slug, true)); }"
    )
    map_page.wait_for_tiles()
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
    (ARTIFACTS / "frame-times.txt").write_text(f"median_ms={median:.1f} frames={len(frames)}\n")
    assert median <= 50, median
