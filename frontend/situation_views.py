"""The Situation Centre's page: a shell; the data comes from /api/situation/."""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from frontend.views import _page
from geo_platform.accounts.roles import policy_for


def situation(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not policy_for(request.user).staff:
        raise PermissionDenied
    return _page(request, "frontend/situation.html")
