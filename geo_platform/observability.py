"""Request ids in every log line, and the Prometheus metrics the operators alert on.

The request id comes from the proxy (nginx sets X-Request-ID) or is made here; it is sent back
in the response and written in every log record of the request, so one user's report can be
followed through nginx, gunicorn and the logs of the app.

/metrics (django-prometheus) is served to the loopback and the addresses in METRICS_ALLOWED_IPS
only (and staff); nginx does not pass it on. With several gunicorn workers set
PROMETHEUS_MULTIPROC_DIR so the numbers of all workers add up.
"""

from __future__ import annotations

import logging
import os
import re
import uuid
from collections.abc import Callable, Iterator
from contextvars import ContextVar

from django.http import HttpRequest, HttpResponse, HttpResponseForbidden
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily

_request_id: ContextVar[str] = ContextVar("request_id", default="-")
_VALID_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")

TILE_CACHE_LOOKUPS = Counter(
    "geo_tile_cache_lookups_total", "Tile layer lookups in the tile cache, by result.", ["result"]
)
# Tiles take a lean path without django-prometheus's per-view metrics (tile_server/middleware.py).
TILE_REQUEST_SECONDS = Histogram(
    "geo_tile_request_seconds",
    "Time to answer a vector tile request in the app, by status class (2xx, 3xx, 4xx, 5xx).",
    ["status"],
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5),
)
TASK_SECONDS = Histogram(
    "geo_celery_task_seconds",
    "Duration of Celery tasks, by task name and outcome.",
    ["task", "outcome"],
    buckets=(0.1, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 900, 1800, 3600),
)


def current_request_id() -> str:
    return _request_id.get()


class RequestIdMiddleware:
    """Takes X-Request-ID from the proxy when it is well formed, else makes one; echoes it back."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if _VALID_ID.match(incoming) else uuid.uuid4().hex
        token = _request_id.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            _request_id.reset(token)
        response["X-Request-ID"] = request_id
        return response


class RequestIdFilter(logging.Filter):
    """Adds `request_id` to every record (a dash outside requests)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = _request_id.get()
        return True


def _metrics_allowed(request: HttpRequest) -> bool:
    allowed = {"127.0.0.1", "::1"} | {
        address.strip() for address in os.environ.get("METRICS_ALLOWED_IPS", "").split(",") if address.strip()
    }
    if request.META.get("REMOTE_ADDR") in allowed and "HTTP_X_FORWARDED_FOR" not in request.META:
        return True
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated and user.is_staff)


def metrics(request: HttpRequest) -> HttpResponse:
    """django-prometheus's exporter, for the monitoring host and staff only."""
    if not _metrics_allowed(request):
        return HttpResponseForbidden("Metrics are served to the monitoring host only.")
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        # Every gunicorn worker (and the Celery workers on this host) writes to the directory.
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
    else:
        registry = REGISTRY
    queues = CollectorRegistry()
    queues.register(QueueLengthCollector())
    body = generate_latest(registry) + generate_latest(queues)
    return HttpResponse(body, content_type=CONTENT_TYPE_LATEST)


class QueueLengthCollector:
    """geo_celery_queue_messages{queue}: messages waiting in each Celery queue, asked at scrape time."""

    def collect(self) -> Iterator[GaugeMetricFamily]:
        from django.conf import settings

        family = GaugeMetricFamily(
            "geo_celery_queue_messages", "Messages waiting in each Celery queue.", labels=["queue"]
        )
        try:
            from geo_platform.celery import app

            with app.connection_for_read() as connection:
                channel = connection.default_channel
                for queue in settings.CELERY_QUEUE_NAMES:
                    try:
                        _, waiting, _ = channel.queue_declare(queue=queue, passive=True)
                    except Exception:  # noqa: BLE001 — a queue not declared yet holds nothing
                        waiting = 0
                        channel = connection.channel()
                    family.add_metric([queue], waiting)
        except Exception:  # noqa: BLE001 — a broker that is down must not break the scrape
            logging.getLogger(__name__).warning("Could not read the Celery queue lengths.")
            return
        yield family
