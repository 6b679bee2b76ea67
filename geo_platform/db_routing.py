"""Reads to the streaming replicas, writes and everything that follows a write to the primary.

A request may read from a replica only when the middleware says so: a safe request
(GET/HEAD/OPTIONS) from a client that has not written in the last READ_YOUR_WRITES_SECONDS.
Everything else — writes, the reads inside a writing request, the reads of a user who just
wrote (a cookie marks them), Celery tasks, management commands and migrations — uses the
primary. So a replica's lag is never seen by the person who caused it, and a job never
reads a row it has just written from a replica that has not replayed it yet.

Raw SQL on the read paths (tiles, feature pages, search, OGC API) asks `read_connection()`
instead of `django.db.connection`.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable
from contextvars import ContextVar

from django.conf import settings
from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.http import HttpRequest, HttpResponse

PRIMARY = "default"
# Set by the cookie below: until this Unix time the client's reads go to the primary.
PIN_COOKIE = "gp_primary_until"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

_replica_allowed: ContextVar[bool] = ContextVar("replica_allowed", default=False)
_rotation = itertools.count()


def replica_aliases() -> list[str]:
    """The database aliases of the replicas (settings.DATABASE_REPLICAS), in order."""
    return list(getattr(settings, "DATABASE_REPLICAS", ()))


def read_alias() -> str:
    """The alias a read of this context uses: a replica (round robin) where allowed, else the primary."""
    replicas = replica_aliases()
    if not replicas or not _replica_allowed.get():
        return PRIMARY
    connection = connections[PRIMARY]
    if connection.in_atomic_block:
        # Inside a transaction on the primary, reads must see its own uncommitted rows.
        return PRIMARY
    return replicas[next(_rotation) % len(replicas)]


def read_connection() -> BaseDatabaseWrapper:
    """The connection raw read-only SQL should run on (see read_alias)."""
    return connections[read_alias()]


class PrimaryReplicaRouter:
    """Django's router: reads per read_alias(), writes and migrations on the primary only."""

    def db_for_read(self, model, **hints) -> str:
        return read_alias()

    def db_for_write(self, model, **hints) -> str:
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints) -> bool:
        # Every alias holds the same database.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints) -> bool:
        return db == PRIMARY


class ReadRoutingMiddleware:
    """Lets safe requests of clients that have not written lately read from a replica."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not replica_aliases():
            return self.get_response(request)
        allowed = request.method in SAFE_METHODS and not _pinned(request)
        token = _replica_allowed.set(allowed)
        try:
            response = self.get_response(request)
        finally:
            _replica_allowed.reset(token)
        if request.method not in SAFE_METHODS and response.status_code < 400:
            seconds = settings.CONFIG.read_your_writes_seconds
            if seconds:
                response.set_cookie(
                    PIN_COOKIE,
                    str(int(time.time()) + seconds),
                    max_age=seconds,
                    httponly=True,
                    samesite="Lax",
                    secure=request.is_secure(),
                )
        return response


def _pinned(request: HttpRequest) -> bool:
    raw = request.COOKIES.get(PIN_COOKIE, "")
    try:
        return int(raw) > time.time()
    except ValueError:
        return False
