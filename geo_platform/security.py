"""Brute-force limits: the client address, django-axes' lockout answer and scoped throttles.

- Sign-in (the login page, `/api/auth/token/`, the admin) goes through django-axes: after
  AXES_FAILURE_LIMIT failures for one username from one address, that pair is locked out for
  AXES_COOLOFF_TIME (settings); a success resets the count.
- DRF throttles per scope (settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]): `auth` for
  token requests, `register` for self-registration, `password_reset` for the reset form.
- The client address is REMOTE_ADDR unless TRUSTED_PROXY_COUNT (environment) says how many
  proxies of ours stand in front: only then is X-Forwarded-For read, from the right, so a
  client cannot pick its own address by sending the header.
"""

from __future__ import annotations

import math
from functools import wraps

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from rest_framework.throttling import ScopedRateThrottle

from geo_platform.errors import error_body
from geo_platform.middleware import is_api_path


def client_ip(request: HttpRequest) -> str:
    """The caller's address, trusting X-Forwarded-For only as far as TRUSTED_PROXY_COUNT allows."""
    meta = getattr(request, "META", {})
    remote = meta.get("REMOTE_ADDR", "")
    proxies = settings.CONFIG.trusted_proxy_count
    forwarded = meta.get("HTTP_X_FORWARDED_FOR")
    if not proxies or not forwarded:
        return remote
    addresses = [part.strip() for part in forwarded.split(",") if part.strip()]
    if not addresses:
        return remote
    return addresses[-min(proxies, len(addresses))]


def lockout_message() -> str:
    minutes = math.ceil(settings.AXES_COOLOFF_TIME.total_seconds() / 60)
    return _(
        "Too many failed sign-in attempts for this account from your address; "
        "try again in %(minutes)s minutes or reset the password."
    ) % {"minutes": minutes}


def lockout_response(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """AXES_LOCKOUT_CALLABLE: 429 in the API's JSON shape, or a page for the sign-in form."""
    retry_after = str(int(settings.AXES_COOLOFF_TIME.total_seconds()))
    if is_api_path(request.path_info):
        response = JsonResponse(error_body("locked_out", lockout_message()), status=429)
    else:
        response = render(request, "registration/locked_out.html", {"message": lockout_message()}, status=429)
    response["Retry-After"] = retry_after
    return response


class ScopedThrottle(ScopedRateThrottle):
    """Scoped throttle keyed by `client_ip` (the same address axes uses), counted in the
    "throttle" cache (Redis, shared by the server's workers)."""

    @property
    def cache(self):
        return caches["throttle"]

    def get_ident(self, request) -> str:
        return client_ip(request)


def throttled_view(scope: str, methods: tuple[str, ...] = ("POST",)):
    """Apply a DRF scoped throttle to a plain Django view (e.g. the password-reset form)."""

    def decorate(view):
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs):
            if request.method in methods:
                throttle = ScopedThrottle()
                holder = type("View", (), {"throttle_scope": scope})()
                if not throttle.allow_request(request, holder):
                    wait = math.ceil(throttle.wait() or 60)
                    message = _("Too many requests; try again in %(seconds)s seconds.") % {"seconds": wait}
                    response = render(
                        request, "registration/locked_out.html", {"message": message}, status=429
                    )
                    response["Retry-After"] = str(wait)
                    return response
            return view(request, *args, **kwargs)

        return wrapper

    return decorate
