"""The counter-terrorism layers: protected sites (and crowded places) and survey findings.

Both are RESTRICTED: the catalogue, features API, tiles and search show them only to roles whose
policy includes the restricted class (analysts, planners, administrators) — never to the public,
organizers or partners, and an administrator must not share them.
"""

from __future__ import annotations

from geo_platform.accounts.roles import Visibility
from layers.counterterrorism.models import Finding, ProtectedSite
from layers.models import DEMO_SOURCE, GeometryKind, Theme
from layers.registry import LayerSpec, register

PROTECTED_SITES = register(
    LayerSpec(
        slug="protected-sites",
        model=ProtectedSite,
        geometry_field="position",
        geometry_kind=GeometryKind.POINT,
        theme=Theme.PUBLIC_ORDER,
        title_bg="Защитени обекти и места с много хора (демо)",
        title_en="Protected sites and crowded places (demo)",
        description=(
            "Демонстрационен набор от публични места (метростанции, площади, НДК, стадиони, молове, "
            "районът на Народното събрание); не е реален списък на стратегически обекти."
        ),
        source=DEMO_SOURCE,
        properties=("name", "category", "kind", "owner", "operator", "crowd_weekday", "crowd_peak", "source"),
        display_attributes=("name", "category", "kind", "operator", "crowd_peak"),
        filter_fields=("category", "kind", "name", "source"),
        editable_fields=(
            "name",
            "category",
            "kind",
            "owner",
            "operator",
            "crowd_weekday",
            "crowd_peak",
            "crowd_event",
            "crowd_night",
        ),
        visibility=Visibility.RESTRICTED,
        style={"color": "#4a148c", "fillColor": "#8e24aa", "radius": 7, "icon": "shield"},
        min_zoom=10,
        sort_order=50,
    )
)
FINDINGS = register(
    LayerSpec(
        slug="ct-findings",
        model=Finding,
        geometry_field="location",
        geometry_kind=GeometryKind.POINT,
        theme=Theme.PUBLIC_ORDER,
        title_bg="Констатации от охранителни обследвания",
        title_en="Security-survey findings",
        source="user",
        properties=("name", "area", "responsible", "deadline", "status"),
        display_attributes=("name", "area", "responsible", "deadline", "status"),
        filter_fields=("status", "area"),
        visibility=Visibility.RESTRICTED,
        style={"color": "#d50000", "fillColor": "#ff8a80", "radius": 6, "fillOpacity": 0.3},
        min_zoom=12,
        sort_order=51,
    )
)
