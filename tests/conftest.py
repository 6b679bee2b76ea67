"""Shared fixtures: a test database with the real Sofia data, and one user per role."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from geo_platform.accounts.models import PartnerAgency, Role, User
from layers.queries import forget_allowed_area


def pytest_collection_modifyitems(config, items):
    """Browser tests run last: Playwright's session-wide browser keeps an event loop running in
    this thread, and Django refuses database work from a thread with a running loop."""
    browser_dir = config.rootpath / "tests" / "browser"
    items.sort(key=lambda item: item.path.is_relative_to(browser_dir))


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the real Sofia data once per test session; each test rolls back its own changes."""
    with django_db_blocker.unblock():
        call_command("load_sofia_data", verbosity=0)
    forget_allowed_area()


def _user(role: str, username: str, **extra) -> User:
    return User.objects.create_user(
        username=username, password="test-password-123", role=role, is_superuser=role == Role.ADMIN, **extra
    )


@pytest.fixture
def make_user(db):
    return _user


@pytest.fixture
def api(db):
    """An API client; `api.as_user(user)` authenticates it with the user's token."""

    # English messages, so assertions read the same as the code; Bulgarian is tested apart.
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")

    def as_user(user: User | None) -> APIClient:
        client.credentials()
        if user is not None:
            token, _ = Token.objects.get_or_create(user=user)
            client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return client

    client.as_user = as_user
    return client


@pytest.fixture
def planner(db):
    return _user(Role.PLANNER, "t-planner")


@pytest.fixture
def analyst(db):
    return _user(Role.ANALYST, "t-analyst")


@pytest.fixture
def operator(db):
    return _user(Role.DUTY_OPERATOR, "t-operator")


@pytest.fixture
def organizer(db):
    return _user(Role.ORGANIZER, "t-organizer")


@pytest.fixture
def partner(db):
    return _user(Role.PARTNER, "t-partner", agency=PartnerAgency.SDVR)


@pytest.fixture
def admin_user(db):
    return _user(Role.ADMIN, "t-admin", is_staff=True)


@pytest.fixture(autouse=True)
def _fresh_throttles():
    """Each test starts with no requests counted by the scoped throttles (geo_platform/security.py)."""
    from django.core.cache import caches

    caches["throttle"].clear()
    yield
