"""Planners draw, change and delete features in the browser; the API decides what is saved."""

from __future__ import annotations

import uuid

import pytest
from playwright.sync_api import expect
from shapely.geometry import box, shape

pytestmark = pytest.mark.browser

LAYER = "crime-prevention-areas"
ZOOM = 15
# Candidate places for a test drawing (lat, lon): quiet parts of the city.
CANDIDATES = [
    (42.6700, 23.3000),
    (42.6450, 23.3700),
    (42.7300, 23.2700),
    (42.6600, 23.2500),
    (42.7100, 23.3800),
]


def free_spot(map_page) -> tuple[float, float]:
    """A place where a ~400 m square touches no existing crime-prevention area."""
    taken = [
        shape(f["geometry"]) for f in map_page.api(f"/api/layers/{LAYER}/features/?limit=1000")["features"]
    ]
    for lat, lng in CANDIDATES:
        square = box(lng - 0.006, lat - 0.005, lng + 0.006, lat + 0.005)
        if not any(square.intersects(area) for area in taken):
            return lat, lng
    raise AssertionError("no free spot for the test drawing")


def start_editing(map_page) -> None:
    page = map_page.page
    page.click("#tool-edit")
    page.select_option("#edit-layer", LAYER)
    page.click("#edit-start")
    page.locator("[data-draw=Polygon]").wait_for()
    page.wait_for_selector("#edit-panel:not([data-loading])")


def draw_polygon(map_page, offsets: list[tuple[int, int]]) -> None:
    """Draw with the polygon tool at pixel offsets from the map's centre, closing on the first vertex."""
    page = map_page.page
    page.click("[data-draw=Polygon]")
    box_ = page.locator("#map").bounding_box()
    cx, cy = box_["x"] + box_["width"] / 2, box_["y"] + box_["height"] / 2
    for dx, dy in [*offsets, offsets[0]]:
        page.mouse.move(cx + dx, cy + dy, steps=3)
        page.mouse.click(cx + dx, cy + dy)
        # Geoman takes two quick clicks in a row for a double-click.
        page.wait_for_timeout(350)
    page.locator(".attribute-form").wait_for()


def features_named(map_page, name: str) -> list[dict]:
    return [
        f
        for f in map_page.api(f"/api/layers/{LAYER}/features/?name={name}")["features"]
        if f["properties"]["name"] == name
    ]


def test_planner_draws_a_polygon_that_is_saved_and_still_there_after_a_reload(open_map):
    name = f"Тестова зона {uuid.uuid4().hex[:6]}"
    map_page = open_map(user="planner")
    lat, lng = free_spot(map_page)
    map_page.open(
        "/", f"map={ZOOM}/{lat:.5f}/{lng:.5f}&layers={LAYER},districts"
    )  # the edited layer drawn on top
    page = map_page.page
    start_editing(map_page)
    draw_polygon(map_page, [(-80, -60), (80, -60), (80, 60), (-80, 60)])

    page.fill(".attribute-form [name=name]", name)
    page.fill(".attribute-form [name=priority]", "1")
    with page.expect_response(
        lambda r: r.url.endswith(f"/api/layers/{LAYER}/features/") and r.request.method == "POST"
    ) as posted:
        page.click(".attribute-form button[type=submit]")
    assert posted.value.status == 201
    page.locator(".toast-success", has_text=name).wait_for()
    (saved,) = features_named(map_page, name)
    assert saved["properties"]["priority"] == 1
    assert shape(saved["geometry"]).contains(shape({"type": "Point", "coordinates": [lng, lat]}))
    assert page.locator("[data-action=save]").is_disabled(), "a saved drawing must not count as unsaved"
    page.click("[data-action=stop]")

    # After a reload the polygon comes from the vector tiles; its popup has the name.
    page.reload()
    page.wait_for_selector("body[data-ready=true]")
    map_page.wait_for_tiles()
    map_page.click_at(lat, lng)
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    assert name in popup.inner_text()
    assert "Приоритет" in popup.inner_text()

    # Deleting asks first; cancelling keeps the feature, confirming deletes it.
    page.keyboard.press("Escape")
    start_editing(map_page)
    map_page.click_at(lat, lng)
    page.click(".leaflet-popup [data-action=delete]")
    dialog = page.locator("dialog.dialog")
    assert name in dialog.inner_text()
    dialog.locator("button[value=cancel]").click()
    assert len(features_named(map_page, name)) == 1
    page.click(".leaflet-popup [data-action=delete]")
    with page.expect_response(lambda r: r.request.method == "DELETE") as deleted:
        page.locator("dialog.dialog button[value=confirm]").click()
    assert deleted.value.status == 204
    page.locator(".toast-success").last.wait_for()
    assert features_named(map_page, name) == []


