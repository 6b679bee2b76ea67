"""Layers whose rows differ by user: a tile holds only the rows its caller may see, and
users whose rows differ never share a cached tile, even within one visibility class."""

from __future__ import annotations

import dataclasses

import pytest
from django.contrib.gis.geos import Polygon
from django.db.models import Q

from geo_platform.accounts.models import Role
from layers import registry
from layers.shelters.models import Shelter
from tests.tile_server.helpers import decode, tile_of, tile_url
from tile_server.grid import Tile

LARGO = (23.3219, 42.6977)


def _own_and_ready(user) -> Q:
    # Like an organizer's events: the public sees ready shelters, a signed-in user also
    # those named after them, staff see all.
    if user.is_authenticated and user.is_staff:
        return Q()
    ready = Q(status="ready")
    return ready | Q(name=f"Укритие на {user.username}") if user.is_authenticated else ready


@pytest.fixture
def per_user_shelters(monkeypatch):
    spec = dataclasses.replace(registry.get_spec("shelters"), rows_visible_to=_own_and_ready)
    monkeypatch.setitem(registry._REGISTRY, "shelters", spec)


def _ids(client, url):
    response = client.get(url)
    return (
        set() if response.status_code == 204 else {f["id"] for f in decode(response)["shelters"]["features"]}
    )


@pytest.mark.django_db
def test_rows_follow_the_user_and_the_cache_keeps_them_apart(
    client, api, make_user, admin_user, per_user_shelters
):
    ana = make_user(Role.ORGANIZER, "ana")
    boris = make_user(Role.ORGANIZER, "boris")
    # A shelter that is not ready, named after Ana, at Largo.
    mine = Shelter.objects.create(
        name="Укритие на ana",
        kind="shelter",
        capacity=50,
        status="needs_repair",
        position="SRID=4326;POINT(23.3219 42.6977)",
    )
    url = tile_url("shelters", *LARGO, 16)
    ready = set(Shelter.objects.filter(status="ready").values_list("pk", flat=True))

    public = _ids(client, url)
    as_ana = _ids(api.as_user(ana), url)
    # Boris is in Ana's visibility class ("public"), but his rows differ: his own tile.
    as_boris = _ids(api.as_user(boris), url)
    as_admin = _ids(api.as_user(admin_user), url)
    assert mine.pk in as_ana
    assert mine.pk not in public and mine.pk not in as_boris
    assert mine.pk in as_admin
    assert public <= ready and as_boris == public
    # Asked again, each is served from the cache and still apart.
    assert _ids(client, url) == public
    # Rows that differ by user are never for shared caches.
    assert client.get(url)["Cache-Control"] == "private, no-cache"
    assert _ids(api.as_user(ana), url) == as_ana


@pytest.mark.django_db
def test_clustered_counts_only_count_visible_rows(client, per_user_shelters):
    # The official lists mark every shelter ready: one that is not, so the filter has work to do.
    Shelter.objects.create(
        name="Укритие в ремонт",
        kind="shelter",
        capacity=40,
        status="needs_repair",
        position="SRID=4326;POINT(23.3219 42.6977)",
    )
    z, (x, y) = 10, tile_of(*LARGO, 10)
    layer = decode(client.get(f"/tiles/shelters/{z}/{x}/{y}.mvt"))["shelters"]
    box = Polygon.from_bbox(Tile(z, x, y).lonlat_bounds())
    ready = Shelter.objects.filter(status="ready", position__within=box).count()
    assert sum(f["properties"]["count"] for f in layer["features"]) == ready
    assert ready < Shelter.objects.filter(position__within=box).count()
