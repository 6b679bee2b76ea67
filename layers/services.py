"""Writes to layers: every create, update and delete goes through here, in a transaction,
and leaves a FeatureVersion behind."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.forms.models import model_to_dict
from django.utils import timezone
from django.utils.translation import gettext as _

from geo_platform.accounts.roles import policy_for
from geo_platform.errors import Forbidden
from geo_platform.events import feature_changed, layer_reloaded
from layers.models import FeatureAction, FeatureVersion, Layer
from layers.registry import LayerSpec, all_specs, get_spec


def ensure_can_edit(user, spec: LayerSpec) -> None:
    if not policy_for(user).edits_layers:
        raise Forbidden(_("Only planners and administrators edit layers."))
    if not spec.editable:
        raise Forbidden(
            _("Layer '%(layer)s' is read-only: it is loaded from its source dataset.") % {"layer": spec.slug}
        )


def _snapshot(spec: LayerSpec, instance) -> tuple[dict[str, Any], Any]:
    data = model_to_dict(instance, fields=[f for f in spec.properties if f != spec.geometry_field])
    properties = {
        key: (value.isoformat() if hasattr(value, "isoformat") else value) for key, value in data.items()
    }
    return properties, getattr(instance, spec.geometry_field)


def feature_snapshot(spec: LayerSpec, instance) -> tuple[dict[str, Any], Any]:
    """The (properties, geometry) snapshot of a feature that its history keeps."""
    return _snapshot(spec, instance)


def record_feature_change(*, layer: Layer, feature_id: int, user, before, after) -> FeatureVersion:
    """Audit one change of a feature and announce it after commit.

    `before` and `after` are (properties, geometry) snapshots, None where the feature did
    not exist; the action follows from which of them is None. Apps whose rows change
    outside these services (events) call this so their history looks like any layer's.
    """
    action = (
        FeatureAction.CREATE
        if before is None
        else FeatureAction.DELETE
        if after is None
        else FeatureAction.UPDATE
    )
    now = timezone.now()
    Layer.objects.filter(pk=layer.pk).update(last_change_at=now)
    transaction.on_commit(
        lambda: feature_changed.send(
            sender=Layer,
            layer=layer.slug,
            feature_id=feature_id,
            before=before[1] if before else None,
            after=after[1] if after else None,
        )
    )
    return FeatureVersion.objects.create(
        layer=layer,
        feature_id=feature_id,
        action=action,
        user=user if user is not None and user.is_authenticated else None,
        changed_at=now,
        previous_properties=before[0] if before else None,
        previous_geometry=before[1] if before else None,
        properties=after[0] if after else None,
        geometry=after[1] if after else None,
    )


@transaction.atomic
def create_feature(*, layer: Layer, user, geometry, properties: dict[str, Any]):
    spec = get_spec(layer.slug)
    ensure_can_edit(user, spec)
    instance = spec.model(**properties, **{spec.geometry_field: geometry})
    instance.full_clean()
    instance.save()
    record_feature_change(
        layer=layer, feature_id=instance.pk, user=user, before=None, after=_snapshot(spec, instance)
    )
    return instance


@transaction.atomic
def update_feature(*, layer: Layer, user, instance, geometry=None, properties: dict[str, Any]):
    spec = get_spec(layer.slug)
    ensure_can_edit(user, spec)
    # Lock the row so two planners' edits serialise and the history stays in order.
    instance = spec.model.objects.select_for_update().get(pk=instance.pk)
    before = _snapshot(spec, instance)
    for name, value in properties.items():
        setattr(instance, name, value)
    if geometry is not None:
        setattr(instance, spec.geometry_field, geometry)
    instance.full_clean()
    instance.save()
    record_feature_change(
        layer=layer, feature_id=instance.pk, user=user, before=before, after=_snapshot(spec, instance)
    )
    return instance


@transaction.atomic
def delete_feature(*, layer: Layer, user, instance) -> None:
    spec = get_spec(layer.slug)
    ensure_can_edit(user, spec)
    instance = spec.model.objects.select_for_update().get(pk=instance.pk)
    before = _snapshot(spec, instance)
    feature_id = instance.pk
    instance.delete()
    record_feature_change(layer=layer, feature_id=feature_id, user=user, before=before, after=None)


# Above this many changes in one bulk write, readers hear "the layer was reloaded" once
# instead of one announcement per feature.
BULK_ANNOUNCE_LIMIT = 200


@transaction.atomic
def save_features_in_bulk(*, layer: Layer, user, new: list, changed: list[tuple[Any, tuple]]) -> None:
    """Many creates and updates of one layer in one transaction, each with its history.

    `new` are unsaved instances, `changed` (instance, snapshot before) pairs; both already
    validated (full_clean) by the caller. A few statements for the whole batch instead of
    ten per feature: imports of thousands of features take seconds, not minutes.
    """
    spec = get_spec(layer.slug)
    ensure_can_edit(user, spec)
    now = timezone.now()
    spec.model.objects.bulk_create(new, batch_size=1000)
    if changed:
        for instance, _before in changed:
            instance.updated_at = now
        fields = [f for f in spec.editable_fields if f != spec.geometry_field]
        spec.model.objects.bulk_update(
            [instance for instance, _before in changed],
            [*fields, spec.geometry_field, "updated_at"],
            batch_size=1000,
        )
    author = user if user is not None and user.is_authenticated else None
    versions = [
        FeatureVersion(
            layer=layer,
            feature_id=instance.pk,
            action=FeatureAction.CREATE,
            user=author,
            changed_at=now,
            properties=_snapshot(spec, instance)[0],
            geometry=getattr(instance, spec.geometry_field),
        )
        for instance in new
    ] + [
        FeatureVersion(
            layer=layer,
            feature_id=instance.pk,
            action=FeatureAction.UPDATE,
            user=author,
            changed_at=now,
            previous_properties=before[0],
            previous_geometry=before[1],
            properties=_snapshot(spec, instance)[0],
            geometry=getattr(instance, spec.geometry_field),
        )
        for instance, before in changed
    ]
    FeatureVersion.objects.bulk_create(versions, batch_size=1000)
    Layer.objects.filter(pk=layer.pk).update(last_change_at=now)
    if len(versions) > BULK_ANNOUNCE_LIMIT:
        transaction.on_commit(lambda: layer_reloaded.send(sender=Layer, layer=layer.slug))
        return
    for instance in new:
        after = getattr(instance, spec.geometry_field)
        transaction.on_commit(
            lambda pk=instance.pk, after=after: feature_changed.send(
                sender=Layer, layer=layer.slug, feature_id=pk, before=None, after=after
            )
        )
    for instance, before in changed:
        after = getattr(instance, spec.geometry_field)
        transaction.on_commit(
            lambda pk=instance.pk, before=before[1], after=after: feature_changed.send(
                sender=Layer, layer=layer.slug, feature_id=pk, before=before, after=after
            )
        )


def snapshot(spec: LayerSpec, instance) -> tuple[dict[str, Any], Any]:
    """(attributes, geometry) of a feature as its history records them."""
    return _snapshot(spec, instance)


def sync_catalogue(*, using: str = "default") -> list[Layer]:
    """Create a catalogue record for every registered layer; keep what admins changed.

    Run after every `migrate` (LayersConfig: post_migrate) and by the data loader. The code owns
    the model, geometry kind and editability; titles, styles, zooms and visibility are set from
    the spec only when the record is first created.
    """
    synced = []
    for spec in all_specs():
        layer, _created = Layer.objects.using(using).update_or_create(
            slug=spec.slug,
            defaults={
                "model_label": spec.model_label,
                "geometry_kind": spec.geometry_kind,
                "theme": spec.theme,
                "editable": spec.editable,
            },
            create_defaults={
                "model_label": spec.model_label,
                "geometry_kind": spec.geometry_kind,
                "theme": spec.theme,
                "editable": spec.editable,
                "title_bg": spec.title_bg,
                "title_en": spec.title_en,
                "description": spec.description,
                "style": spec.style,
                "min_zoom": spec.min_zoom,
                "max_zoom": spec.max_zoom,
                "visibility": spec.visibility,
                "display_attributes": list(spec.display_attributes),
                "attribution": spec.attribution,
                "source": spec.source,
                "sort_order": spec.sort_order,
            },
        )
        synced.append(layer)
    return synced
