"""Organizers register themselves and confirm their e-mail before they can sign in."""

from __future__ import annotations

import re

import pytest

from geo_platform.accounts.models import Role, User
from geo_platform.accounts.registration_api import RegistrationThrottle

pytestmark = pytest.mark.django_db
PASSWORD = "Zelena-Sofia-2026!"


@pytest.fixture(autouse=True)
def no_throttle(monkeypatch):
    # The throttle counts in the shared cache; these tests register more often than it allows.
    monkeypatch.setattr(RegistrationThrottle, "allow_request", lambda self, request, view: True)


def register(api, **overrides):
    body = {
        "username": "elena",
        "email": "elena@example.org",
        "password": PASSWORD,
        "first_name": "Елена",
        "organization": "Сдружение „Зелена София“",
        "phone": "+359888000111",
        **overrides,
    }
    return api.as_user(None).post("/api/auth/register/", body, format="json")


def link_in(message) -> str:
    """The API confirmation behind the e-mailed page link /events/confirm/<uid>/<token>/."""
    page = re.search(r"http://testserver(/events/confirm/\S+/)", message.body).group(1)
    return page.replace("/events/confirm/", "/api/auth/confirm/", 1)


def test_register_confirm_then_sign_in(api, mailoutbox):
    response = register(api)
    assert response.status_code == 201, response.content
    user = User.objects.get(username="elena")
    assert (user.role, user.is_active, user.organization) == (
        Role.ORGANIZER,
        False,
        "Сдружение „Зелена София“",
    )
    # Before confirming, no token.
    assert api.post("/api/auth/token/", {"username": "elena", "password": PASSWORD}).status_code == 400
    (message,) = mailoutbox
    assert message.to == ["elena@example.org"]
    confirmed = api.get(link_in(message))
    assert confirmed.status_code == 200, confirmed.content
    assert User.objects.get(username="elena").is_active
    token = api.post("/api/auth/token/", {"username": "elena", "password": PASSWORD})
    assert token.status_code == 200
    # The link works once.
    assert api.get(link_in(message)).status_code == 400


def test_a_forged_link_is_refused(api, mailoutbox):
    register(api)
    path = link_in(mailoutbox[0])
    forged = re.sub(r"/[^/]+/$", "/abc-123/", path)
    response = api.get(forged)
    assert response.status_code == 400
    assert "invalid" in response.json()["detail"]
    assert api.get("/api/auth/confirm/xx/yy/").status_code == 400
    assert not User.objects.get(username="elena").is_active


def test_taken_names_and_used_addresses_are_not_revealed(api, mailoutbox):
    assert register(api).status_code == 201
    first = register(api).json()
    # A taken username and a used address get the same answer as a new account…
    taken = register(api, email="other@example.org")
    used = register(api, username="elena2")
    for response, email in ((taken, "other@example.org"), (used, "elena@example.org")):
        assert response.status_code == 201
        assert response.json()["detail"] == first["detail"].replace("elena@example.org", email)
    assert not User.objects.filter(username="elena2").exists()
    assert User.objects.filter(username="elena").count() == 1
    # …and only the owner of the address learns why, by e-mail.
    assert [m.to for m in mailoutbox] == [["elena@example.org"]] * 2 + [
        ["other@example.org"],
        ["elena@example.org"],
    ]
    assert "is taken" in mailoutbox[2].body and "/confirm/" not in mailoutbox[2].body
    assert "already has an account" in mailoutbox[3].body and "/confirm/" not in mailoutbox[3].body
    weak = register(api, username="petar", email="petar@example.org", password="123")
    assert weak.status_code == 400 and weak.json()["parameter"] == "password"
    assert not User.objects.filter(username="petar").exists()
    assert len(mailoutbox) == 4


def test_resend_sends_a_new_link_only_to_unconfirmed_accounts(api, mailoutbox):
    register(api)
    assert (
        api.post("/api/auth/register/resend/", {"email": "ELENA@example.org"}, format="json").status_code
        == 200
    )
    assert len(mailoutbox) == 2
    api.get(link_in(mailoutbox[1]))
    api.post("/api/auth/register/resend/", {"email": "elena@example.org"}, format="json")
    assert (
        api.post("/api/auth/register/resend/", {"email": "nobody@example.org"}, format="json").status_code
        == 200
    )
    assert len(mailoutbox) == 2


def test_a_registered_organizer_files_an_event(api, mailoutbox):
    from tests.events.conftest import payload

    register(api)
    api.get(link_in(mailoutbox[0]))
    user = User.objects.get(username="elena")
    response = api.as_user(user).post("/api/events/", payload(), format="json")
    assert response.status_code == 201


def test_mail_failure_stores_nothing(api, settings):
    settings.EMAIL_BACKEND = "tests.events.test_registration.FailingBackend"
    response = register(api)
    assert response.status_code == 503
    assert not User.objects.filter(username="elena").exists()


class FailingBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise OSError("connection refused")
