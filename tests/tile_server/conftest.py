"""Tile tests start and end with an empty tile cache and catalogue copy: a test's
rolled-back edits must not leave tiles or catalogue records behind for the next test."""

from __future__ import annotations

import pytest

from tile_server import catalogue
from tile_server.cache import tile_cache


@pytest.fixture(autouse=True)
def empty_tile_cache(db):
    tile_cache().clear()
    catalogue.forget()
    yield
    tile_cache().clear()
    catalogue.forget()
