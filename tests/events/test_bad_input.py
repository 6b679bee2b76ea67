"""Bad input gets a 400 that names the problem, and nothing is stored (issue 5, point 8)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from layers.events.models import EventAssessment, EventRevision, MassEvent, StreetClosure
from layers.models import FeatureVersion
from tests.events.conftest import in_days, line, payload, point

pytestmark = pytest.mark.django_db

BOWTIE_OFFSETS = ((-50, -50), (50, 50), (50, -50), (-50, 50), (-50, -50))


def counts():
    return tuple(
        m.objects.count() for m in (MassEvent, EventRevision, EventAssessment, StreetClosure, FeatureVersion)
    )


def assert_refused(response, before, *, mentions):
    assert response.status_code == 400, response.content
    text = str(response.json())
    for words in mentions:
        assert words in text, text
    assert counts() == before


def bowtie():
    shape = line(*BOWTIE_OFFSETS)
    return {"type": "Polygon", "coordinates": [shape["coordinates"]]}


def test_self_intersecting_perimeter(organizer_client):
    before = counts()
    response = organizer_client.post("/api/events/", payload(perimeter=bowtie()), format="json")
    assert_refused(response, before, mentions=["Perimeter", "Self-intersection"])
    assert response.json()["field"] == "perimeter"


def test_route_outside_the_municipality(organizer_client):
    before = counts()
    plovdiv = {"type": "LineString", "coordinates": [[24.74, 42.14], [24.76, 42.15]]}
    response = organizer_client.post("/api/events/", payload(route=plovdiv), format="json")
    assert_refused(response, before, mentions=["Route", "outside Sofia Municipality"])


def test_route_a_little_beyond_the_boundary_but_inside_the_platform_margin(organizer_client):
    # Bankya's west edge is about 23.05° E; 23.02° E is inside the platform's 5 km margin but
    # outside the municipality, where a Sofia event may not go.
    before = counts()
    route = {"type": "LineString", "coordinates": [[23.02, 42.70], [23.03, 42.70]]}
    response = organizer_client.post("/api/events/", payload(route=route), format="json")
    assert_refused(response, before, mentions=["Route", "vertex 0", "Sofia Municipality"])


def test_end_before_start(organizer_client):
    before = counts()
    start = in_days(10)
    response = organizer_client.post(
        "/api/events/", payload(start=start, end=start - timedelta(hours=2)), format="json"
    )
    assert_refused(response, before, mentions=["ends", "before it starts"])


def test_closure_ending_before_it_starts(organizer_client):
    before = counts()
    start = in_days(20)
    closure = {
        "name": "бул. Витоша",
        "geometry": line((0, -50), (0, 50)),
        "start": start.isoformat(),
        "end": start.isoformat(),
    }
    response = organizer_client.post(
        "/api/events/", payload(kind="sports", start=start, closures=[closure]), format="json"
    )
    assert_refused(response, before, mentions=["Closure 1 (бул. Витоша)", "before it starts"])


def test_urgent_without_reason(organizer_client):
    before = counts()
    response = organizer_client.post("/api/events/", payload(urgent=True), format="json")
    assert_refused(response, before, mentions=["urgent case needs its reason"])


def test_exit_far_from_the_fence(organizer_client):
    before = counts()
    # The fence of the 100 m square runs 50 m from its centre; this exit is 250 m beyond it.
    exits = [{"name": "Изход 1", "width_m": 3, "position": point(300, 0)}]
    response = organizer_client.post("/api/events/", payload(fenced=True, exits=exits), format="json")
    assert_refused(response, before, mentions=["Exit 1", "from the perimeter's fence"])


def test_several_lines_in_a_route(organizer_client):
    before = counts()
    two = {
        "type": "MultiLineString",
        "coordinates": [line((0, 0), (100, 0))["coordinates"], line((0, 50), (100, 50))["coordinates"]],
    }
    response = organizer_client.post("/api/events/", payload(route=two), format="json")
    assert_refused(response, before, mentions=["expected one route", "2 separate lines"])


def test_a_bad_revision_leaves_the_event_as_it_was(organizer_client, file_event):
    event = file_event()
    before = counts()
    response = organizer_client.post(
        f"/api/events/{event['id']}/revisions/", {"perimeter": bowtie()}, format="json"
    )
    assert_refused(response, before, mentions=["Self-intersection"])
    assert MassEvent.objects.get(pk=event["id"]).revision == 1


def upload(client, content: bytes, *, name="route.gpx", target="route", **extra):
    file = SimpleUploadedFile(name, content, content_type="application/octet-stream")
    return client.post("/api/events/uploads/", {"file": file, "target": target, **extra}, format="multipart")


@pytest.mark.parametrize(
    ("content", "name", "mentions"),
    [
        (b"", "empty.gpx", "The file is empty"),
        (b"   \n", "blank.geojson", "The file is empty"),
        (b"%PDF-1.4 not a map", "route.pdf", "not GPX, KML or GeoJSON"),
        (b"PK\x03\x04zipped", "route.kmz", "ZIP archive"),
        (b"<html><body>hi</body></html>", "route.html", "neither GPX nor KML"),
        (b"{not json", "route.geojson", "not valid JSON"),
    ],
)
def test_uploads_that_are_not_gpx_kml_or_geojson(organizer_client, content, name, mentions):
    before = counts()
    assert_refused(upload(organizer_client, content, name=name), before, mentions=[mentions])


def test_upload_over_5_mb(organizer_client):
    before = counts()
    big = b'{"type": "FeatureCollection", "features": []}' + b" " * (5 * 1024 * 1024)
    assert_refused(upload(organizer_client, big, name="big.geojson"), before, mentions=["limited to 5 MB"])


def test_upload_with_several_routes_where_one_is_expected(organizer_client):
    before = counts()
    gpx = b"""<?xml version="1.0"?>
<gpx version="1.1" xmlns="http://www.topografix.com/GPX/1/1">
  <trk><name>North</name><trkseg><trkpt lat="42.690" lon="23.320"/><trkpt lat="42.691" lon="23.321"/></trkseg></trk>
  <trk><name>South</name><trkseg><trkpt lat="42.680" lon="23.320"/><trkpt lat="42.681" lon="23.321"/></trkseg></trk>
</gpx>"""
    assert_refused(
        upload(organizer_client, gpx), before, mentions=["2 routes", "North, South", "where one is expected"]
    )


def test_messages_are_in_bulgarian_by_default(client_for, organizer):
    client = client_for(organizer)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "bg"
    response = client.post("/api/events/", payload(perimeter=bowtie()), format="json")
    assert response.status_code == 400
    assert response.json()["detail"].startswith("Периметър: ")
    empty = upload(client, b"")
    assert empty.json()["detail"] == "Файлът е празен."


def test_create_and_submit_is_one_step(organizer_client):
    before = counts()
    past = in_days(-2)
    response = organizer_client.post("/api/events/?submit=true", payload(start=past), format="json")
    assert_refused(response, before, mentions=["start is in the past"])
    incomplete = organizer_client.post(
        "/api/events/?submit=true", {"title": "x", "kind": "sports"}, format="json"
    )
    assert_refused(incomplete, before, mentions=["Before submitting, fill in"])
