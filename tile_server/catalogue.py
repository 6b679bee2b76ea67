"""What each visibility class may see, kept in memory so a cached tile costs no query.

The answer comes from `layers.selectors.visible_layers`, the rule the whole API follows;
it is the same for every user of one visibility class, so it is kept per class, with the
catalogue stamp it was read under. The stamp lives in the tile cache and is bumped when
a catalogue record is saved or deleted (after the commit, so a reload reads the new
rows); it arrives with the tile lookup, in the same round trip. Changes that bypass
model signals (QuerySet.update, raw SQL) reach tiles within CATALOGUE_TTL_SECONDS.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

import redis
from django.db import transaction

from layers.models import Layer
from layers.selectors import visible_layers
from tile_server.cache import tile_cache

logger = logging.getLogger(__name__)

CATALOGUE_TTL_SECONDS = 2.0


@dataclass(frozen=True)
class _Snapshot:
    stamp: str
    loaded_at: float
    layers: dict[str, Layer]


_snapshots: dict[str, _Snapshot] = {}


def visible_catalogue(user, *, audience: str, stamp: str) -> dict[str, Layer]:
    """The catalogue records `user` may see, by slug; `audience` is the user's visibility class."""
    now = time.monotonic()
    snapshot = _snapshots.get(audience)
    if snapshot is None or snapshot.stamp != stamp or now - snapshot.loaded_at > CATALOGUE_TTL_SECONDS:
        snapshot = _Snapshot(stamp, now, {layer.slug: layer for layer in visible_layers(user)})
        _snapshots[audience] = snapshot
    return snapshot.layers


def forget() -> None:
    """Drop every snapshot (tests, whose rolled-back catalogue edits never commit)."""
    _snapshots.clear()


def on_catalogue_changed(sender, **kwargs) -> None:
    """post_save / post_delete of Layer: a new stamp once the change is committed."""
    transaction.on_commit(_bump_stamp)


def _bump_stamp() -> None:
    try:
        tile_cache().bump_catalogue()
    except (redis.RedisError, OSError):
        # The change has committed; tiles follow it within CATALOGUE_TTL_SECONDS anyway.
        logger.exception("Could not bump the catalogue stamp of the tile cache.")
