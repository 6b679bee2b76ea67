"""The rows of a layer a user may see, for layers whose rows differ by user.

Most layers show every row to whoever may see the layer; some (an organizer's own
events) filter rows per user through `LayerSpec.queryset_for`. Such a filter becomes
part of the tile: the compiled inner query starts from it, and its key (a hash of its
SQL and parameters) joins the visibility class in the cache key, so users whose rows
differ never share a cached tile, and users whose filters are equal still do.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.db.models import QuerySet

from layers.registry import LayerSpec


@dataclass(frozen=True)
class RowScope:
    key: str  # "" when every row of the layer is visible
    queryset: QuerySet


def row_scope(spec: LayerSpec, user) -> RowScope:
    """The rows of `spec`'s layer that `user` may see, and a key naming exactly those."""
    queryset = spec.queryset_for(user)
    if not queryset.query.where:
        return RowScope("", queryset)
    sql, params = queryset.query.sql_with_params()
    digest = hashlib.blake2b(repr((sql, params)).encode(), digest_size=8).hexdigest()
    return RowScope(digest, queryset)
