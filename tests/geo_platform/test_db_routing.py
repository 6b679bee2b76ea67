"""Which database a read uses: the replica only for safe requests of clients that have not just written."""

from __future__ import annotations

import time

import pytest
from django.db import transaction
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from geo_platform import db_routing
from geo_platform.db_routing import PIN_COOKIE, PrimaryReplicaRouter, ReadRoutingMiddleware, read_alias

REPLICAS = override_settings(DATABASE_REPLICAS=["replica1", "replica2"])


def routed(request, status=200):
    """(the alias reads used inside the request, the response)."""
    seen = {}

    def view(req):
        seen["alias"] = read_alias()
        return HttpResponse(status=status)

    response = ReadRoutingMiddleware(view)(request)
    return seen["alias"], response


@REPLICAS
def test_outside_a_request_everything_uses_the_primary():
    # Celery tasks, management commands and migrations never read from a replica.
    assert read_alias() == "default"
    assert PrimaryReplicaRouter().db_for_write(None) == "default"


@REPLICAS
def test_safe_requests_read_from_the_replicas_in_turn():
    factory = RequestFactory()
    aliases = {routed(factory.get("/api/layers/"))[0] for _ in range(4)}
    assert aliases == {"replica1", "replica2"}


@REPLICAS
def test_a_writing_request_reads_its_own_writes_and_pins_the_client():
    alias, response = routed(RequestFactory().post("/api/layers/schools/features/"), status=201)
    assert alias == "default"
    until = int(response.cookies[PIN_COOKIE].value)
    assert time.time() < until <= time.time() + 10


@REPLICAS
def test_a_failed_write_does_not_pin():
    _, response = routed(RequestFactory().post("/api/layers/schools/features/"), status=400)
    assert PIN_COOKIE not in response.cookies


@REPLICAS
def test_a_client_that_just_wrote_reads_from_the_primary_until_the_pin_expires():
    factory = RequestFactory()
    pinned = factory.get("/api/layers/schools/features/1/")
    pinned.COOKIES[PIN_COOKIE] = str(int(time.time()) + 5)
    assert routed(pinned)[0] == "default"
    expired = factory.get("/api/layers/schools/features/1/")
    expired.COOKIES[PIN_COOKIE] = str(int(time.time()) - 1)
    assert routed(expired)[0].startswith("replica")
    forged = factory.get("/api/layers/schools/features/1/")
    forged.COOKIES[PIN_COOKIE] = "not-a-time"
    assert routed(forged)[0].startswith("replica")


@REPLICAS
@pytest.mark.django_db
def test_inside_a_transaction_reads_stay_on_the_primary():
    token = db_routing._replica_allowed.set(True)
    try:
        with transaction.atomic():
            assert read_alias() == "default"
    finally:
        db_routing._replica_allowed.reset(token)


def test_without_replicas_everything_uses_the_primary():
    assert routed(RequestFactory().get("/api/layers/"))[0] == "default"


def test_migrations_only_on_the_primary():
    router = PrimaryReplicaRouter()
    assert router.allow_migrate("default", "layers") is True
    assert router.allow_migrate("replica1", "layers") is False
