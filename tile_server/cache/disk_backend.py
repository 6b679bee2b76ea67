"""The disk tile cache, the fallback when there is no Redis (settings.TILE_CACHE = 'disk')."""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import tempfile
import time
from collections.abc import Iterable, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

from tile_server.cache.base import CachedTile, Lookup, Lookups, Slot, audience_key, namespace
from tile_server.grid import Tile


class DiskTileCache:
    """The same scheme in a directory: <layer>/versions.json and one file per tile and class.

    Writers take an exclusive lock on the layer's lock file; readers read without locks
    because every file is replaced atomically.
    """

    def __init__(self, root: Path) -> None:
        self.root = root

    def _layer_dir(self, layer: str) -> Path:
        return self.root / namespace().replace(":", "_") / layer

    def _versions(self, layer: str) -> dict:
        try:
            return json.loads((self._layer_dir(layer) / "versions.json").read_text())
        except (FileNotFoundError, json.JSONDecodeError):
            return {}

    def _write_versions(self, layer: str, versions: dict) -> None:
        _write_atomic(self._layer_dir(layer) / "versions.json", json.dumps(versions).encode())

    @contextmanager
    def _locked(self, layer: str):
        directory = self._layer_dir(layer)
        directory.mkdir(parents=True, exist_ok=True)
        with open(directory / ".lock", "w") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def _tile_dir(self, layer: str, fingerprint: str, generation: str, tile: Tile) -> Path:
        return self._layer_dir(layer) / fingerprint / generation / tile.path

    def _catalogue_file(self) -> Path:
        return self.root / namespace().replace(":", "_") / "catalogue"

    def lookup(self, slots: Sequence[Slot]) -> Lookups:
        try:
            stamp = self._catalogue_file().read_text()
        except FileNotFoundError:
            stamp = "0"
        found = []
        for slot in slots:
            versions = self._versions(slot.layer)
            generation = f"{versions.get('gen', 0)}.{versions.get(f'z{slot.tile.z}', 0)}"
            path = self._tile_dir(slot.layer, slot.fingerprint, generation, slot.tile) / audience_key(
                slot.audience
            )
            try:
                tile = CachedTile.decode(path.read_bytes())
            except FileNotFoundError:
                tile = None
            found.append(Lookup(tile, f"{generation}.{versions.get('seq', 0)}"))
        return Lookups(stamp, found)

    def store(self, slot: Slot, ticket: str, tile: CachedTile) -> bool:
        generation, _, seq = ticket.rpartition(".")
        with self._locked(slot.layer):
            if str(self._versions(slot.layer).get("seq", 0)) != seq:
                return False
            directory = self._tile_dir(slot.layer, slot.fingerprint, generation, slot.tile)
            _write_atomic(directory / audience_key(slot.audience), tile.encode())
        return True

    def invalidate(
        self,
        layer: str,
        fingerprint: str,
        tiles: Mapping[int, Iterable[tuple[int, int]]],
        bump_zooms: Iterable[int],
    ) -> None:
        with self._locked(layer):
            versions = self._versions(layer)
            versions["seq"] = versions.get("seq", 0) + 1
            self._write_versions(layer, versions)
            for z, places in tiles.items():
                generation = f"{versions.get('gen', 0)}.{versions.get(f'z{z}', 0)}"
                for x, y in places:
                    shutil.rmtree(
                        self._tile_dir(layer, fingerprint, generation, Tile(z, x, y)), ignore_errors=True
                    )
            for z in bump_zooms:
                old = f"{versions.get('gen', 0)}.{versions.get(f'z{z}', 0)}"
                versions[f"z{z}"] = versions.get(f"z{z}", 0) + 1
                for drawing in self._layer_dir(layer).iterdir():
                    if drawing.is_dir():
                        shutil.rmtree(drawing / old / str(z), ignore_errors=True)
            self._write_versions(layer, versions)

    def bump_layer(self, layer: str) -> None:
        with self._locked(layer):
            versions = self._versions(layer)
            versions["seq"] = versions.get("seq", 0) + 1
            versions["gen"] = versions.get("gen", 0) + 1
            self._write_versions(layer, versions)
            for drawing in self._layer_dir(layer).iterdir():
                if drawing.is_dir():
                    shutil.rmtree(drawing, ignore_errors=True)

    def bump_catalogue(self) -> None:
        # A fresh unique value: what matters is that it differs from the last one.
        _write_atomic(self._catalogue_file(), str(time.time_ns()).encode())

    def clear(self) -> None:
        shutil.rmtree(self.root / namespace().replace(":", "_"), ignore_errors=True)


def _write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    with os.fdopen(handle, "wb") as out:
        out.write(data)
    os.replace(temporary, path)
