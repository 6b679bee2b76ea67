"""Tile endpoints as plain Django views: parse, resolve the layers the caller may see, serve.

They skip DRF's request machinery because a cached tile must cost well under a
millisecond; errors still come out as the API's JSON `{"error": code, "detail": ...}`.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.views.decorators.http import require_safe
from rest_framework.authentication import get_authorization_header

from geo_platform.accounts.tokens import ExpiringTokenAuthentication
from geo_platform.api import json_errors
from layers.selectors import visible_layers
from tile_server.layers import parse_layer_list, resolve_layers
from tile_server.params import parse_tile
from tile_server.responses import tile_response
from tile_server.service import read_tile
from tile_server.tilejson import tilejson


def request_user(request: HttpRequest):
    """The caller: an API token if one is sent (partners' scripts), else the session."""
    if get_authorization_header(request):
        authenticated = ExpiringTokenAuthentication().authenticate(request)
        if authenticated is not None:
            return authenticated[0]
    return request.user


@require_safe
@json_errors
def tile(request: HttpRequest, layers: str, z: str, x: str, y: str) -> HttpResponse:
    """GET /tiles/{layer}/{z}/{x}/{y}.mvt, or several layers as /tiles/{a,b,c}/…"""
    address = parse_tile(z, x, y)
    slugs = parse_layer_list(layers)
    read = read_tile(request_user(request), slugs, address)
    return tile_response(request, read.parts, public=read.public)


@require_safe
@json_errors
def tilejson_document(request: HttpRequest, layers: str) -> HttpResponse:
    """GET /tiles/{layer}.json: TileJSON 3.0 for a layer or a composite."""
    user = request_user(request)
    slugs = parse_layer_list(layers)
    requested = resolve_layers({layer.slug: layer for layer in visible_layers(user)}, slugs)
    # URL helpers escape braces, so the {z}/{x}/{y} template is put on after them.
    origin = reverse("tiles:tile", kwargs={"layers": layers, "z": "0", "x": "0", "y": "0"})
    url = request.build_absolute_uri(origin.removesuffix("0/0/0.mvt")) + "{z}/{x}/{y}.mvt"
    return JsonResponse(
        tilejson(requested, user=user, tiles_url=url), json_dumps_params={"ensure_ascii": False}
    )
