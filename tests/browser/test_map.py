"""The map in a real browser: layers from our tiles, popups, the layer panel, tools, language."""

from __future__ import annotations

import re

import pytest
from pyproj import Geod, Transformer
from shapely.geometry import shape

from tests.browser.conftest import ARTIFACTS

pytestmark = pytest.mark.browser

SREDETS = "Средец"


def district(map_page, name: str) -> dict:
    """The district's GeoJSON feature, read through the API."""
    collection = map_page.api(f"/api/layers/districts/features/?name={name}")
    (feature,) = [f for f in collection["features"] if f["properties"]["name"] == name]
    return feature


def test_map_loads_from_our_tiles_without_the_base_map(open_map):
    map_page = open_map(
        fragment="map=13/42.69770/23.32190&layers=municipality,districts,rivers,transit-routes"
    )
    map_page.wait_for_tiles()
    page = map_page.page

    tiles = map_page.tile_statuses
    assert tiles, "no vector tiles were requested"
    assert {status for _, status in tiles} <= {200, 204, 304}, tiles
    assert any(status == 200 for _, status in tiles), "every tile was empty"
    assert all(re.search(r"/tiles/[a-z-]+/13/\d+/\d+\.mvt", url) for url, _ in tiles)
    # Features were drawn from the tiles: SVG paths inside the districts' grid.
    assert page.locator(".vt-districts path").count() > 10

    # No internet here: the base map is missing and a quiet notice says so.
    notice = page.locator("#basemap-notice")
    notice.wait_for(state="visible")
    assert "Основната карта не е достъпна" in notice.inner_text()
    # Every visible layer's sources are credited on the map.
    attribution = page.locator(".leaflet-control-attribution").inner_text()
    assert "Sofiaplan" in attribution
    assert "GSHHG" in attribution
    assert "OpenStreetMap" in attribution
    # Only the blocked base-map tiles may fail; no script errors.
    assert [e for e in map_page.console_errors if "Failed to load resource" not in e] == []

    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "map-overview.png"))
    assert (ARTIFACTS / "map-overview.png").stat().st_size > 10_000


def test_click_in_sredets_opens_its_attributes(open_map):
    """Средец's popup shows its name and population, with Bulgarian labels."""
    map_page = open_map(fragment="map=14/42.68850/23.33430&layers=districts")
    expected = district(map_page, SREDETS)
    inside = shape(expected["geometry"]).representative_point()
    map_page.wait_for_tiles()

    map_page.click_at(inside.y, inside.x)
    popup = map_page.page.locator(".leaflet-popup-content")
    popup.wait_for()
    text = popup.inner_text()
    assert SREDETS in text
    assert "Население" in text
    digits = re.sub(r"\D", "", text.split("Население", 1)[1].split("\n")[0])
    assert int(digits) == expected["properties"]["population"]
    link = popup.locator("a.feature-popup-link")
    assert link.get_attribute("href") == f"/features/districts/{expected['id']}/"
    # The clicked district is highlighted in its tiles.
    assert map_page.evaluate("() => window.sofiaMap.catalogue.highlighted") == {
        "slug": "districts",
        "id": expected["id"],
    }


def test_details_page_shows_the_attributes(open_map):
    map_page = open_map()
    expected = district(map_page, SREDETS)
    map_page.open(f"/features/districts/{expected['id']}/")
    page = map_page.page
    assert page.locator("#detail-title").inner_text() == SREDETS
    table = page.locator("#detail-attributes").inner_text()
    assert "Площ, км²" in table and "Население" in table
    # The public does not see the history of changes.
    assert page.locator("#detail-history").count() == 0


