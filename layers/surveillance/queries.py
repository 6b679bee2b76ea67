"""The spatial SQL of the surveillance app, in one place.

Reads hand geometry to the analysis core as WKB (`AsWKB`), so tens of thousands of
footprints or fields of view never become GEOS objects one by one; the one raw statement
is the COPY that writes fields of view in bulk (hex EWKB, which PostGIS reads as text).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
from django.contrib.gis.db.models.functions import AsWKB
from django.contrib.gis.geos import GEOSGeometry
from django.db import connection
from django.utils import timezone

from layers.infrastructure.models import TransitMode, TransitRoute
from layers.models import Layer
from layers.surveillance.geometry import metric_of_wkb
from layers.surveillance.models import Building, Camera, CameraFieldOfView


def layer_stamps(slugs: Sequence[str]) -> tuple:
    """The layers' last-change times: one indexed query, the cheap test of 'did anything change'."""
    stamps = dict(Layer.objects.filter(slug__in=slugs).values_list("slug", "last_change_at"))
    return tuple(stamps.get(slug) for slug in slugs)


def touch_layers(slugs: Iterable[str]) -> None:
    Layer.objects.filter(slug__in=list(slugs)).update(last_change_at=timezone.now())


def footprints(*, within: GEOSGeometry | None = None) -> np.ndarray:
    """Building footprints (all, or those meeting `within`, WGS 84) as shapely in UTM 34N metres."""
    return buildings(within=within)[0]


def buildings(*, within: GEOSGeometry | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Footprints in UTM 34N metres and their heights in m (NaN where unknown), in one read."""
    rows = Building.objects.all()
    if within is not None:
        rows = rows.filter(footprint__intersects=within)
    pairs = list(rows.order_by("pk").annotate(wkb=AsWKB("footprint")).values_list("wkb", "height_m"))
    heights = np.array([np.nan if h is None else h for _wkb, h in pairs], dtype=float)
    return metric_of_wkb(wkb for wkb, _h in pairs), heights


def camera_ids_within(area: GEOSGeometry, *, exclude_statuses: Sequence[str] = ()) -> list[int]:
    """Ids of the cameras standing inside `area` (WGS 84)."""
    return list(
        Camera.objects.filter(position__intersects=area)
        .exclude(status__in=exclude_statuses)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def field_rows(camera_ids: Sequence[int] | None = None) -> list[tuple[int, str, bytes]]:
    """(camera id, level, WKB in WGS 84) of the stored fields of view (of the given cameras)."""
    rows = CameraFieldOfView.objects.all()
    if camera_ids is not None:
        rows = rows.filter(camera_id__in=camera_ids)
    return list(rows.annotate(wkb=AsWKB("field_of_view")).values_list("camera_id", "level", "wkb"))


def detect_fields(camera_ids: Sequence[int]) -> dict[int, GEOSGeometry]:
    """The stored detect field (the widest, holding the others) of each camera, as GEOS."""
    rows = CameraFieldOfView.objects.filter(camera_id__in=camera_ids, level="detect")
    return dict(rows.values_list("camera_id", "field_of_view"))


def delete_fields(camera_ids: Sequence[int] | None) -> None:
    """Remove the stored fields of view of the given cameras (of all when None)."""
    rows = CameraFieldOfView.objects.all()
    if camera_ids is not None:
        rows = rows.filter(camera_id__in=camera_ids)
    rows.delete()


_FIELD_COLUMNS = (
    "name",
    "source",
    "external_id",
    "created_at",
    "updated_at",
    "camera_id",
    "level",
    "status",
    "range_m",
    "field_of_view",
)


def insert_fields(rows: Iterable[tuple]) -> int:
    """COPY rows of (camera_id, level, status, range_m, source, hex EWKB) into the fields table."""
    table = connection.ops.quote_name(CameraFieldOfView._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(c) for c in _FIELD_COLUMNS)
    now = timezone.now()
    count = 0
    connection.ensure_connection()
    with (
        connection.connection.cursor() as cursor,
        cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy,
    ):
        for camera_id, level, status, range_m, source, ewkb in rows:
            copy.write_row(("", source, "", now, now, camera_id, level, status, range_m, ewkb))
            count += 1
    return count


def street_lines(*, within: GEOSGeometry) -> np.ndarray:
    """The surface transit routes (the stand-in for streets) meeting `within`, in UTM 34N metres.

    Metro routes are left out: most of their length runs underground, out of any camera's sight.
    """
    rows = (
        TransitRoute.objects.filter(route__intersects=within)
        .exclude(mode=TransitMode.METRO)
        .order_by("pk")
        .annotate(wkb=AsWKB("route"))
        .values_list("wkb", flat=True)
    )
    return metric_of_wkb(rows)


def positions_wkb(queryset, geometry_field: str) -> np.ndarray:
    """The geometry column of any layer's queryset, in UTM 34N metres."""
    return metric_of_wkb(
        queryset.order_by("pk").annotate(wkb=AsWKB(geometry_field)).values_list("wkb", flat=True)
    )
