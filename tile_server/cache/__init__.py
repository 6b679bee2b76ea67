"""The tile cache: Redis, or a directory on disk as the fallback (settings.TILE_CACHE).

A cached tile is one layer's MVT for one tile and one visibility class, stored gzipped
with its strong ETag. Keys carry three counters kept per layer:

- `gen`, the layer's generation: bumped when the layer is reloaded in bulk;
- `z<n>`, the generation of one zoom: bumped when an edit touches more tiles at that
  zoom than are worth deleting one by one;
- `seq`, the edit counter: a tile drawn while an edit commits is not stored, because
  its query may have read the data from before the edit. A lookup hands out a ticket
  (the counters it saw) and a store succeeds only while `seq` is unchanged.

Keys are namespaced by the database name, so a test run never serves tiles drawn from
another database.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from django.conf import settings

from tile_server.cache.base import CachedTile, Lookup, Lookups, Slot, TileCache
from tile_server.cache.disk_backend import DiskTileCache
from tile_server.cache.redis_backend import RedisTileCache

__all__ = [
    "CachedTile",
    "DiskTileCache",
    "Lookup",
    "Lookups",
    "RedisTileCache",
    "Slot",
    "TileCache",
    "tile_cache",
]


def tile_cache() -> TileCache:
    """The cache settings.TILE_CACHE names ('redis' or 'disk'), one per process and setting."""
    kind = settings.TILE_CACHE
    if kind == "disk":
        root = str(getattr(settings, "TILE_CACHE_DIR", settings.BASE_DIR / ".local" / "tile-cache"))
        return _tile_cache(kind, root)
    return _tile_cache(kind, settings.CONFIG.redis_url)


@lru_cache(maxsize=8)
def _tile_cache(kind: str, location: str) -> TileCache:
    if kind == "disk":
        return DiskTileCache(Path(location))
    return RedisTileCache(location)
