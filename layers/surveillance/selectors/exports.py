"""Cameras for export: the rows a user may see, filtered by status and box, as plain dicts."""

from __future__ import annotations

from django.contrib.gis.geos import Polygon
from django.utils.translation import gettext as _

from geo_platform.crs import STORAGE_SRID
from geo_platform.errors import InvalidParameter
from layers.surveillance.layer_specs import CAMERAS
from layers.surveillance.models import CAMERA_ATTRIBUTES, CameraStatus
from layers.surveillance.permissions import ensure_can_see_cameras


def _statuses(text: str) -> list[str]:
    statuses = [item.strip() for item in text.split(",") if item.strip()]
    unknown = sorted(set(statuses) - set(CameraStatus.values))
    if unknown:
        raise InvalidParameter(
            _("Unknown status %(value)r; use %(allowed)s.")
            % {"value": unknown[0], "allowed": ", ".join(CameraStatus.values)},
            parameter="status",
        )
    return statuses


def _bbox(text: str) -> Polygon:
    try:
        numbers = [float(part) for part in text.split(",")]
    except ValueError:
        numbers = []
    if len(numbers) != 4 or numbers[0] > numbers[2] or numbers[1] > numbers[3]:
        raise InvalidParameter(
            _("bbox must be minlon,minlat,maxlon,maxlat with min ≤ max."), parameter="bbox"
        )
    box = Polygon.from_bbox(numbers)
    box.srid = STORAGE_SRID
    return box


def cameras_for_export(*, user, status: str = "", bbox: str = "") -> list[dict]:
    """The cameras `user` may see, each as a dict of the export columns (WGS 84 lon/lat)."""
    ensure_can_see_cameras(user)
    rows = CAMERAS.queryset_for(user).order_by("pk")
    if status:
        rows = rows.filter(status__in=_statuses(status))
    if bbox:
        rows = rows.filter(position__intersects=_bbox(bbox))
    cameras = []
    for camera in rows:
        record = {name: getattr(camera, name) for name in CAMERA_ATTRIBUTES}
        record.update(
            platform_id=camera.pk,
            external_id=camera.external_id,
            source=camera.source,
            lon=camera.position.x,
            lat=camera.position.y,
        )
        cameras.append(record)
    return cameras