def test_layer_toggles_off_and_on(open_map):
    map_page = open_map(fragment="map=12/42.69770/23.32190&layers=districts,rivers")
    map_page.wait_for_tiles()
    page = map_page.page
    toggle = page.locator("#layer-toggle-districts")
    assert toggle.is_checked()
    assert page.locator(".vt-districts").count() == 1

    toggle.uncheck()
    assert page.locator(".vt-districts").count() == 0
    page.wait_for_function("() => !location.hash.includes('districts')")
    assert "layers=rivers" in page.url

    before = len(map_page.tile_statuses)
    toggle.check()
    page.locator(".vt-districts path").first.wait_for()
    assert "districts" in page.url
    assert (
        any("/tiles/districts/" in url for url, _ in map_page.tile_statuses[before:])
        or page.locator(".vt-districts path").count()
    )

    # Opacity applies to the whole layer.
    slider = page.locator("#layer-opacity-districts")
    slider.fill("40")
    assert page.locator(".vt-districts").evaluate("el => getComputedStyle(el).opacity") == "0.4"


def test_permalink_restores_view_and_layers(open_map):
    map_page = open_map(fragment="map=15/42.69700/23.32200&layers=schools,districts")
    state = map_page.evaluate(
        "() => ({zoom: window.sofiaMap.map.getZoom(), center: window.sofiaMap.map.getCenter(),"
        " layers: window.sofiaMap.catalogue.visibleSlugs()})"
    )
    assert state["zoom"] == 15
    assert state["center"]["lat"] == pytest.approx(42.697, abs=1e-4)
    assert state["center"]["lng"] == pytest.approx(23.322, abs=1e-4)
    assert set(state["layers"]) == {"schools", "districts"}
    # The address follows the map.
    map_page.evaluate("() => window.sofiaMap.map.setZoom(16)")
    map_page.page.wait_for_function("() => location.hash.startsWith('#map=16/')")


def test_search_finds_a_district_and_zooms_to_it(open_map):
    map_page = open_map(fragment="map=11/42.69770/23.32190&layers=districts")
    page = map_page.page
    page.fill("#search-input", "Средец")
    option = page.locator("#search-results [role=option]", has_text=SREDETS).first
    option.wait_for()
    assert "Административни райони" in option.inner_text()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_function("() => window.sofiaMap.map.getZoom() >= 13", timeout=5000)
    bbox = shape(district(map_page, SREDETS)["geometry"]).bounds
    centre = map_page.evaluate("() => window.sofiaMap.map.getCenter()")
    assert bbox[0] <= centre["lng"] <= bbox[2] and bbox[1] <= centre["lat"] <= bbox[3]


def test_bgs2005_coordinates_match_proj(open_map):
    """The browser's BGS2005 (EPSG:7801) agrees with PROJ to the millimetre."""
    map_page = open_map()
    to_bgs = Transformer.from_crs(4326, 7801, always_xy=True)
    for lng, lat in [(23.3219, 42.6977), (23.05, 42.41), (23.68, 42.90), (23.2456, 42.6521)]:
        easting, northing = to_bgs.transform(lng, lat)
        browser = map_page.evaluate("([lng, lat]) => window.sofiaMap.toBGS2005(lng, lat)", [lng, lat])
        assert browser["x"] == pytest.approx(northing, abs=0.001)
        assert browser["y"] == pytest.approx(easting, abs=0.001)
    # The status bar shows the cursor in both systems.
    map_page.page.mouse.move(700, 400)
    assert "с.ш." in map_page.page.locator("#coords-wgs84").inner_text()
    assert re.match(
        r"X 4 ?7\d\d ?\d\d\d,\d м, Y 3\d\d ?\d\d\d,\d м",
        map_page.page.locator("#coords-bgs2005").inner_text().replace("\u00a0", " "),
    )


