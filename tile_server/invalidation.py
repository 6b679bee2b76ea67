"""Keeping the cache exact: the tiles an edit touches are deleted when the edit commits.

A feature reaches the tiles whose buffered envelope its geometry meets, at every zoom
its layer is drawn. The old and the new geometry are both looked at (a moved camera
leaves one tile and enters another). Small edits delete tiles one by one; from the zoom
where the count of tiles would pass MAX_TILES_PER_EDIT on, the zoom's generation is
bumped instead, which retires all of that zoom's tiles of the layer at once.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

import redis
from django.conf import settings
from django.contrib.gis.geos import GEOSGeometry, Polygon

from geo_platform.crs import STORAGE_SRID
from geo_platform.db_routing import replica_aliases
from layers.models import Layer
from layers.registry import LayerNotRegistered, get_spec
from tile_server.cache import tile_cache
from tile_server.grid import BUFFER_SHARE, Tile, iter_tiles, tiles_touching
from tile_server.layers import fingerprint

MAX_TILES_PER_EDIT = 2048

logger = logging.getLogger(__name__)


def touched_tiles(
    geometries: Iterable[GEOSGeometry], zooms: range, *, max_tiles: int = MAX_TILES_PER_EDIT
) -> tuple[dict[int, set[tuple[int, int]]], list[int]]:
    """The tiles per zoom that the geometries reach, and the zooms beyond the bound."""
    shapes = []
    for geometry in geometries:
        if geometry is None or geometry.empty:
            continue
        if geometry.srid and geometry.srid != STORAGE_SRID:
            geometry = geometry.transform(STORAGE_SRID, clone=True)
        shapes.append((geometry.extent, None if geometry.geom_type == "Point" else geometry.prepared))
    tiles: dict[int, set[tuple[int, int]]] = {}
    budget = max_tiles
    for z in zooms:
        candidates = [tiles_touching(extent, z) for extent, _ in shapes]
        if sum(len(columns) * len(rows) for columns, rows in candidates) > budget:
            # Each deeper zoom has about four times the tiles: all the rest are bumped.
            return tiles, [zoom for zoom in zooms if zoom >= z]
        found: set[tuple[int, int]] = set()
        for (columns, rows), (_, prepared) in zip(candidates, shapes, strict=True):
            for tile in iter_tiles(columns, rows, z):
                # A line or polygon's bounding box covers more tiles than the shape does.
                if prepared is None or prepared.intersects(_buffered_envelope(tile)):
                    found.add((tile.x, tile.y))
        tiles[z] = found
        budget -= len(found)
    return tiles, []


def _buffered_envelope(tile: Tile) -> Polygon:
    envelope = Polygon.from_bbox(tile.lonlat_bounds(buffer=BUFFER_SHARE))
    envelope.srid = STORAGE_SRID
    return envelope


def on_feature_changed(sender, *, layer: str, before=None, after=None, **kwargs) -> None:
    """Receiver of geo_platform.events.feature_changed (sent after the edit commits)."""
    invalidate_feature(layer, before, after)
    if replica_aliases():
        # A tile drawn on a replica that had not replayed the edit yet may have been stored
        # after this invalidation: the same tiles are invalidated again once the replicas
        # have caught up (REPLICA_LAG_SECONDS).
        _invalidate_again(layer, before, after)


def _invalidate_again(layer: str, before, after) -> None:
    from tile_server.tasks import invalidate_again

    shapes = [geometry.hexewkb.decode() if geometry is not None else None for geometry in (before, after)]
    try:
        invalidate_again.apply_async((layer, *shapes), countdown=settings.REPLICA_LAG_SECONDS)
    except Exception:  # noqa: BLE001 — the edit has committed; a broker outage must not fail it
        logger.exception("Could not schedule the second invalidation of %s.", layer)


def invalidate_feature(layer: str, before=None, after=None) -> None:
    """Delete the cached tiles of `layer` that the old or new geometry reaches."""
    try:
        spec = get_spec(layer)
    except LayerNotRegistered:
        return
    record = Layer.objects.filter(slug=layer).values("min_zoom", "max_zoom").first()
    if record is None:
        return
    zooms = range(max(0, record["min_zoom"]), min(22, record["max_zoom"]) + 1)
    tiles, bumped = touched_tiles([before, after], zooms)
    try:
        tile_cache().invalidate(layer, fingerprint(spec), tiles, bumped)
    except (redis.RedisError, OSError):
        # The edit itself has committed; a stale tile is logged, not turned into a 500.
        logger.exception("Could not invalidate the tiles of %s after an edit.", layer)


def on_layer_reloaded(sender, *, layer: str, **kwargs) -> None:
    """Receiver of geo_platform.events.layer_reloaded: every tile of the layer is retired."""
    bump_layer(layer)


def bump_layer(layer: str) -> None:
    try:
        tile_cache().bump_layer(layer)
    except (redis.RedisError, OSError):
        logger.exception("Could not retire the tiles of %s after a reload.", layer)
