"""Every create, update and delete keeps who, when and the previous version."""

from __future__ import annotations

import pytest
from django.contrib.gis.geos import GEOSGeometry

from layers.models import FeatureAction, FeatureVersion
from tests.geometries import LARGO

URL = "/api/layers/shelters/features/"


@pytest.mark.django_db
def test_history_of_a_feature_through_the_api(api, planner):
    client = api.as_user(planner)
    created = client.post(
        URL,
        {
            "type": "Feature",
            "geometry": LARGO,
            "properties": {"name": "Убежище А", "kind": "shelter", "capacity": 200},
        },
        format="json",
    ).json()
    url = f"{URL}{created['id']}/"
    moved = {"type": "Point", "coordinates": [23.33, 42.70]}
    assert (
        client.patch(
            url, {"type": "Feature", "geometry": moved, "properties": {"capacity": 250}}, format="json"
        ).status_code
        == 200
    )
    assert client.delete(url).status_code == 204
    assert client.get(url).status_code == 404

    history = client.get(url + "history/").json()["results"]
    assert [v["action"] for v in history] == ["delete", "update", "create"]
    delete, update, create = history
    assert all(v["user"] == "t-planner" for v in history)
    assert create["previous_properties"] is None and create["properties"]["capacity"] == 200
    assert update["previous_properties"]["capacity"] == 200 and update["properties"]["capacity"] == 250
    assert update["previous_geometry"]["coordinates"] == pytest.approx(LARGO["coordinates"])
    assert update["geometry"]["coordinates"] == pytest.approx([23.33, 42.70])
    assert delete["previous_properties"]["capacity"] == 250 and delete["geometry"] is None


@pytest.mark.django_db
def test_admin_edit_goes_through_the_audit(client, planner):
    from layers.shelters.models import Shelter

    planner.is_staff = True
    planner.save()
    client.force_login(planner)
    shelter = Shelter.objects.order_by("pk").first()
    response = client.post(
        f"/admin/shelters/shelter/{shelter.pk}/change/",
        {
            "name": "Преименувано укритие",
            "kind": shelter.kind,
            "capacity": shelter.capacity + 10,
            "status": shelter.status,
            "address": shelter.address,
            "position": GEOSGeometry(shelter.position.wkt, srid=4326).geojson,
        },
    )
    assert response.status_code == 302, response.content[:2000]
    version = FeatureVersion.objects.filter(feature_id=shelter.pk, layer__slug="shelters").first()
    assert version.action == FeatureAction.UPDATE
    assert version.user == planner
    assert version.previous_properties["name"] == shelter.name
    assert version.properties["name"] == "Преименувано укритие"
    assert client.get(f"/admin/layers/featureversion/{version.pk}/change/").status_code == 200
