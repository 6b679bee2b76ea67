"""The server-sent event stream, the CSV upload and the demo feed."""

from __future__ import annotations

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from layers.situation import demo
from layers.situation.models import Incident


def test_stream_sends_new_incidents_after_the_cursor(api, operator):
    client = api.as_user(operator)
    when = (timezone.now() - timedelta(minutes=1)).isoformat()
    first = client.post(
        "/api/situation/incidents/",
        {
            "origin": "112",
            "external_id": "s-1",
            "category": "fire",
            "priority": 1,
            "occurred_at": when,
            "lon": 23.32,
            "lat": 42.69,
            "caller_name": "Скрит Подател",
        },
        format="json",
    ).json()["id"]
    second = client.post(
        "/api/situation/incidents/",
        {
            "origin": "112",
            "external_id": "s-2",
            "category": "flood",
            "priority": 3,
            "occurred_at": when,
            "lon": 23.33,
            "lat": 42.69,
        },
        format="json",
    ).json()["id"]
    response = client.get(f"/api/situation/incidents/stream/?after={first}&seconds=0.5")
    assert response["Content-Type"] == "text/event-stream"
    text = b"".join(response.streaming_content).decode()
    assert text.startswith("retry: 1000")
    assert f"id: {second}\nevent: incident" in text and f"id: {first}\n" not in text
    assert "Скрит" not in text  # the stream carries no personal data
    # A reconnecting browser sends Last-Event-ID instead.
    again = client.get("/api/situation/incidents/stream/?seconds=0.3", HTTP_LAST_EVENT_ID=str(second))
    assert "event: incident" not in b"".join(again.streaming_content).decode()


def test_csv_upload_as_file(api, operator):
    when = (timezone.now() - timedelta(minutes=2)).replace(microsecond=0).isoformat()
    upload = SimpleUploadedFile(
        "incidents.csv",
        (
            "origin,external_id,category,priority,occurred_at,lon,lat\n"
            f"csmp,u-1,medical,2,{when},23.31,42.68\n"
        ).encode(),
        content_type="text/csv",
    )
    response = api.as_user(operator).post("/api/situation/incidents/", {"file": upload}, format="multipart")
    assert response.status_code == 201 and response.json()["created"] == 1


def test_demo_feed_is_marked_and_replayable(db):
    assert demo.seed_history(hours=24, count=15) == 15
    assert demo.seed_history(hours=24, count=15) == 0  # once per period
    incidents = Incident.objects.all()
    assert {i.source for i in incidents} == {"demo"} and all("(демо)" in i.name for i in incidents)
    now = timezone.now()
    same = demo.records(
        count=3, start=now - timedelta(hours=1), end=now, seed=7, stops=[("Спирка", 23.32, 42.69)]
    )
    again = demo.records(
        count=3, start=now - timedelta(hours=1), end=now, seed=7, stops=[("Спирка", 23.32, 42.69)]
    )
    assert same == again
