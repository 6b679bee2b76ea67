"""Identify on the map: a click on a point of every point layer opens its popup; the
right-click question "who sees this point?" keeps its answer on the map."""

from __future__ import annotations

import pytest

from tests.browser.conftest import ARTIFACTS

pytestmark = pytest.mark.browser

POINT_LAYERS = [
    "cameras",
    "critical-sites",
    "ct-findings",
    "emergency-stations",
    "guarded-sites",
    "hospitals",
    "incidents",
    "places",
    "prevention-centres",
    "protected-sites",
    "schools",
    "shelters",
    "transit-stops",
]


# Layers with no rows until users add them (survey findings; incidents arrive from 112).
MAY_BE_EMPTY = {"ct-findings", "incidents"}


def test_a_click_on_a_point_of_every_point_layer_opens_its_popup(open_map):
    map_page = open_map("planner", fragment="map=17/42.69770/23.32190&layers=districts")
    page = map_page.page
    point_layers = map_page.evaluate(
        "() => window.sofiaMap.catalogue.layers.filter((l) => l.geometry_kind === 'point').map((l) => l.slug)"
    )
    # Every point layer of the catalogue is tried (a new one must be added here).
    assert sorted(point_layers) == POINT_LAYERS
    for slug in POINT_LAYERS:
        features = map_page.api(f"/api/layers/{slug}/features/?limit=1")["features"]
        if not features and slug in MAY_BE_EMPTY:
            continue
        (feature,) = features
        lon, lat = feature["geometry"]["coordinates"][:2]
        map_page.evaluate(
            """([slug, lat, lng]) => {
                const { map, catalogue } = window.sofiaMap;
                map.closePopup();
                for (const visible of catalogue.visibleSlugs()) catalogue.setVisible(visible, false);
                catalogue.setVisible(slug, true);
                map.setView([lat, lng], 18, { animate: false });
            }""",
            [slug, lat, lon],
        )
        map_page.wait_for_tiles()
        page.wait_for_timeout(300)
        map_page.click_at(lat, lon)
        popup = page.locator(".leaflet-popup-content .feature-popup")
        popup.wait_for(timeout=5_000)
        assert popup.get_attribute("data-layer") == slug
        shown = int(popup.get_attribute("data-id"))
        if shown != feature["id"]:
            # Another feature of the layer at the same spot (cameras share masts): fine if it
            # is within a few metres of the one aimed at.
            other = map_page.api(f"/api/layers/{slug}/features/{shown}/")
            olon, olat = other["geometry"]["coordinates"][:2]
            assert abs(olon - lon) < 1e-4 and abs(olat - lat) < 1e-4, (slug, shown, feature["id"])
        link = popup.locator("a.feature-popup-link")
        assert link.get_attribute("href") == f"/features/{slug}/{shown}/"
        title = popup.locator(".feature-popup-title").inner_text()
        assert title and "undefined" not in title and "null" not in title
        page.screenshot(path=str(ARTIFACTS / f"identify-point-{slug}.png"))
        assert map_page.evaluate("() => window.sofiaMap.catalogue.highlighted") == {"slug": slug, "id": shown}
    assert [e for e in map_page.console_errors if "Failed to load resource" not in e] == []


@pytest.mark.parametrize("how", ["mouse", "keyboard"])
def test_who_sees_answers_on_right_click(open_map, how):
    map_page = open_map("operator", fragment="map=16/42.69500/23.32500&layers=districts,camera-fov")
    page = map_page.page
    x, y = map_page.point_of(42.6950, 23.3250)
    page.mouse.click(x, y, button="right")
    ask = page.locator(".surv-who-ask")
    ask.wait_for()
    if how == "mouse":
        ask.click()
    else:
        assert page.evaluate("() => document.activeElement.classList.contains('surv-who-ask')")
        page.keyboard.press("Enter")
    page.wait_for_function(
        "() => document.querySelector('.surv-who .surv-nobody, .surv-who .surv-who-list') !== null",
        timeout=10_000,
    )
    # Still open a moment later: the map's own click did not close it.
    page.wait_for_timeout(500)
    answer = page.locator(".leaflet-popup .surv-who")
    assert answer.is_visible()
    assert "Камери, които виждат точката" in answer.inner_text()
    page.screenshot(path=str(ARTIFACTS / f"who-sees-{how}.png"))


def test_identify_lists_everything_under_the_click_with_zoom_to(open_map):
    map_page = open_map(fragment="map=17/42.69770/23.32190&layers=districts,schools")
    page = map_page.page
    (school,) = map_page.api("/api/layers/schools/features/?limit=1")["features"]
    lon, lat = school["geometry"]["coordinates"][:2]
    map_page.evaluate(
        "([lat, lng]) => window.sofiaMap.map.setView([lat, lng], 17, { animate: false })", [lat, lon]
    )
    map_page.wait_for_tiles()
    page.wait_for_timeout(300)
    map_page.click_at(lat, lon)
    everything = page.locator(".leaflet-popup .identify-all")
    everything.wait_for(timeout=10_000)
    # Open at once, grouped by layer.
    assert everything.get_attribute("open") is not None
    assert everything.locator(".identify-group[data-layer=schools]").count() == 1
    items = everything.locator("li")
    layers = {items.nth(i).get_attribute("data-layer") for i in range(items.count())}
    assert {"schools", "districts"} <= layers
    page.screenshot(path=str(ARTIFACTS / "identify-everything.png"))
    everything.locator("li[data-layer=districts] .identify-zoom").click()
    page.wait_for_timeout(800)
    assert map_page.evaluate("() => window.sofiaMap.map.getZoom()") < 17
