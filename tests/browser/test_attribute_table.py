"""The attribute table, identify over overlapping layers, zoom to layer and layer order, as a
planner uses them in Chromium: a point layer (schools) and a polygon layer (districts)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import quote

import pytest

from tests.browser.conftest import ARTIFACTS

pytestmark = pytest.mark.browser

DOCK = ".attribute-dock"
ROWS = f"{DOCK} tr.at-row[data-id]"


def _count(page) -> int:
    """The number of matching features the table says it has."""
    text = page.locator(f"{DOCK} .at-count").inner_text()
    match = re.match(r"(\d+)", text)
    assert match, text
    return int(match.group(1))


def _wait_count(page, expected: int) -> None:
    page.wait_for_function(
        "(n) => (document.querySelector('.attribute-dock .at-count')?.textContent || '').startsWith(n + ' ')",
        arg=expected,
    )


def _first_row_id(page) -> int:
    page.locator(ROWS).first.wait_for()
    return int(page.locator(ROWS).first.get_attribute("data-id"))


def _patch(map_page, slug: str, feature_id: int, properties: dict) -> int:
    """Change a feature as another session would (the page's own cookie, a fresh version)."""
    return map_page.evaluate(
        """async ([slug, id, properties]) => {
            const token = document.cookie.split('; ').find((c) => c.startsWith('csrftoken='))?.split('=')[1];
            const url = `/api/layers/${slug}/features/${id}/`;
            const response = await fetch(url, { method: 'PATCH', credentials: 'same-origin',
              headers: { 'Content-Type': 'application/json', 'X-CSRFToken': decodeURIComponent(token) },
              body: JSON.stringify({ type: 'Feature', properties }) });
            return response.status;
        }""",
        [slug, feature_id, properties],
    )


def test_attribute_table_of_points_and_polygons(open_map):
    map_page = open_map("planner", fragment="map=13/42.69770/23.32190&layers=districts,schools")
    page = map_page.page

    # ---- schools (points): 537 rows, only those in view in the DOM ---------------------
    page.locator("li[data-slug=schools] .layer-table-btn").click()
    page.locator(f"{DOCK}[data-layer=schools]").wait_for()
    _wait_count(page, 537)
    assert 0 < page.locator(ROWS).count() < 100
    assert page.locator(f"{DOCK} table th[scope=col]").count() >= 4
    page.locator(f"{DOCK} .at-scroll").evaluate("(el) => { el.scrollTop = el.scrollHeight; }")
    page.locator(f"{ROWS}[aria-rowindex='538']").wait_for()
    assert page.locator(ROWS).count() < 100

    # Sort by name on the server: ascending, then descending.
    expected_first = map_page.api("/api/layers/schools/features/?sortby=-name&limit=1")["features"][0]["id"]
    name_header = page.locator(f"{DOCK} th[data-field=name]")
    name_header.locator("button").click()
    page.wait_for_function(
        "() => document.querySelector('.attribute-dock th[data-field=name]').ariaSort === 'ascending'"
    )
    name_header.locator("button").click()
    page.wait_for_function(
        "(id) => document.querySelector('.attribute-dock tr.at-row[data-id]')?.dataset.id === String(id)",
        arg=expected_first,
    )
    assert name_header.get_attribute("aria-sort") == "descending"

    # Filter by attribute (the API's own filter) and by the map's extent.
    page.locator(f"{DOCK} select.at-filter[data-field=kind]").select_option("kindergarten")
    _wait_count(page, 283)
    bounds = map_page.evaluate(
        "() => { const b = window.sofiaMap.map.getBounds(); return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()]; }"
    )
    bbox = ",".join(f"{v:.6f}" for v in bounds)
    in_view = map_page.api(f"/api/layers/schools/features/?kind=kindergarten&count=true&limit=1&bbox={bbox}")
    page.locator(f"{DOCK} .at-extent").check()
    _wait_count(page, in_view["numberMatched"])
    assert 0 < in_view["numberMatched"] < 283
    page.screenshot(path=str(ARTIFACTS / "attribute-table-schools.png"))

    # Select a row: highlighted on the map; zoom to it; download it.
    first_id = _first_row_id(page)
    page.locator(ROWS).first.locator("td.at-id").click()
    assert page.locator(ROWS).first.get_attribute("aria-selected") == "true"
    assert page.locator(".leaflet-highlight-pane path").count() == 1
    page.locator(f"{DOCK} .at-zoom").click()
    page.wait_for_timeout(600)
    school = map_page.api(f"/api/layers/schools/features/{first_id}/")
    lon, lat = school["geometry"]["coordinates"]
    centre = map_page.evaluate("() => window.sofiaMap.map.getCenter()")
    assert abs(centre["lat"] - lat) < 1e-3 and abs(centre["lng"] - lon) < 1e-3
    with page.expect_download() as download_info:
        page.locator(f"{DOCK} .at-export[data-format=csv]").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".csv")
    lines = [
        line for line in Path(download.path()).read_text(encoding="utf-8-sig").splitlines() if line.strip()
    ]
    assert len(lines) == 2 and school["properties"]["name"] in lines[1]

    # A school clicked on the map selects its row.
    page.locator(f"{DOCK} .at-extent").uncheck()
    page.locator(f"{DOCK} select.at-filter[data-field=kind]").select_option("")
    _wait_count(page, 537)
    other = map_page.api("/api/layers/schools/features/?kind=school&limit=1")["features"][0]
    olon, olat = other["geometry"]["coordinates"]
    map_page.evaluate(
        "([lat, lng]) => window.sofiaMap.map.setView([lat, lng], 18, { animate: false })", [olat, olon]
    )
    map_page.wait_for_tiles()
    page.wait_for_timeout(300)
    map_page.click_at(olat, olon)
    page.wait_for_function(
        "(id) => window.sofiaMap.attributeTable.selected.has(id) && window.sofiaMap.attributeTable.selected.size === 1",
        arg=other["id"],
    )
    # Identify over overlapping layers lists the school and the district, grouped by layer.
    groups = page.locator(".leaflet-popup .identify-all .identify-group")
    groups.first.wait_for(timeout=10_000)
    assert {"schools", "districts"} <= {
        groups.nth(i).get_attribute("data-layer") for i in range(groups.count())
    }
    page.screenshot(path=str(ARTIFACTS / "identify-grouped.png"))
    map_page.evaluate("() => window.sofiaMap.map.closePopup()")

    # A drawn area narrows the table to what the API finds in the same polygon.
    map_page.evaluate("() => window.sofiaMap.map.setView([42.6977, 23.3219], 14, { animate: false })")
    page.wait_for_timeout(300)
    corners = [(42.705, 23.305), (42.705, 23.340), (42.688, 23.322)]
    page.locator(f"{DOCK} .at-draw").click()
    for lat_, lng_ in corners:
        map_page.click_at(lat_, lng_)
        page.wait_for_timeout(150)
    page.keyboard.press("Enter")
    shape = map_page.evaluate("() => window.sofiaMap.attributeTable.shape")
    assert shape and len(shape["coordinates"][0]) == 4
    in_shape = map_page.api(
        "/api/layers/schools/features/?count=true&limit=1&intersects=" + quote(json.dumps(shape))
    )["numberMatched"]
    _wait_count(page, in_shape)
    assert 0 < in_shape < 537
    page.locator(f"{DOCK} .at-stats-btn").click()
    kinds = page.locator(f"{DOCK} .at-stats dd[data-field=kind]")
    kinds.wait_for()
    assert "Детска градина" in kinds.inner_text() or "Училище" in kinds.inner_text()
    page.screenshot(path=str(ARTIFACTS / "attribute-table-shape-statistics.png"))
    page.locator(f"{DOCK} .at-clear-shape").click()
    _wait_count(page, 537)
    # A shape that crosses itself is refused with a message in words, and nothing is listed.
    bowtie = {
        "type": "Polygon",
        "coordinates": [[[23.30, 42.68], [23.34, 42.70], [23.34, 42.68], [23.30, 42.70], [23.30, 42.68]]],
    }
    map_page.evaluate("(shape) => window.sofiaMap.attributeTable.setShape(shape)", bowtie)
    refused = page.locator(f"{DOCK} .at-message")
    refused.wait_for()
    assert "Областта за търсене не е валидна" in refused.inner_text()
    _wait_count(page, 0)
    page.locator(f"{DOCK} .at-clear-shape").click()
    _wait_count(page, 537)
    assert refused.is_hidden()

    # ---- a planner edits a cell: saved with history; a conflict and a refusal in the cell --
    page.locator(f"{DOCK} th[data-field=id] button").click()
    row = page.locator(ROWS).first
    feature_id = int(row.get_attribute("data-id"))
    before = map_page.api(f"/api/layers/schools/features/{feature_id}/")["properties"]
    new_name = f"{before['name']} (проверка)"
    row.locator("td[data-field=name]").dblclick()
    page.locator(f"{DOCK} .at-editing input").fill(new_name)
    page.keyboard.press("Enter")
    page.wait_for_function(
        "([id, name]) => document.querySelector(`.attribute-dock tr[data-id='${id}'] td[data-field=name]`)?.textContent === name",
        arg=[feature_id, new_name],
    )
    assert map_page.api(f"/api/layers/schools/features/{feature_id}/")["properties"]["name"] == new_name
    history = map_page.api(f"/api/layers/schools/features/{feature_id}/history/")["results"]
    assert history[0]["action"] == "update" and history[0]["properties"]["name"] == new_name
    # Someone else changes it; the table still shows the old value, so saving is refused.
    assert _patch(map_page, "schools", feature_id, {"name": before["name"]}) == 200
    cell = page.locator(f"{DOCK} tr[data-id='{feature_id}'] td[data-field=name]")
    cell.dblclick()
    page.locator(f"{DOCK} .at-editing input").fill("Чужда промяна")
    page.keyboard.press("Enter")
    message = page.locator(f"{DOCK} .at-cell-error .at-cell-message")
    message.wait_for()
    assert before["name"] in message.inner_text()
    assert map_page.api(f"/api/layers/schools/features/{feature_id}/")["properties"]["name"] == before["name"]
    page.keyboard.press("Escape")
    # The same validation as any edit: a name longer than 255 characters.
    cell.dblclick()
    page.locator(f"{DOCK} .at-editing input").fill("А" * 300)
    page.keyboard.press("Enter")
    refusal = page.locator(f"{DOCK} .at-cell-error .at-cell-message")
    page.wait_for_function(
        "() => /255/.test(document.querySelector('.attribute-dock .at-cell-error .at-cell-message')?.textContent || '')"
    )
    assert page.locator(f"{DOCK} .at-cell-error").get_attribute("aria-invalid") == "true"
    page.screenshot(path=str(ARTIFACTS / "attribute-table-edit-refused.png"))
    assert "255" in refusal.inner_text()
    page.keyboard.press("Escape")

    # ---- districts (polygons): sort by population on the server, select, zoom ------------
    page.locator("li[data-slug=districts] .layer-table-btn").click()
    page.locator(f"{DOCK}[data-layer=districts]").wait_for()
    _wait_count(page, 24)
    largest = map_page.api("/api/layers/districts/features/?sortby=-population&limit=1")["features"][0]
    header = page.locator(f"{DOCK} th[data-field=population] button")
    header.click()
    header.click()
    page.wait_for_function(
        "(id) => document.querySelector('.attribute-dock tr.at-row[data-id]')?.dataset.id === String(id)",
        arg=largest["id"],
    )
    page.locator(ROWS).first.locator("td.at-id").click()
    page.locator(f"{DOCK} .at-zoom").click()
    page.wait_for_timeout(600)
    assert page.locator(".leaflet-highlight-pane path").count() == 1
    page.screenshot(path=str(ARTIFACTS / "attribute-table-districts.png"))
    page.locator(f"{DOCK} .at-close").click()
    assert page.locator(DOCK).is_hidden()
    assert [e for e in map_page.console_errors if "Failed to load resource" not in e] == []


