"""Each role sees its own tools and only the layers it may read."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

PLANNER_TOOLS = ["#tool-edit", "#edit-panel"]


def test_organizer_sees_the_event_portal_not_planner_tools(open_map):
    map_page = open_map(user="organizer")
    page = map_page.page
    for selector in PLANNER_TOOLS:
        assert page.locator(selector).count() == 0, selector
    assert page.locator("script[src*=leaflet-geoman]").count() == 0
    portal = page.locator("[data-tool=events-portal]")
    assert portal.is_visible()
    assert page.locator(".user-role").inner_text() == "Организатор на мероприятия"
    # Organizers read public layers only: no internal crime-prevention areas.
    assert page.locator("#layer-toggle-districts").count() == 1
    assert page.locator("#layer-toggle-crime-prevention-areas").count() == 0
    assert map_page.evaluate("() => window.sofiaMap.catalogue.layers.every((l) => !l.can_edit)")
    portal.click()
    page.wait_for_url("**/events/")
    assert page.locator("h1").inner_text() == "Портал за масови мероприятия"


def test_planner_gets_editing_for_editable_layers(open_map):
    map_page = open_map(user="planner")
    page = map_page.page
    assert page.locator("#tool-edit").is_visible()
    assert page.locator("[data-tool=events-portal]").count() == 0
    page.click("#tool-edit")
    options = page.locator("#edit-layer option").evaluate_all("(els) => els.map((el) => el.value)")
    assert "crime-prevention-areas" in options
    # Read-only layers (loaded from their source) are not offered.
    assert "districts" not in options


def test_anonymous_visitor_reads_public_layers_and_can_sign_in(open_map):
    map_page = open_map()
    page = map_page.page
    assert page.locator("#tool-edit").count() == 0
    assert page.locator("#layer-toggle-crime-prevention-areas").count() == 0
    sign_in = page.locator("a[data-return-link]")
    assert "next=" in sign_in.get_attribute("href")
    sign_in.click()
    page.fill("input[name=username]", "analyst")
    page.fill("input[name=password]", "analyst-demo-2026")
    page.click("#login-form button[type=submit]")
    page.wait_for_selector("body[data-ready=true]")
    # Back on the map, as the analyst, in the same view; analysts do not edit.
    assert "#map=" in page.url
    assert page.locator(".user-role").inner_text() == "Анализатор"
    assert page.locator("#tool-edit").count() == 0
    assert page.locator("#layer-toggle-crime-prevention-areas").count() == 1
    page.click(".logout-form button")
    page.wait_for_selector("a[data-return-link]")
