"""Helpers of the surveillance API tests: writes that commit (so `feature_changed` is delivered)."""

from __future__ import annotations

import pytest
from django.contrib.gis.geos import Point

from layers.surveillance.models import Camera, CameraFieldOfView

from .scenes import ORIGIN_LONLAT, camera


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a client call as if its transaction committed: on_commit receivers (fields of view,
    tiles) run, as they do after a real request."""

    def run(call, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return call(*args, **kwargs)

    return run


@pytest.fixture
def add_camera(api, planner, committed):
    """Create a camera through the features API as a planner; returns its id."""

    def add(dx: float = 0.0, dy: float = 0.0, **kwargs) -> int:
        response = committed(
            api.as_user(planner).post,
            "/api/layers/cameras/features/",
            camera(dx, dy, **kwargs),
            format="json",
        )
        assert response.status_code == 201, response.content
        return response.json()["id"]

    return add


@pytest.fixture
def empty_scene(db):
    """ORIGIN has no camera (of any status) within 1 km: the scene's answers are its own."""
    origin = Point(*ORIGIN_LONLAT, srid=4326)
    near = Camera.objects.filter(position__dwithin=(origin, 0.015))
    assert not near.exists()
    return origin


def fields_of(camera_id: int) -> dict[str, CameraFieldOfView]:
    return {row.level: row for row in CameraFieldOfView.objects.filter(camera_id=camera_id)}
