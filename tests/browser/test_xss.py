"""No stored script injection (issue 10, finding 1): a hostile name in every user-writable
text field is shown as text on every page that shows it, and no script runs.

Planted through the API as the users who may write each field: event title, closure and
exit names, messages, conditions and task notes; feature names and attributes (point and
polygon layers), a camera's name and owner; risk scenario and measure names. Then each page
that shows them is opened and its map features hovered and clicked: the map (a polygon, an
event's closure line and perimeter), the search, the who-sees popup, the editor's popups of a point and a polygon
and its delete question, the risk panel, the details pages, the organizer's event page and
portal, the review page and list, and the public calendar's "show on map". Three signals, any of which fails
the test: `window.__xss` set by an injected handler, a dialog, or a Content-Security-Policy
violation (the CSP blocks inline script, so an injection that got as far as the DOM is
reported there even though it cannot run); also no injected element may exist in the DOM.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from .conftest import READY_MS

pytestmark = pytest.mark.browser
# A loaded machine: give each expectation more than Playwright's 5 s.
expect.set_options(timeout=15_000)

SOFIA = ZoneInfo("Europe/Sofia")
TAG = uuid.uuid4().hex[:6]
HOSTILE = f'<img src=x onerror="window.__xss=1">"><svg onload="window.__xss=2"> {TAG}'
# The test spot: open land in the south-west of the municipality, nothing else drawn there.
LAT, LON = 42.6200, 23.2700
D = 0.0006  # about 50–65 m

# Before any page script: the three signals, recorded on the page.
WATCH = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__cspViolations.push({ directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample });
});
"""

FETCH = """async ([url, method, body]) => {
  const csrf = document.cookie.split('; ').find((c) => c.startsWith('csrftoken='))?.split('=')[1];
  const response = await fetch(url, { method, credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-CSRFToken': decodeURIComponent(csrf || '') },
    body: body ? JSON.stringify(body) : undefined });
  return { status: response.status, body: await response.json().catch(() => null) };
}"""

INJECTED = "document.querySelectorAll('img[src=\"x\"], svg[onload], [onerror], [onload]:not(body):not(iframe)').length"


def square(lat: float, lon: float, d: float = D) -> dict:
    ring = [
        [lon - d, lat - d],
        [lon + d, lat - d],
        [lon + d, lat + d],
        [lon - d, lat + d],
        [lon - d, lat - d],
    ]
    return {"type": "Polygon", "coordinates": [ring]}


def point(lat: float, lon: float) -> dict:
    return {"type": "Point", "coordinates": [lon, lat]}


class Watched:
    """A page with the three signals wired: dialogs are recorded (and dismissed)."""

    def __init__(self, map_page):
        self.map_page = map_page
        self.page = map_page.page
        self.dialogs: list[str] = []
        self.page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))

    def call(self, url: str, method: str = "GET", body: dict | None = None) -> dict:
        answer = self.page.evaluate(FETCH, [url, method, body])
        assert answer["status"] < 400, (url, answer)
        return answer["body"]

    def goto(self, path: str) -> None:
        # Through a blank page: a link differing only in its #fragment would not load the page again.
        self.page.goto("about:blank")
        self.page.goto(f"{self.map_page.base_url}{path}")
        self.page.wait_for_selector("body[data-ready=true]", timeout=READY_MS)

    def hover_and_click_event_shapes(self) -> int:
        """Hover and click every drawn part of an event (pane of the event maps) and pin."""
        shapes = self.page.locator(
            ".leaflet-event-parts-pane .leaflet-interactive, .leaflet-event-parts-pane .ev-pin"
        )
        count = shapes.count()
        for index in range(count):
            shape = shapes.nth(index)
            if not shape.is_visible():
                continue
            try:
                shape.hover(timeout=2000, force=True)
                self.page.wait_for_timeout(100)
                shape.click(timeout=2000, force=True)
            except Exception:  # a shape under another one: the other gets the events
                continue
        return count

    def assert_clean(self, where: str, *, shows: bool = True) -> None:
        self.page.wait_for_timeout(300)
        state = self.page.evaluate("() => ({ xss: window.__xss, csp: window.__cspViolations || [] })")
        assert state["xss"] is None, f"{where}: an injected script ran ({state['xss']})"
        assert not self.dialogs, f"{where}: a dialog opened: {self.dialogs}"
        inline = [
            v for v in state["csp"] if v["directive"].startswith("script-src") or v["blocked"] == "inline"
        ]
        assert not inline, f"{where}: CSP blocked inline script: {inline}"
        assert self.page.evaluate(INJECTED) == 0, f"{where}: an injected element is in the DOM"
        if shows:
            assert TAG in self.page.locator("body").inner_text(), f"{where}: the planted text is not shown"


