"""Mass events in a real browser: an organizer files, a planner reviews and approves, the
public sees the approved event; and a refused filing shows the API's message and saves nothing."""

from __future__ import annotations

import re
import uuid
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import ARTIFACTS, READY_MS

pytestmark = pytest.mark.browser

SOFIA = ZoneInfo("Europe/Sofia")
# In front of the National Palace of Culture (НДК); the route is drawn around it.
NDK = (42.6850, 23.3190)
GPX_ROUTE = """<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1">
  <trk><name>Шествие</name><trkseg>
    <trkpt lat="42.6850" lon="23.3190"/><trkpt lat="42.6900" lon="23.3210"/><trkpt lat="42.6960" lon="23.3230"/>
  </trkseg></trk>
</gpx>"""


def local(days: int, hour: int) -> datetime:
    """`days` from today at `hour`:00, Sofia time."""
    day = datetime.now(SOFIA).date() + timedelta(days=days)
    return datetime(day.year, day.month, day.day, hour, tzinfo=SOFIA)


def field_value(moment: datetime) -> str:
    """The value of a datetime-local input (the form reads it as Sofia time)."""
    return moment.strftime("%Y-%m-%dT%H:%M")


def event_count(page, base_url: str) -> int:
    response = page.request.get(f"{base_url}/api/events/?limit=1")
    assert response.ok, response.text()
    return response.json()["count"]


def fill_basics(page, *, title: str, kind: str, start: datetime, end: datetime) -> None:
    page.click(f"label[for=kind-{kind}]")
    page.fill("[data-path=title]", title)
    page.fill("[data-path=purpose]", "Граждански протест за чист въздух в центъра на София.")
    page.fill("[data-path=start]", field_value(start))
    page.fill("[data-path=end]", field_value(end))
    page.fill("[data-path=expected_participants]", "1500")
    page.fill("[data-path=stewards]", "25")
    page.fill("[data-path='organizer.name']", "Сдружение „Зелена София“")
    page.fill("[data-path='organizer.phone']", "+359888000111")
    page.fill("[data-path='responsible_persons.0.name']", "Елена Петрова")
    page.fill("[data-path='responsible_persons.0.phone']", "+359888000222")


def draw_route(map_page) -> None:
    """Draw a three-point route with the route tool, at pixel offsets from the map's centre."""
    page = map_page.page
    page.evaluate(
        "([lat, lng]) => window.eventForm.map.setView([lat, lng], 15, { animate: false })", list(NDK)
    )
    page.locator("#form-map").scroll_into_view_if_needed()
    page.click("[data-part=route]")
    box = page.locator("#form-map").bounding_box()
    cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    for dx, dy in [(-120, 60), (0, -10), (110, -90)]:
        page.mouse.move(cx + dx, cy + dy, steps=3)
        page.mouse.click(cx + dx, cy + dy)
        # Geoman takes two quick clicks in a row for a double-click.
        page.wait_for_timeout(350)
    page.click("[data-action=finish]")
    expect(page.locator("[data-part=route].ev-part.is-drawn")).to_be_visible()
    assert re.search(r"\d", page.locator("[data-measure=route]").inner_text())


