"""The counter-terrorism check of the mass-event assessment and its section in a large event's opinion."""

from __future__ import annotations

import io
import json

import pytest
from pypdf import PdfReader

from layers.counterterrorism.models import ProtectedSite

pytestmark = pytest.mark.django_db


def test_large_event_gets_barriers_and_cordon_without_naming_protected_sites(
    api, planner, organizer, file_event
):
    event = file_event(expected_participants=8000)
    client = api.as_user(planner)
    checks = client.get(f"/api/events/{event['id']}/assessment/").json()["checks"]
    check = next(c for c in checks if c["key"] == "counterterrorism")
    data = check["data"]
    assert data["participants"] == 8000 and data["large"]
    assert data["runs"] > 0 and data["barriers"] and data["barriers"][0]["rating"].startswith("IWA 14-1")
    assert data["cordon"]["evacuation_m"] == 122 and data["cordon"]["street_closures"] > 0
    assert check["status"] in ("warning", "danger") and "km/h" in check["summary"]
    # The check reads no protected site: none is named in what it stores or says.
    text = json.dumps(checks, ensure_ascii=False)
    names = [n.replace(" (демо)", "") for n in ProtectedSite.objects.values_list("name", flat=True)]
    assert not [n for n in names if n in text]
    # Organizers do not read the assessment at all.
    assert api.as_user(organizer).get(f"/api/events/{event['id']}/assessment/").status_code in (403, 404)
    client = api.as_user(planner)
    client.post(f"/api/events/{event['id']}/transitions/", {"to": "under_review"}, format="json")
    client.put(
        f"/api/events/{event['id']}/opinion/",
        {"proposed_decision": "approve_with_conditions", "conditions": ["Бариери"]},
        format="json",
    )
    pdf = client.get(f"/api/events/{event['id']}/opinion.pdf", HTTP_ACCEPT="application/pdf")
    assert pdf.status_code == 200, pdf.content[:300]
    words = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages).split())
    assert "Противодействие на тероризма: бариери и кордон" in words and "IWA 14-1" in words
