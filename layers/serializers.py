from __future__ import annotations

import json
from functools import cache

from django.urls import reverse
from django.utils.translation import get_language
from rest_framework import serializers

from geo_platform.accounts.roles import policy_for
from layers.filters import is_sortable
from layers.models import FeatureVersion, Layer
from layers.registry import LayerNotRegistered, LayerSpec, get_spec
from layers.selectors import layer_extent


def field_metadata(spec: LayerSpec) -> list[dict]:
    """Each served attribute with its label in the active language and its coded values."""
    described = []
    for name in spec.properties:
        field = spec.model._meta.get_field(name)
        entry = {
            "name": name,
            "label": str(field.verbose_name),
            "type": field.get_internal_type(),
            "sortable": is_sortable(spec, name),
        }
        if field.choices:
            entry["choices"] = {str(value): str(label) for value, label in field.flatchoices}
        described.append(entry)
    return described


class LayerSerializer(serializers.ModelSerializer):
    title = serializers.SerializerMethodField()
    theme_label = serializers.CharField(source="get_theme_display", read_only=True)
    is_demo = serializers.BooleanField(read_only=True)
    can_edit = serializers.SerializerMethodField()
    attributes = serializers.SerializerMethodField()
    editable_attributes = serializers.SerializerMethodField()
    filter_attributes = serializers.SerializerMethodField()
    extent = serializers.SerializerMethodField()
    links = serializers.SerializerMethodField()

    class Meta:
        model = Layer
        fields = (
            "slug",
            "title",
            "title_bg",
            "title_en",
            "description",
            "theme",
            "theme_label",
            "geometry_kind",
            "model_label",
            "style",
            "min_zoom",
            "max_zoom",
            "visibility",
            "shared_with",
            "display_attributes",
            "attribution",
            "source",
            "is_demo",
            "editable",
            "can_edit",
            "last_change_at",
            "attributes",
            "editable_attributes",
            "filter_attributes",
            "extent",
            "links",
        )

    def get_title(self, layer: Layer) -> str:
        return layer.title_en if (get_language() or "bg").startswith("en") else layer.title_bg

    def get_can_edit(self, layer: Layer) -> bool:
        request = self.context.get("request")
        return layer.editable and policy_for(getattr(request, "user", None)).edits_layers

    def get_attributes(self, layer: Layer) -> list[dict]:
        try:
            return field_metadata(get_spec(layer.slug))
        except LayerNotRegistered:
            return []

    def get_editable_attributes(self, layer: Layer) -> list[str]:
        try:
            return list(get_spec(layer.slug).editable_fields)
        except LayerNotRegistered:
            return []

    def get_filter_attributes(self, layer: Layer) -> list[str]:
        """Attributes the features list filters on (?name=value)."""
        try:
            return list(get_spec(layer.slug).filter_fields)
        except LayerNotRegistered:
            return []

    def get_extent(self, layer: Layer) -> list[float] | None:
        """[minx, miny, maxx, maxy] in WGS 84 of the features this caller may see; null if none."""
        request = self.context.get("request")
        try:
            spec = get_spec(layer.slug)
        except LayerNotRegistered:
            return None
        return layer_extent(layer, spec, getattr(request, "user", None))

    def get_links(self, layer: Layer) -> dict:
        request = self.context.get("request")
        path = reverse("layer-features", kwargs={"slug": layer.slug})
        return {"features": request.build_absolute_uri(path) if request else path}


@cache
def properties_serializer(spec: LayerSpec) -> type[serializers.ModelSerializer]:
    """A ModelSerializer for the attributes planners may set on this layer."""
    meta = type("Meta", (), {"model": spec.model, "fields": spec.editable_fields})
    return type(f"{spec.model.__name__}PropertiesSerializer", (serializers.ModelSerializer,), {"Meta": meta})


class FeatureWriteSerializer(serializers.Serializer):
    """A GeoJSON Feature as sent by a client; the geometry is checked separately."""

    type = serializers.ChoiceField(choices=["Feature"])
    # Plain dicts: the geometry checks report bad coordinates with their position.
    geometry = serializers.DictField(required=False, allow_null=True)
    properties = serializers.DictField(required=False, default=dict)
    crs = serializers.DictField(required=False)


class FeatureVersionSerializer(serializers.ModelSerializer):
    user = serializers.CharField(source="user.username", default=None, read_only=True)
    previous_geometry = serializers.SerializerMethodField()
    geometry = serializers.SerializerMethodField()

    class Meta:
        model = FeatureVersion
        fields = (
            "id",
            "feature_id",
            "action",
            "user",
            "changed_at",
            "previous_properties",
            "previous_geometry",
            "properties",
            "geometry",
        )

    def _geojson(self, geometry):
        return json.loads(geometry.geojson) if geometry is not None else None

    def get_previous_geometry(self, version: FeatureVersion) -> dict | None:
        return self._geojson(version.previous_geometry)

    def get_geometry(self, version: FeatureVersion) -> dict | None:
        return self._geojson(version.geometry)
