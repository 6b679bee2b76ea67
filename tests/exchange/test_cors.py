"""CORS: partner origins from the environment may read tiles, TileJSON, OGC API and the
public events feed; nobody else gets CORS headers, and the rest of the API has none."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from geo_platform.config import PlatformConfig

PARTNER = "https://maps.sdvr.example"
pytestmark = pytest.mark.django_db


@pytest.fixture
def partner_origin(settings):
    settings.CORS_ALLOWED_ORIGINS = [PARTNER]


@pytest.mark.parametrize(
    "path",
    [
        "/tiles/districts.json",
        "/ogc/collections",
        "/ogc/collections/schools/items?limit=1",
        "/api/events/public/",
    ],
)
def test_listed_origin_is_allowed_with_credentials(client, partner_origin, path):
    response = client.get(path, HTTP_ORIGIN=PARTNER)
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == PARTNER
    assert response["Access-Control-Allow-Credentials"] == "true"
    assert "Content-Crs" in response["Access-Control-Expose-Headers"]


def test_other_origins_and_other_endpoints_get_no_cors(client, partner_origin):
    other = client.get("/tiles/districts.json", HTTP_ORIGIN="https://evil.example")
    assert "Access-Control-Allow-Origin" not in other
    api = client.get("/api/layers/", HTTP_ORIGIN=PARTNER)
    assert "Access-Control-Allow-Origin" not in api


def test_preflight(client, partner_origin):
    response = client.options(
        "/ogc/collections", HTTP_ORIGIN=PARTNER, HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET"
    )
    assert response.status_code == 200 and response["Access-Control-Allow-Origin"] == PARTNER


def test_origins_are_checked_at_start_up(monkeypatch, tmp_path):
    monkeypatch.setenv("CORS_ALLOWED_ORIGINS", "https://a.example, http://localhost:8080")
    assert PlatformConfig.from_environment(str(tmp_path), testing=True).cors_allowed_origins == (
        "https://a.example",
        "http://localhost:8080",
    )
    monkeypatch.setenv("CORS_ALLOWED_ORIGINS", "https://a.example/path")
    with pytest.raises(ImproperlyConfigured):
        PlatformConfig.from_environment(str(tmp_path), testing=True)
    monkeypatch.setenv("CORS_ALLOWED_ORIGINS", "*")
    with pytest.raises(ImproperlyConfigured):
        PlatformConfig.from_environment(str(tmp_path), testing=True)
