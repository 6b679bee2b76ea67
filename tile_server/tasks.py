"""The tile server's one background task: the second invalidation when replicas serve reads."""

from __future__ import annotations

from celery import shared_task
from django.contrib.gis.geos import GEOSGeometry

from tile_server.invalidation import invalidate_feature


@shared_task(name="tiles.invalidate_again", ignore_result=True, soft_time_limit=60, time_limit=90)
def invalidate_again(layer: str, before_hex: str | None, after_hex: str | None) -> None:
    """Invalidate the tiles of an edit again, after the replicas have replayed it."""
    shapes = [GEOSGeometry(value) if value else None for value in (before_hex, after_hex)]
    invalidate_feature(layer, *shapes)
