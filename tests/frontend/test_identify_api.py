"""Identify lists every feature under the click across the visible layers asked about."""

from __future__ import annotations

import pytest

from layers.infrastructure.models import CriticalSite, School

URL = "/api/map/identify/"

pytestmark = pytest.mark.django_db


def test_every_feature_under_the_click_top_layers_first(api, planner):
    school = School.objects.order_by("pk").first()
    lon, lat = school.position.x, school.position.y
    params = {"lon": lon, "lat": lat, "radius_m": 15, "layers": "districts,schools,critical-sites"}
    results = api.get(URL, params).json()["results"]
    layers = [r["layer"] for r in results]
    assert layers[0] == "schools" and school.pk in [r["id"] for r in results if r["layer"] == "schools"]
    assert "districts" in layers  # the district under the school too
    assert "critical-sites" not in layers  # restricted: not for the public
    site = CriticalSite.objects.order_by("pk").first()
    at_site = {**params, "lon": site.position.x, "lat": site.position.y}
    assert "critical-sites" not in [r["layer"] for r in api.get(URL, at_site).json()["results"]]
    planner_results = api.as_user(planner).get(URL, at_site).json()["results"]
    assert site.pk in [r["id"] for r in planner_results if r["layer"] == "critical-sites"]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"lon": "изток", "lat": 42.7}, "lon"),
        ({"lon": 25.5, "lat": 42.7}, "lon"),
        ({"lon": 23.32, "lat": 42.69, "radius_m": 5000}, "radius_m"),
    ],
)
def test_bad_clicks_are_400(api, params, field):
    response = api.get(URL, params)
    assert response.status_code == 400 and response.json()["parameter"] == field
