from geo_platform.accounts.roles import Visibility
from layers.infrastructure.models import (
    CriticalSite,
    EmergencyStation,
    Hospital,
    River,
    Road,
    School,
    TransitRoute,
    TransitStop,
)
from layers.models import GeometryKind, Theme
from layers.registry import LayerSpec, register

OSM_ATP = (
    "© OpenStreetMap contributors (ODbL); All The Places (CC0); matched by Dimitar5555/osm-bulgaria-tools"
)
FIREWORKS = "Compiled by B. Yurukov (github.com/yurukov/sofia-fireworks-ban)"

register(
    LayerSpec(
        slug="critical-sites",
        model=CriticalSite,
        geometry_field="position",
        geometry_kind=GeometryKind.POINT,
        theme=Theme.INFRASTRUCTURE,
        title_bg="Критична инфраструктура",
        title_en="Critical infrastructure",
        description="Банки, горивни бази и пощи от OSM/ATP; останалите сектори са демонстрационни.",
        source="sofia_banks_fuel_post_2025 + demo",
        attribution=OSM_ATP,
        properties=("name", "sector", "criticality", "owner", "address", "source"),
        display_attributes=("name", "sector", "criticality", "owner"),
        filter_fields=("sector", "criticality", "owner", "name", "source"),
        editable_fields=("name", "sector", "criticality", "owner", "address"),
        visibility=Visibility.RESTRICTED,
        style={"color": "#b71c1c", "fillColor": "#e53935", "radius": 6, "icon": "factory"},
        min_zoom=10,
        sort_order=10,
    )
)
register(
    LayerSpec(
        slug="hospitals",
        model=Hospital,
        geometry_field="position",
        geometry_kind=GeometryKind.POINT,
        theme=Theme.INFRASTRUCTURE,
        title_bg="Лечебни заведения",
        title_en="Hospitals and medical establishments",
        source="sofia_sensitive_sites_points_2024 (healthcare)",
        attribution=FIREWORKS,
        properties=("name", "kind", "address", "source"),
        display_attributes=("name", "kind"),
        filter_fields=("kind", "name"),
        editable_fields=("name", "kind", "address"),
        visibility=Visibility.PUBLIC,
        style={"color": "#c2185b", "fillColor": "#f06292", "radius": 6, "icon": "hospital"},
        min_zoom=10,
        sort_order=20,
    )
)
register(
    LayerSpec(
        slug="schools",
        model=School,
        geometry_field="position",
        geometry_kind=GeometryKind.POINT,
        theme=Theme.INFRASTRUCTURE,
        title_bg="Училища и детски градини",
        title_en="Schools and kindergartens",
        source="sofia_sensitive_sites_points_2024 (school, kindergarten)",
        attribution=FIREWORKS,
        properties=("name", "kind", "source"),
        display_attributes=("name", "kind"),
        filter_fields=("kind", "name"),
        editable_fields=("name", "kind"),
        visibility=Visibility.PUBLIC,
        style={"color": "#ef6c00", "fillColor": "#ffa726", "radius": 5, "icon": "school"},
        min_zoom=11,
        sort_order=30,
    )
)
register(
    LayerSpec(
        slug="emergency-stations",
        model=EmergencyStation,
        geometry_field="position",
        geometry_kind=GeometryKind.POINT,
        theme=Theme.INFRASTRUCTURE,
        title_bg="Полиция, пожарна и спешна помощ",
        title_en="Police, fire and ambulance stations",
        description=(
            "Районните управления на СДВР (01–09 РУ) и звената на ПБЗН са реални (адреси от МВР); "
            "позициите без координати в източника са намерени по данните на платформата или са "
            "представителна точка на района, който обслужват (виж „бележка за позицията“). "
            "Линейките на ЦСМП са демо."
        ),
        source="sofia_police_ru_sdvr_2026 + sofia_fire_service_units_mvr + demo",
        attribution="МВР (mvr.bg), СДВР; compiled by AztecBolon/SofiaMap and codingburgas (public information)",
        properties=("name", "service", "address", "phone", "serves", "position_note", "source"),
        display_attributes=("name", "service", "address", "position_note"),
        filter_fields=("service", "name"),
        editable_fields=("name", "service", "address", "phone", "serves", "position_note"),
        visibility=Visibility.PARTNER,
        style={"color": "#0d47a1", "fillColor": "#42a5f5", "radius": 6, "icon": "siren"},
        min_zoom=9,
        sort_order=40,
    )
)
register(
    LayerSpec(
        slug="rivers",
        model=River,
        geometry_field="course",
        geometry_kind=GeometryKind.LINE,
        theme=Theme.INFRASTRUCTURE,
        title_bg="Реки (схематично)",
        title_en="Rivers (schematic)",
        source="sofia_iskar_river_gshhg_wdb2",
        attribution="River line: GSHHG 2.3.7 (Wessel & Smith), from CIA World Data Bank II",
        properties=("name", "name_en", "length_km", "source"),
        display_attributes=("name", "length_km"),
        visibility=Visibility.PUBLIC,
        style={"color": "#0288d1", "weight": 3},
        min_zoom=0,
        sort_order=50,
    )
)
register(
    LayerSpec(
        slug="transit-routes",
        model=TransitRoute,
        geometry_field="route",
        geometry_kind=GeometryKind.LINE,
        theme=Theme.INFRASTRUCTURE,
        title_bg="Линии на градския транспорт (основни улици)",
        title_en="Public transport routes (main streets)",
        source="sofia_public_transport_routes_2025",
        attribution=(
            "Route geometry: Център за градска мобилност (sofiatraffic.bg), "
            "via Dimitar5555/sofiatraffic-schedules"
        ),
        properties=("name", "route_ref", "mode", "direction", "length_km", "source"),
        display_attributes=("route_ref", "mode"),
        filter_fields=("mode", "route_ref"),
        visibility=Visibility.PUBLIC,
        style={"color": "#6d4c41", "weight": 2, "opacity": 0.7},
        min_zoom=9,
        sort_order=60,
    )
)
register(
    LayerSpec(
        slug="transit-stops",
        model=TransitStop,
        geometry_field="position",
        geometry_kind=GeometryKind.POINT,
        theme=Theme.INFRASTRUCTURE,
        title_bg="Спирки на градския транспорт",
        title_en="Public transport stops",
        source="sofia_public_transport_stops_2025",
        attribution=(
            "© OpenStreetMap contributors; Център за градска мобилност; "
            "compiled by Dimitar5555/sofiatraffic-schedules"
        ),
        properties=("name", "name_en", "code", "source"),
        display_attributes=("name", "code"),
        filter_fields=("code", "name"),
        visibility=Visibility.PUBLIC,
        style={"color": "#455a64", "fillColor": "#90a4ae", "radius": 3},
        min_zoom=14,
        sort_order=70,
    )
)
register(
    LayerSpec(
        slug="roads",
        model=Road,
        geometry_field="way",
        geometry_kind=GeometryKind.LINE,
        theme=Theme.INFRASTRUCTURE,
        title_bg="Основни пътища в центъра (OSM)",
        title_en="Major roads in the centre (OSM)",
        description=(
            "Пътищата от магистрала до третокласни (OSM, 2026) в радиус около 4,3 км от стадион "
            "„Българска армия“, без имена; ширината е оценка по класа. Извън този район за улици "
            "служат линиите на градския транспорт."
        ),
        source="sofia_centre_major_roads_osm_2026",
        attribution="© OpenStreetMap contributors (ODbL 1.0), via stoynov/cska-stadium-explorer",
        properties=("name", "road_class", "width_m", "osm_way_id", "source"),
        display_attributes=("road_class", "width_m"),
        filter_fields=("road_class",),
        visibility=Visibility.PUBLIC,
        style={"color": "#ef6c00", "weight": 3, "opacity": 0.8},
        min_zoom=11,
        sort_order=65,
    )
)
