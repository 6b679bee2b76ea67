"""The surveillance layers: cameras, their fields of view per DORI level, and (demo) buildings.

Cameras and fields of view are internal: the directorate's staff see them (duty operators
answer "who sees this incident"), partners only if an administrator shares the layer, the
public never. The fields of view are derived from the cameras and never edited directly.
"""

from __future__ import annotations

from geo_platform.accounts.roles import Visibility
from layers.models import DEMO_SOURCE, GeometryKind, Theme
from layers.registry import LayerSpec, register
from layers.surveillance.models import CAMERA_ATTRIBUTES, Building, Camera, CameraFieldOfView

# One style per DORI level: `rules` picks the style by the feature's `level`; the top-level
# keys are the fallback (and the legend swatch of the layer as a whole). Levels differ by outline
# pattern too (dotted → dashed → long dash → solid as the detail grows), and the legend names
# them, so colour is never the only carrier of the level (WCAG 1.4.1).
LEVEL_STYLES = {
    "detect": {
        "color": "#1e88e5",
        "fillColor": "#64b5f6",
        "fillOpacity": 0.15,
        "weight": 1.5,
        "dashArray": "2 4",
    },
    "observe": {
        "color": "#43a047",
        "fillColor": "#81c784",
        "fillOpacity": 0.2,
        "weight": 1.5,
        "dashArray": "6 4",
    },
    "recognise": {
        "color": "#fb8c00",
        "fillColor": "#ffb74d",
        "fillOpacity": 0.25,
        "weight": 2,
        "dashArray": "12 4",
    },
    "identify": {
        "color": "#e53935",
        "fillColor": "#e57373",
        "fillOpacity": 0.3,
        "weight": 2,
        "dashArray": None,
    },
}

CAMERAS = register(
    LayerSpec(
        slug="cameras",
        model=Camera,
        geometry_field="position",
        geometry_kind=GeometryKind.POINT,
        theme=Theme.SURVEILLANCE,
        title_bg="Камери за видеонаблюдение (демо)",
        title_en="Surveillance cameras (demo)",
        description=(
            "Няма открит регистър на камерите; демонстрационните камери стоят при реални училища, "
            "метростанции, банки и спирки. Планиращите добавят и внасят реалните."
        ),
        source=DEMO_SOURCE,
        properties=(*CAMERA_ATTRIBUTES, "source"),
        display_attributes=("name", "status", "azimuth", "fov", "owner"),
        filter_fields=("status", "owner", "connected", "camera_type", "name", "source"),
        editable_fields=CAMERA_ATTRIBUTES,
        visibility=Visibility.INTERNAL,
        style={"color": "#263238", "fillColor": "#546e7a", "radius": 5, "icon": "camera"},
        min_zoom=11,
        sort_order=10,
    )
)
FIELDS_OF_VIEW = register(
    LayerSpec(
        slug="camera-fov",
        model=CameraFieldOfView,
        geometry_field="field_of_view",
        geometry_kind=GeometryKind.POLYGON,
        theme=Theme.SURVEILLANCE,
        title_bg="Зрителни полета на камерите по DORI (демо)",
        title_en="Camera fields of view by DORI level (demo)",
        description=(
            "Видимото от всяка камера за откриване (25 px/m), наблюдение (62,5), разпознаване (125) "
            "и идентификация (250 px/m), отрязано от сградите. Изчислява се при всяка промяна."
        ),
        source=DEMO_SOURCE,
        properties=("camera", "level", "status", "range_m", "source"),
        display_attributes=("level", "camera", "status", "range_m"),
        filter_fields=("camera", "level", "status"),
        visibility=Visibility.INTERNAL,
        # JSON objects lose key order in PostgreSQL's jsonb, so the legend order is explicit.
        style={
            **LEVEL_STYLES["detect"],
            "rules": {"property": "level", "values": LEVEL_STYLES, "order": list(LEVEL_STYLES)},
        },
        min_zoom=13,
        sort_order=20,
    )
)
BUILDINGS = register(
    LayerSpec(
        slug="buildings",
        model=Building,
        geometry_field="footprint",
        geometry_kind=GeometryKind.POLYGON,
        theme=Theme.INFRASTRUCTURE,
        title_bg="Сгради (реални в центъра, демо извън него)",
        title_en="Buildings (real in the centre, demo elsewhere)",
        description=(
            "В радиус около 4,3 км от стадион „Българска армия“: 18 000 реални контура от "
            "OpenStreetMap с височини (от етикет, от етажите × 3,1 м + 1,5 м или типична за вида "
            "сграда — виж „източник на височината“). Извън този район: демонстрационни блокове "
            "покрай линиите на градския транспорт, означени „(демо)“. Сграда по-ниска от камерата "
            "закрива само ивицата зад себе си, която покривът ѝ засенчва."
        ),
        source="sofia_centre_buildings_osm_2026 + demo",
        attribution="© OpenStreetMap contributors (ODbL 1.0), via stoynov/cska-stadium-explorer",
        properties=("name", "height_m", "height_source", "levels", "kind", "address", "source"),
        display_attributes=("name", "height_m", "height_source"),
        filter_fields=("name", "source", "height_source"),
        editable_fields=("name", "height_m", "height_source", "levels", "address"),
        visibility=Visibility.INTERNAL,
        style={"color": "#5d4037", "weight": 1, "fillColor": "#a1887f", "fillOpacity": 0.5},
        min_zoom=14,
        sort_order=80,
    )
)
