"""Accessibility (WCAG 2.1 AA, as Directive (EU) 2016/2102 asks of public-sector sites).

axe-core (the npm package, a development dependency) is injected into every public page and the
organizer portal and must find no serious or critical violation of the WCAG 2.0/2.1 A and AA
rules. The page's CSP forbids injected scripts, so the test's browser context bypasses CSP: the
pages themselves stay as strict as they are served.
"""

from __future__ import annotations

import json

import pytest

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
