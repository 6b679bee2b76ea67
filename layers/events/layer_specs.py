"""The events' map layers: perimeters, routes and street closures.

Rows differ by user: an organizer sees their own filings (drafts too) and the approved
events everyone sees; the directorate's staff see every filed event (not drafts, which
are the organizer's own workspace); the public and partners see approved events only.
Only attributes without personal data are served, so the same rows are safe for anyone
who may see them.
"""

from __future__ import annotations

from django.db.models import Q

from geo_platform.accounts.models import Role
from geo_platform.accounts.roles import Visibility, policy_for, role_of
from layers.events.models import EventStatus, MassEvent, StreetClosure
from layers.models import GeometryKind, Theme
from layers.registry import LayerSpec, register

PUBLIC_PROPERTIES = ("name", "kind", "status", "start", "end")


def event_rows_visible_to(user, *, prefix: str = "") -> Q:
    """Events `user` may see; `prefix` reaches them from a related model ("event__")."""
    approved = Q(**{f"{prefix}status": EventStatus.APPROVED})
    if policy_for(user).staff:
        return ~Q(**{f"{prefix}status": EventStatus.DRAFT})
    if role_of(user) == Role.ORGANIZER:
        return approved | Q(**{f"{prefix}organizer_account": user})
    return approved


# Approved and pending events are told apart by line pattern as well as colour (WCAG 1.4.1):
# approved solid, pending dashed, closed (rejected or withdrawn) dotted and grey. `legend` names
# the group each status is shown under in the map's legend. The public sees approved rows only.
STATUS_LEGEND = {
    EventStatus.APPROVED: "approved",
    EventStatus.SUBMITTED: "pending",
    EventStatus.UNDER_REVIEW: "pending",
    EventStatus.MEETING_REQUESTED: "pending",
    EventStatus.ALTERNATIVE_PROPOSED: "pending",
    EventStatus.REJECTED: "closed",
    EventStatus.WITHDRAWN: "closed",
}


def status_style(approved: dict, pending: dict, closed: dict) -> dict:
    """A layer style whose rules draw each event status as its legend group says."""
    groups = {"approved": approved, "pending": pending, "closed": closed}
    return {
        **approved,
        "rules": {
            "property": "status",
            "values": {str(status): groups[group] for status, group in STATUS_LEGEND.items()},
            "legend": {str(status): group for status, group in STATUS_LEGEND.items()},
            "order": [str(status) for status in STATUS_LEGEND],
        },
    }


PERIMETER_STYLE = status_style(
    {"color": "#2e7d32", "weight": 3, "fillColor": "#66bb6a", "fillOpacity": 0.25, "dashArray": None},
    {"color": "#b26a00", "weight": 3, "fillColor": "#ffca28", "fillOpacity": 0.15, "dashArray": "8 6"},
    {"color": "#616161", "weight": 2, "fillColor": "#9e9e9e", "fillOpacity": 0.08, "dashArray": "2 6"},
)
ROUTE_STYLE = status_style(
    {"color": "#2e7d32", "weight": 5, "dashArray": None},
    {"color": "#b26a00", "weight": 5, "dashArray": "10 8"},
    {"color": "#616161", "weight": 3, "dashArray": "2 6"},
)
CLOSURE_STYLE = status_style(
    {"color": "#c62828", "weight": 6, "opacity": 0.85, "dashArray": None},
    {"color": "#c62828", "weight": 6, "opacity": 0.6, "dashArray": "6 8"},
    {"color": "#616161", "weight": 3, "opacity": 0.6, "dashArray": "2 6"},
)


def _with_geometry(field: str):
    def rows(user) -> Q:
        return event_rows_visible_to(user) & Q(**{f"{field}__isnull": False})

    return rows


EVENT_PERIMETERS = register(
    LayerSpec(
        slug="event-perimeters",
        model=MassEvent,
        geometry_field="perimeter",
        geometry_kind=GeometryKind.POLYGON,
        theme=Theme.EVENTS,
        title_bg="Масови мероприятия — периметри",
        title_en="Mass events — perimeters",
        description="Периметри на подадените мероприятия; публично се виждат само одобрените.",
        source="user",
        properties=PUBLIC_PROPERTIES,
        display_attributes=PUBLIC_PROPERTIES,
        filter_fields=("kind", "status"),
        visibility=Visibility.PUBLIC,
        style=PERIMETER_STYLE,
        min_zoom=9,
        sort_order=10,
        rows_visible_to=_with_geometry("perimeter"),
        time_fields=("start", "end"),
    )
)
EVENT_ROUTES = register(
    LayerSpec(
        slug="event-routes",
        model=MassEvent,
        geometry_field="route",
        geometry_kind=GeometryKind.LINE,
        theme=Theme.EVENTS,
        title_bg="Масови мероприятия — маршрути",
        title_en="Mass events — routes",
        description="Маршрути на шествия и спортни прояви; публично се виждат само одобрените.",
        source="user",
        properties=PUBLIC_PROPERTIES,
        display_attributes=PUBLIC_PROPERTIES,
        filter_fields=("kind", "status"),
        visibility=Visibility.PUBLIC,
        style=ROUTE_STYLE,
        min_zoom=9,
        sort_order=20,
        rows_visible_to=_with_geometry("route"),
        time_fields=("start", "end"),
    )
)
EVENT_CLOSURES = register(
    LayerSpec(
        slug="event-closures",
        model=StreetClosure,
        geometry_field="segment",
        geometry_kind=GeometryKind.LINE,
        theme=Theme.EVENTS,
        title_bg="Затваряне на улици за мероприятия",
        title_en="Street closures for events",
        description="Поискани и одобрени затваряния на улици за движение.",
        source="user",
        properties=("name", "start", "end", "note"),
        display_attributes=("name", "start", "end"),
        filter_fields=("name",),
        visibility=Visibility.PUBLIC,
        style=CLOSURE_STYLE,
        tile_attributes=(("status", "event__status"),),
        min_zoom=11,
        sort_order=30,
        rows_visible_to=lambda user: event_rows_visible_to(user, prefix="event__"),
        time_fields=("start", "end"),
    )
)
