"""Server-sent events: new incidents reach the operator's map without reloading.

Each connection lives at most STREAM_SECONDS and then ends; the browser's EventSource
reconnects after `retry` ms with Last-Event-ID, so nothing is missed and a gunicorn thread
is never held for long (the server has 2 workers × 4 threads). The cursor is the incident id:
the stream polls one indexed query every POLL_SECONDS, which keeps the push latency well under 2 s
without a message broker in the path.
"""

from __future__ import annotations

import json
import time

from django.http import JsonResponse, StreamingHttpResponse
from django.utils.translation import gettext as _
from rest_framework.authentication import TokenAuthentication, get_authorization_header
from rest_framework.exceptions import AuthenticationFailed

from geo_platform.accounts.roles import policy_for
from layers.situation.api.outputs import incident_summary
from layers.situation.selectors.incidents import incidents_after, latest_id

STREAM_SECONDS = 25
POLL_SECONDS = 0.3
HEARTBEAT_SECONDS = 10
RETRY_MS = 1000


def _cursor(request) -> int:
    for value in (request.headers.get("Last-Event-ID"), request.GET.get("after")):
        if value and value.isdigit():
            return int(value)
    return latest_id()


def _events(last_id: int, *, seconds: float):
    yield f"retry: {RETRY_MS}\n\n"
    started = beat = time.monotonic()
    while time.monotonic() - started < seconds:
        incidents = incidents_after(last_id)
        for incident in incidents:
            last_id = incident.pk
            data = json.dumps(incident_summary(incident), ensure_ascii=False)
            yield f"id: {last_id}\nevent: incident\ndata: {data}\n\n"
        if not incidents:
            if time.monotonic() - beat > HEARTBEAT_SECONDS:
                beat = time.monotonic()
                yield ": alive\n\n"
            time.sleep(POLL_SECONDS)
    yield f"id: {last_id}\nevent: bye\ndata: {{}}\n\n"


def _user(request):
    """A token (scripts, the benchmark) if one is sent, else the session (the operator's browser)."""
    if get_authorization_header(request):
        try:
            authenticated = TokenAuthentication().authenticate(request)
        except AuthenticationFailed:
            return None
        if authenticated is not None:
            return authenticated[0]
    return request.user


def incident_stream(request):
    if not policy_for(_user(request)).staff:
        return JsonResponse(
            {
                "error": "forbidden",
                "detail": _("Incidents are for the Situation Centre and the directorate's staff."),
            },
            status=403,
        )
    try:
        seconds = min(float(request.GET.get("seconds", STREAM_SECONDS)), STREAM_SECONDS)
    except ValueError:
        seconds = STREAM_SECONDS
    response = StreamingHttpResponse(
        _events(_cursor(request), seconds=seconds), content_type="text/event-stream"
    )
    response["Cache-Control"] = "no-cache"
    response["X-Accel-Buffering"] = "no"
    return response
