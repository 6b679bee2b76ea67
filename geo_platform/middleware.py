"""Request guards that hold for every view, and the one JSON error shape of /api/ and /tiles/.

`RequestGuardMiddleware` refuses, before any view runs:
- a body larger than the limits (413), from its Content-Length, before anything is read
  (Django's LimitedStream never reads past Content-Length, so a client cannot send more);
- the NUL character in the path, the query string, form fields or a JSON/text body (400):
  PostgreSQL cannot store it in text, so it would otherwise fail deep in a query as a 500.

`JsonErrorMiddleware` gives every error on /api/ and /tiles/ — Django's own 400/403/404/405/
500 pages included — the body `{"error": code, "detail": message}` of geo_platform.errors,
and keeps Django's plain pages (never a traceback or URL list with DEBUG off) elsewhere.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_

from geo_platform.errors import error_body

API_PREFIXES = ("/api/", "/tiles/", "/ogc/")
# Paths under the prefixes that are pages, not API answers.
HTML_PATHS = ("/api/docs/",)

# A JSON string escape for U+0000 that is not itself an escaped backslash.
_JSON_NUL = re.compile(rb"(?<!\\)(?:\\\\)*\\u0000", re.IGNORECASE)
_TEXT_TYPES = ("application/json", "application/geo+json", "text/", "application/x-www-form-urlencoded")


def is_api_path(path: str) -> bool:
    return path.startswith(API_PREFIXES) and not path.startswith(HTML_PATHS)


def _error(request: HttpRequest, status: int, code: str, detail: str, **extra) -> HttpResponse:
    if is_api_path(request.path_info):
        return JsonResponse(
            error_body(code, detail, **extra), status=status, json_dumps_params={"ensure_ascii": False}
        )
    return HttpResponse(detail, status=status, content_type="text/plain; charset=utf-8")


def _nul_message() -> str:
    return _(
        "The request contains the NUL character (%00), which no text may contain; remove it and try again."
    )


class RequestGuardMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        refused = self._too_large(request) or self._nul(request)
        if refused is not None:
            return refused
        return self.get_response(request)

    @staticmethod
    def _too_large(request: HttpRequest) -> HttpResponse | None:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return _error(request, 400, "bad_request", _("The Content-Length header is not a number."))
        multipart = request.content_type.startswith("multipart/")
        limit = settings.MAX_REQUEST_BYTES if multipart else settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if length > limit:
            return _error(
                request,
                413,
                "request_too_large",
                _("The request is larger than %(limit)s MB; send a smaller file or fewer data.")
                % {"limit": round(limit / (1024 * 1024), 1)},
            )
        return None

    @staticmethod
    def _nul(request: HttpRequest) -> HttpResponse | None:
        if "\x00" in request.path_info:
            return _error(request, 400, "invalid_parameter", _nul_message())
        for key, values in request.GET.lists():
            if "\x00" in key or any("\x00" in value for value in values):
                return _error(request, 400, "invalid_parameter", _nul_message(), parameter=key.strip("\x00"))
        if not request.META.get("CONTENT_LENGTH") or request.method in ("GET", "HEAD", "OPTIONS"):
            return None
        content_type = request.content_type or ""
        if content_type.startswith("multipart/form-data"):
            if request.method == "POST":
                for key, values in request.POST.lists():
                    if "\x00" in key or any("\x00" in value for value in values):
                        return _error(request, 400, "invalid_parameter", _nul_message(), parameter=key)
            return None
        if content_type.startswith(_TEXT_TYPES) or content_type.endswith("+json"):
            body = request.body
            if (
                b"\x00" in body
                or _JSON_NUL.search(body)
                or (content_type.startswith("application/x-www-form-urlencoded") and b"%00" in body)
            ):
                return _error(request, 400, "invalid_parameter", _nul_message())
        return None


_STATUS_CODES = {
    400: ("bad_request", N_("The request could not be understood.")),
    401: ("not_authenticated", N_("Authentication credentials were not provided.")),
    403: ("permission_denied", N_("You do not have permission to perform this action.")),
    404: ("not_found", N_("Not found.")),
    405: ("method_not_allowed", N_("This method is not allowed here.")),
    406: ("not_acceptable", N_("The requested format is not available.")),
    413: ("request_too_large", N_("The request is too large.")),
    415: ("unsupported_media_type", N_("The body's media type is not supported.")),
    429: ("throttled", N_("Too many requests; wait a little and try again.")),
    500: ("server_error", N_("Something went wrong on our side; the error was logged.")),
    502: ("bad_gateway", N_("The service is unavailable; try again later.")),
    503: ("unavailable", N_("The service is unavailable; try again later.")),
}


def _generic(status: int) -> tuple[str, str]:
    code, detail = _STATUS_CODES.get(status, ("server_error" if status >= 500 else "bad_request", ""))
    return code, _(detail) if detail else ""


class JsonErrorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code < 400 or not is_api_path(request.path_info):
            return response
        content_type = response.get("Content-Type", "")
        if "json" in content_type:
            return response
        code, detail = _generic(response.status_code)
        replacement = JsonResponse(
            error_body(code, detail), status=response.status_code, json_dumps_params={"ensure_ascii": False}
        )
        for header in ("Allow", "Retry-After", "WWW-Authenticate", "Vary"):
            if header in response:
                replacement[header] = response[header]
        return replacement
