"""The platform's exception hierarchy and the one handler that maps it to HTTP.

Every app raises subclasses of PlatformError; the handler turns them (and DRF's own
exceptions) into a JSON body `{"error": code, "detail": message, ...}` with the status
the class declares, so a client always gets a clear 4xx instead of a 500.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions as drf_exceptions
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


class PlatformError(Exception):
    status_code = 400
    code = "bad_request"
    default_detail = _("The request could not be processed.")

    def __init__(self, detail: Any = None, **extra: Any) -> None:
        self.detail = detail if detail is not None else self.default_detail
        self.extra = extra
        super().__init__(str(self.detail))


class InvalidParameter(PlatformError):
    code = "invalid_parameter"


class InvalidGeometry(PlatformError):
    code = "invalid_geometry"


class NotFound(PlatformError):
    status_code = 404
    code = "not_found"
    default_detail = _("Not found.")


class Forbidden(PlatformError):
    status_code = 403
    code = "forbidden"
    default_detail = _("You do not have permission to perform this action.")


class Conflict(PlatformError):
    status_code = 409
    code = "conflict"


def error_body(code: str, detail: Any, **extra: Any) -> dict:
    body = {"error": code, "detail": detail}
    body.update(extra)
    return body


def api_exception_handler(exc: Exception, context: dict) -> Response | None:
    """DRF EXCEPTION_HANDLER: PlatformError and DRF errors as one JSON shape."""
    if isinstance(exc, PlatformError):
        return Response(error_body(exc.code, exc.detail, **exc.extra), status=exc.status_code)
    if isinstance(exc, Http404):
        exc = drf_exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = drf_exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is not None and isinstance(exc, drf_exceptions.APIException):
        detail = response.data
        if isinstance(detail, dict) and set(detail) == {"detail"}:
            detail = detail["detail"]
        response.data = error_body(exc.default_code, detail)
    return response
