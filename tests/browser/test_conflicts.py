"""Two planners on one feature: the map's editor sends the version it edited (If-Match) and
shows a conflict, with a reload or overwrite choice, instead of overwriting silently."""

from __future__ import annotations

import uuid

import pytest

from .test_editing import LAYER, ZOOM, free_spot, start_editing

pytestmark = pytest.mark.browser

# fetch() from the page with the planner's session: "someone else" as the server sees it.
FETCH = """async ([url, method, body]) => {
  const csrf = document.cookie.split('; ').find((c) => c.startsWith('csrftoken='))?.split('=')[1];
  const response = await fetch(url, { method, credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', 'X-CSRFToken': decodeURIComponent(csrf || '') },
    body: body ? JSON.stringify(body) : undefined });
  return { status: response.status, body: await response.json().catch(() => null) };
}"""


def _square(lat: float, lng: float) -> dict:
    d = 0.002
    ring = [
        [lng - d, lat - d],
        [lng + d, lat - d],
        [lng + d, lat + d],
        [lng - d, lat + d],
        [lng - d, lat - d],
    ]
    return {"type": "Polygon", "coordinates": [ring]}


def _edit_notes(map_page, lat: float, lng: float, notes: str):
    page = map_page.page
    map_page.click_at(lat, lng)
    page.click(".leaflet-popup [data-action=edit-attributes]")
    page.fill(".attribute-form [name=notes]", notes)
    with page.expect_response(
        lambda r: "/features/" in r.url and r.request.method in ("PATCH", "GET")
    ) as answered:
        page.click(".attribute-form button[type=submit]")
    return answered.value


def test_a_stale_edit_is_shown_as_a_conflict_then_reloaded_or_overwritten(open_map):
    name = f"Зона за конфликт {uuid.uuid4().hex[:6]}"
    map_page = open_map(user="planner")
    lat, lng = free_spot(map_page)
    url = f"/api/layers/{LAYER}/features/"
    created = map_page.evaluate(
        FETCH, [url, "POST", {"type": "Feature", "geometry": _square(lat, lng), "properties": {"name": name}}]
    )
    assert created["status"] == 201, created
    feature_url = f"{url}{created['body']['id']}/"
    map_page.open(
        "/", f"map={ZOOM}/{lat:.5f}/{lng:.5f}&layers={LAYER},districts"
    )  # the edited layer drawn on top
    page = map_page.page
    start_editing(map_page)

    # Someone else changes it after the editor loaded it: the first save sees that and asks.
    other = map_page.evaluate(
        FETCH, [feature_url, "PATCH", {"type": "Feature", "properties": {"notes": "чужда 1"}}]
    )
    assert other["status"] == 200
    _edit_notes(map_page, lat, lng, "моя 1")
    conflict = page.locator(".leaflet-popup [data-conflict]")
    conflict.wait_for()
    assert "друг потребител" in conflict.inner_text().lower()
    assert map_page.api(feature_url)["properties"]["notes"] == "чужда 1"
    page.click(".leaflet-popup [data-action=conflict-reload]")
    page.locator(".toast", has_text="текущата версия").wait_for()
    assert map_page.api(feature_url)["properties"]["notes"] == "чужда 1"

    # With the reloaded version the edit goes through, sent with If-Match.
    saved = _edit_notes(map_page, lat, lng, "моя 2")
    assert saved.request.method == "PATCH" and saved.status == 200
    assert saved.request.headers.get("if-match", "").startswith('"')
    assert map_page.api(feature_url)["properties"]["notes"] == "моя 2"

    # Someone else again; this time the server refuses the stale version (412) and the user overwrites.
    map_page.evaluate(FETCH, [feature_url, "PATCH", {"type": "Feature", "properties": {"notes": "чужда 2"}}])
    refused = _edit_notes(map_page, lat, lng, "моя 3")
    assert refused.status == 412 and refused.request.headers.get("if-match")
    page.locator(".leaflet-popup [data-conflict]").wait_for()
    with page.expect_response(lambda r: r.request.method == "PATCH") as overwritten:
        page.click(".leaflet-popup [data-action=conflict-overwrite]")
    assert overwritten.value.status == 200
    assert map_page.api(feature_url)["properties"]["notes"] == "моя 3"
    # No script error (refused requests and the unreachable base map are logged as resource errors).
    errors = [e for e in map_page.console_errors if not e.startswith("Failed to load resource")]
    assert not errors, errors
    map_page.evaluate(FETCH, [feature_url, "DELETE", None])
