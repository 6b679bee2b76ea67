"""Drawing tiles within the size budget: no layer of a tile over 512 KB or 20,000 features.

Clustering, simplification and dropping of tiny features (queries.py) keep tiles light;
the feature limit holds the count. Should a layer's tile still come out over the byte
budget (long attribute texts, very detailed outlines), it is drawn once more with fewer
features, the largest kept: the only case in which a tile costs a second query.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from tile_server.grid import Tile
from tile_server.layers import TileLayer
from tile_server.queries import inner_query
from tile_server.rows import RowScope
from tile_server.sql import fetch_layers

MAX_TILE_BYTES = 512 * 1024
MAX_TILE_FEATURES = 20_000
# Aim this far under the budget when drawing again, since bytes per feature vary.
_RETRY_MARGIN = 0.85

logger = logging.getLogger(__name__)


def render_layers(layers: Sequence[TileLayer], scopes: Sequence[RowScope], tile: Tile) -> list[bytes]:
    """Each layer's MVT bytes for `tile` from the rows of its scope (b"" if none), in one query."""
    parts = [
        inner_query(layer, tile, scope=scope, limit=MAX_TILE_FEATURES)
        for layer, scope in zip(layers, scopes, strict=True)
    ]
    results = fetch_layers(parts, tile)
    tiles = []
    for layer, scope, result in zip(layers, scopes, results, strict=True):
        mvt, features = result.mvt, result.features
        while len(mvt) > MAX_TILE_BYTES and features > 1:
            limit = max(1, int(features * MAX_TILE_BYTES / len(mvt) * _RETRY_MARGIN))
            logger.info(
                "Tile %s/%s is %d bytes with %d features; drawing the largest %d.",
                layer.slug, tile.path, len(mvt), features, limit,
            )
            (result,) = fetch_layers([inner_query(layer, tile, scope=scope, limit=limit)], tile)
            mvt, features = result.mvt, result.features
        if len(mvt) > MAX_TILE_BYTES:
            logger.error("Tile %s/%s is %d bytes with a single feature.", layer.slug, tile.path, len(mvt))
        tiles.append(mvt)
    return tiles
