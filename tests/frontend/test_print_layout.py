"""The print layout: A4/A3, orientation, scale, legend, only the layers the user may see."""

from __future__ import annotations

from io import BytesIO

import pytest
from pypdf import PdfReader

URL = "/api/map/print/"
LAYOUT = {
    "title": "Център — училища",
    "paper": "A3",
    "orientation": "landscape",
    "scale": 10000,
    "dpi": 150,
    "legend": True,
    "center": [42.6977, 23.3219],
    "layers": ["districts", "schools", "transit-routes", "critical-sites"],
}

pytestmark = pytest.mark.django_db


def test_an_a3_landscape_pdf_with_title_legend_and_scale(api):
    response = api.post(URL, LAYOUT, format="json")
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(BytesIO(response.content))
    (page,) = reader.pages
    width, height = float(page.mediabox.width), float(page.mediabox.height)
    assert (round(width), round(height)) == (1191, 842)  # A3 landscape in points
    text = page.extract_text()
    assert "Център — училища" in text and "1:10 000" in text and "A3" in text
    assert "Legend" in text and "Schools" in text
    # The public may not see the restricted critical sites: not in the legend.
    assert "Critical" not in text


def test_a4_portrait_and_bad_layouts(api):
    response = api.post(URL, {**LAYOUT, "paper": "A4", "orientation": "portrait"}, format="json")
    page = PdfReader(BytesIO(response.content)).pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)
    for change, field in (
        ({"paper": "A0"}, "paper"),
        ({"orientation": "sideways"}, "orientation"),
        ({"scale": "голям"}, "scale"),
        ({"scale": 10}, "scale"),
        ({"dpi": 1200}, "dpi"),
        ({"center": [0, 0]}, "center"),
    ):
        bad = api.post(URL, {**LAYOUT, **change}, format="json")
        assert bad.status_code == 400 and bad.json()["parameter"] == field, change


def test_event_layers_print_by_status_with_a_written_legend(api):
    """Approved closures (the notices' demo events) are printed; the legend names each status
    group with its line pattern, so colour is not the only carrier of meaning on paper either."""
    from layers.events.models import EventStatus, StreetClosure

    closure = StreetClosure.objects.filter(event__status=EventStatus.APPROVED).first()
    centre = closure.segment.point_on_surface
    layout = {
        **LAYOUT,
        "center": [centre.y, centre.x],
        "layers": ["event-perimeters", "event-routes", "event-closures"],
    }
    response = api.post(URL, layout, format="json")
    assert response.status_code == 200, response.content[:300]
    text = PdfReader(BytesIO(response.content)).pages[0].extract_text()
    for label in (
        "Approved (solid line)",
        "Filed, under review (dashed line)",
        "Rejected or withdrawn (dotted line)",
    ):
        assert label in text
