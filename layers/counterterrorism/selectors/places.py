"""Sites, crowded places and upcoming event perimeters as the analyses see them (metres)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import shapely
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from layers.counterterrorism.conf import POINT_SITE_RADIUS_M
from layers.counterterrorism.models import ProtectedSite, SiteCategory, Survey
from layers.events.models import MassEvent
from layers.events.models.choices import ACTIVE_STATUSES
from risk_models.surveillance import to_metric


@dataclass(frozen=True)
class Place:
    kind: str  # "site" or "event"
    id: int
    name: str
    category: str  # SiteCategory value, or "event"
    centre: tuple[float, float]
    area: shapely.Geometry  # metric footprint (or a disc round a point)
    crowd_weekday: float
    crowd_peak: float
    protective_index: float  # NaN if never surveyed
    demo: bool


def _shape(geometry) -> shapely.Geometry:
    return shapely.from_wkb(bytes(geometry.wkb))


def site_place(site: ProtectedSite, index: float | None = None) -> Place:
    centre = to_metric(_shape(site.position))
    area = (
        to_metric(_shape(site.footprint))
        if site.footprint
        else centre.buffer(POINT_SITE_RADIUS_M, quad_segs=8)
    )
    return Place(
        "site",
        site.pk,
        site.name,
        site.category,
        (centre.x, centre.y),
        area,
        float(site.crowd_weekday),
        float(site.crowd_peak),
        float("nan") if index is None else float(index),
        site.source == "demo",
    )


def event_place(event: MassEvent) -> Place:
    area = to_metric(_shape(event.perimeter))
    centre = area.representative_point()
    people = float(event.expected_participants or 0)
    return Place(
        "event",
        event.pk,
        event.name,
        "event",
        (centre.x, centre.y),
        area,
        people,
        people,
        float("nan"),
        False,
    )


def latest_index_subquery():
    return Subquery(
        Survey.objects.filter(site=OuterRef("pk"))
        .order_by("-surveyed_on", "-id")
        .values("protective_index")[:1]
    )


def sites(ids: list[int] | None = None):
    queryset = ProtectedSite.objects.annotate(latest_index=latest_index_subquery()).order_by("id")
    if ids is not None:
        queryset = queryset.filter(pk__in=ids)
    return queryset


def upcoming_events():
    return MassEvent.objects.filter(
        perimeter__isnull=False, status__in=ACTIVE_STATUSES, end__gte=timezone.now()
    ).order_by("id")


def all_places(*, site_ids: list[int] | None = None, with_events: bool = True) -> list[Place]:
    places = [site_place(site, site.latest_index) for site in sites(site_ids)]
    if with_events and site_ids is None:
        places += [event_place(event) for event in upcoming_events()]
    return places


def crowds(places: list[Place]):
    """Crowded places as points with their weekday crowd (for the cordon's day population)."""
    from risk_models.counterterrorism import PointSet

    if not places:
        return PointSet(np.zeros((0, 2)), (), np.zeros(0))
    return PointSet(
        np.array([p.centre for p in places]),
        [p.name for p in places],
        np.array([p.crowd_weekday for p in places]),
    )


__all__ = [
    "Place",
    "SiteCategory",
    "all_places",
    "crowds",
    "event_place",
    "site_place",
    "sites",
    "upcoming_events",
]
