"""Which layers a tile request may draw: the layer registry and the catalogue, seen from tiles.

A `TileLayer` joins the catalogue record (admin-editable zooms and visibility) with the
code's `LayerSpec` (model, geometry field, the attributes declared for display). Access is
decided by `layers.selectors.visible_layers`, the same rule the features API follows.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from django.db import models
from django.utils.translation import gettext as _

from geo_platform.accounts.roles import Visibility
from geo_platform.errors import InvalidParameter, NotFound
from layers.models import GeometryKind, Layer
from layers.registry import LayerNotRegistered, LayerSpec, get_spec
from tile_server.grid import MAX_ZOOM

# Bump when the way tiles are drawn changes, so caches of the old drawing are not served.
RENDER_VERSION = "1"
# At most this many layers in one composite tile: it stays one bounded query.
MAX_COMPOSITE_LAYERS = 12
# Point layers are clustered below this zoom; from it on every point is its own feature.
CLUSTER_BELOW_ZOOM = 14

_NUMBER_FIELDS = (models.IntegerField, models.FloatField, models.DecimalField)


@dataclass(frozen=True)
class TileLayer:
    slug: str
    spec: LayerSpec
    title: str
    kind: str
    min_zoom: int
    max_zoom: int
    attribution: str
    public: bool

    @classmethod
    def from_catalogue(cls, layer: Layer, spec: LayerSpec) -> TileLayer:
        return cls(
            slug=layer.slug,
            spec=spec,
            title=layer.title_bg,
            kind=spec.geometry_kind,
            min_zoom=max(0, layer.min_zoom),
            max_zoom=min(MAX_ZOOM, layer.max_zoom),
            attribution=layer.attribution,
            public=layer.visibility == Visibility.PUBLIC,
        )

    @property
    def attributes(self) -> tuple[str, ...]:
        """The attributes a tile carries: those the layer declares for display, then those for styling."""
        return (*self.spec.display_attributes, *(name for name, _path in self.spec.tile_attributes))

    @property
    def geometry_field(self) -> str:
        return self.spec.geometry_field

    @property
    def is_point(self) -> bool:
        return self.kind == GeometryKind.POINT

    def shows(self, z: int) -> bool:
        return self.min_zoom <= z <= self.max_zoom

    def clustered(self, z: int) -> bool:
        return self.is_point and z < CLUSTER_BELOW_ZOOM

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.spec)

    def field_types(self) -> dict[str, str]:
        """TileJSON `fields`: each attribute with its MVT value type."""
        fields = {}
        styling = dict(self.spec.tile_attributes)
        for name in self.attributes:
            if name in styling:
                fields[name] = "String"
                continue
            field = self.spec.model._meta.get_field(name)
            if isinstance(field, models.BooleanField):
                fields[name] = "Boolean"
            elif isinstance(field, _NUMBER_FIELDS):
                fields[name] = "Number"
            else:
                fields[name] = "String"
        if self.is_point:
            fields["count"] = "Number"
        return fields


@lru_cache(maxsize=256)
def fingerprint(spec: LayerSpec) -> str:
    """Names how a layer's tiles are drawn; part of every cache key, so a new drawing
    (another attribute, a new RENDER_VERSION) never serves tiles of the old one."""
    text = "|".join(
        (
            RENDER_VERSION,
            spec.geometry_kind,
            spec.geometry_field,
            *spec.display_attributes,
            *(f"{name}={path}" for name, path in spec.tile_attributes),
        )
    )
    return hashlib.blake2b(text.encode(), digest_size=4).hexdigest()


def parse_layer_list(text: str) -> list[str]:
    """'a,b,c' as a list of slugs; a repeated or empty name is a client error."""
    slugs = text.split(",")
    if len(slugs) > MAX_COMPOSITE_LAYERS:
        raise InvalidParameter(
            _("A composite tile takes at most %(max)d layers.") % {"max": MAX_COMPOSITE_LAYERS},
            parameter="layers",
        )
    seen: set[str] = set()
    for slug in slugs:
        if not slug:
            raise InvalidParameter(_("The list of layers has an empty name."), parameter="layers")
        if slug in seen:
            raise InvalidParameter(
                _("Layer “%(layer)s” is listed twice.") % {"layer": slug}, parameter="layers"
            )
        seen.add(slug)
    return slugs


def registered_spec(slug: str) -> LayerSpec:
    """The layer's spec, or the same NotFound a hidden layer gets."""
    try:
        return get_spec(slug)
    except LayerNotRegistered:
        raise _not_found(slug) from None


def resolve_layers(visible: Mapping[str, Layer], slugs: Sequence[str]) -> list[TileLayer]:
    """The named layers in the given order, or NotFound for any not among `visible`.

    A layer hidden from the user is reported exactly like one that does not exist, so
    tiles reveal nothing about restricted layers.
    """
    resolved = []
    for slug in slugs:
        layer = visible.get(slug)
        if layer is None:
            raise _not_found(slug)
        resolved.append(TileLayer.from_catalogue(layer, registered_spec(slug)))
    return resolved


def _not_found(slug: str) -> NotFound:
    return NotFound(_("There is no layer “%(layer)s”, or you may not see it.") % {"layer": slug})