@pytest.fixture
def watched(open_map, browser, live_url, session_states):
    def make(user: str | None, path: str = "/", fragment: str = "") -> Watched:
        map_page = open_map(user=user, path=path, fragment=fragment)
        map_page.page.context.add_init_script(WATCH)
        map_page.page.reload()
        map_page.page.wait_for_selector("body[data-ready=true]", timeout=READY_MS)
        return Watched(map_page)

    return make


def test_hostile_names_never_run_as_script(watched):
    start = datetime.now(SOFIA).replace(hour=10, minute=0, second=0, microsecond=0) + timedelta(days=12)
    day = start.date().isoformat()

    # ---- plant ------------------------------------------------------------------------
    planner = watched("planner")
    shelter = planner.call(
        "/api/layers/shelters/features/",
        "POST",
        {
            "type": "Feature",
            "geometry": point(LAT, LON),
            "properties": {"name": HOSTILE, "kind": "shelter", "capacity": 10, "address": HOSTILE},
        },
    )
    area = planner.call(
        "/api/layers/crime-prevention-areas/features/",
        "POST",
        {
            "type": "Feature",
            "geometry": square(LAT + 0.004, LON),
            "properties": {"name": HOSTILE, "priority": 1, "notes": HOSTILE},
        },
    )
    camera = planner.call(
        "/api/layers/cameras/features/",
        "POST",
        {
            "type": "Feature",
            "geometry": point(LAT, LON + 0.0008),
            "properties": {
                "name": HOSTILE,
                "mount_height": 4,
                "azimuth": 270,
                "fov": 90,
                "tilt": 0,
                "resolution": 2560,
                "status": "online",
                "owner": HOSTILE,
            },
        },
    )

    organizer = watched("organizer", "/events/")
    ev_lat = LAT + 0.008
    event = organizer.call(
        "/api/events/?submit=true",
        "POST",
        {
            "title": HOSTILE,
            "kind": "meeting",
            "purpose": HOSTILE,
            "organizer": {
                "name": HOSTILE,
                "address": "ул. Граф Игнатиев 1",
                "phone": "+359888000111",
                "email": "x@example.org",
            },
            "responsible_persons": [
                {"name": HOSTILE, "role": "ръководител", "phone": "+359888000222", "email": ""}
            ],
            "start": start.isoformat(),
            "end": (start + timedelta(hours=3)).isoformat(),
            "expected_participants": 300,
            "stewards": 10,
            "perimeter": square(ev_lat, LON, 0.0008),
            "fenced": True,
            "exits": [{"name": HOSTILE[:100], "width_m": 4, "position": point(ev_lat - 0.0008, LON)}],
            "closures": [
                {
                    "name": HOSTILE,
                    "geometry": {
                        "type": "LineString",
                        "coordinates": [[LON - 0.002, ev_lat + 0.0012], [LON + 0.002, ev_lat + 0.0012]],
                    },
                    "note": HOSTILE,
                }
            ],
            "assembly_point": point(ev_lat, LON),
        },
    )
    event_id = event["id"]
    organizer.call(f"/api/events/{event_id}/messages/", "POST", {"body": HOSTILE})
    planner.call(f"/api/events/{event_id}/messages/", "POST", {"body": HOSTILE})
    planner.call(f"/api/events/{event_id}/messages/", "POST", {"body": HOSTILE, "internal": True})
    planner.call(
        f"/api/events/{event_id}/tasks/",
        "POST",
        {"structure": "sdvr", "description": HOSTILE, "due_at": (start - timedelta(days=2)).isoformat()},
    )
    planner.call(f"/api/events/{event_id}/transitions/", "POST", {"to": "under_review", "reason": HOSTILE})
    planner.call(f"/api/events/{event_id}/transitions/", "POST", {"to": "approved", "conditions": [HOSTILE]})
    planner.call(
        "/api/risk/measures/",
        "POST",
        {
            "name": HOSTILE,
            "kind": "new_shelter",
            "cost_eur": "1000",
            "parameters": {"capacity": 50},
            "description": HOSTILE,
            "place": point(LAT, LON),
        },
    )
    planner.call(
        "/api/risk/scenarios/",
        "POST",
        {"name": HOSTILE, "kind": "flood", "return_period_years": 100, "cell_size_m": 500},
    )

    # ---- the map: a point and a polygon feature, the event's line and area, the camera ----------
    planner.goto(
        f"/?period={day}/{day}#map=17/{LAT + 0.002:.5f}/{LON:.5f}&layers=shelters,crime-prevention-areas,cameras,event-closures,event-perimeters"
    )
    planner.map_page.wait_for_tiles()
    page = planner.page
    # A polygon here; points are clicked in the editor below and on the event pages (a click on
    # a vector-tile point throws inside Leaflet before any popup: a separate map bug, see the report).
    planner.map_page.click_at(LAT + 0.004, LON)
    expect(page.locator(".leaflet-popup-content")).to_contain_text(TAG)
    planner.assert_clean("map popup of a polygon")
    page.keyboard.press("Escape")
    planner.goto(f"/?period={day}/{day}#map=17/{ev_lat:.5f}/{LON:.5f}&layers=event-closures,event-perimeters")
    planner.map_page.wait_for_tiles()
    for lat, lon in [(ev_lat + 0.0012, LON + 0.001), (ev_lat + 0.0003, LON + 0.0003)]:
        x, y = planner.map_page.point_of(lat, lon)
        page.mouse.move(x, y)
        page.mouse.click(x, y)
        expect(page.locator(".leaflet-popup-content")).to_contain_text(TAG)
        planner.assert_clean(f"event layer popup at {lat},{lon}")
        page.keyboard.press("Escape")

    # The search lists the planted names.
    page.fill("#search-input", TAG)
    expect(page.locator("#search-results")).to_contain_text(TAG, timeout=10_000)
    planner.assert_clean("search results")

    # "Who sees this point?" (right-click) 35 m in front of the camera: its answer names the camera.
    planner.goto(f"/#map=18/{LAT:.5f}/{LON + 0.0004:.5f}")
    x, y = planner.map_page.point_of(LAT, LON + 0.0004)
    page.mouse.click(x, y, button="right")
    page.locator(".surv-who-ask").click()
    expect(page.locator(".surv-who .surv-who-list")).to_contain_text(TAG)
    planner.assert_clean("who-sees popup")

    # The editor's popups (a point and a polygon) and its delete question.
    page.keyboard.press("Escape")
    for slug, lat in [("shelters", LAT), ("crime-prevention-areas", LAT + 0.004)]:
        planner.goto(f"/#map=17/{lat:.5f}/{LON:.5f}&layers={slug}")
        page.click("#tool-edit")
        page.select_option("#edit-layer", slug)
        page.click("#edit-start")
        page.wait_for_selector("#edit-panel:not([data-loading])")
        planner.map_page.click_at(lat, LON)
        expect(page.locator(".leaflet-popup-content")).to_contain_text(TAG)
        page.click(".leaflet-popup [data-action=delete]")
        expect(page.locator("dialog.dialog")).to_contain_text(TAG)
        planner.assert_clean(f"editor popup and delete dialog of {slug}")
        page.locator("dialog.dialog button[value=cancel]").click()

    # The risk panel: scenario and measure names.
    planner.goto("/")
    page.click("#tool-risk")
    expect(page.locator("#risk-panel")).to_contain_text(TAG, timeout=15_000)
    planner.assert_clean("risk panel")

    # ---- details and history pages -------------------------------------------------------------
    for slug, feature in [("shelters", shelter), ("crime-prevention-areas", area), ("cameras", camera)]:
        planner.goto(f"/features/{slug}/{feature['id']}/")
        planner.assert_clean(f"details of {slug}")

    # ---- events: the organizer's page, the review page, the review list, the public calendar ---
    organizer.goto(f"/events/{event_id}/")
    organizer.hover_and_click_event_shapes()
    organizer.assert_clean("organizer's event page")
    organizer.goto("/events/")
    organizer.assert_clean("organizer's portal")

    planner.goto(f"/events/review/{event_id}/")
    assert planner.hover_and_click_event_shapes() > 0
    planner.assert_clean("review page")
    planner.goto("/events/review/")
    # The list opens on the filings still to review; the approved one is not listed there.
    planner.assert_clean("review list", shows=False)

    public = watched(None, f"/events/calendar/?from={day}&to={day}")
    item = public.page.locator(f".ev-public-item:has-text('{TAG}')")
    expect(item).to_be_visible()
    item.locator("button").first.click()
    public.page.wait_for_timeout(500)
    expect(public.page.locator(".leaflet-tooltip").first).to_contain_text(TAG)
    public.hover_and_click_event_shapes()
    public.assert_clean("public calendar, show on map")
