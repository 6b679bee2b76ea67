"""Admin for the catalogue, the history, and a base for every layer's feature admin.

Permissions come from the role table (geo_platform.accounts.roles), as in the API, and
saves go through the layer services so the admin leaves the same audit trail.
"""

from __future__ import annotations

from django.contrib import admin
from django.contrib.gis.admin import GISModelAdmin

from geo_platform.accounts.models import Role
from geo_platform.accounts.roles import policy_for, role_of
from layers import services
from layers.models import FeatureVersion, Layer
from layers.registry import spec_for_model
from layers.selectors import visible_layers


@admin.register(Layer)
class LayerAdmin(admin.ModelAdmin):
    list_display = (
        "slug",
        "title_bg",
        "theme",
        "geometry_kind",
        "visibility",
        "source",
        "editable",
        "last_change_at",
    )
    list_filter = ("theme", "visibility", "editable")
    search_fields = ("slug", "title_bg", "title_en")
    readonly_fields = ("model_label", "geometry_kind", "editable", "last_change_at")

    def has_module_permission(self, request) -> bool:
        return policy_for(request.user).staff

    def has_view_permission(self, request, obj=None) -> bool:
        return policy_for(request.user).staff

    def has_change_permission(self, request, obj=None) -> bool:
        return role_of(request.user) == Role.ADMIN

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return role_of(request.user) == Role.ADMIN

    def get_queryset(self, request):
        return visible_layers(request.user)


@admin.register(FeatureVersion)
class FeatureVersionAdmin(GISModelAdmin):
    list_display = ("layer", "feature_id", "action", "user", "changed_at")
    list_filter = ("layer", "action")
    search_fields = ("=feature_id", "user__username")
    date_hierarchy = "changed_at"

    def has_module_permission(self, request) -> bool:
        return policy_for(request.user).staff

    def has_view_permission(self, request, obj=None) -> bool:
        return policy_for(request.user).staff

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).filter(layer__in=visible_layers(request.user))


class LayerFeatureAdmin(GISModelAdmin):
    """Base admin for a layer's features, with the layer's permissions and audit trail."""

    list_display = ("__str__", "source", "updated_at")
    search_fields = ("name",)
    readonly_fields = ("source", "external_id", "created_at", "updated_at")

    def _layer(self) -> Layer | None:
        spec = spec_for_model(self.model)
        return Layer.objects.filter(slug=spec.slug).first() if spec else None

    def _can_see(self, request) -> bool:
        layer = self._layer()
        return (
            policy_for(request.user).staff
            and layer is not None
            and visible_layers(request.user).filter(pk=layer.pk).exists()
        )

    def _can_edit(self, request) -> bool:
        layer = self._layer()
        return self._can_see(request) and layer.editable and policy_for(request.user).edits_layers

    def has_module_permission(self, request) -> bool:
        return self._can_see(request)

    def has_view_permission(self, request, obj=None) -> bool:
        return self._can_see(request)

    def has_add_permission(self, request) -> bool:
        return self._can_edit(request)

    def has_change_permission(self, request, obj=None) -> bool:
        return self._can_edit(request)

    def has_delete_permission(self, request, obj=None) -> bool:
        return self._can_edit(request)

    def save_model(self, request, obj, form, change) -> None:
        spec = spec_for_model(self.model)
        fields = [name for name in spec.editable_fields if name in form.cleaned_data]
        properties = {name: form.cleaned_data[name] for name in fields}
        geometry = form.cleaned_data.get(spec.geometry_field)
        if change:
            saved = services.update_feature(
                layer=self._layer(), user=request.user, instance=obj, geometry=geometry, properties=properties
            )
        else:
            saved = services.create_feature(
                layer=self._layer(), user=request.user, geometry=geometry, properties=properties
            )
        obj.pk = saved.pk

    def delete_model(self, request, obj) -> None:
        services.delete_feature(layer=self._layer(), user=request.user, instance=obj)

    def delete_queryset(self, request, queryset) -> None:
        for obj in queryset:
            self.delete_model(request, obj)
