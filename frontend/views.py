"""Pages of the interactive map. The pages are shells; the data comes from the JSON API."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from rest_framework.authtoken.models import Token

from frontend.roles import role_label, tools_for
from geo_platform.accounts import tokens
from geo_platform.accounts.models import Role
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
            "bookmarks": reverse("bookmarks"),
            "dutyBoard": reverse("duty-board"),
            "print": reverse("print-layout"),
            "identify": reverse("identify"),
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
    history = "history" in tools_for(request.user)
    deletion = None
    try:
        layer, spec = selectors.get_visible_layer(request.user, slug)
    except NotFound as exc:
        raise Http404(str(exc)) from None
    try:
        selectors.get_feature(spec, feature_id, user=request.user)
    except NotFound as exc:
        # A deleted feature keeps its page for those who may read the audit trail: its last
        # state and the history that ends with the deletion.
        deletion = selectors.feature_deletion(layer, feature_id) if history else None
        if deletion is None:
            raise Http404(str(exc)) from None
    return _page(
        request,
        "frontend/feature_detail.html",
        {"layer": layer, "feature_id": feature_id, "history": history, "deletion": deletion},
    )


class LoginView(auth_views.LoginView):
    """Sign-in; an organizer with nowhere particular to go lands in the event portal."""

    def get_success_url(self):
        url = super().get_success_url()
        if role_of(self.request.user) == Role.ORGANIZER and url in ("/", settings.LOGIN_REDIRECT_URL):
            return reverse("events-portal")
        return url


def account(request):
    """The signed-in user's account: role, and the API token's expiry with a "new token" action."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    token = Token.objects.select_related("expiry").filter(user=request.user).first()
    context = {"token_days": settings.API_TOKEN_DAYS, "token_state": "none"}
    if token is not None:
        expires = tokens.expires_at(token)
        left = expires - timezone.now()
        context.update(
            token_state="expired" if tokens.is_expired(token) else "valid",
            token_expires_at=expires,
            token_days_left=max(0, left.days),
            token_hint=f"{token.key[:6]}…",
        )
    return _page(request, "frontend/account.html", context)


def accessibility(request):
    """The accessibility statement (Directive (EU) 2016/2102)."""
    return _page(request, "frontend/accessibility.html")


# ---- mass events: the organizer's portal, the planners' review, the public calendar -------

EVENT_PAGE_URLS = {
    "eventPage": "/events/__id__/",
    "editPage": "/events/__id__/edit/",
    "reviewPage": "/events/review/__id__/",
}


def events_urls() -> dict:
    """The API and page addresses the event pages' scripts call."""
    return {
        "events": reverse("events:list"),
        "choices": reverse("events:choices"),
        "deadlines": reverse("events:deadlines"),
        "uploads": reverse("events:uploads"),
        "eventsMap": reverse("events:map"),
        "public": reverse("events:public"),
        "ical": reverse("events:calendar"),
        "tasks": reverse("events:all-tasks"),
        "register": reverse("accounts:register"),
        "registerResend": reverse("accounts:register-resend"),
        "confirm": reverse("accounts:confirm", args=["__uid__", "__token__"]),
        "portal": reverse("events-portal"),
        "newEvent": reverse("events-new"),
        "review": reverse("events-review"),
        "calendarPage": reverse("events-calendar"),
        "registerPage": reverse("events-register"),
        "mapPage": reverse("map"),
        "login": settings.LOGIN_URL,
        **EVENT_PAGE_URLS,
    }


def _events_page(request, template: str, context: dict | None = None, *, status: int = 200, **page):
    """An event page: the common shell plus what its script needs (`page`: ids, the mode)."""
    user = request.user
    events_config = {
        "urls": events_urls(),
        "reviewer": role_of(user) in (Role.PLANNER, Role.ADMIN),
        "staff": policy_for(user).staff,
        "organizer": role_of(user) == Role.ORGANIZER,
        **page,
    }
    return _page(request, template, {"events_config": events_config, **(context or {})}, status=status)


def _organizer_only(request):
    """None if the user is an organizer; else where to send them."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if role_of(request.user) != Role.ORGANIZER:
        return redirect("events-portal")
    return None


def _staff_only(request):
    if not request.user.is_authenticated or not policy_for(request.user).staff:
        # The login page explains when a signed-in account has no access.
        return redirect_to_login(request.get_full_path())
    return None


def events_portal(request):
    """The organizer's own filings; for everyone else an entry page that says where to go."""
    organizer = request.user.is_authenticated and role_of(request.user) == Role.ORGANIZER
    return _events_page(
        request,
        "frontend/events_portal.html",
        {"organizer": organizer},
        mode="organizer" if organizer else "landing",
    )


def events_new(request):
    """A new notification or application."""
    return _organizer_only(request) or _events_page(request, "frontend/events_form.html", mode="new")


def events_edit(request, event_id: int):
    """Change a draft, or file a new revision of a submitted event."""
    return _organizer_only(request) or _events_page(
        request, "frontend/events_form.html", mode="edit", eventId=event_id
    )


def events_detail(request, event_id: int):
    """One of the organizer's filings: status, deadlines, revisions, messages, proposals."""
    if request.user.is_authenticated and policy_for(request.user).staff:
        return redirect("events-review-detail", event_id=event_id)
    return _organizer_only(request) or _events_page(request, "frontend/events_detail.html", eventId=event_id)


def events_register(request):
    """Registration of a new organizer's account (confirmed by e-mail)."""
    if request.user.is_authenticated:
        return redirect("events-portal")
    return _events_page(request, "frontend/events_register.html")


def events_confirm(request, uidb64: str, token: str):
    """Where the confirmation link lands: activates the account through the API."""
    return _events_page(request, "frontend/events_confirm.html", uid=uidb64, token=token)


def events_calendar(request):
    """Approved events for anyone, without personal data, and the iCalendar feed."""
    return _events_page(request, "frontend/events_calendar.html")


def events_review(request):
    """The directorate's list and calendar of filed events."""
    return _staff_only(request) or _events_page(request, "frontend/events_review.html")


def events_review_detail(request, event_id: int):
    """One filed event for the directorate: map, assessment, decisions, tasks, opinion."""
    return _staff_only(request) or _events_page(
        request, "frontend/events_review_detail.html", eventId=event_id
    )