def test_measure_distance_and_area_are_geodesic(open_map):
    """Lengths and areas on the WGS 84 ellipsoid, checked against PROJ's geodesics."""
    map_page = open_map(fragment="map=14/42.69770/23.32190&layers=districts")
    geod = Geod(ellps="WGS84")
    points = [(42.6977, 23.3219), (42.7050, 23.3400), (42.6900, 23.3500)]
    lats, lngs = [p[0] for p in points], [p[1] for p in points]
    expected_length = geod.line_length(lngs, lats)
    expected_area = abs(geod.polygon_area_perimeter(lngs, lats)[0])
    length = map_page.evaluate(
        "(pts) => window.sofiaMap.geodesicLength(pts.map(([lat, lng]) => L.latLng(lat, lng)))", points
    )
    area = map_page.evaluate(
        "(pts) => window.sofiaMap.geodesicArea(pts.map(([lat, lng]) => L.latLng(lat, lng)))", points
    )
    assert length == pytest.approx(expected_length, abs=0.01)
    assert area["area"] == pytest.approx(expected_area, rel=1e-9)

    # The tool itself: two clicks and a double-click measure a line.
    page = map_page.page
    page.click("#tool-measure-distance")
    assert page.locator("#tool-measure-distance").get_attribute("aria-pressed") == "true"
    start, end = (42.6977, 23.3219), (42.6977, 23.3300)
    map_page.click_at(*start)
    x, y = map_page.point_of(*end)
    page.mouse.dblclick(x, y)
    result = page.locator(".measure-result").inner_text()
    metres = geod.inv(start[1], start[0], end[1], end[0])[2]
    shown = float(
        re.search(r"([\d\s\u00a0]+,\d)\s*м", result)
        .group(1)
        .replace("\u00a0", "")
        .replace(" ", "")
        .replace(",", ".")
    )
    # The click lands on a whole pixel: at zoom 14 that is within about 10 m.
    assert shown == pytest.approx(metres, abs=12)
    assert page.locator("#tool-measure-distance").get_attribute("aria-pressed") == "false"


def test_export_png_downloads_an_image(open_map):
    map_page = open_map(fragment="map=13/42.69770/23.32190&layers=districts")
    map_page.wait_for_tiles()
    with map_page.page.expect_download() as download_info:
        map_page.page.click("#tool-export-png")
    download = download_info.value
    assert download.suggested_filename.endswith(".png")
    path = ARTIFACTS / "map-export.png"
    download.save_as(str(path))
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_english_by_the_switch(open_map):
    map_page = open_map(fragment="map=12/42.69770/23.32190&layers=districts")
    page = map_page.page
    page.click("button[name=language][value=en]")
    page.wait_for_selector("html[lang=en] body[data-ready=true]")
    assert page.locator(".panel-title", has_text="Layers").count() == 1
    assert page.locator("label[for=layer-toggle-districts]").inner_text().strip() == "Districts"
    # The view survived the switch.
    assert "layers=districts" in page.url
    page.click("button[name=language][value=bg]")
    page.wait_for_selector("html[lang=bg] body[data-ready=true]")


def test_controls_have_labels_and_work_on_a_phone(open_map):
    map_page = open_map(
        viewport={"width": 390, "height": 844}, fragment="map=12/42.69770/23.32190&layers=districts"
    )
    page = map_page.page
    # On a phone the layer panel starts closed and opens over the map.
    assert not page.locator("#side-panel").is_visible()
    page.click("#panel-toggle")
    assert page.locator("#side-panel").is_visible()
    assert page.locator("#panel-toggle").get_attribute("aria-expanded") == "true"
    page.click("#panel-close")
    assert not page.locator("#side-panel").is_visible()
    # Every button and field has an accessible name.
    unnamed = page.evaluate(
        """() => [...document.querySelectorAll('button, input, select, a[href]')]
             .filter((el) => el.offsetParent !== null)
             .filter((el) => !(el.getAttribute('aria-label') || el.labels?.length || el.textContent.trim() || el.title))
             .map((el) => el.outerHTML.slice(0, 80))"""
    )
    assert unnamed == []
    page.screenshot(path=str(ARTIFACTS / "map-phone.png"))
