from geo_platform.accounts.roles import Visibility
from layers.models import GeometryKind, Theme
from layers.registry import LayerSpec, register
from layers.shelters.models import Shelter

register(
    LayerSpec(
        slug="shelters",
        model=Shelter,
        geometry_field="position",
        geometry_kind=GeometryKind.POINT,
        theme=Theme.RISK,
        title_bg="Колективни средства за защита (КСЗ)",
        title_en="Civil-defence shelters (КСЗ)",
        description=(
            "Официални списъци на КСЗ в София (06.10.2025 и 10.03.2022, МВР/ГДПБЗН). Скривалищата и "
            "противорадиационните укрития защитават при нападение; не са места за временно настаняване. "
            "Позициите са геокодирани от съставителя на данните — вижте бележката към всяка."
        ),
        source="ksz_official_2025",
        attribution=(
            "Официални списъци на КСЗ (МВР, ГДПБЗН), 06.10.2025 и 10.03.2022; събрани и геокодирани от "
            "hristod/bomb-shelters (2022: Nominatim, © сътрудниците на OpenStreetMap, ODbL)"
        ),
        properties=(
            "name",
            "kind",
            "category",
            "capacity",
            "status",
            "address",
            "operator",
            "official_list",
            "geocoding_note",
            "source",
        ),
        display_attributes=("name", "kind", "category", "address", "official_list", "geocoding_note"),
        filter_fields=("kind", "status", "name"),
        editable_fields=("name", "kind", "capacity", "status", "address"),
        visibility=Visibility.PUBLIC,
        style={"color": "#2e7d32", "fillColor": "#66bb6a", "radius": 6, "icon": "shelter"},
        min_zoom=10,
        sort_order=10,
    )
)
