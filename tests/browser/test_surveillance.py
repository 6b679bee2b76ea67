"""The video surveillance panel: DORI coverage of a district, best new cameras, who sees a point."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import ARTIFACTS

pytestmark = pytest.mark.browser

SREDETS = "Средец"
LEVELS_BG = ["Откриване", "Наблюдение", "Разпознаване", "Идентификация"]
COORDINATES = re.compile(r"42\.\d{5}, 23\.\d{5}")
AZIMUTH = re.compile(r"^\d{1,3}° \((С|СИ|И|ЮИ|Ю|ЮЗ|З|СЗ)\)$")
PERCENT = re.compile(r"^\d+(,\d+)?\s%$")


def _open_panel(map_page):
    page = map_page.page
    button = page.locator("#tool-surveillance")
    assert button.get_attribute("aria-label") == "Видеонаблюдение"
    button.click()
    assert button.get_attribute("aria-expanded") == "true"
    panel = page.locator("#surveillance-panel")
    panel.wait_for(state="visible")
    page.wait_for_function("() => document.querySelectorAll('#surveillance-panel select option').length > 20")
    return panel


def test_the_tool_button_toggles_the_panel_and_its_close_button_gives_focus_back(open_map):
    """The behaviour every analysis panel takes from the SidePanel base (frontend/.../side-panel.js).

    On a narrow screen, where the panel's heading shows its close button.
    """
    map_page = open_map("planner", viewport={"width": 700, "height": 900})
    page = map_page.page
    button = page.locator("#tool-surveillance")
    panel = page.locator("#surveillance-panel")
    active = "() => document.activeElement.id || document.activeElement.className"
    button.focus()
    page.keyboard.press("Enter")
    panel.wait_for(state="visible")
    assert button.get_attribute("aria-expanded") == "true"
    # Opening focuses the panel's first control: the close button.
    assert map_page.evaluate(active) == "icon-btn panel-close"
    page.keyboard.press("Enter")
    panel.wait_for(state="hidden")
    assert button.get_attribute("aria-expanded") == "false"
    assert map_page.evaluate(active) == "tool-surveillance"
    # The tool button opens it again, and closes it.
    page.keyboard.press("Enter")
    panel.wait_for(state="visible")
    assert button.get_attribute("aria-expanded") == "true"
    button.focus()
    page.keyboard.press("Enter")
    panel.wait_for(state="hidden")
    assert button.get_attribute("aria-expanded") == "false"


def test_planner_sees_dori_coverage_best_cameras_and_who_sees(open_map):
    map_page = open_map("planner", fragment="map=14/42.68850/23.33430&layers=districts,camera-fov")
    page = map_page.page
    panel = _open_panel(map_page)
    assert panel.locator("h2").inner_text() == "Видеонаблюдение"
    # All 24 districts are offered (plus the prompt).
    assert panel.locator("select").first.locator("option").count() == 25

    panel.get_by_label("Район", exact=True).select_option(label=SREDETS)
    assert panel.get_by_label("С планираните камери", exact=True).is_visible()
    assert panel.get_by_label("Само улиците", exact=True).is_visible()
    page.click("#surv-analyse")
    levels = panel.locator(".surv-level")
    levels.nth(3).wait_for()
    assert levels.count() == 4
    for index, label in enumerate(LEVELS_BG):
        item = levels.nth(index)
        assert item.locator(".surv-level-name").inner_text() == label
        assert PERCENT.match(item.locator(".surv-level-share").inner_text().replace("\u00a0", " "))
        assert item.locator("[role=meter]").get_attribute("aria-valuenow") is not None
    assert SREDETS in panel.locator(".surv-results").inner_text()

    # Coverage gaps: drawn on the map with a legend entry and a toggle.
    assert "Непокрито за ниво „Откриване“" in panel.locator(".surv-gaps .surv-legend").inner_text()
    gaps = "() => window.sofiaMap.surveillance.panel.gapLayer.getLayers().length"
    on_map = "() => window.sofiaMap.map.hasLayer(window.sofiaMap.surveillance.panel.gapLayer)"
    assert map_page.evaluate(gaps) == 1 and map_page.evaluate(on_map)
    panel.get_by_label("Покажи непокритите зони на картата", exact=True).uncheck()
    assert not map_page.evaluate(on_map)
    panel.get_by_label("Покажи непокритите зони на картата", exact=True).check()
    assert map_page.evaluate(on_map)

    # Outage: take the first covering camera offline and read the loss per level.
    cameras = panel.locator(".surv-camera")
    if cameras.count():
        cameras.first.locator("input[type=checkbox]").check()
        page.click("#surv-outage")
        panel.locator(".surv-outage li").nth(3).wait_for()
        assert "→" in panel.locator(".surv-outage").inner_text()

    # Best 5 new cameras along the streets.
    assert panel.get_by_label("Брой нови камери (k)", exact=True).input_value() == "5"
    page.click("#surv-placement")
    rows = panel.locator(".surv-proposed-row")
    rows.nth(4).wait_for(timeout=30_000)
    assert rows.count() == 5
    assert page.locator(".surv-proposed-marker").count() == 5
    assert panel.locator("#surv-placement-table thead th").all_inner_texts() == [
        "№",
        "Място",
        "Посока",
        "Прираст",
        "Общо покритие",
    ]
    for index in range(5):
        cells = rows.nth(index).locator("td")
        # Where: the nearest named place (or coordinates), then the azimuth with its compass point.
        place = cells.nth(0).inner_text()
        assert COORDINATES.search(place), place
        assert AZIMUTH.match(cells.nth(1).inner_text()), cells.nth(1).inner_text()
        assert "м²" in cells.nth(2).inner_text()
        assert PERCENT.match(cells.nth(3).inner_text().replace("\u00a0", " "))
    # Along the streets of the centre every camera has a named place nearby (stops, schools, buildings).
    assert any(" от „" in rows.nth(i).locator("td").nth(0).inner_text() for i in range(5))
    explained = panel.locator("#surv-gain-explained").inner_text()
    assert "Прираст:" in explained and "вече покриват" in explained
    assert page.locator("#surv-save").inner_text() == "Запази като планирани"

    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "surveillance-panel.png"))

    # Right-click: who sees this point?
    x, y = map_page.point_of(42.6950, 23.3250)
    page.mouse.click(x, y, button="right")
    page.locator(".surv-who-ask").click()
    answer = page.locator(".surv-who")
    page.wait_for_function(
        "() => document.querySelector('.surv-who .surv-nobody, .surv-who .surv-who-list') !== null"
    )
    text = answer.inner_text()
    assert "Камери, които виждат точката" in text
    assert "Никоя камера не вижда тази точка" in text or answer.locator(".surv-who-item").count() > 0
    assert [e for e in map_page.console_errors if "Failed to load resource" not in e] == []


def test_who_sees_lists_a_camera_in_front_of_it(open_map):
    """A point just in front of a camera, along its azimuth, is seen by it."""
    map_page = open_map("operator", fragment="map=15/42.69700/23.32200")
    cameras = map_page.api("/api/layers/cameras/features/?limit=1&status=online")["features"]
    if not cameras:
        pytest.skip("no online camera")
    answer = map_page.api(
        "/api/surveillance/who-sees/?lon={}&lat={}".format(*cameras[0]["geometry"]["coordinates"][:2])
    )
    lon, lat = cameras[0]["geometry"]["coordinates"][:2]
    map_page.evaluate("([lat, lng]) => window.sofiaMap.map.setView([lat, lng], 17)", [lat, lon])
    result = map_page.evaluate(
        "async ([lat, lng]) => { await window.sofiaMap.surveillance.whoSees.ask(L.latLng(lat, lng));"
        " return document.querySelector('.surv-who').innerText; }",
        [lat, lon],
    )
    if answer["cameras"]:
        assert answer["cameras"][0]["name"] in result
    else:
        assert "Никоя камера не вижда тази точка" in result
    # No placement saving for a duty operator.
    assert map_page.page.locator("#tool-surveillance").count() == 1


def test_camera_fov_legend_has_one_swatch_per_dori_level(open_map):
    map_page = open_map("analyst", fragment="map=16/42.69700/23.32200&layers=camera-fov")
    swatches = map_page.page.locator("[data-slug=camera-fov] .swatch-rules svg")
    assert swatches.count() == 4
    assert [swatches.nth(i).get_attribute("data-value") for i in range(4)] == [
        "detect",
        "observe",
        "recognise",
        "identify",
    ]
    assert swatches.nth(3).locator("title").text_content() == "Идентификация"
    # Each level's tiles are drawn with its own colour.
    map_page.wait_for_tiles()
    strokes = map_page.evaluate(
        "() => [...new Set([...document.querySelectorAll('.vt-camera-fov path')].map(p => p.getAttribute('stroke')))]"
    )
    assert len(strokes) > 1 or strokes == [] or strokes[0] in {"#1e88e5", "#43a047", "#fb8c00", "#e53935"}


def test_the_public_has_no_surveillance_tool(open_map):
    map_page = open_map()
    assert map_page.page.locator("#tool-surveillance").count() == 0
    assert map_page.page.locator("#surveillance-panel").count() == 0
