"""/healthz: the database, PostGIS and Redis, for deployment checks.

Anonymous callers (load balancers, the container health check) learn only ok / not ok;
staff also see the versions and the error of a failing check.
"""

from __future__ import annotations

import logging

import redis
from django.conf import settings
from django.db import DatabaseError, connection
from django.http import JsonResponse

from geo_platform.accounts.roles import policy_for

logger = logging.getLogger(__name__)


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
    status = 200 if healthy else 503
    if not healthy:
        logger.warning("Health check failed: %s", checks)
    if request.user.is_authenticated and policy_for(request.user).staff:
        return JsonResponse({"status": "ok" if healthy else "unavailable", **checks}, status=status)
    return JsonResponse({"status": "ok" if healthy else "unavailable"}, status=status)
