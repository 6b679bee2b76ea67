"""Issue 10: secrets, deployment settings, NUL bytes, request size, error shape, health."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from geo_platform.config import DEVELOPMENT_SECRET_KEY, PlatformConfig

ROOT = Path(__file__).resolve().parents[2]


# --- finding 2: a real secret key, DEBUG off ------------------------------------------------


def test_the_committed_key_is_refused_outside_tests(monkeypatch, tmp_path):
    monkeypatch.setenv("SECRET_KEY", DEVELOPMENT_SECRET_KEY)
    monkeypatch.setenv("DEBUG", "true")
    with pytest.raises(ImproperlyConfigured, match="development key"):
        PlatformConfig.from_environment(str(tmp_path))
    assert PlatformConfig.from_environment(str(tmp_path), testing=True).secret_key == DEVELOPMENT_SECRET_KEY


def test_no_key_at_all_is_refused_and_the_generated_file_is_used(monkeypatch, tmp_path):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.delenv("SECRET_KEY_FILE", raising=False)
    with pytest.raises(ImproperlyConfigured, match="make run"):
        PlatformConfig.from_environment(str(tmp_path))
    (tmp_path / ".local").mkdir()
    (tmp_path / ".local" / "secret_key").write_text("k" * 60 + "\n")
    config = PlatformConfig.from_environment(str(tmp_path))
    assert config.secret_key == "k" * 60
    assert config.debug is False, "DEBUG must be off unless asked for"


def _manage(*args: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args], cwd=ROOT, env=env, capture_output=True, text=True
    )


def _clean_env(**extra: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG", "HTTPS"}}
    env["SECRET_KEY_FILE"] = "/nonexistent/secret_key"
    env.update(extra)
    return env


def test_manage_py_refuses_to_start_with_the_development_key():
    result = _manage("check", env=_clean_env(SECRET_KEY=DEVELOPMENT_SECRET_KEY))
    assert result.returncode != 0
    assert "development key" in result.stderr


# --- finding 7: deployment settings --------------------------------------------------------


def test_check_deploy_passes_with_production_settings():
    env = _clean_env(
        SECRET_KEY=secrets.token_urlsafe(64),
        DEBUG="false",
        HTTPS="true",
        ALLOWED_HOSTS="gis.sofia.bg,127.0.0.1",
        CSRF_TRUSTED_ORIGINS="https://gis.sofia.bg",
        TRUSTED_PROXY_COUNT="1",
    )
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_values(monkeypatch, tmp_path):
    monkeypatch.setenv("SECRET_KEY", "x" * 60)
    monkeypatch.setenv("HTTPS", "true")
    monkeypatch.setenv("ALLOWED_HOSTS", "gis.sofia.bg")
    monkeypatch.delenv("CSRF_TRUSTED_ORIGINS", raising=False)
    config = PlatformConfig.from_environment(str(tmp_path))
    assert config.csrf_trusted_origins == ["https://gis.sofia.bg"]
    assert config.hsts_seconds == 31_536_000
    monkeypatch.setenv("CSRF_TRUSTED_ORIGINS", "gis.sofia.bg")
    with pytest.raises(ImproperlyConfigured, match="scheme"):
        PlatformConfig.from_environment(str(tmp_path))
    monkeypatch.setenv("TRUSTED_PROXY_COUNT", "-1")
    monkeypatch.setenv("CSRF_TRUSTED_ORIGINS", "https://gis.sofia.bg")
    with pytest.raises(ImproperlyConfigured, match="TRUSTED_PROXY_COUNT"):
        PlatformConfig.from_environment(str(tmp_path))


@pytest.mark.django_db
def test_error_pages_show_no_urls_or_tracebacks(client, settings):
    settings.DEBUG = False
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert b"urlpatterns" not in response.content and b"Traceback" not in response.content


# --- finding 4: NUL bytes ------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/api/layers/districts/features/?name=%00",
        "/api/layers/districts/features/?name=a%00b",
        "/api/search/?q=a%00b",
        "/api/events/public/?q=a%00b",
        "/api/events/?q=a%00b",
        "/api/layers/?x%00=1",
        "/tiles/districts/10/578/377.mvt?datetime=%00",
        "/api/layers/dis%00tricts/features/",
    ],
)
def test_nul_in_query_or_path_is_a_400_json(api, url):
    response = api.get(url)
    assert response.status_code == 400, response.content
    body = response.json()
    assert body["error"] == "invalid_parameter"
    assert "NUL" in body["detail"]


@pytest.mark.django_db
def test_nul_in_json_and_form_bodies(api, planner):
    api.as_user(planner)
    response = api.post(
        "/api/layers/shelters/features/",
        '{"type": "Feature", "properties": {"name": "a\\u0000b"}, "geometry": null}',
        content_type="application/json",
    )
    assert response.status_code == 400 and response.json()["error"] == "invalid_parameter"
    # An escaped backslash followed by "u0000" is ordinary text, not NUL.
    response = api.post(
        "/api/layers/shelters/features/",
        '{"type": "Feature", "properties": {"name": "a\\\\u0000b"}, "geometry": null}',
        content_type="application/json",
    )
    assert response.status_code != 500 and "NUL" not in response.content.decode()
    response = api.post("/api/auth/token/", {"username": "a\x00", "password": "x"})
    assert response.status_code == 400 and response.json()["error"] == "invalid_parameter"


@pytest.mark.django_db
def test_nul_on_pages_is_a_plain_400(client):
    response = client.post("/accounts/login/", {"username": "a\x00b", "password": "x"})
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/plain")
    assert client.get("/?q=%00").status_code == 400


# --- finding 8: size, error shape, health --------------------------------------------------


@pytest.mark.django_db
def test_oversized_bodies_are_refused_before_reading(api, planner, settings):
    api.as_user(planner)
    big = b'{"a": "' + b"x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 10) + b'"}'
    response = api.post("/api/layers/shelters/features/", big, content_type="application/json")
    assert response.status_code == 413
    assert response.json()["error"] == "request_too_large"
    # Only the declared length is looked at: nothing is read.
    response = api.generic(
        "POST",
        "/api/events/uploads/",
        b"",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(settings.MAX_REQUEST_BYTES + 1),
    )
    assert response.status_code == 413


@pytest.mark.django_db
def test_every_api_error_has_the_json_shape(api, client, monkeypatch):
    for url in ("/api/no-such-thing/", "/tiles/nothing-here", "/api/layers/districts/features/x/y/z/"):
        response = api.get(url)
        assert response.status_code == 404, url
        assert response.json()["error"] == "not_found"
    response = api.post("/tiles/districts/10/578/377.mvt")
    assert response.status_code == 405
    assert response.json()["error"] == "method_not_allowed" and "GET" in response["Allow"]

    def explode(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("tile_server.views.read_tile", explode)
    client.raise_request_exception = False
    response = client.get("/tiles/districts/10/578/377.mvt")
    assert response.status_code == 500
    assert (
        response.json()
        == {
            "error": "server_error",
            "detail": response.json()["detail"],
        }
        and "boom" not in response.content.decode()
    )


@pytest.mark.django_db
def test_healthz_tells_anonymous_callers_only_ok(client, make_user):
    body = client.get("/healthz").json()
    assert body == {"status": "ok"}
    client.force_login(make_user("planner", "h-planner"))
    body = client.get("/healthz").json()
    assert body["database"]["postgis"].startswith("3.")


@pytest.mark.django_db
def test_messages_are_in_bulgarian_by_default(client):
    body = client.get("/api/search/?q=a%00b", HTTP_ACCEPT_LANGUAGE="bg").json()
    assert "знака NUL" in body["detail"]
    assert client.get("/api/no-such-thing/", HTTP_ACCEPT_LANGUAGE="bg").json()["detail"] == "Не е намерено."
