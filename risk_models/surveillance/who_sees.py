"""Who sees this point: the cameras whose stored field of view covers it, best DORI level first."""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping
from dataclasses import dataclass

import numpy as np
import shapely

from .dori import LEVELS, DoriLevel
from .fieldset import FieldSet, FieldsMapping, as_field_set
from .fov import DEFAULT_SETTINGS, CameraGeometry, FovSettings


@dataclass(frozen=True, slots=True)
class Sighting:
    """One camera that sees the point, the best level it reaches there, and how well."""

    camera_id: Hashable
    level: DoriLevel
    distance: float | None  # m on the ground from the camera to the point (None without camera data)
    pixels_per_metre: float | None  # pixel density on a target at the point (slant distance)


class WhoSeesIndex:
    """Built once over stored fields of view (metres); answers 'which cameras see (x, y)' in microseconds."""

    def __init__(
        self,
        *,
        fields: FieldSet | FieldsMapping,
        cameras: Mapping[Hashable, CameraGeometry] | None = None,
        settings: FovSettings = DEFAULT_SETTINGS,
    ) -> None:
        self.fields = as_field_set(fields)
        # The detect field is the whole field of view (levels are nested), so one tree finds every
        # candidate; the more demanding levels are then tested on those few cameras only.
        self.fields.tree(DoriLevel.DETECT)
        self._geometries = [self.fields.geometries[level] for level in LEVELS]
        for geometries in self._geometries:
            shapely.prepare(geometries)
        count = len(self.fields)
        self._x = np.full(count, np.nan)
        self._y = np.full(count, np.nan)
        self._drop = np.zeros(count)
        self._scale = np.full(count, np.nan)  # resolution / (2·tan(FOV/2)): ppm = scale / slant distance
        for i, camera_id in enumerate(self.fields.camera_ids):
            camera = cameras.get(camera_id) if cameras is not None else None
            if camera is None:
                continue
            self._x[i], self._y[i] = camera.x, camera.y
            self._drop[i] = max(camera.height - settings.target_height, 0.0) if settings.vertical else 0.0
            self._scale[i] = camera.resolution / (2.0 * math.tan(math.radians(camera.fov) / 2.0))

    def query(self, *, x: float, y: float) -> list[Sighting]:
        """Cameras seeing (x, y) metres, ranked by DORI level, then pixel density, then id order."""
        candidates = self.fields.tree(DoriLevel.DETECT).query(shapely.Point(x, y), predicate="intersects")
        if not len(candidates):
            return []
        candidates = np.sort(candidates)
        rank = np.ones(len(candidates), dtype=np.intp)
        for level_rank, geometries in enumerate(self._geometries[1:], start=2):
            seen = shapely.intersects_xy(geometries[candidates], x, y)
            rank[seen] = level_rank
        distance = np.hypot(self._x[candidates] - x, self._y[candidates] - y)
        density = self._scale[candidates] / np.hypot(distance, self._drop[candidates])
        # Best level first; among equals the sharper image (higher px/m), unknown densities last.
        order = np.lexsort((np.nan_to_num(-density, nan=np.inf), -rank))
        return [
            Sighting(
                camera_id=self.fields.camera_ids[candidates[i]],
                level=LEVELS[rank[i] - 1],
                distance=None if math.isnan(distance[i]) else float(distance[i]),
                pixels_per_metre=None if math.isnan(density[i]) else float(density[i]),
            )
            for i in order
        ]
