from geo_platform.accounts.roles import Visibility
from layers.administrative.models import District, Municipality, Neighbourhood, Place
from layers.models import GeometryKind, Theme
from layers.registry import LayerSpec, register

SOFIAPLAN = (
    "Source: Sofiaplan / Sofia Municipality (urbandata.sofia.bg); redistributed by B. Yurukov (EUPL-1.2)"
)

register(
    LayerSpec(
        slug="municipality",
        model=Municipality,
        geometry_field="boundary",
        geometry_kind=GeometryKind.POLYGON,
        theme=Theme.ADMINISTRATIVE,
        title_bg="Столична община",
        title_en="Sofia Municipality",
        source="sofia_municipality_boundary (Sofiaplan)",
        attribution=SOFIAPLAN,
        properties=("name", "name_en", "area_km2", "source"),
        display_attributes=("name", "area_km2"),
        visibility=Visibility.PUBLIC,
        style={"color": "#37474f", "weight": 3, "fillOpacity": 0.0, "dashArray": "6 4"},
        min_zoom=0,
        sort_order=10,
    )
)
register(
    LayerSpec(
        slug="districts",
        model=District,
        geometry_field="boundary",
        geometry_kind=GeometryKind.POLYGON,
        theme=Theme.ADMINISTRATIVE,
        title_bg="Административни райони",
        title_en="Districts",
        source="sofia_districts (Sofiaplan)",
        attribution=SOFIAPLAN,
        properties=(
            "code",
            "name",
            "name_en",
            "area_km2",
            "population",
            "population_year",
            "population_source",
            "source",
        ),
        display_attributes=("name", "code", "population", "area_km2"),
        filter_fields=("code", "name"),
        visibility=Visibility.PUBLIC,
        style={"color": "#1565c0", "weight": 2, "fillColor": "#1565c0", "fillOpacity": 0.05},
        min_zoom=0,
        sort_order=20,
    )
)
register(
    LayerSpec(
        slug="neighbourhoods",
        model=Neighbourhood,
        geometry_field="boundary",
        geometry_kind=GeometryKind.POLYGON,
        theme=Theme.ADMINISTRATIVE,
        title_bg="Квартали",
        title_en="Neighbourhoods",
        source="sofia_neighbourhoods (Sofiaplan)",
        attribution=SOFIAPLAN,
        properties=("name", "district_code", "area_km2", "source"),
        display_attributes=("name", "district_code"),
        filter_fields=("district_code", "name"),
        visibility=Visibility.PUBLIC,
        style={"color": "#5c6bc0", "weight": 1, "fillColor": "#5c6bc0", "fillOpacity": 0.03},
        min_zoom=11,
        sort_order=30,
    )
)
register(
    LayerSpec(
        slug="places",
        model=Place,
        geometry_field="position",
        geometry_kind=GeometryKind.POINT,
        theme=Theme.ADMINISTRATIVE,
        title_bg="Именувани места (газетир)",
        title_en="Named places (gazetteer)",
        description=(
            "Селищата, метростанциите, стадионите, гарите, летищата, площадите и няколко "
            "забележителни сгради от данните на платформата, за търсене по име. Кварталите и "
            "районите се търсят в своите слоеве."
        ),
        source="sofia_settlement_points + sofia_metro_stations_2019 + sofia_public_transport_stops_2025 "
        "+ sofia_centre_buildings_osm_2026",
        attribution=(
            "© OpenStreetMap contributors (ODbL); compiled by B. Yurukov; Source: Sofiaplan / Sofia "
            "Municipality; Център за градска мобилност"
        ),
        properties=("name", "kind", "district", "note", "source"),
        display_attributes=("name", "kind", "district"),
        filter_fields=("kind", "district", "name"),
        visibility=Visibility.PUBLIC,
        style={"color": "#4a148c", "fillColor": "#ab47bc", "radius": 5},
        min_zoom=10,
        sort_order=40,
    )
)
