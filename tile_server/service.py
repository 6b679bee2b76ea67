"""Reading a tile: from the cache when it holds it, else drawn in one query and stored.

The order matters for speed, not for access: the cache lookup (which also brings the
catalogue stamp) comes first, then the access check against the caller's visible
layers, and nothing is returned before that check has passed.
"""

from __future__ import annotations

import gzip
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from geo_platform.accounts.roles import visibility_class
from geo_platform.observability import TILE_CACHE_LOOKUPS
from tile_server.cache import CachedTile, Slot, tile_cache
from tile_server.catalogue import visible_catalogue
from tile_server.grid import Tile
from tile_server.layers import TileLayer, fingerprint, registered_spec, resolve_layers
from tile_server.params import check_zoom
from tile_server.render import render_layers
from tile_server.rows import row_scope

# Level 1: on the benchmark's 228 tiles (5.1 MB of MVT) it gives 60.3 % of the size where
# level 3 gives 59.3 % and 6 gives 57.8 %, for 0.50 ms of CPU a tile where 3 takes 0.60 and
# 6 takes 1.27 (bench/tile_profile.py's machine, December 2026). Tiles are gzipped once, when
# drawn, and the cold path is what a big event's first visitors wait for.
GZIP_LEVEL = 1


@dataclass(frozen=True)
class TileRead:
    layers: list[TileLayer]
    parts: list[CachedTile]  # one per layer drawn at this zoom
    rows_differ_by_user: bool

    @property
    def public(self) -> bool:
        """Whether shared caches may keep it: public layers whose rows are the same for all."""
        return all(layer.public for layer in self.layers) and not self.rows_differ_by_user


def cached_tile_from_mvt(mvt: bytes) -> CachedTile:
    """Gzip once, when drawn; the strong ETag is a hash of the uncompressed tile."""
    if not mvt:
        return CachedTile("", b"")
    etag = hashlib.blake2b(mvt, digest_size=16).hexdigest()
    # mtime=0 keeps the gzip bytes a function of the tile alone.
    return CachedTile(etag, gzip.compress(mvt, compresslevel=GZIP_LEVEL, mtime=0))


def read_tile(user, slugs: Sequence[str], tile: Tile) -> TileRead:
    """The tile of `slugs` for this user: NotFound for a layer they may not see, 400 off-range."""
    audience = visibility_class(user)
    specs = [registered_spec(slug) for slug in slugs]
    scopes = [row_scope(spec, user) for spec in specs]
    # Layers whose rows differ by user are cached per row filter, not only per class.
    slots = [
        Slot(slug, fingerprint(spec), tile, f"{audience}|{scope.key}" if scope.key else audience)
        for slug, spec, scope in zip(slugs, specs, scopes, strict=True)
    ]
    cache = tile_cache()
    found = cache.lookup(slots)
    layers = resolve_layers(visible_catalogue(user, audience=audience, stamp=found.catalogue), slugs)
    if len(layers) == 1:
        check_zoom(layers[0], tile)
    # A composite tile leaves out the layers not drawn at this zoom.
    drawn = [index for index, layer in enumerate(layers) if layer.shows(tile.z)]
    parts = {index: found.tiles[index].tile for index in drawn}
    missing = [index for index in drawn if parts[index] is None]
    if drawn:
        TILE_CACHE_LOOKUPS.labels(result="hit").inc(len(drawn) - len(missing))
        TILE_CACHE_LOOKUPS.labels(result="miss").inc(len(missing))
    if missing:
        drawn_now = render_layers([layers[i] for i in missing], [scopes[i] for i in missing], tile)
        for index, mvt in zip(missing, drawn_now, strict=True):
            parts[index] = cached_tile_from_mvt(mvt)
            cache.store(slots[index], found.tiles[index].ticket, parts[index])
    return TileRead(layers, [parts[index] for index in drawn], any(scope.key for scope in scopes))
