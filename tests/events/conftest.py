"""Shared pieces of the events tests: filings built from known geometries and times."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.gis.geos import LineString, Point, Polygon

from geo_platform.accounts.models import Role
from geo_platform.crs import METRIC_SRID, STORAGE_SRID

SOFIA = ZoneInfo("Europe/Sofia")
# In front of the National Palace of Culture (НДК), in UTM 34N metres.
NDK_UTM = (690100.0, 4728300.0)


def _lonlat(geometry) -> dict:
    geometry.srid = METRIC_SRID
    geometry.transform(STORAGE_SRID)
    return {"type": geometry.geom_type, "coordinates": _rounded(geometry.coords)}


def _rounded(item):
    if isinstance(item, float):
        return round(item, 9)
    return [_rounded(child) for child in item]


def square(side_m: float, *, centre=NDK_UTM, dx: float = 0.0, dy: float = 0.0) -> dict:
    """A GeoJSON square of `side_m` metres (its area is side² in UTM 34N), centred at centre + (dx, dy)."""
    x, y = centre[0] + dx, centre[1] + dy
    h = side_m / 2
    return _lonlat(Polygon(((x - h, y - h), (x + h, y - h), (x + h, y + h), (x - h, y + h), (x - h, y - h))))


def line(*offsets: tuple[float, float], centre=NDK_UTM) -> dict:
    """A GeoJSON line through centre + each (dx, dy), in metres."""
    return _lonlat(LineString([(centre[0] + dx, centre[1] + dy) for dx, dy in offsets]))


def point(dx: float = 0.0, dy: float = 0.0, *, centre=NDK_UTM) -> dict:
    geometry = _lonlat(Point(centre[0] + dx, centre[1] + dy))
    return geometry


def in_days(days: int, hour: int = 10) -> datetime:
    """`days` from today at `hour`:00 Sofia time."""
    today = datetime.now(SOFIA).date()
    return datetime.combine(today + timedelta(days=days), time(hour), tzinfo=SOFIA)


def payload(**overrides) -> dict:
    """A complete meeting at НДК in 10 days: 100 m square, 3 hours, 1,000 participants."""
    start = overrides.pop("start", in_days(10))
    data = {
        "title": "Среща за чист въздух",
        "kind": "meeting",
        "purpose": "Граждански протест за по-чист въздух в София.",
        "organizer": {
            "name": "Сдружение „Зелена София“",
            "address": "ул. Граф Игнатиев 1",
            "phone": "+359888000111",
            "email": "green@example.org",
        },
        "responsible_persons": [
            {"name": "Елена Петрова", "role": "ръководител", "phone": "+359888000222", "email": ""}
        ],
        "start": start.isoformat(),
        "end": overrides.pop("end", start + timedelta(hours=3)).isoformat(),
        "expected_participants": 1000,
        "stewards": 20,
        "perimeter": square(100),
        "assembly_point": point(0, 0),
    }
    data.update(overrides)
    return data


@pytest.fixture
def second_organizer(make_user):
    return make_user(Role.ORGANIZER, "t-organizer-2")


@pytest.fixture
def organizer_client(api, organizer):
    return api.as_user(organizer)


@pytest.fixture(autouse=True)
def eager_celery():
    """Jobs (the assessment) run in-process when queued: `.delay()` is still the call the services make."""
    from geo_platform.celery import app as celery_app

    before = (celery_app.conf.task_always_eager, celery_app.conf.task_eager_propagates)
    celery_app.conf.task_always_eager, celery_app.conf.task_eager_propagates = True, True
    yield
    celery_app.conf.task_always_eager, celery_app.conf.task_eager_propagates = before


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a client call as if its transaction committed: the jobs it queued (the assessment) run."""

    def call(method, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return method(*args, **kwargs)

    return call


@pytest.fixture
def file_event(api, organizer, committed):
    """Create (and by default submit) an event through the API as `user`; returns its JSON.
    The submission's assessment job runs as if the request had committed."""

    def file(user=None, *, submit: bool = True, **overrides) -> dict:
        client = api.as_user(user or organizer)
        response = committed(
            client.post,
            "/api/events/" + ("?submit=true" if submit else ""),
            payload(**overrides),
            format="json",
        )
        assert response.status_code == 201, response.content
        return response.json()

    return file


@pytest.fixture
def client_for(db):
    """A separate API client per user, for tests where two users take turns."""
    from rest_framework.authtoken.models import Token
    from rest_framework.test import APIClient

    def make(user) -> APIClient:
        client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
        if user is not None:
            token, _created = Token.objects.get_or_create(user=user)
            client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return client

    return make


@pytest.fixture(autouse=True)
def _without_notice_events(request):
    """The events tests count the events they file; the demo events built from the real
    notices (loaded with the Sofia data) are set aside inside each test's transaction."""
    if "db" not in request.fixturenames and not request.node.get_closest_marker("django_db"):
        yield
        return
    request.getfixturevalue("db")
    from layers.events.models import MassEvent

    MassEvent.objects.filter(source="demo", external_id__startswith="notice-").delete()
    yield
