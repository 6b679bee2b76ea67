"""What each role can and cannot read and write."""

from __future__ import annotations

import pytest

from geo_platform.accounts.models import PartnerAgency, Role
from layers.models import Layer
from tests.geometries import LARGO, NDK_SQUARE

PUBLIC = {
    "municipality",
    "districts",
    "neighbourhoods",
    "hospitals",
    "schools",
    "rivers",
    "transit-routes",
    "transit-stops",
    "shelters",
    "prevention-centres",
}
PARTNER_SHARED = {"emergency-stations", "police-areas"}
INTERNAL = {"crime-prevention-areas"}
RESTRICTED = {"critical-sites", "guarded-sites"}


def with_visibility(*classes: str) -> set[str]:
    """Catalogue slugs of these visibility classes (later issues add layers to each)."""
    return set(Layer.objects.filter(visibility__in=classes).values_list("slug", flat=True))


def slugs(response) -> set[str]:
    assert response.status_code == 200, response.content
    return {layer["slug"] for layer in response.json()["results"]}


def new_shelter(client):
    return client.post(
        "/api/layers/shelters/features/",
        {
            "type": "Feature",
            "geometry": LARGO,
            "properties": {"name": "У", "kind": "shelter", "capacity": 10},
        },
        format="json",
    )


def new_area(client):
    return client.post(
        "/api/layers/crime-prevention-areas/features/",
        {"type": "Feature", "geometry": NDK_SQUARE, "properties": {"name": "Зона"}},
        format="json",
    )


@pytest.mark.django_db
def test_public_sees_public_layers_only_and_cannot_write(api):
    seen = slugs(api.get("/api/layers/?limit=100"))
    assert PUBLIC <= seen == with_visibility("public")
    assert api.get("/api/layers/critical-sites/features/").status_code == 404
    assert api.get("/api/layers/crime-prevention-areas/").status_code == 404
    assert new_area(api).status_code == 404
    assert new_shelter(api).status_code in (401, 403)


@pytest.mark.django_db
def test_planner_reads_everything_and_edits_editable_layers(api, planner):
    client = api.as_user(planner)
    seen = slugs(client.get("/api/layers/?limit=100"))
    assert seen >= PUBLIC | PARTNER_SHARED | INTERNAL | RESTRICTED
    assert seen == set(Layer.objects.values_list("slug", flat=True))
    assert new_area(client).status_code == 201
    # Loaded-from-source layers are read-only, even for planners.
    response = client.post(
        "/api/layers/districts/features/",
        {"type": "Feature", "geometry": NDK_SQUARE, "properties": {"name": "x"}},
        format="json",
    )
    assert response.status_code == 403
    assert "read-only" in response.json()["detail"]


@pytest.mark.django_db
def test_analyst_reads_everything_but_cannot_write(api, analyst):
    client = api.as_user(analyst)
    assert slugs(client.get("/api/layers/?limit=100")) == set(Layer.objects.values_list("slug", flat=True))
    assert client.get("/api/layers/critical-sites/features/?limit=1").status_code == 200
    response = new_area(client)
    assert response.status_code == 403
    assert "planners" in response.json()["detail"]


@pytest.mark.django_db
def test_duty_operator_reads_internal_not_restricted(api, operator):
    client = api.as_user(operator)
    seen = slugs(client.get("/api/layers/?limit=100"))
    assert PUBLIC | PARTNER_SHARED | INTERNAL <= seen == with_visibility("public", "partner", "internal")
    assert not seen & RESTRICTED
    assert client.get("/api/layers/guarded-sites/features/").status_code == 404
    assert new_area(client).status_code == 403


@pytest.mark.django_db
def test_partner_reads_shared_layers_by_token_only(api, partner):
    client = api.as_user(partner)
    seen = slugs(client.get("/api/layers/?limit=100"))
    assert PUBLIC | PARTNER_SHARED <= seen == with_visibility("public", "partner")
    assert client.get("/api/layers/police-areas/features/").status_code == 200
    assert client.get("/api/layers/crime-prevention-areas/features/").status_code == 404
    # A layer the partner cannot see answers 404 even to a write; a visible one, 403.
    assert new_area(client).status_code == 404
    assert new_shelter(client).status_code == 403


@pytest.mark.django_db
def test_layer_shared_with_named_agencies_reaches_only_them(api, partner, make_user):
    Layer.objects.filter(slug="police-areas").update(shared_with=[PartnerAgency.MVR])
    assert "police-areas" not in slugs(api.as_user(partner).get("/api/layers/?limit=100"))
    mvr = make_user(Role.PARTNER, "t-mvr", agency=PartnerAgency.MVR)
    assert "police-areas" in slugs(api.as_user(mvr).get("/api/layers/?limit=100"))


@pytest.mark.django_db
def test_organizer_sees_public_layers_and_only_their_own_account(api, organizer, make_user):
    other = make_user(Role.ORGANIZER, "t-organizer-2", organization="Друго сдружение")
    client = api.as_user(organizer)
    seen = slugs(client.get("/api/layers/?limit=100"))
    assert PUBLIC <= seen == with_visibility("public")
    me = client.get("/api/me/").json()
    assert me["username"] == "t-organizer" and me["role"] == Role.ORGANIZER
    # No endpoint lists or reads another organizer's account; the admin refuses them too.
    assert client.get(f"/api/users/{other.pk}/").status_code == 404
    assert new_shelter(client).status_code == 403
    client.force_login(organizer)
    assert client.get(f"/admin/accounts/user/{other.pk}/change/").status_code == 302


@pytest.mark.django_db
def test_admin_edits_the_catalogue_planner_does_not(client, planner, admin_user):
    planner.is_staff = True
    planner.save()
    client.force_login(planner)
    assert client.get("/admin/layers/layer/").status_code == 200
    layer = Layer.objects.get(slug="shelters")
    response = client.post(f"/admin/layers/layer/{layer.pk}/change/", {"title_bg": "X"})
    assert response.status_code == 403
    client.force_login(admin_user)
    assert client.get(f"/admin/layers/layer/{layer.pk}/change/").status_code == 200


@pytest.mark.django_db
def test_history_is_for_staff(api, planner, partner):
    created = new_area(api.as_user(planner)).json()
    url = f"/api/layers/crime-prevention-areas/features/{created['id']}/history/"
    assert api.as_user(planner).get(url).status_code == 200
    api.as_user(partner)
    assert api.get("/api/layers/police-areas/features/1/history/").status_code == 403


@pytest.mark.django_db
def test_token_endpoint_gives_a_working_token(api, partner):
    response = api.post("/api/auth/token/", {"username": "t-partner", "password": "test-password-123"})
    assert response.status_code == 200
    api.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
    assert api.get("/api/me/").json()["role"] == Role.PARTNER
    api.credentials(HTTP_AUTHORIZATION="Token wrong")
    assert api.get("/api/layers/").status_code == 401


@pytest.mark.django_db
def test_point_layer_write_by_planner(api, planner):
    response = api.as_user(planner).post(
        "/api/layers/shelters/features/",
        {
            "type": "Feature",
            "geometry": LARGO,
            "properties": {"name": "Убежище Ларгото", "kind": "shelter", "capacity": 300},
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["properties"]["source"] == "user"
