"""Bookmarks of the map: named views per user; shared ones for the directorate's staff.

GET lists the user's own and the shared ones; POST saves the current view; DELETE removes
one of the user's own. Only the layers the user may see are kept in a bookmark, and a
shared bookmark shows each reader only the layers that reader may see.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext as _
from rest_framework import permissions
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from frontend.models import Bookmark
from geo_platform.accounts.roles import policy_for
from geo_platform.crs import SOFIA_BOUNDS
from geo_platform.errors import Forbidden, InvalidParameter, NotFound
from layers.selectors import visible_layers

MAX_PER_USER = 200


def _visible_slugs(user) -> set[str]:
    return set(visible_layers(user).values_list("slug", flat=True))


def _out(bookmark: Bookmark, user, slugs: set[str]) -> dict:
    return {
        "id": bookmark.pk,
        "name": bookmark.name,
        "center": [bookmark.latitude, bookmark.longitude],
        "zoom": bookmark.zoom,
        "layers": [slug for slug in bookmark.layers if slug in slugs],
        "shared": bookmark.shared,
        "mine": bookmark.owner_id == user.pk,
        "owner": bookmark.owner.get_username(),
        "created_at": bookmark.created_at.isoformat(),
    }


def _number(data: dict, name: str, label: str) -> float:
    try:
        value = float(data.get(name))
    except (TypeError, ValueError):
        raise InvalidParameter(_("%(what)s must be a number.") % {"what": label}, parameter=name) from None
    return value


class BookmarksView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    def get(self, request: Request) -> Response:
        user = request.user
        shared = Q(shared=True) if policy_for(user).staff else Q(pk__in=[])
        bookmarks = Bookmark.objects.filter(Q(owner=user) | shared).select_related("owner")
        slugs = _visible_slugs(user)
        return Response({"results": [_out(b, user, slugs) for b in bookmarks]})

    def post(self, request: Request) -> Response:
        user, data = request.user, request.data if isinstance(request.data, dict) else {}
        name = str(data.get("name") or "").strip()
        if not name:
            raise InvalidParameter(_("Give the bookmark a name."), parameter="name")
        if len(name) > 100:
            raise InvalidParameter(_("The name is too long: at most 100 characters."), parameter="name")
        center = data.get("center")
        if not isinstance(center, list | tuple) or len(center) != 2:
            raise InvalidParameter(
                _("The view has no centre: move the map and try again."), parameter="center"
            )
        lat = _number({"lat": center[0]}, "lat", _("The latitude"))
        lon = _number({"lon": center[1]}, "lon", _("The longitude"))
        min_x, min_y, max_x, max_y = SOFIA_BOUNDS
        if not (min_x - 1 <= lon <= max_x + 1 and min_y - 1 <= lat <= max_y + 1):
            raise InvalidParameter(_("The view is too far from Sofia to be saved."), parameter="center")
        zoom = _number(data, "zoom", _("The zoom"))
        if not 0 <= zoom <= 19:
            raise InvalidParameter(_("The zoom must be between 0 and 19."), parameter="zoom")
        shared = bool(data.get("shared"))
        if shared and not policy_for(user).staff:
            raise Forbidden(_("Only the directorate's staff can share bookmarks."))
        if Bookmark.objects.filter(owner=user).count() >= MAX_PER_USER:
            raise InvalidParameter(
                _("You have %(count)s bookmarks, the most allowed: delete some first.")
                % {"count": MAX_PER_USER}
            )
        slugs = _visible_slugs(user)
        layers = data.get("layers") or []
        if not isinstance(layers, list):
            raise InvalidParameter(_("The layers must be a list."), parameter="layers")
        bookmark = Bookmark.objects.create(
            owner=user,
            name=name,
            latitude=lat,
            longitude=lon,
            zoom=round(zoom),
            layers=[slug for slug in layers if isinstance(slug, str) and slug in slugs],
            shared=shared,
        )
        return Response(_out(bookmark, user, slugs), status=201)


class BookmarkView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    def delete(self, request: Request, bookmark_id: int) -> Response:
        deleted, _count = Bookmark.objects.filter(pk=bookmark_id, owner=request.user).delete()
        if not deleted:
            raise NotFound(_("No such bookmark of yours: it may have been deleted already."))
        return Response(status=204)
