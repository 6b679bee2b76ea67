"""The layer registry: what each layer's code knows about it.

A domain app declares its layers in a `layer_specs` module with `register(LayerSpec(...))`.
The catalogue records (`Layer`) are created from these specs; administrators may then
change titles, styles, zooms and visibility in the catalogue without touching code.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from django.contrib.gis.db import models
from django.db.models import Q, QuerySet

from geo_platform.accounts.roles import Visibility
from layers.models import GeometryKind


# eq=False: specs are compared and hashed by identity (they hold a style dict).
@dataclass(frozen=True, eq=False)
class LayerSpec:
    slug: str
    model: type[models.Model]
    geometry_field: str
    theme: str
    title_bg: str
    title_en: str
    source: str
    # Point, line or polygon: taken from the model's geometry field (the one source). A spec may
    # still state it; a statement that contradicts the field fails at start-up.
    geometry_kind: str = ""
    attribution: str = ""
    description: str = ""
    properties: tuple[str, ...] = ("name",)
    display_attributes: tuple[str, ...] = ("name",)
    filter_fields: tuple[str, ...] = ()
    editable_fields: tuple[str, ...] = ()
    visibility: str = Visibility.INTERNAL
    style: dict = field(default_factory=dict)
    min_zoom: int = 9
    max_zoom: int = 22
    sort_order: int = 100
    # For layers whose rows differ by user (an organizer's own events): the rows `user` may
    # see. None means every row of a visible layer is visible.
    rows_visible_to: Callable[[object], Q] | None = None
    # (start field, end field) of layers whose features last for a time, for ?datetime=a/b.
    time_fields: tuple[str, str] | None = None
    # Extra tile properties read through a relation, for styling only (not shown in popups):
    # (property name, field path), e.g. ("status", "event__status") for a street closure.
    tile_attributes: tuple[tuple[str, str], ...] = ()

    def __post_init__(self) -> None:
        kind = GEOMETRY_KIND_BY_FIELD.get(self.geometry_model_field.geom_type)
        if kind is None:
            raise ValueError(f"Layer {self.slug!r}: a map layer needs a point, line or polygon field.")
        if self.geometry_kind and self.geometry_kind != kind:
            raise ValueError(
                f"Layer {self.slug!r} states geometry_kind={self.geometry_kind!r}, but its field holds {kind!r}."
            )
        object.__setattr__(self, "geometry_kind", str(kind))

    @property
    def editable(self) -> bool:
        return bool(self.editable_fields)

    def queryset_for(self, user) -> QuerySet:
        """The layer's rows this user may see."""
        queryset = self.model.objects.all()
        if self.rows_visible_to is not None:
            queryset = queryset.filter(self.rows_visible_to(user))
        return queryset

    @property
    def model_label(self) -> str:
        return self.model._meta.label

    @cached_property
    def geometry_model_field(self):
        return self.model._meta.get_field(self.geometry_field)

    @property
    def accepted_geometry_types(self) -> tuple[str, ...]:
        """GeoJSON types a client may send; single parts are promoted for Multi fields."""
        geom_type = self.geometry_model_field.geom_type
        if geom_type == "GEOMETRY":
            return ("Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon")
        single = {
            "POINT": "Point",
            "MULTIPOINT": "Point",
            "LINESTRING": "LineString",
            "MULTILINESTRING": "LineString",
            "POLYGON": "Polygon",
            "MULTIPOLYGON": "Polygon",
        }[geom_type]
        if geom_type.startswith("MULTI"):
            return (single, "Multi" + single)
        return (single,)


GEOMETRY_KIND_BY_FIELD = {
    "POINT": GeometryKind.POINT,
    "MULTIPOINT": GeometryKind.POINT,
    "LINESTRING": GeometryKind.LINE,
    "MULTILINESTRING": GeometryKind.LINE,
    "POLYGON": GeometryKind.POLYGON,
    "MULTIPOLYGON": GeometryKind.POLYGON,
}

_REGISTRY: dict[str, LayerSpec] = {}


class LayerNotRegistered(LookupError):
    pass


def register(spec: LayerSpec) -> LayerSpec:
    if spec.slug in _REGISTRY and _REGISTRY[spec.slug] is not spec:
        raise ValueError(f"Layer {spec.slug!r} is registered twice.")
    unknown = set(spec.properties + spec.filter_fields + spec.editable_fields) - {
        f.name for f in spec.model._meta.get_fields()
    }
    if unknown:
        raise ValueError(f"Layer {spec.slug!r} names fields its model lacks: {sorted(unknown)}")
    _REGISTRY[spec.slug] = spec
    return spec


def get_spec(slug: str) -> LayerSpec:
    try:
        return _REGISTRY[slug]
    except KeyError:
        raise LayerNotRegistered(slug) from None


def all_specs() -> list[LayerSpec]:
    return sorted(_REGISTRY.values(), key=lambda spec: (spec.theme, spec.sort_order, spec.slug))


def spec_for_model(model: type[models.Model]) -> LayerSpec | None:
    return next((spec for spec in _REGISTRY.values() if spec.model is model), None)
