from geo_platform.accounts.roles import Visibility
from layers.models import DEMO_SOURCE, GeometryKind, Theme
from layers.public_order.models import (
    CrimePreventionArea,
    GuardedSite,
    PoliceArea,
    PreventionAreaProposal,
    PreventionCentre,
)
from layers.registry import LayerSpec, register

register(
    LayerSpec(
        slug="crime-prevention-areas",
        model=CrimePreventionArea,
        geometry_field="area",
        geometry_kind=GeometryKind.POLYGON,
        theme=Theme.PUBLIC_ORDER,
        title_bg="Зони за превенция на престъпността (демо)",
        title_en="Crime-prevention areas (demo)",
        source=DEMO_SOURCE,
        properties=("name", "priority", "notes", "source"),
        display_attributes=("name", "priority"),
        filter_fields=("priority", "name"),
        editable_fields=("name", "priority", "notes"),
        visibility=Visibility.INTERNAL,
        style={"color": "#6a1b9a", "weight": 2, "fillColor": "#ab47bc", "fillOpacity": 0.2},
        min_zoom=9,
        sort_order=10,
    )
)
register(
    LayerSpec(
        slug="prevention-centres",
        model=PreventionCentre,
        geometry_field="position",
        geometry_kind=GeometryKind.POINT,
        theme=Theme.PUBLIC_ORDER,
        title_bg="Центрове за превенция (демо)",
        title_en="Prevention centres (demo)",
        source=DEMO_SOURCE,
        properties=("name", "address", "phone", "source"),
        display_attributes=("name", "address"),
        editable_fields=("name", "address", "phone"),
        visibility=Visibility.PUBLIC,
        style={"color": "#4a148c", "fillColor": "#ce93d8", "radius": 6},
        min_zoom=10,
        sort_order=20,
    )
)
register(
    LayerSpec(
        slug="guarded-sites",
        model=GuardedSite,
        geometry_field="position",
        geometry_kind=GeometryKind.POINT,
        theme=Theme.PUBLIC_ORDER,
        title_bg="Охранявани общински обекти (демо)",
        title_en="Guarded municipal sites (demo)",
        description="Позициите са реални училища и детски градини; охранителите и договорите са демо.",
        source=DEMO_SOURCE,
        properties=("name", "security_company", "contract_until", "last_inspection", "source"),
        display_attributes=("name", "security_company", "last_inspection"),
        filter_fields=("security_company", "name"),
        editable_fields=("name", "security_company", "contract_until", "last_inspection"),
        visibility=Visibility.RESTRICTED,
        style={"color": "#283593", "fillColor": "#7986cb", "radius": 5, "icon": "shield"},
        min_zoom=11,
        sort_order=30,
    )
)
register(
    LayerSpec(
        slug="police-areas",
        model=PoliceArea,
        geometry_field="area",
        geometry_kind=GeometryKind.POLYGON,
        theme=Theme.PUBLIC_ORDER,
        title_bg="Райони на РУ на СДВР (исторически, ок. 2014)",
        title_en="Police station areas (historic, c. 2014)",
        source="sofia_police_rpu_areas",
        attribution="Compiled by B. Yurukov from public СДВР/МВР information (github.com/yurukov/Bulgaria-geocoding)",
        properties=("name", "address", "telephone", "population_estimate", "source"),
        display_attributes=("name", "address", "telephone"),
        visibility=Visibility.PARTNER,
        style={"color": "#00695c", "weight": 2, "fillColor": "#4db6ac", "fillOpacity": 0.1},
        min_zoom=9,
        sort_order=40,
    )
)
register(
    LayerSpec(
        slug="prevention-area-proposals",
        model=PreventionAreaProposal,
        geometry_field="area",
        geometry_kind=GeometryKind.POLYGON,
        theme=Theme.PUBLIC_ORDER,
        title_bg="Предложения за зони за превенция",
        title_en="Prevention-area proposals",
        description="Предложени от устойчиви горещи точки на инцидентите; с причините и покритието с камери.",
        source="Анализ на инцидентите в платформата",
        properties=("name", "status", "persistence", "reasons", "source"),
        display_attributes=("name", "status", "persistence"),
        filter_fields=("status", "name"),
        editable_fields=("name", "status", "reasons"),
        # Built from incidents: staff who analyse and plan only.
        visibility=Visibility.RESTRICTED,
        style={
            "color": "#c62828",
            "weight": 2,
            "dashArray": "6 4",
            "fillColor": "#ef5350",
            "fillOpacity": 0.15,
        },
        min_zoom=9,
        sort_order=15,
    )
)
