"""Reads of incidents: the operator's list and stream, one incident with its context, merge
proposals, and `incidents_for_analysis` for the public-order hotspot analysis (issue 14)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.gis.measure import D
from django.db import connection
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from geo_platform.errors import InvalidParameter, NotFound
from layers.situation import sql, workflow
from layers.situation.choices import Category, Status
from layers.situation.models import Incident

DUPLICATE_METRES = 100
DUPLICATE_SECONDS = 600
MAX_WINDOW = timedelta(days=31)


def open_incidents() -> QuerySet[Incident]:
    return Incident.objects.filter(status__in=workflow.OPEN, merged_into=None)


def incidents_list(
    *,
    categories: list[str] | None = None,
    priorities: list[int] | None = None,
    statuses: list[str] | None = None,
    hours: float = 24,
    limit: int = 2000,
) -> QuerySet[Incident]:
    """Incidents of the last `hours`, newest first, filtered; merged duplicates left out."""
    if not 0 < hours <= MAX_WINDOW.total_seconds() / 3600:
        raise InvalidParameter(_("The time window must be from 1 hour to 31 days."), parameter="hours")
    for value in categories or []:
        if value not in Category.values:
            raise InvalidParameter(_("Unknown category %(value)r.") % {"value": value}, parameter="category")
    for value in statuses or []:
        if value not in Status.values:
            raise InvalidParameter(_("Unknown status %(value)r.") % {"value": value}, parameter="status")
    queryset = Incident.objects.filter(
        merged_into=None, occurred_at__gte=timezone.now() - timedelta(hours=hours)
    )
    if categories:
        queryset = queryset.filter(category__in=categories)
    if priorities:
        queryset = queryset.filter(priority__in=priorities)
    if statuses:
        queryset = queryset.filter(status__in=statuses)
    return queryset.order_by("-occurred_at", "-id")[:limit]


def incidents_after(last_id: int, *, limit: int = 200) -> list[Incident]:
    """Incidents created after `last_id` (the server-sent event stream's cursor)."""
    return list(Incident.objects.filter(pk__gt=last_id, merged_into=None).order_by("id")[:limit])


def latest_id() -> int:
    return Incident.objects.order_by("-id").values_list("id", flat=True).first() or 0


def get_incident(incident_id: int) -> Incident:
    try:
        return Incident.objects.select_related("merged_into").get(pk=incident_id)
    except Incident.DoesNotExist:
        raise NotFound(_("There is no incident %(id)s.") % {"id": incident_id}) from None


def contact_of(user, incident: Incident) -> dict | None:
    """The caller's personal data, for operators, planners and administrators only."""
    if not workflow.is_writer(user):
        return None
    contact = getattr(incident, "contact", None)
    if contact is None:
        return {"caller_name": "", "caller_phone": ""}
    return {"caller_name": contact.caller_name, "caller_phone": contact.caller_phone}


def merge_proposals(*, hours: float = 24, limit: int = 100) -> list[dict]:
    """Pairs of open incidents of one category within 100 m and 10 minutes: probably one incident."""
    with connection.cursor() as cursor:
        cursor.execute(
            sql.DUPLICATE_PAIRS,
            {
                "metres": DUPLICATE_METRES,
                "seconds": DUPLICATE_SECONDS,
                "since": timezone.now() - timedelta(hours=hours),
                "limit": limit,
            },
        )
        return [
            {"keep": a, "duplicate": b, "metres": round(metres, 1), "minutes": round(seconds / 60, 1)}
            for a, b, metres, seconds in cursor.fetchall()
        ]


@dataclass(frozen=True)
class AnalysisIncident:
    id: int
    lon: float
    lat: float
    occurred_at: datetime
    category: str
    priority: int
    district_code: str


def incidents_for_analysis(
    *,
    period: tuple[datetime, datetime],
    categories: list[str] | None = None,
    area=None,
) -> list[AnalysisIncident]:
    """Positions, times and categories (no personal data) for hotspot analysis; `area` is a GEOS polygon."""
    start, end = period
    queryset = Incident.objects.filter(occurred_at__gte=start, occurred_at__lt=end, merged_into=None)
    if categories:
        queryset = queryset.filter(category__in=categories)
    if area is not None:
        queryset = queryset.filter(position__within=area)
    return [
        AnalysisIncident(id=pk, lon=p.x, lat=p.y, occurred_at=t, category=c, priority=pr, district_code=d)
        for pk, p, t, c, pr, d in queryset.values_list(
            "id", "position", "occurred_at", "category", "priority", "district_code"
        ).iterator(chunk_size=5000)
    ]


def _nearest(
    table: str, *, lon: float, lat: float, limit: int, extra: str = "''", where: str = ""
) -> list[dict]:
    query = sql.NEAREST.format(table=table, extra=extra, where=where)
    with connection.cursor() as cursor:
        cursor.execute(query, {"lon": lon, "lat": lat, "limit": limit})
        return [
            {"id": pk, "name": name, "kind": kind, "metres": round(metres)}
            for pk, name, kind, metres in cursor.fetchall()
        ]


def context_of(*, user, incident: Incident) -> dict:
    """What the operator needs around an incident: who sees it, who is near, what else is there."""
    from layers.events.models import EventStatus, MassEvent, StreetClosure
    from layers.surveillance.selectors.coverage import who_sees

    lon, lat = incident.position.x, incident.position.y
    sightings = who_sees(user=user, x=lon, y=lat)
    cameras = _nearest(
        "surveillance_camera", lon=lon, lat=lat, limit=5, extra="status", where="WHERE status = 'online'"
    )
    stations = {
        service: _nearest(
            "infrastructure_emergencystation",
            lon=lon,
            lat=lat,
            limit=2,
            extra="service",
            where=f"WHERE service = '{service}'",  # fixed values from this module, not user input
        )
        for service in ("police", "fire", "ambulance")
    }
    now = timezone.now()
    point = incident.position
    events = MassEvent.objects.filter(
        status=EventStatus.APPROVED, end__gte=now - timedelta(hours=2), start__lte=now + timedelta(hours=24)
    ).filter(Q(perimeter__distance_lte=(point, D(m=500))) | Q(route__distance_lte=(point, D(m=500))))
    closures = StreetClosure.objects.filter(
        end__gte=now, start__lte=now + timedelta(hours=24), segment__distance_lte=(point, D(m=500))
    )
    return {
        "who_sees": [
            {
                "camera": info.id,
                "name": info.name,
                "level": str(sighting.level.value if hasattr(sighting.level, "value") else sighting.level),
                "metres": round(sighting.distance) if sighting.distance is not None else None,
            }
            for sighting, info in sightings
        ],
        "nearest_online_cameras": cameras,
        "stations": stations,
        "events": [{"id": e.pk, "name": e.name, "start": e.start, "end": e.end} for e in events[:10]],
        "closures": [{"id": c.pk, "name": c.name, "start": c.start, "end": c.end} for c in closures[:10]],
        "shelters": _nearest("shelters_shelter", lon=lon, lat=lat, limit=3, extra="kind"),
        "critical_sites": _nearest(
            "infrastructure_criticalsite",
            lon=lon,
            lat=lat,
            limit=3,
            extra="sector",
            where="WHERE ST_DWithin(position::geography, ST_SetSRID(ST_MakePoint(%(lon)s, %(lat)s), 4326)::geography, 1000)",
        ),
    }
