"""Telling the rest of the platform that an event's map rows changed.

Each change of a perimeter, route or closure row leaves a FeatureVersion (the layers'
audit trail) and sends `feature_changed` after commit, so the tile cache drops the tiles
it touched. A status change counts too: it changes who may see the row.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from geo_platform.events import feature_changed
from layers.events.layer_specs import EVENT_CLOSURES, EVENT_PERIMETERS, EVENT_ROUTES
from layers.events.models import MassEvent
from layers.models import Layer
from layers.registry import LayerSpec
from layers.services import record_feature_change

Row = tuple[dict, object]  # (properties, geometry)


@dataclass
class MapState:
    rows: dict[tuple[str, int], Row]


def _properties(spec: LayerSpec, instance) -> dict:
    values = {}
    for name in spec.properties:
        value = getattr(instance, name)
        values[name] = value.isoformat() if hasattr(value, "isoformat") else value
    return values


def map_state(event: MassEvent | None) -> MapState:
    """The event's rows in each map layer, as they are now."""
    rows: dict[tuple[str, int], Row] = {}
    if event is None or event.pk is None:
        return MapState(rows)
    for spec in (EVENT_PERIMETERS, EVENT_ROUTES):
        geometry = getattr(event, spec.geometry_field)
        if geometry is not None:
            rows[(spec.slug, event.pk)] = (_properties(spec, event), geometry.clone())
    for closure in event.closures.all():
        # The event's status is drawn on its closures (and decides who sees them): a change of
        # status is a change of the closure's tiles too.
        rows[(EVENT_CLOSURES.slug, closure.pk)] = (
            {**_properties(EVENT_CLOSURES, closure), "status": event.status},
            closure.segment.clone(),
        )
    return MapState(rows)


def _same(a: Row, b: Row) -> bool:
    return a[0] == b[0] and a[1].equals_exact(b[1], 1e-9)


def record_map_changes(before: MapState, after: MapState, *, user) -> None:
    """A FeatureVersion and a `feature_changed` for every row that appeared, changed or went."""
    layers = {
        layer.slug: layer
        for layer in Layer.objects.filter(slug__in={slug for slug, _id in before.rows | after.rows})
    }
    for key in sorted(set(before.rows) | set(after.rows)):
        old, new = before.rows.get(key), after.rows.get(key)
        if old is not None and new is not None and _same(old, new):
            continue
        slug, feature_id = key
        layer = layers.get(slug)
        if layer is not None:
            record_feature_change(layer=layer, feature_id=feature_id, user=user, before=old, after=new)
        else:
            # Not in the catalogue (yet): no history to keep, but caches must still hear of it.
            _announce(slug, feature_id, old[1] if old else None, new[1] if new else None)


def _announce(slug: str, feature_id: int, before, after) -> None:
    transaction.on_commit(
        lambda: feature_changed.send(
            sender=Layer, layer=slug, feature_id=feature_id, before=before, after=after
        )
    )
