"""The Situation Centre's layers: incidents (internal, no personal data) and active alerts (public).

Incidents carry no caller data in any property (that lives in IncidentContact), so the
generic features API, tiles, search and exports cannot leak it. Partners do not see the
layer unless an administrator shares it (then still without personal data). Alerts are
public, and only issued, unexpired ones are rows of the layer.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone

from geo_platform.accounts.roles import Visibility
from layers.models import GeometryKind, Theme
from layers.registry import LayerSpec, register
from layers.situation.choices import AlertStatus
from layers.situation.models import Alert, Incident

INCIDENT_STYLE = {
    "color": "#b71c1c",
    "fillColor": "#e53935",
    "radius": 6,
    "weight": 1,
    "rules": {
        "property": "priority",
        "values": {
            "1": {"color": "#7f0000", "fillColor": "#c62828", "radius": 8},
            "2": {"color": "#a84300", "fillColor": "#ef6c00", "radius": 7},
            "3": {"color": "#8d6e00", "fillColor": "#f9a825", "radius": 6},
            "4": {"color": "#37474f", "fillColor": "#78909c", "radius": 5},
        },
        "order": ["1", "2", "3", "4"],
    },
}

INCIDENTS = register(
    LayerSpec(
        slug="incidents",
        model=Incident,
        geometry_field="position",
        geometry_kind=GeometryKind.POINT,
        theme=Theme.PUBLIC_ORDER,
        title_bg="Инциденти (Ситуационен център)",
        title_en="Incidents (Situation Centre)",
        description=(
            "Сигнали от 112, СДВР, ПБЗН, ЦСМП, граждани и оператори на камери. Данните на подателя "
            "не са част от слоя. Демо инцидентите са отбелязани с източник „demo“."
        ),
        source="112 / партньори",
        properties=(
            "name",
            "category",
            "priority",
            "origin",
            "status",
            "occurred_at",
            "address",
            "district_code",
            "assigned_agency",
            "source",
        ),
        display_attributes=("category", "priority", "status", "occurred_at", "address"),
        filter_fields=("category", "priority", "status", "origin", "district_code", "source"),
        visibility=Visibility.INTERNAL,
        style=INCIDENT_STYLE,
        min_zoom=9,
        sort_order=5,
        rows_visible_to=lambda user: Q(merged_into=None),
    )
)


def _active(user) -> Q:
    now = timezone.now()
    return Q(status=AlertStatus.ISSUED, effective__lte=now, expires__gt=now) & ~Q(msg_type="Cancel")


ALERTS = register(
    LayerSpec(
        slug="alerts",
        model=Alert,
        geometry_field="area",
        geometry_kind=GeometryKind.POLYGON,
        theme=Theme.PUBLIC_ORDER,
        title_bg="Предупреждения към населението",
        title_en="Alerts to the population",
        description="Действащите предупреждения на Столична община (CAP 1.2); емисия Atom: /api/situation/alerts/feed.atom",
        source="Ситуационен център",
        properties=("name", "headline_en", "event_bg", "severity", "urgency", "effective", "expires"),
        display_attributes=("name", "event_bg", "severity", "expires"),
        filter_fields=("severity",),
        visibility=Visibility.PUBLIC,
        style={
            "color": "#d50000",
            "weight": 2,
            "fillColor": "#ff5252",
            "fillOpacity": 0.2,
            "dashArray": "6 4",
        },
        min_zoom=9,
        sort_order=1,
        rows_visible_to=_active,
    )
)
