"""CAP alerts (two-person rule, schema, feed, public view) and the duty log with its handover PDF."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from lxml import etree

from risk_models.situation import validate

URL = "/api/situation/alerts/"
# A small square around the NDK (about 700 m × 800 m).
SQUARE = {
    "type": "Polygon",
    "coordinates": [
        [[23.314, 42.681], [23.323, 42.681], [23.323, 42.688], [23.314, 42.688], [23.314, 42.681]]
    ],
}


def alert_body(**extra) -> dict:
    now = timezone.now()
    body = {
        "event_bg": "Пожар",
        "event_en": "Fire",
        "urgency": "Immediate",
        "severity": "Severe",
        "certainty": "Observed",
        "cap_category": "Fire",
        "headline_bg": "Пожар край НДК — затворете прозорците",
        "headline_en": "Fire near NDK — close windows",
        "instruction_bg": "Стойте на закрито.",
        "instruction_en": "Stay indoors.",
        "area_kind": "polygon",
        "polygon": SQUARE,
        "area_description": "Около НДК",
        "effective": now.isoformat(),
        "expires": (now + timedelta(hours=3)).isoformat(),
    }
    body.update(extra)
    return body


def test_two_person_rule_cap_feed_and_public(api, operator, planner, analyst):
    composed = api.as_user(operator).post(URL, alert_body(), format="json")
    assert composed.status_code == 201, composed.content
    alert = composed.json()
    estimate = alert["properties"]["estimate"]
    assert estimate["people"] > 1000 and "GHS-POP" in estimate["note"]
    alert_id = alert["id"]
    # Not public before approval.
    assert api.as_user(None).get(f"{URL}active/").json()["features"] == []
    assert api.as_user(None).get(f"{URL}{alert_id}/cap.xml").status_code in (403, 404)
    # The composer cannot approve; an operator or analyst cannot either.
    assert api.as_user(operator).post(f"{URL}{alert_id}/approve/").status_code == 403
    assert api.as_user(analyst).post(f"{URL}{alert_id}/approve/").status_code == 403
    approved = api.as_user(planner).post(f"{URL}{alert_id}/approve/")
    assert approved.status_code == 200 and approved.json()["properties"]["status"] == "issued"
    assert api.as_user(planner).post(f"{URL}{alert_id}/approve/").status_code == 409
    xml = api.as_user(None).get(f"{URL}{alert_id}/cap.xml").content
    validate(xml)  # raises if not CAP 1.2
    root = etree.fromstring(xml)
    ns = {"cap": "urn:oasis:names:tc:emergency:cap:1.2"}
    assert [e.text for e in root.findall("cap:info/cap:language", ns)] == ["bg-BG", "en-US"]
    assert root.find("cap:info/cap:area/cap:polygon", ns).text.startswith("42.681000,23.314000")
    active = api.as_user(None).get(f"{URL}active/").json()["features"]
    assert [f["id"] for f in active] == [alert_id] and "estimate" not in active[0]["properties"]
    feed = api.as_user(None).get(f"{URL}feed.atom")
    assert feed.status_code == 200 and b"NDK" in feed.content or "НДК".encode() in feed.content

    # A cancellation references the original and removes it from the map once approved.
    cancel = (
        api.as_user(operator)
        .post(
            URL,
            alert_body(msg_type="Cancel", references=alert_id, headline_bg="Отмяна", headline_en="Cancelled"),
            format="json",
        )
        .json()
    )
    api.as_user(planner).post(f"{URL}{cancel['id']}/approve/")
    xml = api.as_user(None).get(f"{URL}{cancel['id']}/cap.xml").content
    references = etree.fromstring(xml).find("cap:references", ns).text
    assert alert["properties"]["identifier"] in references
    assert api.as_user(None).get(f"{URL}active/").json()["features"] == []


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"urgency": "Soon"}, "urgency"),
        ({"expires": "2020-01-01T00:00:00+02:00"}, "expires"),
        ({"area_kind": "districts", "codes": ["99"]}, "codes"),
        ({"area_kind": "settlements", "codes": ["00000"]}, "codes"),
        ({"area_kind": "circle", "circle": [24.75, 42.14, 1]}, "circle"),
        ({"polygon": None}, "polygon"),
    ],
)
def test_bad_alerts_are_400(api, operator, extra, field):
    response = api.as_user(operator).post(URL, alert_body(**extra), format="json")
    assert response.status_code == 400, response.content
    body = response.json()
    assert field in str(body)


def test_area_by_districts_settlements_and_circle(api, operator):
    client = api.as_user(operator)
    for extra in (
        {"area_kind": "districts", "codes": ["01"]},
        {"area_kind": "settlements", "codes": ["00357"]},
        {"area_kind": "circle", "circle": [23.3189, 42.6847, 0.5]},
    ):
        estimate = client.post(f"{URL}estimate/", extra, format="json")
        assert estimate.status_code == 200, (extra, estimate.content)
    circle = client.post(
        f"{URL}estimate/", {"area_kind": "circle", "circle": [23.3189, 42.6847, 0.5]}, format="json"
    )
    # π·0.5² ≈ 0.785 km² (the 16-segment polygon is ~1 % smaller).
    assert circle.json()["estimate"]["area_km2"] == pytest.approx(0.785, rel=0.02)


def test_only_staff_compose(api, organizer, partner):
    assert api.as_user(organizer).post(URL, alert_body(), format="json").status_code == 403
    assert api.as_user(partner).post(URL, alert_body(), format="json").status_code == 403


def test_shift_log_handover_and_pdf(api, operator):
    client = api.as_user(operator)
    assert (
        client.post("/api/situation/shifts/current/entries/", {"text": "x"}, format="json").status_code == 409
    )
    shift = client.post("/api/situation/shifts/").json()
    assert client.post("/api/situation/shifts/").status_code == 409
    when = (timezone.now() - timedelta(minutes=1)).isoformat()
    created = client.post(
        "/api/situation/incidents/",
        {
            "origin": "sdvr",
            "external_id": "h-1",
            "category": "public_order",
            "priority": 1,
            "occurred_at": when,
            "lon": 23.3219,
            "lat": 42.6977,
            "address": "пл. Независимост",
        },
        format="json",
    ).json()
    client.post(
        "/api/situation/shifts/current/entries/", {"text": "Проверка на връзката със СДВР"}, format="json"
    )
    handed = client.post(
        "/api/situation/shifts/current/handover/", {"notes": "Следете пл. Независимост"}, format="json"
    ).json()
    assert created["id"] in handed["open_at_handover"]
    kinds = [entry["kind"] for entry in handed["entries"]]
    assert kinds == ["manual", "handover"]
    pdf = client.get(f"/api/situation/shifts/{shift['id']}/report.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_reports(api, operator, analyst):
    client = api.as_user(operator)
    client.post(
        "/api/situation/incidents/",
        {
            "origin": "112",
            "external_id": "r-1",
            "category": "fire",
            "priority": 3,
            "occurred_at": (timezone.now() - timedelta(hours=1)).isoformat(),
            "lon": 23.32,
            "lat": 42.69,
        },
        format="json",
    )
    counts = api.as_user(analyst).get("/api/situation/reports/counts/?step=hour").json()
    assert [(r["category"], r["count"]) for r in counts["rows"]] == [("fire", 1)]
    heat = api.as_user(analyst).get("/api/situation/reports/heat/?cell=500").json()
    assert heat["peak"] == 1 and len(heat["features"]) == 1
    assert api.as_user(analyst).get("/api/situation/reports/heat/?cell=0").status_code == 400
    assert api.as_user(analyst).get("/api/situation/reports/counts/?step=year").status_code == 400