def test_zoom_to_layer_and_reorder(open_map):
    map_page = open_map(
        "planner", fragment="map=16/42.69770/23.32190&layers=municipality,districts,neighbourhoods"
    )
    page = map_page.page
    # Zoom to the layer: the whole of the districts (the municipality) in view.
    page.locator("li[data-slug=districts] .layer-zoom-btn").click()
    page.wait_for_timeout(700)
    minx, miny, maxx, maxy = map_page.evaluate("() => window.sofiaMap.catalogue.get('districts').extent")
    view = map_page.evaluate(
        "() => { const b = window.sofiaMap.map.getBounds(); return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()]; }"
    )
    assert (
        view[0] <= minx + 0.02
        and view[2] >= maxx - 0.02
        and map_page.evaluate("() => window.sofiaMap.map.getZoom()") <= 11
    )

    # Reorder by keyboard: districts down below neighbourhoods; drawn under them; kept in the address.
    order = lambda: map_page.evaluate(  # noqa: E731
        "() => [...document.querySelectorAll('ul.layer-list[data-theme=administrative] > li')].map((li) => li.dataset.slug)"
    )
    before = order()
    assert before.index("districts") < before.index("neighbourhoods")
    down = page.locator("li[data-slug=districts] .layer-move-down")
    while order().index("districts") < order().index("neighbourhoods"):
        down.focus()
        page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.classList.contains('layer-move-down')")
    z = map_page.evaluate(
        "() => ['districts', 'neighbourhoods'].map((s) => Number(window.sofiaMap.catalogue.grids.get(s).getContainer().style.zIndex))"
    )
    assert z[0] < z[1]
    page.wait_for_function("() => /layers=[^&]*neighbourhoods,[^&]*districts/.test(location.hash)")
    page.screenshot(path=str(ARTIFACTS / "layers-reordered.png"))
    # The order survives a reload through the permalink.
    page.reload()
    page.wait_for_selector("body[data-ready=true]")
    after = order()
    assert after.index("neighbourhoods") < after.index("districts")
    page.locator("li[data-slug=districts] .layer-move-up").click()
    assert order().index("districts") < order().index("neighbourhoods")