def test_organizer_files_a_route_planner_approves_it_public_sees_it(open_map, live_url):
    title = f"Шествие за чист въздух {uuid.uuid4().hex[:6]}"
    start, end = local(10, 11), local(10, 14)

    # The organizer draws the route and submits the notification.
    organizer = open_map(user="organizer", path="/events/new/")
    page = organizer.page
    fill_basics(page, title=title, kind="manifestation", start=start, end=end)
    expect(page.locator("#deadline-preview .ev-rule")).to_have_count(1)
    expect(page.locator("#deadline-preview .ev-rule.is-met")).to_have_count(1)
    draw_route(organizer)
    page.click("#submit-event")
    page.wait_for_url(re.compile(r"/events/\d+/$"))
    page.wait_for_selector("body[data-ready=true]", timeout=READY_MS)
    event_id = int(re.search(r"/events/(\d+)/$", page.url).group(1))
    expect(page.locator("#event-subtitle .ev-status-submitted")).to_have_text("Подадено")
    expect(page.locator("#deadline-card .ev-rule.is-met")).to_have_count(1)
    assert page.locator("#revisions-card tr[data-revision='1']").count() == 1

    # A planner opens it, sees the assessment, starts the review and approves with a condition.
    planner = open_map(user="planner", path=f"/events/review/{event_id}/")
    review = planner.page
    table = review.locator("#assessment-table")
    # The assessment is a background job (the test server's Celery worker): the card says it is in
    # progress and shows the table once the job is done.
    expect(table.or_(review.locator("#assessment-pending"))).to_be_visible(timeout=READY_MS)
    expect(table).to_be_visible(timeout=60_000)
    expect(table.locator("tbody tr")).to_have_count(9)  # eight checks and the counter-terrorism one
    assert "Маршрут" in table.locator("tr[data-check=route]").inner_text()
    # The perimeter is not fenced, so egress is "not available" and says so.
    expect(table.locator("tr[data-check=egress] .ev-level")).to_have_text("няма данни")
    review.click("[data-to=under_review]")
    review.click("#confirm-transition")
    expect(review.locator("#event-subtitle .ev-status-under_review")).to_be_visible()
    review.click("[data-to=approved]")
    condition = "Осигурете 25 стюарди по цялото трасе"
    review.fill("#condition-0", condition)
    review.click("#confirm-transition")
    expect(review.locator("#event-subtitle .ev-status-approved")).to_have_text("Одобрено")
    expect(review.locator("#decision-card .ev-conditions")).to_contain_text(condition)
    review.wait_for_selector("body[data-ready=true]")
    ARTIFACTS.mkdir(exist_ok=True)
    review.evaluate("document.querySelectorAll('.toast').forEach((toast) => toast.remove())")
    review.screenshot(path=str(ARTIFACTS / "events-review.png"), full_page=True)

    # The organizer reads the decision and its condition.
    page.reload()
    page.wait_for_selector("body[data-ready=true]", timeout=READY_MS)
    expect(page.locator("#status-card")).to_contain_text(condition)
    expect(page.locator("#messages-card .ev-message.is-directorate").last).to_contain_text(condition)

    # The public calendar lists it (without personal data) and links the iCalendar feed.
    day = start.date().isoformat()
    public = open_map(path=f"/events/calendar/?from={day}&to={day}")
    item = public.page.locator(f".ev-public-item:has-text('{title}')")
    expect(item).to_be_visible()
    assert "Зелена София" not in public.page.locator("#public-list").inner_text()
    assert (
        public.page.locator("#ical-link").get_attribute("href").startswith("/api/events/calendar.ics?from=")
    )

    # The public map shows the route for that day, and nothing for a day without it.
    on_map = open_map(path=f"/?period={day}/{day}", fragment=f"map=15/{NDK[0]}/{NDK[1]}&layers=event-routes")
    on_map.wait_for_tiles()
    expect(on_map.page.locator(".vt-event-routes path")).not_to_have_count(0)
    expect(on_map.page.locator(".ev-period-status")).to_contain_text("Показани са одобрените мероприятия")
    on_map.page.click("[data-period=today]")
    on_map.wait_for_tiles()
    expect(on_map.page.locator(".vt-event-routes path")).to_have_count(0)
    assert "period=" in on_map.page.url


def test_end_before_start_shows_the_api_message_and_saves_nothing(open_map, live_url, tmp_path):
    organizer = open_map(user="organizer", path="/events/new/")
    page = organizer.page
    before = event_count(page, live_url)
    fill_basics(page, title="Грешно време", kind="meeting", start=local(6, 12), end=local(6, 10))

    # The route comes from a GPX file; the page says which coordinate system was read.
    gpx = tmp_path / "route.gpx"
    gpx.write_text(GPX_ROUTE, encoding="utf-8")
    page.set_input_files("#upload-file", str(gpx))
    page.select_option("#upload-target", "route")
    page.click("#upload-button")
    expect(page.locator("#upload-result")).to_contain_text("WGS 84")
    expect(page.locator("[data-part=route].ev-part.is-drawn")).to_be_visible()

    page.click("#save-draft")
    summary = page.locator("#form-errors")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("преди да започне")
    end = page.locator("[data-path=end]")
    expect(end).to_have_attribute("aria-invalid", "true")
    expect(end.locator("xpath=..").locator(".field-error")).to_contain_text("преди да започне")
    assert page.url.endswith("/events/new/")
    assert event_count(page, live_url) == before
