"""What every API view of the platform shares: parsing a body with a serializer, yes/no query
flags, the GeoJSON renderer, and the JSON error body for plain Django views (tiles)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.renderers import JSONRenderer
from rest_framework.serializers import BaseSerializer

from geo_platform.errors import PlatformError, error_body

GEOJSON = "application/geo+json"
# What a query flag (`?repair=`, `?background=`...) accepts as yes.
TRUE_WORDS = frozenset({"1", "true", "yes", "on"})


def valid(serializer_class: type[BaseSerializer[Any]], data: Any, **kwargs: Any) -> Any:
    """The serializer's validated data, or DRF's 400 naming the fields at fault."""
    serializer = serializer_class(data=data, **kwargs)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def is_true(value: str | None) -> bool:
    """A query flag's value as a yes/no (missing is no)."""
    return (value or "").lower() in TRUE_WORDS


class GeoJSONRenderer(JSONRenderer):
    """Lets clients ask for application/geo+json (OGC API clients do) without a 406; bytes pass as they are."""

    media_type = GEOJSON
    format = "geojson"

    def render(
        self, data: Any, accepted_media_type: str | None = None, renderer_context: Any = None
    ) -> bytes:
        if isinstance(data, bytes):
            return data
        return super().render(data, accepted_media_type, renderer_context)


def json_errors(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """For plain Django views (tiles): platform errors and failed token logins as the API's JSON error body."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except PlatformError as exc:
            return JsonResponse(error_body(exc.code, str(exc.detail), **exc.extra), status=exc.status_code)
        except AuthenticationFailed as exc:
            response = JsonResponse(error_body(exc.default_code, str(exc.detail)), status=401)
            response["WWW-Authenticate"] = "Token"
            return response

    return wrapped