def test_thousands_of_rows_keep_few_in_the_page(open_map):
    """The buildings (about 18,000) scroll with only the rows in view in the DOM; the time
    to draw the rows after a jump is written to test-artifacts (a figure, not a limit)."""
    map_page = open_map("planner", fragment="map=15/42.69770/23.32190&layers=buildings")
    page = map_page.page
    page.locator("li[data-slug=buildings] .layer-table-btn").click()
    page.locator(f"{DOCK}[data-layer=buildings]").wait_for()
    page.locator(ROWS).first.wait_for(timeout=15_000)
    total = _count(page)
    assert total > 10_000
    figures = map_page.evaluate(
        """async () => {
            const table = window.sofiaMap.attributeTable;
            const frames = [];
            for (let i = 1; i <= 40; i += 1) {
                table.scroller.scrollTop = (table.scroller.scrollHeight * i) / 41;
                const started = performance.now();
                table.render();
                frames.push(performance.now() - started);
                await new Promise((resolve) => requestAnimationFrame(resolve));
            }
            frames.sort((a, b) => a - b);
            return { median: frames[20], max: frames[39], rows: table.body.querySelectorAll('tr').length };
        }"""
    )
    assert figures["rows"] < 100
    page.locator(f"{DOCK} .at-scroll").evaluate("(el) => { el.scrollTop = el.scrollHeight; }")
    page.locator(f"{ROWS}[aria-rowindex='{total + 1}']").wait_for(timeout=15_000)
    (ARTIFACTS / "attribute-table-scroll.json").write_text(json.dumps({"rows": total, **figures}))
    print(
        f"attribute table, {total} rows: row drawing median {figures['median']:.1f} ms, max {figures['max']:.1f} ms"
    )


def test_a_role_that_may_not_see_a_layer_gets_no_table(open_map):
    map_page = open_map(fragment="map=13/42.69770/23.32190&layers=districts")
    page = map_page.page
    assert page.locator("li[data-slug=critical-sites]").count() == 0
    map_page.evaluate("() => window.sofiaMap.attributeTable.open('critical-sites')")
    assert page.locator(DOCK).is_hidden()
    for path in ("/api/layers/critical-sites/features/?count=true", "/api/layers/critical-sites/statistics/"):
        assert page.request.get(f"{map_page.base_url}{path}").status == 404
