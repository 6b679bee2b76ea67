"""Writing cameras: every write goes through layers.services (audit trail, `feature_changed`, tiles),
and the fields of view are stored in the same transaction.

Single cameras are also created and edited through the generic features API
(/api/layers/cameras/features/); their fields of view follow right after the commit
(receivers.py). The batch writes below (a reviewed placement, an import) come here.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.contrib.gis.geos import GEOSGeometry
from django.db import transaction
from django.utils.translation import gettext as _

from geo_platform.errors import InvalidGeometry, InvalidParameter
from layers import services as layer_services
from layers.geometry import check_geometry
from layers.models import Layer
from layers.serializers import properties_serializer
from layers.surveillance.layer_specs import CAMERAS
from layers.surveillance.models import Camera, CameraStatus, CameraType
from layers.surveillance.permissions import ensure_can_write
from layers.surveillance.services.fields_of_view import store_fields_of_view

PLACEMENT_SOURCE = "placement"


def cameras_layer() -> Layer:
    return Layer.objects.get(slug=CAMERAS.slug)


def checked_attributes(properties: dict, *, partial: bool = False) -> tuple[dict, dict]:
    """(validated attributes, errors by attribute) with the cameras layer's own serializer."""
    attributes = properties_serializer(CAMERAS)(data=properties, partial=partial)
    if attributes.is_valid():
        return attributes.validated_data, {}
    return {}, {name: [str(message) for message in messages] for name, messages in attributes.errors.items()}


def checked_position(x: float, y: float, *, crs: str | None = None) -> GEOSGeometry:
    """A camera position (in `crs`, default WGS 84) checked to lie in Sofia, in storage WGS 84."""
    return check_geometry(
        {"type": "Point", "coordinates": [x, y]}, accepted_types=("Point",), query_crs=crs
    ).geometry


@transaction.atomic
def write_cameras(
    *,
    user,
    new: Sequence[tuple[GEOSGeometry, dict]] = (),
    changed: Sequence[tuple[Camera, GEOSGeometry | None, dict]] = (),
) -> tuple[list[Camera], list[Camera]]:
    """Create and update cameras through layers.services, then store their fields of view."""
    layer = cameras_layer()
    created = [
        layer_services.create_feature(layer=layer, user=user, geometry=geometry, properties=properties)
        for geometry, properties in new
    ]
    updated = [
        layer_services.update_feature(
            layer=layer, user=user, instance=camera, geometry=geometry, properties=properties
        )
        for camera, geometry, properties in changed
    ]
    if created or updated:
        store_fields_of_view(camera_ids=[camera.pk for camera in (*created, *updated)])
    return created, updated


def save_planned_cameras(
    *, user, cameras: Sequence[dict], owner: str = "", watched_object: str = "", name_prefix: str = ""
) -> list[Camera]:
    """A reviewed placement saved as planned cameras (with their fields of view), all or none."""
    ensure_can_write(user)
    items, errors = [], {}
    label = name_prefix or _("Planned camera")
    for index, camera in enumerate(cameras):
        properties = {
            "name": camera.get("name") or f"{label} {index + 1}",
            "mount_height": camera["mount_height"],
            "azimuth": camera["azimuth"],
            "fov": camera["fov"],
            "tilt": camera["tilt"],
            "resolution": camera["resolution"],
            "status": CameraStatus.PLANNED,
            "owner": owner,
            "watched_object": watched_object,
            "camera_type": CameraType.FIXED,
        }
        attributes, problems = checked_attributes(properties)
        try:
            position = checked_position(camera["lon"], camera["lat"])
        except InvalidGeometry as error:
            problems["position"] = [str(error.detail)]
        if problems:
            errors[str(index)] = problems
            continue
        items.append((position, {**attributes, "source": PLACEMENT_SOURCE}))
    if errors:
        raise InvalidParameter(
            _("%(count)s of the cameras are invalid; nothing was saved.") % {"count": len(errors)},
            parameter="cameras",
            errors=errors,
        )
    created, _updated = write_cameras(user=user, new=items)
    return created
