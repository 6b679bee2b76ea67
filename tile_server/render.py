"""Drawing tiles within the size budget: no layer of a tile over 512 KB or 20,000 features.

Clustering, simplification and dropping of tiny features (queries.py) keep tiles light;
the feature limit holds the count. Should a layer's tile still come out over the byte
budget (long attribute texts, very detailed outlines), only its first features are kept —
the inner query sends them largest first (clusters: the fullest first), and ST_AsMVT keeps
that order — with the attribute keys and values those features use. That is cut from the
drawn tile in memory: drawing the tile once more with a smaller LIMIT gave the same
features for a second full query (about as long as the first, 0.3-0.6 s on the
benchmark's z10 roads).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from mapbox_vector_tile.Mapbox import vector_tile_pb2

from tile_server.grid import Tile
from tile_server.layers import TileLayer
from tile_server.queries import inner_query
from tile_server.rows import RowScope
from tile_server.sql import fetch_layers

MAX_TILE_BYTES = 512 * 1024
MAX_TILE_FEATURES = 20_000
# Aim this far under the budget when cutting, since bytes per feature vary.
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
    for layer, result in zip(layers, results, strict=True):
        mvt, features = result.mvt, result.features
        while len(mvt) > MAX_TILE_BYTES and features > 1:
            limit = max(1, int(features * MAX_TILE_BYTES / len(mvt) * _RETRY_MARGIN))
            logger.info(
                "Tile %s/%s is %d bytes with %d features; keeping the largest %d.",
                layer.slug,
                tile.path,
                len(mvt),
                features,
                limit,
            )
            mvt, features = first_features(mvt, limit)
        if len(mvt) > MAX_TILE_BYTES:
            logger.error("Tile %s/%s is %d bytes with a single feature.", layer.slug, tile.path, len(mvt))
        tiles.append(mvt)
    return tiles


def first_features(mvt: bytes, keep: int) -> tuple[bytes, int]:
    """The one-layer tile `mvt` with only its first `keep` features and the keys and values they use.

    Keys and values are renumbered in the order the kept features first use them, as
    ST_AsMVT numbers them. Returns the new tile and its feature count.
    """
    tile = vector_tile_pb2.tile()
    tile.ParseFromString(mvt)
    (layer,) = tile.layers
    del layer.features[keep:]
    keys: dict[int, int] = {}
    values: dict[int, int] = {}
    for feature in layer.features:
        tags = list(feature.tags)
        renumbered = []
        for index in range(0, len(tags), 2):
            renumbered.append(keys.setdefault(tags[index], len(keys)))
            renumbered.append(values.setdefault(tags[index + 1], len(values)))
        feature.tags[:] = renumbered
    kept_keys = [layer.keys[index] for index in keys]
    kept_values = []
    for index in values:
        value = vector_tile_pb2.tile.value()
        value.CopyFrom(layer.values[index])
        kept_values.append(value)
    del layer.keys[:]
    layer.keys.extend(kept_keys)
    del layer.values[:]
    layer.values.extend(kept_values)
    return tile.SerializeToString(), len(layer.features)
