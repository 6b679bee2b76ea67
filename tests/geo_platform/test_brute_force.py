"""Issue 10, findings 3 and 8: sign-in lockout, scoped throttles, expiring API tokens."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.authtoken.models import Token

from geo_platform.accounts.models import ApiTokenExpiry
from geo_platform.accounts.tokens import issue_token

pytestmark = pytest.mark.django_db
PASSWORD = "test-password-123"


def _token(api, username, password, **extra):
    return api.post("/api/auth/token/", {"username": username, "password": password}, **extra)


def test_token_endpoint_locks_out_a_username_from_one_address(api, partner, settings):
    api.as_user(None)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _token(api, "t-partner", "wrong").status_code == 400
    locked = _token(api, "t-partner", "wrong")
    assert locked.status_code == 429, locked.content
    assert locked.json()["error"] == "locked_out" and "15 minutes" in locked.json()["detail"]
    assert int(locked["Retry-After"]) == 900
    # Even the right password is refused now, from this address…
    assert _token(api, "t-partner", PASSWORD).status_code == 429
    # …but not from another one.
    other = _token(api, "t-partner", PASSWORD, REMOTE_ADDR="10.1.2.3")
    assert other.status_code == 200
    assert other.json()["token"] == Token.objects.get(user=partner).key


def test_login_form_locks_out_after_failures(client, planner, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post("/accounts/login/", {"username": "t-planner", "password": "wrong"})
        assert response.status_code == 200
    # The fifth failure locks the pair out; then the right password does not get through either.
    response = client.post("/accounts/login/", {"username": "t-planner", "password": "wrong"})
    assert response.status_code == 429
    assert "15 minutes" in response.content.decode() or "15 мин" in response.content.decode()
    response = client.post("/accounts/login/", {"username": "t-planner", "password": PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_success_resets_the_count(api, partner, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _token(api, "t-partner", "wrong")
    assert _token(api, "t-partner", PASSWORD).status_code == 200
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _token(api, "t-partner", "wrong").status_code == 400


def test_password_reset_is_throttled(client):
    statuses = [
        client.post("/accounts/password_reset/", {"email": "nobody@example.org"}).status_code
        for _ in range(6)
    ]
    assert statuses[:5] == [302] * 5
    assert statuses[5] == 429


def _register_junk(api, **extra):
    return api.post("/api/auth/register/", {}, format="json", **extra)


def test_registration_throttle_ignores_x_forwarded_for_without_proxies(api):
    api.as_user(None)
    statuses = [_register_junk(api, HTTP_X_FORWARDED_FOR=f"203.0.113.{n}").status_code for n in range(21)]
    assert statuses[:20] == [400] * 20
    assert statuses[20] == 429
    assert api.post("/api/auth/register/", {}, format="json").json()["error"] == "throttled"


def test_registration_throttle_reads_the_proxy_address_when_configured(api, settings):
    settings.CONFIG = dataclasses.replace(settings.CONFIG, trusted_proxy_count=1)
    api.as_user(None)
    for _ in range(20):
        _register_junk(api, HTTP_X_FORWARDED_FOR="198.51.100.7, 203.0.113.1")
    assert _register_junk(api, HTTP_X_FORWARDED_FOR="198.51.100.7, 203.0.113.1").status_code == 429
    # One proxy: the address it appended is the client's; what the client wrote before it is not.
    assert _register_junk(api, HTTP_X_FORWARDED_FOR="198.51.100.7, 203.0.113.2").status_code == 400


# --- API tokens that expire, renew and can be revoked ----------------------------------------


def test_token_answer_says_when_it_expires(api, partner, settings):
    body = _token(api, "t-partner", PASSWORD).json()
    expires = timezone.datetime.fromisoformat(body["expires_at"])
    assert abs(expires - (timezone.now() + timedelta(days=settings.API_TOKEN_DAYS))) < timedelta(minutes=1)


def test_an_expired_token_is_refused_and_replaced_at_sign_in(api, partner):
    token = issue_token(partner)
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert api.get("/api/me/").status_code == 200
    ApiTokenExpiry.objects.filter(token=token).update(expires_at=timezone.now() - timedelta(seconds=1))
    refused = api.get("/api/me/")
    assert refused.status_code == 401 and "expired" in refused.json()["detail"]
    # Tiles use the same authentication.
    assert api.get("/tiles/districts/10/578/377.mvt").status_code == 401
    api.credentials()
    fresh = _token(api, "t-partner", PASSWORD).json()["token"]
    assert fresh != token.key
    api.credentials(HTTP_AUTHORIZATION=f"Token {fresh}")
    assert api.get("/api/me/").status_code == 200


def test_owner_gets_a_new_token_and_the_old_one_stops(api, partner):
    old = issue_token(partner).key
    api.credentials(HTTP_AUTHORIZATION=f"Token {old}")
    response = api.post("/api/auth/token/new/")
    assert response.status_code == 201
    new = response.json()["token"]
    assert new != old
    assert api.get("/api/me/").status_code == 401
    api.credentials(HTTP_AUTHORIZATION=f"Token {new}")
    assert api.get("/api/me/").status_code == 200
    api.credentials()
    assert api.post("/api/auth/token/new/").status_code == 401


def test_admin_revokes_a_token(api, client, partner, admin_user):
    key = issue_token(partner).key
    client.force_login(admin_user)
    listing = client.get("/admin/authtoken/tokenproxy/")
    assert listing.status_code == 200 and b"t-partner" in listing.content
    assert client.get(f"/admin/authtoken/tokenproxy/{partner.pk}/change/").status_code == 200
    assert client.get(f"/admin/accounts/apitokenexpiry/{key}/change/").status_code == 200
    response = client.post(f"/admin/authtoken/tokenproxy/{partner.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Token.objects.filter(key=key).exists()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert api.get("/api/me/").status_code == 401
