"""Computing the cameras' fields of view and storing them: once per change, never per request.

A camera's fields are recomputed when the camera changes (in the same transaction when the
write comes through this app's services; right after the commit when it comes through the
generic features API, see receivers.py) and when a building within its range changes.
The stored rows are in WGS 84 for the tiles and the API; analyses read them back into
metres once per process (selectors/state.py).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence

import numpy as np
import shapely
from django.contrib.gis.geos import GEOSGeometry
from django.db import transaction
from django.utils import timezone

from geo_platform.errors import PlatformError
from geo_platform.events import feature_changed, layer_reloaded
from layers.models import Layer
from layers.surveillance import queries
from layers.surveillance.conf import surveillance_settings
from layers.surveillance.geometry import (
    camera_geometry,
    grown,
    metric_of,
    multipolygon_ewkb,
    reach_circle,
    storage_geos,
)
from layers.surveillance.layer_specs import FIELDS_OF_VIEW
from layers.surveillance.models import Camera, CameraStatus
from risk_models.surveillance import LEVELS, BuildingIndex, SurveillanceError, fields_of_view, reach

logger = logging.getLogger(__name__)

# Above this many cameras one query loads every building instead of those around each camera,
# and the tiles of the whole layer are retired instead of announcing each camera's change.
BULK = 200


def _buildings_around(cameras: Sequence, radius_m: float) -> BuildingIndex | None:
    if len(cameras) > BULK:
        footprints, heights = queries.buildings()
    else:
        circles = [grown(metric_of(camera.position), radius_m + 1.0) for camera in cameras]
        footprints, heights = queries.buildings(within=storage_geos(shapely.union_all(circles)))
    return BuildingIndex(footprints, heights) if len(footprints) else None


def _compute(cameras: Sequence[Camera]) -> list[tuple]:
    """Rows (camera_id, level, status, range_m, source, hex EWKB) of the cameras' non-empty fields."""
    if not cameras:
        return []
    settings = surveillance_settings().fov_settings()
    buildings = _buildings_around(cameras, settings.max_range)
    ids, levels, statuses, ranges, sources, polygons = [], [], [], [], [], []
    for camera in cameras:
        try:
            mounted = camera_geometry(camera)
            radii = reach(camera=mounted, settings=settings).radii
            fields = fields_of_view(camera=mounted, buildings=buildings, settings=settings)
        except (SurveillanceError, PlatformError) as error:
            # Stored cameras pass the model's range checks, which are stricter than the core's.
            logger.warning("No field of view for camera %s: %s", camera.pk, error)
            continue
        for level in LEVELS:
            polygon = fields[level]
            if polygon.is_empty or polygon.area <= 0:
                continue
            ids.append(camera.pk)
            levels.append(level.value)
            statuses.append(camera.status)
            ranges.append(round(float(radii[level]), 2))
            sources.append(camera.source)
            polygons.append(polygon)
    if not polygons:
        return []
    ewkb = multipolygon_ewkb(np.array(polygons, dtype=object))
    return list(zip(ids, levels, statuses, ranges, sources, ewkb, strict=True))


def _announce(changes: dict[int, tuple[GEOSGeometry | None, GEOSGeometry | None]]) -> None:
    """Tell the tile cache (after commit) which fields of view changed, or that all did."""
    if len(changes) > BULK:
        transaction.on_commit(lambda: layer_reloaded.send(sender=Layer, layer=FIELDS_OF_VIEW.slug))
        return
    for camera_id, (before, after) in changes.items():
        if before is None and after is None:
            continue
        transaction.on_commit(
            lambda c=camera_id, b=before, a=after: feature_changed.send(
                sender=Layer, layer=FIELDS_OF_VIEW.slug, feature_id=c, before=b, after=a
            )
        )


@transaction.atomic
def store_fields_of_view(*, camera_ids: Iterable[int] | None = None) -> int:
    """Recompute and store the fields of view of the given cameras (all when None); rows written.

    Decommissioned cameras keep no field of view.
    """
    cameras = Camera.objects.select_for_update().order_by("pk")
    if camera_ids is not None:
        cameras = cameras.filter(pk__in=list(camera_ids))
    cameras = list(cameras)
    ids = [camera.pk for camera in cameras]
    if not ids:
        return 0
    few = len(ids) <= BULK
    before = queries.detect_fields(ids) if few else {}
    queries.delete_fields(None if camera_ids is None else ids)
    active = [camera for camera in cameras if camera.status != CameraStatus.DECOMMISSIONED]
    rows = _compute(active)
    written = queries.insert_fields(rows)
    Camera.objects.filter(pk__in=ids).update(fov_computed_at=timezone.now())
    queries.touch_layers([FIELDS_OF_VIEW.slug])
    after = queries.detect_fields(ids) if few else {}
    _announce({camera_id: (before.get(camera_id), after.get(camera_id)) for camera_id in ids})
    return written


def refresh_camera(*, camera_id: int, before: GEOSGeometry | None = None) -> None:
    """After a camera's write committed elsewhere: recompute its fields unless already current."""
    camera = Camera.objects.filter(pk=camera_id).only("updated_at", "fov_computed_at").first()
    if camera is None:
        forget_camera(position=before)
        return
    if camera.fov_computed_at is None or camera.fov_computed_at < camera.updated_at:
        store_fields_of_view(camera_ids=[camera_id])


@transaction.atomic
def forget_camera(*, position: GEOSGeometry | None) -> None:
    """A deleted camera's fields went with it (cascade): mark the layer changed, retire its tiles."""
    queries.touch_layers([FIELDS_OF_VIEW.slug])
    if position is not None:
        circle = reach_circle(position, radius_m=surveillance_settings().max_range_m)
        _announce({0: (circle, None)})


def refresh_near(*, geometries: Iterable[GEOSGeometry | None]) -> int:
    """After a building changed: recompute every camera within range of its old or new footprint."""
    radius = surveillance_settings().max_range_m
    areas = [grown(metric_of(g), radius + 1.0) for g in geometries if g is not None and not g.empty]
    if not areas:
        return 0
    ids = queries.camera_ids_within(
        storage_geos(shapely.union_all(areas)), exclude_statuses=(CameraStatus.DECOMMISSIONED,)
    )
    return store_fields_of_view(camera_ids=ids) if ids else 0


def recompute_all() -> int:
    """Every camera's fields (after a bulk load of cameras or buildings, or a settings change)."""
    return store_fields_of_view(camera_ids=None)