def test_self_intersecting_polygon_shows_the_api_message_and_saves_nothing(open_map):
    name = f"Бантичка {uuid.uuid4().hex[:6]}"
    map_page = open_map(user="planner")
    lat, lng = free_spot(map_page)
    map_page.open(
        "/", f"map={ZOOM}/{lat:.5f}/{lng:.5f}&layers={LAYER},districts"
    )  # the edited layer drawn on top
    page = map_page.page
    start_editing(map_page)
    # A bow tie: the second edge crosses the fourth.
    draw_polygon(map_page, [(-80, -60), (80, 60), (80, -60), (-80, 60)])
    page.fill(".attribute-form [name=name]", name)
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.click(".attribute-form button[type=submit]")
    response = posted.value
    assert response.status == 400
    body = response.json()
    assert body["error"] == "invalid_geometry"

    # The API's own message is shown at the drawing, which stays on the map, marked.
    alert = page.locator(".leaflet-popup .form-error")
    alert.wait_for()
    assert body["detail"] in alert.inner_text()
    assert page.locator(".edit-error-mark").count() == 1
    assert features_named(map_page, name) == []
    assert "1" in page.locator(".edit-status").inner_text()

    # The last unsaved edit can be undone: the drawing goes, nothing was saved.
    page.click("[data-action=undo]")
    expect(page.locator(".leaflet-popup")).to_have_count(0)
    expect(page.locator(".edit-error-mark")).to_have_count(0)
    expect(page.locator(".edit-status")).to_have_text("Няма незаписани промени.")
    assert features_named(map_page, name) == []


def test_the_panel_buttons_take_back_the_last_vertex_and_finish_the_polygon(open_map):
    """The draw actions beside the map go through Geoman's private API (frontend/.../geoman.js)."""
    map_page = open_map(user="planner")
    lat, lng = free_spot(map_page)
    map_page.open("/", f"map={ZOOM}/{lat:.5f}/{lng:.5f}&layers=districts,{LAYER}")
    page = map_page.page
    start_editing(map_page)
    page.click("[data-draw=Polygon]")
    box_ = page.locator("#map").bounding_box()
    cx, cy = box_["x"] + box_["width"] / 2, box_["y"] + box_["height"] / 2
    # Four vertices, the polygon left open; the fourth is a slip to take back.
    for dx, dy in [(-80, -60), (80, -60), (80, 60), (-120, 120)]:
        page.mouse.move(cx + dx, cy + dy, steps=3)
        page.mouse.click(cx + dx, cy + dy)
        page.wait_for_timeout(350)
    page.click("[data-action=remove-vertex]")
    expect(page.locator(".attribute-form")).to_have_count(0)
    page.click("[data-action=finish-shape]")
    page.locator(".attribute-form").wait_for()

    # The new polygon has the three vertices left: the slip is gone.
    rings = map_page.evaluate(
        "() => window.sofiaMap.editor.group.getLayers()"
        ".filter((layer) => layer.edit && layer.edit.id === null)"
        ".map((layer) => layer.getLatLngs()[0].length)"
    )
    assert rings == [3]
    # Nothing is saved until the form is sent; undo takes the drawing away.
    page.click("[data-action=undo]")
    expect(page.locator(".edit-status")).to_have_text("Няма незаписани промени.")
