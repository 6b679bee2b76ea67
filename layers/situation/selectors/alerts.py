"""Reads of alerts: the active ones (everyone, the public included), the feed, and the estimate
of who is inside an area before an alert is issued."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import numpy as np
import rasterio
import rasterio.mask
import shapely
from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from pyproj import Transformer

from geo_platform.errors import NotFound
from layers.situation import workflow
from layers.situation.choices import AlertStatus
from layers.situation.models import Alert

POPULATION_RASTER = "population/ghs_pop_2020_sofia_120m_mollweide.tif"
POPULATION_NOTE = (
    "Население: GHS-POP 2020 (JRC, Европейска комисия), клетки 120 m; броени са клетките, чийто "
    "център е в зоната. Училища, болници и убежища: слоевете на платформата (убежищата са демо)."
)


def active_alerts() -> QuerySet[Alert]:
    now = timezone.now()
    return (
        Alert.objects.filter(status=AlertStatus.ISSUED, effective__lte=now, expires__gt=now)
        .exclude(msg_type="Cancel")
        .order_by("-issued_at")
    )


def feed_alerts(limit: int = 50) -> QuerySet[Alert]:
    """Issued, superseded and cancelled alerts and their updates, newest first (the Atom feed)."""
    return (
        Alert.objects.exclude(status__in=(AlertStatus.PENDING, AlertStatus.REJECTED))
        .exclude(issued_at=None)
        .order_by("-issued_at")[:limit]
    )


def alerts_for(user) -> QuerySet[Alert]:
    """Staff see every alert; everyone else the issued ones."""
    if workflow.is_writer(user):
        return Alert.objects.select_related("composed_by", "approved_by").order_by("-created_at")
    return Alert.objects.exclude(issued_at=None).exclude(status=AlertStatus.PENDING).order_by("-issued_at")


def get_alert(user, alert_id: int) -> Alert:
    alert = alerts_for(user).filter(pk=alert_id).first()
    if alert is None:
        raise NotFound(_("There is no alert %(id)s.") % {"id": alert_id})
    return alert


@lru_cache(maxsize=1)
def settlements() -> dict[str, dict]:
    """EKATTE code → {name_bg, name_en, geometry (shapely)} of the 38 settlements (shared data)."""
    path = Path(settings.SHARED_DATA_DIR) / "boundaries/sofia_settlements_ekatte.geojson"
    features = json.loads(path.read_text(encoding="utf-8"))["features"]
    return {
        str(f["properties"]["ekatte"]): {
            "name_bg": f["properties"].get("name_bg", ""),
            "name_en": f["properties"].get("name_en", ""),
            "geometry": shapely.geometry.shape(f["geometry"]),
        }
        for f in features
    }


def people_inside(area_wkt: str) -> int | None:
    """Persons in GHS-POP cells whose centre lies inside the area (None without the raster)."""
    path = Path(settings.SHARED_DATA_DIR) / POPULATION_RASTER
    if not path.exists():
        return None
    geometry = shapely.from_wkt(area_wkt)
    with rasterio.open(path) as src:
        to_raster = Transformer.from_crs("EPSG:4326", src.crs, always_xy=True)
        projected = shapely.transform(
            geometry, lambda xy: np.column_stack(to_raster.transform(xy[:, 0], xy[:, 1]))
        )
        try:
            data, _transform = rasterio.mask.mask(
                src, [shapely.geometry.mapping(projected)], crop=True, filled=True, nodata=0
            )
        except ValueError:  # the area misses the raster
            return 0
    values = np.nan_to_num(data[0].astype("float64"), nan=0.0)
    values[values < 0] = 0
    return int(round(values.sum()))


def estimate(area) -> dict:
    """People (GHS-POP), schools, hospitals and shelters inside a GEOS area (WGS 84)."""
    from layers.infrastructure.models import Hospital, School
    from layers.shelters.models import Shelter

    shelters = Shelter.objects.filter(position__within=area)
    return {
        "people": people_inside(area.wkt),
        "schools": School.objects.filter(position__within=area).count(),
        "hospitals": list(Hospital.objects.filter(position__within=area).values_list("name", flat=True)[:50]),
        "shelters": shelters.count(),
        "shelter_capacity": sum(shelters.values_list("capacity", flat=True)),
        "area_km2": round(area.transform(32634, clone=True).area / 1e6, 3),
        "note": POPULATION_NOTE,
    }
