"""The disaster-risk panel: run an earthquake scenario, see its raster, legend and districts, export it."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import ARTIFACTS
from tests.frontend.test_plain_words import ENGLISH_PHRASE

pytestmark = pytest.mark.browser

RUN_MS = 180_000
EXPORT_MS = 120_000


def _open_panel(map_page):
    page = map_page.page
    button = page.locator("#tool-risk")
    assert button.get_attribute("aria-label") == "Риск от бедствия"
    button.focus()
    page.keyboard.press("Enter")
    assert button.get_attribute("aria-expanded") == "true"
    panel = page.locator("#risk-panel")
    panel.wait_for(state="visible")
    assert panel.locator("h2").inner_text() == "Риск от бедствия"
    return panel


def test_analyst_runs_an_earthquake_and_exports_a_geotiff(open_map):
    map_page = open_map("analyst", fragment="map=12/42.68000/23.32000")
    page = map_page.page
    panel = _open_panel(map_page)

    # The form: earthquake by default, the Vitosha preset, the epicentre picked on the map.
    assert panel.get_by_label("Вид бедствие", exact=True).input_value() == "earthquake"
    assert panel.get_by_label("Размер на клетката", exact=True).input_value() == "25"
    panel.get_by_role("button", name="Витошки разлом, Mw 6,5").click()
    assert panel.get_by_label("Магнитуд (Mw)", exact=True).input_value() == "6.5"
    # The preset is a finite rupture, and the form says its geometry is illustrative.
    geometry = panel.get_by_label("Геометрия на разкъсването", exact=True)
    assert geometry.input_value() == "0"
    assert "Илюстративна геометрия" in panel.locator("#risk-geometry-note").inner_text()
    assert (
        panel.get_by_label("Площ на човек, м² (Sphere: 3,5; студен климат 4,5–5,5)", exact=True).input_value()
        == "3.5"
    )
    pick = panel.get_by_role("button", name="Избери епицентър от картата")
    pick.click()
    assert pick.get_attribute("aria-pressed") == "true"
    map_page.click_at(42.64, 23.30)
    assert page.locator(".leaflet-popup").count() == 0
    assert pick.get_attribute("aria-pressed") == "false"
    lat = float(panel.get_by_label("Епицентър — ширина (°)", exact=True).input_value())
    lon = float(panel.get_by_label("Епицентър — дължина (°)", exact=True).input_value())
    assert abs(lat - 42.64) < 0.01 and abs(lon - 23.30) < 0.01

    # All four hazards the README names; an industrial accident asks for its site and substance.
    kinds = panel.get_by_label("Вид бедствие", exact=True).locator("option")
    assert [kinds.nth(i).get_attribute("value") for i in range(kinds.count())] == [
        "earthquake",
        "flood",
        "landslide",
        "industrial",
    ]
    panel.get_by_label("Вид бедствие", exact=True).select_option("industrial")
    substances = panel.get_by_label("Вещество", exact=True).locator("option")
    assert substances.count() == 4 and "Токсичен газ" in substances.all_inner_texts()
    assert panel.get_by_label("Обект — ширина (°)", exact=True).is_visible()  # the site's place
    assert not panel.get_by_label("Магнитуд (Mw)", exact=True).is_visible()
    panel.get_by_label("Вид бедствие", exact=True).select_option("landslide")
    assert "Банкя" in panel.locator("#risk-landslide").inner_text()

    # Flood offers the three return periods.
    panel.get_by_label("Вид бедствие", exact=True).select_option("flood")
    periods = panel.get_by_label("Повторяемост", exact=True).locator("option")
    assert [periods.nth(i).get_attribute("value") for i in range(periods.count())] == ["20", "100", "1000"]
    panel.get_by_label("Вид бедствие", exact=True).select_option("earthquake")

    panel.get_by_label("Име на сценария", exact=True).fill("Тест Mw 6,5 — 500 м")
    panel.get_by_label("Размер на клетката", exact=True).select_option("500")
    page.click("#risk-run")

    # Queued/running: a progress bar; then done.
    result = panel.locator("#risk-result")
    result.locator("h3").filter(has_text="Тест Mw 6,5 — 500 м").wait_for()
    page.wait_for_function(
        "() => ['done', 'failed'].includes(document.querySelector('#risk-result')?.dataset.status)",
        timeout=RUN_MS,
    )
    assert result.get_attribute("data-status") == "done", result.inner_text()
    # Every headline number with its percentile band, and what the numbers rest on.
    displaced = result.locator('[data-headline="people_affected"]')
    assert "16-и–84-и персентил" in displaced.inner_text()
    assert "16-и–84-и персентил" in result.locator('[data-headline="deaths_night"]').inner_text()
    assumptions = result.locator("details.risk-assumptions")
    assumptions.locator("summary").click()
    walk = assumptions.locator('[data-key="walk_radius_m"]').inner_text()
    assert "допускане" in walk.lower() and "500" in walk and "права линия" in walk
    # The model notes and the uncertainty method read as Bulgarian sentences; citations as published.
    notes = result.locator(".risk-notes").inner_text()
    assert "Медианно PGA по Akkar, Sandıkkaya & Bommer (2014)" in notes, notes
    assert not ENGLISH_PHRASE.search(notes), notes
    method = result.locator(".risk-band-method").inner_text()
    assert method.startswith("Монте Карло") and not ENGLISH_PHRASE.search(method), method
    item = panel.locator("#risk-scenarios .risk-scenario").filter(has_text="Тест Mw 6,5 — 500 м")
    item.locator(".risk-status-done").wait_for()
    # Owner and date on the list and the result; the list filters by hazard.
    assert item.locator(".risk-scenario-owner").get_attribute("data-owner") == "analyst"
    assert result.locator(".risk-result-owner").inner_text().startswith("analyst · ")
    panel.get_by_label("Покажи", exact=True).select_option("flood")
    expect(
        panel.locator("#risk-scenarios .risk-scenario").filter(has_text="Тест Mw 6,5 — 500 м")
    ).to_have_count(0)
    panel.get_by_label("Покажи", exact=True).select_option("")
    item.wait_for()
    # The scenario on the map: the municipality's extent, the rupture's outline and the epicentre.
    shapes = map_page.evaluate(
        "() => window.sofiaMap.risk.panel.scenarioLayer.getLayers().map((layer) => layer.riskShape)"
    )
    assert sorted(shapes) == ["epicentre", "extent", "rupture"]

    # The raster overlay: a tile layer on the map whose tiles answer 200 or 204.
    assert map_page.evaluate("() => window.sofiaMap.map.hasLayer(window.sofiaMap.risk.panel.overlay)")
    page.wait_for_function("() => !window.sofiaMap.risk.panel.overlay.isLoading()", timeout=30_000)
    risk_tiles = [(url, status) for url, status in map_page.tile_statuses if "/api/risk/" in url]
    assert risk_tiles, "no risk tile was requested"
    assert all(status in (200, 204) for _, status in risk_tiles), risk_tiles
    assert any(status == 200 for _, status in risk_tiles), risk_tiles
    opacity = panel.get_by_label("Непрозрачност", exact=True)
    opacity.fill("40")
    assert map_page.evaluate("() => window.sofiaMap.risk.panel.overlay.options.opacity") == pytest.approx(0.4)

    # The legend: colour stops with labels.
    legend = panel.locator("#risk-legend")
    legend.locator(".risk-legend-stop").first.wait_for()
    stops = legend.locator(".risk-legend-stop")
    assert stops.count() >= 2
    assert "null" not in legend.inner_text(), legend.inner_text()
    assert stops.first.locator(".risk-legend-label").inner_text().strip()
    assert stops.first.locator(".risk-swatch").get_attribute("data-colour").startswith("#")

    # The district table fits the panel: displaced, seeking accommodation (0.3 of them: two
    # different numbers) and without a place, each explained under the table.
    table = panel.locator("#risk-districts")
    headers = table.locator("thead th").all_inner_texts()
    assert headers == ["Район", "Изселени", "Търсещи настаняване", "Без място"]
    assert table.locator("tbody tr").count() == 24
    first = table.locator("tbody tr").first
    displaced = float(
        first.locator('td[data-column="people_affected"]')
        .inner_text()
        .replace("\u00a0", "")
        .replace(" ", "")
        .replace(",", ".")
    )
    seeking = float(
        first.locator('td[data-column="shelter_need"]')
        .inner_text()
        .replace("\u00a0", "")
        .replace(" ", "")
        .replace(",", ".")
    )
    assert displaced > 0 and seeking == pytest.approx(0.3 * displaced, abs=1)
    assert "× 0,3" in panel.locator("#risk-column-notes").inner_text()
    # The full table opens in a dialog with every column; Escape closes it.
    page.click("#risk-districts-full")
    dialog = page.locator("#risk-full-dialog")
    dialog.wait_for()
    full_headers = dialog.locator("thead th").all_inner_texts()
    assert {"Настанени до 500 м", "Места в района", "Жители", "Сгради с тежки щети"} <= set(full_headers)
    page.keyboard.press("Escape")
    expect(dialog).to_have_count(0)

    # Export a GeoTIFF: progress, then a download link that answers 200.
    page.click("#risk-export-geotiff")
    link = panel.locator("#risk-export-status-geotiff a.risk-download")
    link.wait_for(timeout=EXPORT_MS)
    assert link.inner_text() == "Изтегли GeoTIFF"
    href = link.get_attribute("href")
    response = page.request.get(f"{map_page.base_url}{href}")
    assert response.status == 200
    assert response.body()[:4] in (b"II*\x00", b"MM\x00*", b"II+\x00")

    # Risk-reduction measures: a new shelter placed on the map with Geoman, a retrofit of the
    # dwellings in the middle of the view, both ranked by risk reduced per лев.
    measures = panel.locator("#risk-measures-section")
    assert measures.locator("h3").first.inner_text() == "Мерки за намаляване на риска"
    measures.locator("#risk-measures .risk-measure, .hint").first.wait_for()
    kind = measures.get_by_label("Вид мярка", exact=True)
    kind_values = [o.get_attribute("value") for o in kind.locator("option").all()]
    assert kind_values == ["new_shelter", "retrofit", "flood_wall"]
    assert kind.input_value() == "new_shelter"
    measures.get_by_label("Име на мярката", exact=True).fill("Ново укритие Лозенец")
    measures.get_by_label("Стойност (€)", exact=True).fill("250000")
    assert measures.get_by_label("Капацитет на укритието (места)", exact=True).input_value() == "500"
    measures.get_by_label("Капацитет на укритието (места)", exact=True).fill("800")
    draw = measures.get_by_role("button", name="Посочи място на картата")
    draw.click()
    assert draw.get_attribute("aria-pressed") == "true"
    map_page.click_at(42.66, 23.31)
    place = measures.locator("#risk-measure-place")
    page.wait_for_function("() => document.querySelector('#risk-measure-place').dataset.placed === 'Point'")
    assert draw.get_attribute("aria-pressed") == "false"
    assert "42.66" in place.inner_text(), place.inner_text()
    measures.get_by_role("button", name="Добави мярката").click()
    measures.locator("#risk-measures .risk-measure").filter(has_text="Ново укритие Лозенец").wait_for()

    kind.select_option("retrofit")
    assert measures.get_by_label("Коефициент на укрепване", exact=True).input_value() == "1.5"
    measures.get_by_label("Име на мярката", exact=True).fill("Укрепване на жилища в центъра")
    measures.get_by_label("Стойност (€)", exact=True).fill("4000000")
    view_area = measures.get_by_role("button", name="Област в средата на изгледа")
    view_area.focus()
    page.keyboard.press("Enter")
    assert place.get_attribute("data-placed") == "Polygon"
    measures.get_by_role("button", name="Добави мярката").click()
    measures.locator("#risk-measures .risk-measure").filter(
        has_text="Укрепване на жилища в центъра"
    ).wait_for()
    items = measures.locator("#risk-measures .risk-measure")
    assert items.count() == 2
    assert all(items.nth(i).locator("input").is_checked() for i in range(2))

    # A status changed in place carries the version it rests on (If-Match). Someone else then
    # changes the measure: the next change is refused (412) and shown, not written over theirs.
    shelter_item = items.filter(has_text="Ново укритие Лозенец")
    status = shelter_item.get_by_label("Състояние на „Ново укритие Лозенец“", exact=True)
    status.select_option("planned")
    expect(page.locator(".toast").filter(has_text="Планирана")).to_have_count(1)
    measure_id = shelter_item.get_attribute("data-id")
    other = map_page.evaluate(
        """async (id) => {
          const csrf = decodeURIComponent(document.cookie.split('; ').find((c) => c.startsWith('csrftoken=')).split('=')[1]);
          const r = await fetch(`/api/risk/measures/${id}/`, { method: 'PATCH', credentials: 'same-origin',
            headers: { 'Content-Type': 'application/json', 'X-CSRFToken': csrf }, body: JSON.stringify({ description: 'променено от друг' }) });
          return r.status;
        }""",
        measure_id,
    )
    assert other == 200
    status.select_option("in_progress")
    conflict = shelter_item.locator(".risk-measure-conflict [role=alert]")
    expect(conflict).to_contain_text("Някой друг е променил мярката.")
    assert status.input_value() == "planned"  # not written
    shelter_item.locator("[data-action=conflict-overwrite]").click()
    expect(shelter_item.locator(".risk-measure-conflict")).to_be_hidden()
    assert status.input_value() == "in_progress"

    measures.get_by_role("button", name="Класирай мерките").click()
    page.wait_for_function(
        "() => ['done', 'failed'].includes(document.querySelector('#risk-ranking')?.dataset.status)",
        timeout=RUN_MS,
    )
    ranking = measures.locator("#risk-ranking")
    assert ranking.get_attribute("data-status") == "done", ranking.inner_text()
    table = ranking.locator("#risk-ranking-table")
    assert table.locator("thead th").all_inner_texts() == [
        "Място",
        "Мярка",
        "Стойност (€)",
        "Намален риск (човеко-еквиваленти)",
        "Хора без място: преди → след",
        "Намален риск на 1 млн. € (човеко-еквиваленти)",
    ]
    # The new shelter houses people who had no place: the ranking shows the deficit falling.
    shelter_row = table.locator("tbody tr").filter(has_text="Ново укритие Лозенец")
    before, after = (
        float(part.strip().replace("\u00a0", "").replace(" ", "").replace(",", "."))
        for part in shelter_row.locator('td[data-key="shelter_deficit"]').inner_text().split("→")
    )
    assert after < before
    assert "човеко-еквиваленти" in ranking.locator(".risk-rank-basis").inner_text()
    rows = table.locator("tbody tr")
    assert rows.count() == 2
    names = {rows.nth(i).locator("th").inner_text() for i in range(2)}
    assert names == {"Ново укритие Лозенец", "Укрепване на жилища в центъра"}
    assert [rows.nth(i).locator("td").first.inner_text() for i in range(2)] == ["1", "2"]
    per_eur = [float(rows.nth(i).get_attribute("data-per-lev")) for i in range(2)]
    assert per_eur[0] >= per_eur[1], per_eur

    # The annual plan: both measures with their status and the total cost.
    measures.get_by_role("button", name="Покажи плана").click()
    plan = measures.locator("#risk-plan-table")
    plan.wait_for()
    assert plan.locator("tbody tr").count() == 2
    assert "В изпълнение" in plan.inner_text() and "Предложена" in plan.inner_text()
    total = measures.locator("#risk-plan-total").inner_text()
    assert "4 250 000" in total.replace("\u00a0", " ").replace("\u202f", " "), total

    ARTIFACTS.mkdir(exist_ok=True)
    panel.locator("#risk-result h3").first.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "risk-panel.png"))
    errors = [e for e in map_page.console_errors if "Failed to load resource" not in e]
    assert errors == []


def test_the_public_and_operators_have_no_risk_tool(open_map):
    for user in (None, "operator"):
        map_page = open_map(user)
        assert map_page.page.locator("#tool-risk").count() == 0
        assert map_page.page.locator("#risk-panel").count() == 0
