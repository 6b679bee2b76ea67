"""The incidents layer in tiles and search: clustered at city zoom, no personal data, not public."""

from __future__ import annotations

from datetime import timedelta

import mapbox_vector_tile
import pytest
from django.utils import timezone

from layers.situation.services.ingest import ingest


@pytest.fixture
def incidents(db):
    when = (timezone.now() - timedelta(minutes=5)).isoformat()
    records = [
        {
            "origin": "112",
            "external_id": f"t-{n}",
            "category": "medical",
            "priority": 2,
            "occurred_at": when,
            "lon": 23.3189 + n * 1e-4,
            "lat": 42.6847,
            "caller_name": "Мария Секретна",
            "caller_phone": "+359111",
        }
        for n in range(30)
    ]
    report = ingest(records=records)
    assert len(report.created) == 30
    return report.created


def test_tiles_cluster_and_carry_no_personal_data(api, operator, incidents):
    # z12 tile holding central Sofia: 30 points 8 m apart become one or a few clusters.
    response = api.as_user(operator).get("/tiles/incidents/12/2313/1509.mvt")
    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if response.get("Content-Encoding") == "gzip":
        import gzip

        content = gzip.decompress(content)
    layer = mapbox_vector_tile.decode(content)["incidents"]
    assert len(layer["features"]) < 30
    assert sum(f["properties"].get("count", 1) for f in layer["features"]) == 30
    assert "Секретна" not in str(layer) and "+359" not in str(layer)


def test_public_and_partner_get_no_incident_tiles_or_search(api, partner, incidents):
    for user in (None, partner):
        client = api.as_user(user)
        assert client.get("/tiles/incidents/12/2313/1509.mvt").status_code in (401, 403, 404)
        assert "Секретна" not in client.get("/api/search/?q=Секретна").content.decode()


def test_messages_in_bulgarian(api, operator):
    client = api.as_user(operator)
    client.credentials(
        HTTP_AUTHORIZATION=client._credentials["HTTP_AUTHORIZATION"], HTTP_ACCEPT_LANGUAGE="bg"
    )
    response = client.post(
        "/api/situation/incidents/",
        {
            "origin": "112",
            "external_id": "b",
            "category": "x",
            "priority": 1,
            "occurred_at": timezone.now().isoformat(),
            "lon": 23.32,
            "lat": 42.69,
        },
        format="json",
    )
    assert response.status_code == 400
    assert "Непозната категория" in str(response.json()["detail"])
