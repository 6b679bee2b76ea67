"""The Redis tile cache: per tile a hash with one field per visibility class."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence

import redis

from tile_server.cache.base import CachedTile, Lookup, Lookups, Slot, audience_key, namespace

logger = logging.getLogger(__name__)

# Tiles of old generations are never read again; Redis lets them expire after a week.
REDIS_TTL_SECONDS = 7 * 24 * 3600

# One round trip for a whole (composite) tile: the catalogue stamp, then for each layer its
# counters and, under the key they name, the tile. KEYS: the stamp, then each layer's
# counters; ARGV: four values per layer (zoom field, key prefix, z/x/y, class field).
_LOOKUP_LUA = """
local out = {redis.call('GET', KEYS[1]) or '0'}
for i = 2, #KEYS do
  local a = (i - 2) * 4
  local v = redis.call('HMGET', KEYS[i], 'gen', ARGV[a + 1], 'seq')
  local gen, zgen, seq = v[1] or '0', v[2] or '0', v[3] or '0'
  out[#out + 1] = gen .. '.' .. zgen .. '.' .. seq
  out[#out + 1] = redis.call('HGET', ARGV[a + 2] .. gen .. '.' .. zgen .. ':' .. ARGV[a + 3], ARGV[a + 4])
end
return out
"""
# Store only if no edit of the layer was seen since the lookup.
_STORE_LUA = """
if (redis.call('HGET', KEYS[1], 'seq') or '0') ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[2], ARGV[2], ARGV[3])
redis.call('EXPIRE', KEYS[2], ARGV[4])
return 1
"""


class RedisTileCache:
    """Per tile a Redis hash with one field per visibility class, so one UNLINK retires all."""

    def __init__(self, url: str) -> None:
        self.client = redis.Redis.from_url(url, socket_timeout=2)
        self._lookup = self.client.register_script(_LOOKUP_LUA)
        self._store = self.client.register_script(_STORE_LUA)

    @staticmethod
    def _versions_key(layer: str) -> str:
        return f"{namespace()}:v:{layer}"

    @staticmethod
    def _tile_prefix(layer: str, fingerprint: str) -> str:
        return f"{namespace()}:t:{layer}:{fingerprint}:"

    @staticmethod
    def _catalogue_key() -> str:
        return f"{namespace()}:catalogue"

    def lookup(self, slots: Sequence[Slot]) -> Lookups:
        args: list[str] = []
        for slot in slots:
            args += [
                f"z{slot.tile.z}",
                self._tile_prefix(slot.layer, slot.fingerprint),
                slot.tile.path,
                audience_key(slot.audience),
            ]
        try:
            reply = self._lookup(
                keys=[self._catalogue_key(), *(self._versions_key(slot.layer) for slot in slots)], args=args
            )
        except redis.RedisError as exc:
            # Without the cache tiles are still drawn, only slower; never stored (no ticket).
            logger.warning("Tile cache unavailable: %s", exc)
            return Lookups("", [Lookup(None, "") for _ in slots])
        stamp, rest = reply[0], reply[1:]
        tiles = [
            Lookup(CachedTile.decode(value) if value else None, ticket.decode())
            for ticket, value in zip(rest[0::2], rest[1::2], strict=True)
        ]
        return Lookups(stamp.decode(), tiles)

    def store(self, slot: Slot, ticket: str, tile: CachedTile) -> bool:
        if not ticket:
            return False
        generation, _, seq = ticket.rpartition(".")
        key = f"{self._tile_prefix(slot.layer, slot.fingerprint)}{generation}:{slot.tile.path}"
        try:
            stored = self._store(
                keys=[self._versions_key(slot.layer), key],
                args=[seq, audience_key(slot.audience), tile.encode(), REDIS_TTL_SECONDS],
            )
        except redis.RedisError as exc:
            logger.warning("Tile cache unavailable: %s", exc)
            return False
        return bool(stored)

    def invalidate(
        self,
        layer: str,
        fingerprint: str,
        tiles: Mapping[int, Iterable[tuple[int, int]]],
        bump_zooms: Iterable[int],
    ) -> None:
        versions = self._versions_key(layer)
        zooms = sorted(tiles)
        pipe = self.client.pipeline(transaction=False)
        # First the edit counter, so that a tile being drawn now is not stored afterwards.
        pipe.hincrby(versions, "seq", 1)
        pipe.hmget(versions, ["gen", *(f"z{z}" for z in zooms)])
        _, counters = pipe.execute()
        generation = (counters[0] or b"0").decode()
        prefix = self._tile_prefix(layer, fingerprint)
        keys = [
            f"{prefix}{generation}.{(zgen or b'0').decode()}:{z}/{x}/{y}"
            for z, zgen in zip(zooms, counters[1:], strict=True)
            for x, y in tiles[z]
        ]
        pipe = self.client.pipeline(transaction=False)
        for start in range(0, len(keys), 1000):
            pipe.unlink(*keys[start : start + 1000])
        for z in bump_zooms:
            pipe.hincrby(versions, f"z{z}", 1)
        pipe.execute()

    def bump_layer(self, layer: str) -> None:
        versions = self._versions_key(layer)
        pipe = self.client.pipeline(transaction=False)
        pipe.hincrby(versions, "seq", 1)
        pipe.hincrby(versions, "gen", 1)
        pipe.execute()

    def bump_catalogue(self) -> None:
        self.client.incr(self._catalogue_key())

    def clear(self) -> None:
        keys = list(self.client.scan_iter(match=f"{namespace()}:*", count=1000))
        for start in range(0, len(keys), 1000):
            self.client.unlink(*keys[start : start + 1000])
