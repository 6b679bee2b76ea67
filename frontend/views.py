"""Pages of the interactive map. The pages are shells; the data comes from the JSON API."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language

from frontend.roles import role_label, tools_for
from geo_platform.accounts.roles import policy_for, role_of
from geo_platform.crs import SOFIA_BOUNDS
from geo_platform.errors import NotFound
from layers import selectors

# Central Sofia (lat, lon) and a zoom that shows the whole city.
INITIAL_CENTER = (42.6977, 23.3219)
INITIAL_ZOOM = 12
# Vector tiles of the tile server; `{layers}` is one slug or several joined by commas.
TILES_URL = "/tiles/{layers}/{z}/{x}/{y}.mvt"


def client_config(request) -> dict:
    """What the map script needs to know about the user, the URLs and the base map."""
    user = request.user
    policy = policy_for(user)
    return {
        "language": get_language() or settings.LANGUAGE_CODE,
        "user": {
            "authenticated": user.is_authenticated,
            "username": user.get_username() if user.is_authenticated else "",
            "role": role_of(user),
            "roleLabel": role_label(user),
            "staff": policy.staff,
            "editsLayers": policy.edits_layers,
        },
        "tools": list(tools_for(user)),
        "baseMap": {"url": settings.BASE_MAP_URL, "attribution": settings.BASE_MAP_ATTRIBUTION},
        "view": {"center": INITIAL_CENTER, "zoom": INITIAL_ZOOM, "bounds": SOFIA_BOUNDS},
        "urls": {
            "layers": reverse("layer-list"),
            "search": reverse("search"),
            "tiles": TILES_URL,
            "featureDetails": reverse("feature-detail", kwargs={"slug": "__slug__", "feature_id": 0}),
            "login": settings.LOGIN_URL,
        },
        "csrfToken": get_token(request),
    }


def _page(request, template: str, context: dict | None = None, *, status: int = 200):
    tools = tools_for(request.user)
    base = {
        "config": client_config(request),
        "tools": tools,
        "role_label": role_label(request.user),
    }
    return render(request, template, {**base, **(context or {})}, status=status)


def map_view(request):
    """The full-screen map."""
    return _page(request, "frontend/map.html")


def feature_detail(request, slug: str, feature_id: int):
    """One feature's attributes and, for staff, its history (both read from the API)."""
    try:
        layer, spec = selectors.get_visible_layer(request.user, slug)
        selectors.get_feature(spec, feature_id, user=request.user)
    except NotFound as exc:
        raise Http404(str(exc)) from None
    return _page(
        request,
        "frontend/feature_detail.html",
        {"layer": layer, "feature_id": feature_id, "history": "history" in tools_for(request.user)},
    )


def events_portal(request):
    """Entry to the mass-event portal for organizers; the portal itself comes later."""
    return _page(request, "frontend/events_portal.html")
