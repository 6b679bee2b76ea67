"""What a hot-spot analysis reads: the incidents of a period, category and area, in metres.

Incidents come from the Situation Centre's layer through its own selector (positions, times
and categories only, never personal data). Areas are the whole municipality, a district, or
a polygon drawn on the map.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import numpy as np
from django.contrib.gis.geos import GEOSGeometry, MultiPolygon
from django.db.models import Count
from django.utils.translation import gettext as _

from geo_platform.crs import METRIC_SRID, STORAGE_SRID
from geo_platform.errors import InvalidParameter
from layers.administrative.models import District, Municipality
from layers.geometry import check_geometry
from layers.situation.models import Incident
from layers.situation.selectors.incidents import incidents_for_analysis
from layers.surveillance.geometry import metric_of
from risk_models.surveillance.projection import transformer


@dataclass(frozen=True)
class StudyArea:
    label: str
    storage: MultiPolygon  # WGS 84
    metric: object  # shapely, UTM 34N


@dataclass(frozen=True)
class IncidentSample:
    x: np.ndarray  # metres
    y: np.ndarray
    days: np.ndarray  # days since the start of the period
    count: int


def study_area(*, district: str = "", geometry: dict | None = None) -> StudyArea:
    """The area analysed: a drawn polygon, a district by its code, or the whole municipality."""
    if geometry:
        checked = check_geometry(geometry, accepted_types=("Polygon", "MultiPolygon"), store_as_multi=True)
        shape = checked.geometry
        label = _("drawn area")
    elif district:
        found = District.objects.filter(code=district).first()
        if found is None:
            raise InvalidParameter(
                _("There is no district with the code %(code)s; choose one of the 24 districts.")
                % {"code": district}
            )
        shape, label = found.boundary, found.name
    else:
        found = Municipality.objects.order_by("id").first()
        if found is None:
            raise InvalidParameter(_("The municipality's boundary is not loaded yet."))
        shape, label = found.boundary, _("Sofia Municipality")
    storage = shape if isinstance(shape, MultiPolygon) else MultiPolygon(shape, srid=shape.srid)
    return StudyArea(label=str(label), storage=storage, metric=metric_of(storage))


def incident_sample(
    *, period: tuple[datetime, datetime], categories: list[str], area: StudyArea
) -> IncidentSample:
    """The incidents to analyse, projected to metres, with their times in days from the period's start."""
    rows = incidents_for_analysis(period=period, categories=categories or None, area=area.storage)
    if not rows:
        return IncidentSample(np.empty(0), np.empty(0), np.empty(0), 0)
    lon = np.array([row.lon for row in rows])
    lat = np.array([row.lat for row in rows])
    x, y = transformer(source_srid=STORAGE_SRID, target_srid=METRIC_SRID).transform(lon, lat)
    start = period[0]
    days = np.array([(row.occurred_at - start).total_seconds() / 86400 for row in rows])
    return IncidentSample(np.asarray(x), np.asarray(y), days, len(rows))


def district_counts(*, period: tuple[datetime, datetime], categories: list[str]) -> list[dict]:
    """Incidents per district: the only level of detail the public sees."""
    queryset = Incident.objects.filter(
        occurred_at__gte=period[0], occurred_at__lt=period[1], merged_into=None
    ).exclude(district_code="")
    if categories:
        queryset = queryset.filter(category__in=categories)
    counts = dict(queryset.values_list("district_code").annotate(n=Count("id")))
    return [
        {"code": code, "name": name, "incidents": counts.get(code, 0)}
        for code, name in District.objects.order_by("code").values_list("code", "name")
    ]


def to_storage_geos(geometry) -> GEOSGeometry:
    """A metric shapely geometry as GEOS in WGS 84."""
    from layers.surveillance.geometry import storage_geos

    return storage_geos(geometry, multi=True)
