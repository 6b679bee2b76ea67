from geo_platform.accounts.roles import Visibility
from layers.models import DEMO_SOURCE, GeometryKind, Theme
from layers.registry import LayerSpec, register
from layers.shelters.models import Shelter

register(
    LayerSpec(
        slug="shelters",
        model=Shelter,
        geometry_field="position",
        geometry_kind=GeometryKind.POINT,
        theme=Theme.RISK,
        title_bg="Убежища и укрития (демо)",
        title_en="Shelters (demo)",
        description="Няма публичен регистър на убежищата; демонстрационни данни.",
        source=DEMO_SOURCE,
        properties=("name", "kind", "capacity", "status", "address", "source"),
        display_attributes=("name", "kind", "capacity", "status"),
        filter_fields=("kind", "status", "name"),
        editable_fields=("name", "kind", "capacity", "status", "address"),
        visibility=Visibility.PUBLIC,
        style={"color": "#2e7d32", "fillColor": "#66bb6a", "radius": 6, "icon": "shelter"},
        min_zoom=10,
        sort_order=10,
    )
)
