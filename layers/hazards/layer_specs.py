from geo_platform.accounts.roles import Visibility
from layers.hazards.models import HazardZone
from layers.models import GeometryKind, Theme
from layers.registry import LayerSpec, register

register(
    LayerSpec(
        slug="hazard-zones",
        model=HazardZone,
        geometry_field="area",
        geometry_kind=GeometryKind.POLYGON,
        theme=Theme.RISK,
        title_bg="Зони на опасност от сценарии",
        title_en="Hazard zones from scenarios",
        description=(
            "Зоните, в които опасността на публикуван сценарий е над избрано ниво (напр. наводнение над "
            "0,5 m, свлачищна податливост висока и много висока). Моделирани и ориентировъчни."
        ),
        source="risk_scenarios",
        properties=("name", "hazard", "level", "units", "note", "source"),
        display_attributes=("name", "hazard", "level", "units", "note"),
        filter_fields=("hazard", "name"),
        editable_fields=(),
        visibility=Visibility.INTERNAL,
        style={"color": "#c62828", "fillColor": "#ef9a9a", "fillOpacity": 0.25, "weight": 1},
        min_zoom=9,
        sort_order=20,
    )
)
