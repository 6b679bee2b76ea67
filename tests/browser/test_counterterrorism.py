"""Counter-terrorism planning in a real browser: a planner picks a site, records a survey with a
finding pinned on the map, sees the site's risk and its factors, draws a van-bomb cordon with what
lies inside it, finds the vehicle approaches of an event perimeter with barrier points, and
downloads the plan annex."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.conftest import ARTIFACTS
from tests.events.conftest import payload

pytestmark = pytest.mark.browser

NDK = (42.6847, 23.3190)
SITE = "Национален дворец на културата (НДК) (демо)"


def _file_event(organizer) -> int:
    """An organizer files a large meeting at НДК through the API (the events portal is tested apart)."""
    page = organizer.page
    csrf = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
    body = payload(title="Концерт пред НДК", expected_participants=12000)
    response = page.request.post(
        f"{organizer.base_url}/api/events/?submit=true",
        data=body,
        headers={"X-CSRFToken": csrf, "Referer": organizer.base_url},
    )
    assert response.status == 201, response.text()[:400]
    return response.json()["id"]


def test_planner_surveys_scores_cordons_and_finds_vehicle_approaches(open_map):
    organizer = open_map("organizer")
    # Organizers have neither the panel nor the restricted layers on their map.
    assert organizer.page.locator("#tool-ct, #ct-panel").count() == 0
    assert organizer.page.locator("#layer-toggle-protected-sites, #layer-toggle-ct-findings").count() == 0
    event_id = _file_event(organizer)

    map_page = open_map("planner", fragment="map=15/42.68470/23.31900")
    page = map_page.page
    button = page.locator("#tool-ct")
    assert button.get_attribute("aria-label") == "Противодействие на тероризма"
    button.click()
    panel = page.locator("#ct-panel")
    panel.wait_for(state="visible")
    page.wait_for_selector("#ct-panel[data-sites]")
    assert "Демонстрационни данни" in panel.inner_text()

    # Pick a site: its card shows category, operator and crowds.
    panel.get_by_label("Обект или място с много хора", exact=True).select_option(label=SITE)
    panel.locator(".ct-facts").wait_for()
    assert "Потенциална цел" in panel.locator(".ct-facts").inner_text()

    # A survey: two areas scored with reasons; the index is (15·3 + 15·1) / (4·30) · 100 = 50.
    panel.locator("#ct-survey-block > summary").click()
    panel.locator("#ct-score-perimeter").select_option("3")
    panel.locator("#ct-reason-perimeter").fill("Ограда без прекъсвания")
    panel.locator("#ct-score-vehicle_barriers").select_option("1")
    panel.locator("#ct-reason-vehicle_barriers").fill("Прав подход откъм бул. „Витоша“")
    page.click("#ct-save-survey")
    panel.get_by_text("индекс 50 / 100").wait_for()
    # Evidence: a photo with a note for the perimeter.
    panel.locator("#ct-evidence-area").select_option("perimeter")
    png = b"\x89PNG\r\n\x1a\n" + b"0" * 64
    panel.locator("#ct-evidence-file").set_input_files(
        files=[{"name": "gate.png", "mimeType": "image/png", "buffer": png}]
    )
    panel.locator("#ct-evidence-note").fill("Портал откъм парка")
    page.click("#ct-add-evidence")
    page.get_by_text("Доказателството е добавено.").wait_for()
    # A finding pinned on the map, followed up in the list.
    panel.locator("#ct-finding-area").select_option("vehicle_barriers")
    panel.get_by_label("Описание", exact=True).fill("Няма бариери пред главния вход")
    panel.get_by_label("Отговорник", exact=True).fill("Оператор на обекта")
    panel.get_by_label("Срок", exact=True).fill("2027-03-01")
    page.click("#ct-pick-finding")
    map_page.click_at(42.6852, 23.3195)
    page.click("#ct-add-finding")
    panel.locator(".ct-finding-item").filter(has_text="Няма бариери пред главния вход").wait_for()
    assert panel.locator("#ct-history li").count() == 1
    page.screenshot(path=str(ARTIFACTS / "ct-survey.png"))

    # The risk score: the site's rank and the factors that drive it.
    page.click("#ct-score")
    rank = panel.locator("#ct-rank")
    rank.wait_for()
    assert rank.inner_text().startswith("Място ")
    assert "Водещи фактори" in panel.locator(".ct-result").first.inner_text()

    # A van-bomb cordon round the site: rings, counts, assembly points and routes on the map.
    panel.get_by_label("Устройство", exact=True).select_option("van")
    page.click("#ct-cordon")
    panel.locator("#ct-assembly li").first.wait_for()
    text = panel.locator(".ct-result").nth(1).inner_text()
    for words in (
        "Задължителна евакуация (122 m)",
        "Укриване на място (732 m)",
        "Сгради",
        "Училища",
        "Хора ден",
    ):
        assert words in text, words
    assert (
        page.locator(
            ".leaflet-counterterrorism-pane path, .leaflet-pane.leaflet-counterterrorism-pane path"
        ).count()
        > 3
    )
    page.screenshot(path=str(ARTIFACTS / "ct-cordon.png"))

    # The vehicle approaches of the event's perimeter, with barrier points rated by IWA 14-1.
    panel.get_by_label("мероприятие", exact=True).select_option(str(event_id))
    page.click("#ct-approaches")
    panel.locator("#ct-barriers li").first.wait_for()
    assert "IWA 14-1 V/2500[N1G]/" in panel.locator("#ct-barriers").inner_text()
    page.screenshot(path=str(ARTIFACTS / "ct-approaches.png"))

    # The plan annex as PDF.
    panel.locator("details.ct-block > summary").filter(has_text="Приложение към плана").click()
    with page.expect_download(timeout=120_000) as download:
        page.click("#ct-annex-pdf")
    path = Path(download.value.path())
    assert path.read_bytes().startswith(b"%PDF")
    assert not [e for e in map_page.console_errors if "Failed to load resource" not in e], (
        map_page.console_errors
    )
