"""The lean path of a tile: GET/HEAD /tiles/…/z/x/y.mvt through only the middleware a tile needs.

The full stack costs about 0.6 ms of CPU per request (measured with bench/tile_profile.py),
as much as a small cached tile itself. A tile needs from it: the request id (logs), the
security headers, CORS (partner maps), the session and the user (what a role may see),
the language (error messages), the one JSON error shape, the request guards (NUL, size),
X-Frame-Options and the read routing to the replicas. It does not need static files,
CommonMiddleware's slash handling (tile paths end in .mvt), CSRF (GET and HEAD only; other
methods take the full stack), messages, django-axes (sign-ins), or django-prometheus's
per-view request metrics: tiles have their own latency histogram instead,
`geo_tile_request_seconds{status}`, next to the cache's `geo_tile_cache_lookups_total`.

The CSP header is still sent, the same policy built once: CSP has no effect on a binary
answer, but the headers of a tile stay what they were. Content-Length is set as
CommonMiddleware would. Every other answer (TileJSON, the API, pages) takes the full stack.

This middleware is the first in settings.MIDDLEWARE, so it sees every request first and
hands all but tiles on unchanged.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.core.handlers.exception import convert_exception_to_response
from django.http import HttpRequest, HttpResponse
from django.urls import resolve
from django.utils.module_loading import import_string

from geo_platform.observability import TILE_REQUEST_SECONDS

# In the order of settings.MIDDLEWARE.
LEAN_MIDDLEWARE = (
    "geo_platform.observability.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "geo_platform.middleware.JsonErrorMiddleware",
    "geo_platform.middleware.RequestGuardMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "geo_platform.db_routing.ReadRoutingMiddleware",
)
_LEAN_METHODS = frozenset({"GET", "HEAD"})


def is_tile_request(request: HttpRequest) -> bool:
    path = request.path_info
    return request.method in _LEAN_METHODS and path.startswith("/tiles/") and path.endswith(".mvt")


def _view(request: HttpRequest) -> HttpResponse:
    """URL resolution and the view, as Django's handler does it (a miss raises Resolver404)."""
    match = resolve(request.path_info)
    request.resolver_match = match
    response = match.func(request, *match.args, **match.kwargs)
    if not response.streaming and not response.has_header("Content-Length"):
        response.headers["Content-Length"] = str(len(response.content))
    return response


class _SameCsp:
    """The CSP header the full stack would send, built by django-csp once per process."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.header: tuple[str, str] | None = None

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if self.header is None:
            from csp.middleware import CSPMiddleware

            built = CSPMiddleware(lambda _request: HttpResponse()).process_response(request, HttpResponse())
            name = next(
                (h for h in ("Content-Security-Policy", "Content-Security-Policy-Report-Only") if h in built),
                "",
            )
            self.header = (name, built[name] if name else "")
        name, value = self.header
        if name and name not in response:
            response[name] = value
        return response


def _chain(
    paths: tuple[str, ...], inner: Callable[[HttpRequest], HttpResponse]
) -> Callable[[HttpRequest], HttpResponse]:
    """Middleware around `inner` as Django's handler stacks it: each layer turns exceptions into answers."""
    handler = convert_exception_to_response(inner)
    for path in reversed(paths):
        handler = convert_exception_to_response(import_string(path)(handler))
    return handler


class LeanTilePathMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        # CSP sits where the full stack has it: inside X-Frame-Options, outside the routing.
        self.lean = _chain(LEAN_MIDDLEWARE, _SameCsp(_view))

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not is_tile_request(request):
            return self.get_response(request)
        started = time.perf_counter()
        response = self.lean(request)
        TILE_REQUEST_SECONDS.labels(status=f"{response.status_code // 100}xx").observe(
            time.perf_counter() - started
        )
        return response
