from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from geo_platform.config import PlatformConfig, database_from_url
from geo_platform.crs import UnknownCRS, parse_crs


@pytest.mark.parametrize(
    "name,srid",
    [
        ("4326", 4326),
        ("EPSG:7801", 7801),
        ("epsg:32634", 32634),
        ("CRS84", 4326),
        ("http://www.opengis.net/def/crs/EPSG/0/3857", 3857),
        ("urn:ogc:def:crs:EPSG::7801", 7801),
        (None, 4326),
    ],
)
def test_parse_crs(name, srid):
    assert parse_crs(name) == srid


@pytest.mark.parametrize("name", ["EPSG:2154", "WGS84", "foo", "EPSG:"])
def test_parse_crs_rejects(name):
    with pytest.raises(UnknownCRS):
        parse_crs(name)


def test_database_url():
    db = database_from_url("postgres://u:p%40ss@db.example:6543/gis?sslmode=require")
    assert (db["NAME"], db["USER"], db["PASSWORD"], db["HOST"], db["PORT"]) == (
        "gis",
        "u",
        "p@ss",
        "db.example",
        "6543",
    )
    assert db["OPTIONS"] == {"sslmode": "require"}
    with pytest.raises(ImproperlyConfigured):
        database_from_url("mysql://x/y")


def test_production_requires_a_secret_key(monkeypatch):
    monkeypatch.setenv("DEBUG", "false")
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY"):
        PlatformConfig.from_environment("/tmp")
    monkeypatch.setenv("DEBUG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="boolean"):
        PlatformConfig.from_environment("/tmp")


@pytest.mark.django_db
def test_healthz_reports_postgis_and_redis(client, make_user):
    client.force_login(make_user("analyst", "hz-analyst"))
    body = client.get("/healthz").json()
    assert body["status"] == "ok"
    assert body["database"]["postgis"].startswith("3.")
    assert body["redis"]["ok"] is True


def test_settings_language_and_time_zone(settings):
    assert settings.LANGUAGE_CODE == "bg"
    assert [code for code, _ in settings.LANGUAGES] == ["bg", "en"]
    assert settings.TIME_ZONE == "Europe/Sofia"
