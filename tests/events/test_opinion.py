"""The opinion (становище) to the mayor: a Bulgarian PDF with the event, a map, the
assessment table, the proposed decision and conditions."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from tests.events.conftest import line

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewed(api, planner, file_event):
    event = file_event(
        fenced=True,
        exits=[
            {
                "name": "A",
                "width_m": 4,
                "position": {"type": "Point", "coordinates": line((50, 0), (50, 1))["coordinates"][0]},
            }
        ],
        route=line((0, 0), (0, 600)),
    )
    client = api.as_user(planner)
    client.post(f"/api/events/{event['id']}/transitions/", {"to": "under_review"}, format="json")
    client.post(
        f"/api/events/{event['id']}/tasks/",
        {"structure": "sdvr", "description": "Охрана на шествието", "due_at": event["start"]},
        format="json",
    )
    return event


def test_the_opinion_is_written_then_printed(api, planner, reviewed):
    client = api.as_user(planner)
    url = f"/api/events/{reviewed['id']}/opinion/"
    assert client.get(url).status_code == 404
    assert client.get(f"/api/events/{reviewed['id']}/opinion.pdf").status_code == 409
    saved = client.put(
        url,
        {
            "proposed_decision": "approve_with_conditions",
            "conditions": ["Второ изходно място", " "],
            "justification": "Мероприятието е безопасно при условията.",
        },
        format="json",
    )
    assert saved.status_code == 200, saved.content
    assert saved.json()["conditions"] == ["Второ изходно място"]
    assert saved.json()["revision"] == 1
    response = client.get(f"/api/events/{reviewed['id']}/opinion.pdf", HTTP_ACCEPT="application/pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    pdf = PdfReader(io.BytesIO(response.content))
    text = "\n".join(page.extract_text() for page in pdf.pages)
    for words in (
        "СТАНОВИЩЕ",
        "Среща за чист въздух",
        "Плътност на тълпата",
        "Второ изходно място",
        "Охрана на шествието",
        "Одобряване при условия",
        "СДВР",
    ):
        assert words in " ".join(text.split()), words
    # The Cyrillic font is embedded, and the map is drawn as vector graphics (no browser).
    fonts = {
        str(font.get("/BaseFont"))
        for page in pdf.pages
        for font in (page["/Resources"].get("/Font") or {}).values()
    }
    assert any("DejaVuSans" in font for font in fonts)


def test_the_opinion_is_for_staff(api, organizer, reviewed):
    client = api.as_user(organizer)
    assert (
        client.put(
            f"/api/events/{reviewed['id']}/opinion/", {"proposed_decision": "approve"}, format="json"
        ).status_code
        == 404
    )
    assert client.get(f"/api/events/{reviewed['id']}/opinion.pdf").status_code == 404
