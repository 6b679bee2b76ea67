"""What the tile cache stores and the interface both backends implement."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from django.db import connection

from tile_server.grid import Tile

# An empty tile is stored too, so that asking again costs no query.
_EMPTY = b"-"


@dataclass(frozen=True)
class Slot:
    """Where one layer's tile for one visibility class lives."""

    layer: str
    fingerprint: str
    tile: Tile
    audience: str


@dataclass(frozen=True)
class CachedTile:
    etag: str  # empty for an empty tile
    gzipped: bytes

    @property
    def empty(self) -> bool:
        return not self.gzipped

    def encode(self) -> bytes:
        return self.etag.encode() + self.gzipped if self.gzipped else _EMPTY

    @classmethod
    def decode(cls, value: bytes) -> CachedTile:
        if value == _EMPTY:
            return cls("", b"")
        return cls(value[:32].decode(), value[32:])


@dataclass(frozen=True)
class Lookup:
    tile: CachedTile | None
    ticket: str  # "gen.zgen.seq" as seen by the lookup


@dataclass(frozen=True)
class Lookups:
    catalogue: str  # the catalogue stamp, read in the same round trip
    tiles: list[Lookup]


class TileCache(Protocol):
    def lookup(self, slots: Sequence[Slot]) -> Lookups: ...

    def store(self, slot: Slot, ticket: str, tile: CachedTile) -> bool: ...

    def invalidate(
        self,
        layer: str,
        fingerprint: str,
        tiles: Mapping[int, Iterable[tuple[int, int]]],
        bump_zooms: Iterable[int],
    ) -> None: ...

    def bump_layer(self, layer: str) -> None: ...

    def bump_catalogue(self) -> None: ...

    def clear(self) -> None: ...


def namespace() -> str:
    return f"tiles:{connection.settings_dict['NAME']}"


def audience_key(audience: str) -> str:
    # Visibility classes hold ':' and '+'; a short hash is a safe field and file name.
    return hashlib.blake2b(audience.encode(), digest_size=8).hexdigest()
