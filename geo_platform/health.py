"""/healthz: the database, PostGIS and Redis, for deployment checks."""

from __future__ import annotations

import redis
from django.conf import settings
from django.db import DatabaseError, connection
from django.http import JsonResponse


def _database() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT PostGIS_Lib_Version(), current_setting('server_version')")
            postgis, postgres = cursor.fetchone()
        return {"ok": True, "postgres": postgres, "postgis": postgis}
    except DatabaseError as exc:
        return {"ok": False, "error": str(exc).splitlines()[0]}


def _redis() -> dict:
    try:
        client = redis.Redis.from_url(settings.CONFIG.redis_url, socket_timeout=2, socket_connect_timeout=2)
        info = client.info("server")
        return {"ok": True, "version": info.get("redis_version")}
    except redis.RedisError as exc:
        return {"ok": False, "error": str(exc)}


def healthz(request):
    checks = {"database": _database(), "redis": _redis()}
    healthy = all(check["ok"] for check in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", **checks}, status=200 if healthy else 503
    )
