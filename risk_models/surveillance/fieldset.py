"""Stored fields of view of many cameras, as per-level geometry arrays with STRtrees built once."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping

import numpy as np
import shapely
from shapely import STRtree
from shapely.geometry import Polygon

from .dori import LEVELS, DoriLevel

# What callers hand in: {camera_id: {level: Polygon | MultiPolygon in metres}}; level keys may be
# DoriLevel members or their string values ("detect", ...), which compare equal.
FieldsMapping = Mapping[Hashable, Mapping[DoriLevel | str, shapely.Geometry]]


class FieldSet:
    """Fields of view keyed by camera id, indexed per DORI level for 'which cameras meet this geometry'."""

    def __init__(self, fields: FieldsMapping) -> None:
        self.camera_ids = np.empty(len(fields), dtype=object)
        self.camera_ids[:] = list(fields)
        self.position = {camera_id: i for i, camera_id in enumerate(self.camera_ids)}
        self.geometries: dict[DoriLevel, np.ndarray] = {}
        for level in LEVELS:
            column = np.empty(len(fields), dtype=object)
            column[:] = [_polygonal(per_level.get(level)) for per_level in fields.values()]
            self.geometries[level] = column
        self._trees: dict[DoriLevel, STRtree] = {}

    def __len__(self) -> int:
        return len(self.camera_ids)

    def tree(self, level: DoriLevel) -> STRtree:
        """The STRtree of `level`'s fields (built on first use; empty fields are not indexed)."""
        if level not in self._trees:
            self._trees[level] = STRtree(self.geometries[level])
        return self._trees[level]

    def meeting(self, *, level: DoriLevel, geometry: shapely.Geometry) -> np.ndarray:
        """Indices of the cameras whose `level` field intersects `geometry`."""
        return np.sort(self.tree(level).query(geometry, predicate="intersects"))

    def indices_of(self, camera_ids: Iterable[Hashable]) -> np.ndarray:
        """Positions of the given camera ids; ids this set does not hold are ignored."""
        return np.array(sorted({self.position[c] for c in camera_ids if c in self.position}), dtype=np.intp)


def as_field_set(fields: FieldSet | FieldsMapping) -> FieldSet:
    """A FieldSet as is, or one built from a mapping (build it once when running many analyses)."""
    return fields if isinstance(fields, FieldSet) else FieldSet(fields)


def _polygonal(geometry: shapely.Geometry | None) -> shapely.Geometry:
    # Missing or non-areal entries (e.g. a degenerate field stored as a line) see nothing.
    if geometry is None or geometry.is_empty or shapely.get_type_id(geometry) not in (3, 6):
        return Polygon()
    return geometry
