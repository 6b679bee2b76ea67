"""The platform's exception hierarchy and the one handler that maps it to HTTP.

Every app raises subclasses of PlatformError; the handler turns them (and DRF's own
exceptions) into a JSON body `{"error": code, "detail": message, ...}` with the status
the class declares, so a client always gets a clear 4xx instead of a 500.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from django.utils.translation import gettext
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


def error_body(code: str, detail: Any, **extra: Any) -> dict[str, Any]:
    body = {"error": code, "detail": detail}
    body.update(extra)
    return body


def api_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
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


@contextmanager
def core_errors(
    core_error: type[Exception] | tuple[type[Exception], ...],
    *,
    messages: Mapping[str, Any] | None = None,
    message: Callable[[Any], str | None] | None = None,
    error: Callable[[Any], type[PlatformError]] | None = None,
    parameter_names: Mapping[str, str] | None = None,
    show_parameter: bool = True,
    show_reason: bool = False,
) -> Iterator[None]:
    """Run analysis-core code; its input errors become the platform's 400 in the user's words.

    Every `risk_models` package's base error carries `.parameter` (the input at fault) and
    `.expected` (what it should be, in English). The message is, in order: `message(exc)`, the
    translated `messages[exc.parameter]`, or a generic sentence with `.expected`. The body names
    the parameter by its API name (`parameter_names`) unless `show_parameter` is off (where the
    core's names mean nothing to the user), and with `show_reason` keeps the core's English text.
    """
    try:
        yield
    except core_error as exc:
        parameter = getattr(exc, "parameter", "")
        detail = message(exc) if message is not None else None
        if detail is None and messages and parameter in messages:
            detail = str(messages[parameter])
        if detail is None:
            detail = gettext("The analysis cannot run with this input: %(expected)s.") % {
                "expected": getattr(exc, "expected", "") or str(exc)
            }
        extra: dict[str, Any] = {}
        if show_parameter and parameter:
            extra["parameter"] = (parameter_names or {}).get(parameter, parameter)
        if show_reason:
            extra["reason"] = str(exc).split(": ", 1)[-1]
        raise (error(exc) if error is not None else InvalidParameter)(detail, **extra) from None
