"""The account page: the API token's expiry, and a new token from the owner (issue 10, finding 8)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from rest_framework.authtoken.models import Token

from geo_platform.accounts.models import ApiTokenExpiry
from geo_platform.accounts.tokens import issue_token


def _browser(user) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="bg")
    client.cookies["django_language"] = "bg"
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_the_account_page_shows_the_token_expiry_and_a_new_token_replaces_it(partner):
    token = issue_token(partner)
    expires = timezone.now() + timedelta(days=10, hours=1)
    ApiTokenExpiry.objects.filter(token=token).update(expires_at=expires)
    browser = _browser(partner)
    page = browser.get("/account/").content.decode()
    assert 'data-state="valid"' in page
    assert timezone.localtime(expires).strftime("%d.%m.%Y %H:%M") in page
    assert "след 10 дни" in page
    assert token.key not in page and f"{token.key[:6]}…" in page  # only its start is shown
    # The button posts here (session + CSRF): a new key, the old one ends at once.
    answer = browser.post("/api/auth/token/new/", HTTP_X_CSRFTOKEN=browser.cookies.get("csrftoken", ""))
    assert answer.status_code == 201
    assert answer.json()["token"] != token.key
    assert not ApiTokenExpiry.objects.filter(token__key=token.key).exists()

    ApiTokenExpiry.objects.filter(token__user=partner).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    assert 'data-state="expired"' in browser.get("/account/").content.decode()


@pytest.mark.django_db
def test_the_account_page_needs_a_signed_in_user(partner):
    anonymous = Client()
    response = anonymous.get("/account/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    Token.objects.filter(user=partner).delete()
    page = _browser(partner).get("/account/").content.decode()
    assert 'data-state="none"' in page and "Все още нямате ключ." in page
