"""Who may do what: the public and organizers see no cameras; planners alone write and save."""

from __future__ import annotations

import pytest

from layers.models import Layer

from .scenes import box, camera, lonlat

ANALYSES = [
    ("post", "/api/surveillance/coverage/", {"target": {"geometry": box(0, 0, 10, 10)}}),
    ("post", "/api/surveillance/outage/", {"target": {"geometry": box(0, 0, 10, 10)}, "cameras": [1]}),
    ("get", "/api/surveillance/who-sees/", {"lon": 23.27, "lat": 42.62}),
    ("get", "/api/surveillance/cameras/export/", {}),
]
PLACEMENT = {
    "target": {"geometry": box(-50, -10, 50, 10)},
    "k": 1,
    "sites": {"points": [lonlat(0, 0)]},
    "directions": 4,
}
SURVEILLANCE_LAYERS = {"cameras", "camera-fov", "buildings"}


def call(client, method, url, payload):
    return client.post(url, payload, format="json") if method == "post" else client.get(url, payload)


def catalogue(client) -> set[str]:
    return {layer["slug"] for layer in client.get("/api/layers/?limit=200").json()["results"]}


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["public", "organizer", "partner"])
def test_outsiders_see_no_cameras(api, role, request):
    client = api.as_user(None if role == "public" else request.getfixturevalue(role))
    assert not SURVEILLANCE_LAYERS & catalogue(client)
    for slug in SURVEILLANCE_LAYERS:
        assert client.get(f"/api/layers/{slug}/features/").status_code == 404
    assert client.get("/tiles/cameras/15/18455/11896.mvt").status_code == 404
    for method, url, payload in ANALYSES:
        assert call(client, method, url, payload).status_code in (401, 403), url
    assert client.post("/api/surveillance/placement/", PLACEMENT, format="json").status_code in (401, 403)
    assert client.post("/api/layers/cameras/features/", camera(), format="json").status_code == 404


@pytest.mark.django_db
def test_a_partner_sees_cameras_once_the_layer_is_shared(api, partner):
    Layer.objects.filter(slug="cameras").update(visibility="partner", shared_with=[partner.agency])
    client = api.as_user(partner)
    assert "cameras" in catalogue(client)
    assert call(client, *ANALYSES[2]).status_code == 200
    assert client.post("/api/surveillance/placement/", PLACEMENT, format="json").status_code == 403


@pytest.mark.django_db
def test_duty_operator_reads_and_asks_who_sees_but_neither_writes_nor_plans(api, operator, empty_scene):
    client = api.as_user(operator)
    assert catalogue(client) >= SURVEILLANCE_LAYERS
    for method, url, payload in ANALYSES[:1] + ANALYSES[2:]:
        assert call(client, method, url, payload).status_code == 200, url
    assert client.post("/api/surveillance/placement/", PLACEMENT, format="json").status_code == 403
    assert client.post("/api/layers/cameras/features/", camera(), format="json").status_code == 403


@pytest.mark.django_db
def test_analyst_runs_coverage_and_placement_but_does_not_write(api, analyst, empty_scene):
    client = api.as_user(analyst)
    assert call(client, *ANALYSES[0]).status_code == 200
    assert client.post("/api/surveillance/placement/", PLACEMENT, format="json").status_code == 200
    assert client.post("/api/layers/cameras/features/", camera(), format="json").status_code == 403
    save = {"cameras": [{"lon": 23.27, "lat": 42.62, "azimuth": 0}]}
    assert client.post("/api/surveillance/placement/save/", save, format="json").status_code == 403
    upload = client.post("/api/surveillance/cameras/import/", b"lon,lat\n", content_type="text/csv")
    assert upload.status_code == 403


@pytest.mark.django_db
def test_planner_writes_cameras_and_buildings_but_not_fields_of_view(api, planner, empty_scene):
    client = api.as_user(planner)
    assert client.post("/api/layers/cameras/features/", camera(), format="json").status_code == 201
    building = {"type": "Feature", "geometry": box(100, 100, 110, 110), "properties": {"name": "Б"}}
    assert client.post("/api/layers/buildings/features/", building, format="json").status_code == 201
    layers = {layer["slug"]: layer for layer in client.get("/api/layers/?limit=200").json()["results"]}
    assert layers["cameras"]["can_edit"] and layers["buildings"]["can_edit"]
    assert not layers["camera-fov"]["can_edit"]
    assert {layers[slug]["visibility"] for slug in SURVEILLANCE_LAYERS} == {"internal"}
