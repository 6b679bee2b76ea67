"""Accessibility (WCAG 2.1 AA, as Directive (EU) 2016/2102 asks of public-sector sites).

axe-core (the npm package, a development dependency) is injected into every public page and the
organizer portal and must find no serious or critical violation of the WCAG 2.0/2.1 A and AA
rules. The page's CSP forbids injected scripts, so the test's browser context bypasses CSP: the
pages themselves stay as strict as they are served.
"""

from __future__ import annotations

import json
import re
import uuid

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import ARTIFACTS, READY_MS, ROOT, _only_local

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SERIOUS = {"serious", "critical"}

PUBLIC_PAGES = [
    "/",
    "/events/calendar/",
    "/events/",
    "/events/register/",
    "/accessibility/",
    "/accounts/login/",
]
ORGANIZER_PAGES = ["/events/", "/events/new/"]


def _context(browser, session_states, user=None, locale="bg-BG"):
    if not AXE.exists():
        pytest.fail("axe-core is missing: run `npm ci` (it is a development dependency in package.json).")
    context = browser.new_context(
        viewport={"width": 1366, "height": 860},
        locale=locale,
        bypass_csp=True,
        storage_state=session_states(user) if user else None,
    )
    context.route("**/*", _only_local)
    return context


def serious_violations(page, path: str) -> list[dict]:
    """axe-core's serious and critical WCAG A/AA violations on the page as it is now."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "(tags) => axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] })",
        WCAG_AA,
    )
    found = [
        {
            "page": path,
            "rule": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "targets": [node["target"] for node in v["nodes"][:5]],
            "summary": v["nodes"][0].get("failureSummary", "")[:300],
        }
        for v in result["violations"]
        if v["impact"] in SERIOUS
    ]
    return found


def _open(page, base: str, path: str) -> None:
    page.goto(f"{base}{path}")
    # Script-built pages say when they are ready; plain pages are ready when loaded.
    if page.locator("body[data-ready]").count() or page.locator("script[type=module]").count():
        page.wait_for_selector("body[data-ready=true]", timeout=READY_MS)
    page.wait_for_load_state("networkidle")


def _check(browser, session_states, live_url, user, paths, extra=()) -> None:
    context = _context(browser, session_states, user)
    page = context.new_page()
    found = []
    for path in [*paths, *extra]:
        _open(page, live_url, path)
        found += serious_violations(page, path)
    context.close()
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / f"axe-{user or 'public'}.json").write_text(json.dumps(found, ensure_ascii=False, indent=2))
    assert not found, json.dumps(found, ensure_ascii=False, indent=2)


def test_public_pages_have_no_serious_accessibility_violations(browser, session_states, live_url):
    # An approved event's public page: the public calendar links each event to the map.
    _check(browser, session_states, live_url, None, PUBLIC_PAGES)


def test_organizer_portal_has_no_serious_accessibility_violations(browser, session_states, live_url):
    context = _context(browser, session_states, "organizer")
    response = context.request.get(f"{live_url}/api/events/?limit=1")
    assert response.ok, response.text()
    events = response.json()["results"]
    context.close()
    extra = [f"/events/{events[0]['id']}/"] if events else []
    _check(browser, session_states, live_url, "organizer", ORGANIZER_PAGES, extra)


# ---- an organizer files an event with the keyboard alone ------------------------------------

ROUTE_TYPED = "42.6850, 23.3190\n42.6900, 23.3210\n42.6960, 23.3230"


def tab_to(page, selector: str, *, limit: int = 200) -> None:
    """Press Tab until the focus is on `selector` (fails if it never gets there)."""
    for _ in range(limit):
        if page.evaluate("(s) => document.activeElement?.matches(s) || false", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")


def type_datetime(page, moment) -> None:
    """Type a date and time into a focused datetime-local input, segment by segment, as a
    keyboard user does. Headless Chromium lays it out as month/day/year, hour:minute AM/PM
    (a letter A or P sets the last; in a 24-hour layout it is ignored)."""
    page.keyboard.type(moment.strftime("%m%d%Y"))
    page.keyboard.press("Tab")
    page.keyboard.type(moment.strftime("%I%M"))
    page.keyboard.type(moment.strftime("%p")[0])


def test_organizer_files_an_event_with_the_keyboard_alone(browser, live_url):
    from fixtures.loaders.users import DEMO_ACCOUNTS
    from tests.browser.test_events import local

    password = next(a.password for a in DEMO_ACCOUNTS if a.username == "organizer")
    context = browser.new_context(viewport={"width": 1366, "height": 860}, locale="bg-BG")
    context.route("**/*", _only_local)
    page = context.new_page()
    page.set_default_timeout(10_000)

    # Sign in with the keyboard; an organizer lands in the event portal.
    page.goto(f"{live_url}/accounts/login/")
    tab_to(page, "input[name=username]")
    page.keyboard.type("organizer")
    page.keyboard.press("Tab")
    page.keyboard.type(password)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_url}/events/")
    page.wait_for_selector("body[data-ready=true]", timeout=READY_MS)

    # From the portal to a new filing by its link.
    tab_to(page, "a[href='/events/new/']")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_url}/events/new/")
    page.wait_for_selector("body[data-ready=true]", timeout=READY_MS)

    title = f"Шествие с клавиатура {uuid.uuid4().hex[:6]}"
    tab_to(page, "input[name=kind]")
    page.keyboard.press("ArrowRight")  # meeting → manifestation (a procession)
    assert page.evaluate("() => document.querySelector('input[name=kind]:checked').value") == "manifestation"
    for selector, text in (
        ("[data-path=title]", title),
        ("[data-path=purpose]", "Шествие за чист въздух, подадено само с клавиатура."),
    ):
        tab_to(page, selector)
        page.keyboard.type(text)
    tab_to(page, "[data-path=start]")
    type_datetime(page, local(10, 11))
    tab_to(page, "[data-path=end]")
    type_datetime(page, local(10, 14))
    for selector, text in (
        ("[data-path=expected_participants]", "800"),
        ("[data-path=stewards]", "20"),
        ("[data-path='organizer.name']", "Сдружение „Чист въздух“"),
        ("[data-path='organizer.phone']", "+359888000333"),
        ("[data-path='responsible_persons.0.name']", "Иван Иванов"),
        ("[data-path='responsible_persons.0.phone']", "+359888000444"),
        ("#typed-points", ROUTE_TYPED),
    ):
        tab_to(page, selector)
        page.keyboard.type(text)
    # The route by typed coordinates: the target is "route" by default.
    tab_to(page, "#typed-button")
    page.keyboard.press("Enter")
    expect(page.locator("#typed-result")).to_contain_text("3")
    expect(page.locator("[data-part=route].ev-part.is-drawn")).to_be_visible()

    tab_to(page, "#submit-event")
    page.keyboard.press("Enter")
    # Submission runs the automatic assessment: give it time on a loaded machine.
    page.wait_for_url(re.compile(r"/events/\d+/$"), timeout=3 * READY_MS)
    event_id = int(re.search(r"/events/(\d+)/$", page.url).group(1))
    event = page.request.get(f"{live_url}/api/events/{event_id}/").json()
    assert event["title"] == title and event["status"] == "submitted"
    route = event["route"]["coordinates"]
    assert len(route) == 3
    assert route[0] == pytest.approx([23.3190, 42.6850], abs=1e-5)
    assert route[-1] == pytest.approx([23.3230, 42.6960], abs=1e-5)
    context.close()


# ---- a geometry change in a feature's history, before and after on a small map -------------


def test_a_geometry_change_opens_a_before_and_after_map(open_map):
    from tests.browser.test_conflicts import FETCH, _square
    from tests.browser.test_editing import LAYER

    map_page = open_map(user="planner")
    url = f"/api/layers/{LAYER}/features/"
    created = map_page.evaluate(
        FETCH,
        [
            url,
            "POST",
            {
                "type": "Feature",
                "geometry": _square(42.6600, 23.2600),
                "properties": {"name": f"Преди и след {uuid.uuid4().hex[:6]}"},
            },
        ],
    )
    assert created["status"] == 201, created
    feature_id = created["body"]["id"]
    moved = map_page.evaluate(
        FETCH, [f"{url}{feature_id}/", "PATCH", {"type": "Feature", "geometry": _square(42.6610, 23.2620)}]
    )
    assert moved["status"] == 200, moved
    page = map_page.page
    map_page.open(f"/features/{LAYER}/{feature_id}/")
    summary = page.locator(".change-geometry summary")
    expect(summary).to_have_count(1)
    # Reached and opened with the keyboard.
    tab_to(page, ".change-geometry summary")
    page.keyboard.press("Enter")
    shapes = page.locator(
        ".change-geometry .change-map path.leaflet-interactive, .change-geometry .change-map path"
    )
    expect(shapes).to_have_count(2)
    dashes = page.evaluate(
        "() => [...document.querySelectorAll('.change-geometry .change-map path')].map((p) => p.getAttribute('stroke-dasharray'))"
    )
    assert sorted(dashes, key=str) == sorted(["6 5", None], key=str)  # before dashed, after solid
    legend = page.locator(".change-map-legend").inner_text()
    assert "Преди" in legend and "След" in legend
