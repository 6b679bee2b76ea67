"""Ingestion of incidents from partners, CSV files, operators and the demo feed.

Idempotent by (origin, the sender's id): the same record sent again changes nothing; the
same id with different content is refused for that row. Every row is checked before anything
is written; the good rows of a batch are written in one transaction, the bad ones reported.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import numpy as np
from django.contrib.gis.geos import GEOSGeometry, MultiPolygon
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from geo_platform.crs import STORAGE_SRID
from geo_platform.events import layer_reloaded
from layers.situation import sql
from layers.situation.api.inputs import IncidentData, parse_record
from layers.situation.choices import Category
from layers.situation.models import Incident
from layers.situation.selectors.duty import current_shift
from layers.situation.selectors.places import city

DEMO = "demo"


@dataclass
class IngestReport:
    received: int = 0
    created: list[int] = field(default_factory=list)
    unchanged: list[int] = field(default_factory=list)
    rejected: list[dict] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "received": self.received,
            "created": len(self.created),
            "unchanged": len(self.unchanged),
            "rejected": self.rejected,
            "ids": self.created,
        }


def _locate(
    rows: list[tuple[int, IncidentData]], report: IngestReport
) -> list[tuple[int, IncidentData, dict]]:
    """Coordinates for every row (geocoding addresses), inside the city, with its district."""
    town = city()
    located: list[tuple[int, IncidentData, dict]] = []
    for number, data in rows:
        extra: dict = {}
        if data.area is not None:
            try:
                area = GEOSGeometry(json.dumps(data.area), srid=STORAGE_SRID)
                if area.geom_type == "Polygon":
                    area = MultiPolygon(area, srid=STORAGE_SRID)
                if not area.valid or area.empty:
                    raise ValueError
            except (ValueError, TypeError, Exception):  # noqa: BLE001 (GEOS raises several types)
                report.rejected.append(_row(number, data, {"area": _("The area is not a valid polygon.")}))
                continue
            extra["area"] = area
            if data.lon is None:
                point = area.point_on_surface
                data.lon, data.lat = point.x, point.y
        if data.lon is None:
            found = town.geocode(data.address)
            if found is None:
                report.rejected.append(
                    _row(
                        number,
                        data,
                        {
                            "address": _(
                                "The address %(address)r matches no stop, district, neighbourhood or named site; send coordinates."
                            )
                            % {"address": data.address}
                        },
                    )
                )
                continue
            data.lon, data.lat = found.lon, found.lat
            extra.update(geocode_match=found.label, geocode_confidence=found.confidence)
        located.append((number, data, extra))
    if not located:
        return []
    lon = np.array([data.lon for _n, data, _e in located])
    lat = np.array([data.lat for _n, data, _e in located])
    inside = town.inside(lon, lat)
    districts = town.district_of(lon, lat)
    kept = []
    for (number, data, extra), ok, code in zip(located, inside, districts, strict=True):
        if not ok:
            report.rejected.append(
                _row(
                    number,
                    data,
                    {
                        "position": _(
                            "The point %(lon)s, %(lat)s (lon, lat) lies outside Sofia Municipality."
                        )
                        % {"lon": data.lon, "lat": data.lat}
                    },
                )
            )
            continue
        extra["district_code"] = code
        kept.append((number, data, extra))
    return kept


def _row(number: int, data: IncidentData | None, errors: dict) -> dict:
    return {"row": number, "external_id": data.external_id if data else None, "errors": errors}


def ingest(*, records: list, user=None, demo: bool = False) -> IngestReport:
    """Check every record, write the good new ones, report the rest per row (rows count from 1)."""
    report = IngestReport(received=len(records))
    now = timezone.now()
    parsed: list[tuple[int, IncidentData]] = []
    for number, record in enumerate(records, start=1):
        data, errors = parse_record(record, now=now)
        if errors:
            report.rejected.append(
                {
                    "row": number,
                    "external_id": (record or {}).get("external_id") if isinstance(record, dict) else None,
                    "errors": errors,
                }
            )
        else:
            parsed.append((number, data))
    # Two rows of one batch with the same key: the later one is a duplicate of the earlier.
    seen: dict[tuple[str, str], str] = {}
    unique: list[tuple[int, IncidentData]] = []
    for number, data in parsed:
        key = (DEMO if demo else data.origin, data.external_id)
        if key in seen:
            if seen[key] != data.content_hash:
                report.rejected.append(
                    _row(
                        number,
                        data,
                        {
                            "external_id": _(
                                "The id %(id)s appears twice in this batch with different content."
                            )
                            % {"id": data.external_id}
                        },
                    )
                )
            continue
        seen[key] = data.content_hash
        unique.append((number, data))
    existing = {}
    if unique:
        sources = {key[0] for key in seen}
        ids = [data.external_id for _n, data in unique]
        existing = {
            (source, external_id): (pk, digest)
            for pk, source, external_id, digest in Incident.objects.filter(
                source__in=sources, external_id__in=ids
            )
            .exclude(external_id="")
            .values_list("id", "source", "external_id", "content_hash")
        }
    fresh: list[tuple[int, IncidentData]] = []
    for number, data in unique:
        found = existing.get((DEMO if demo else data.origin, data.external_id))
        if found is None:
            fresh.append((number, data))
        elif found[1] == data.content_hash:
            report.unchanged.append(found[0])
        else:
            report.rejected.append(
                _row(
                    number,
                    data,
                    {
                        "external_id": _(
                            "An incident with the id %(id)s from this source was already received with different content; "
                            "send changes to the operator instead of resending the id."
                        )
                        % {"id": data.external_id}
                    },
                )
            )
    located = _locate(fresh, report)
    report.rejected.sort(key=lambda item: item["row"])
    if not located:
        return report
    source_of = (lambda data: DEMO) if demo else (lambda data: data.origin)
    labels = {value: str(label) for value, label in Category.choices}
    rows = [(data, extra) for _n, data, extra in located]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            sql.INSERT_INCIDENTS,
            {
                "now": now,
                "name": [data.title for data, _e in rows],
                "source": [source_of(data) for data, _e in rows],
                "external_id": [data.external_id for data, _e in rows],
                "category": [data.category for data, _e in rows],
                "priority": [data.priority for data, _e in rows],
                "origin": [data.origin for data, _e in rows],
                "description": [data.description for data, _e in rows],
                "address": [data.address for data, _e in rows],
                "district_code": [extra["district_code"] for _d, extra in rows],
                "geocode_match": [extra.get("geocode_match", "") for _d, extra in rows],
                "confidence": [extra.get("geocode_confidence") for _d, extra in rows],
                "occurred_at": [data.occurred_at for data, _e in rows],
                "content_hash": [data.content_hash for data, _e in rows],
                "lon": [data.lon for data, _e in rows],
                "lat": [data.lat for data, _e in rows],
                "area": [extra["area"].ewkt if extra.get("area") else None for _d, extra in rows],
            },
        )
        ids = dict((external_id, pk) for pk, external_id in cursor.fetchall())
        created = [ids[data.external_id] for data, _e in rows]
        with_contact = [
            (pk, data)
            for pk, (data, _e) in zip(created, rows, strict=True)
            if data.caller_name or data.caller_phone
        ]
        if with_contact:
            cursor.execute(
                sql.INSERT_CONTACTS,
                {
                    "incident": [pk for pk, _d in with_contact],
                    "name": [data.caller_name for _pk, data in with_contact],
                    "phone": [data.caller_phone for _pk, data in with_contact],
                },
            )
        shift = current_shift()
        demo_mark = " (демо)" if demo else ""
        cursor.execute(
            sql.INSERT_LOG,
            {
                "shift": shift.pk if shift else None,
                "now": now,
                "author": user.pk if getattr(user, "is_authenticated", False) else None,
                "incident": created,
                "text": [
                    _("New incident: %(category)s, priority %(priority)s%(demo)s")
                    % {"category": labels[data.category], "priority": data.priority, "demo": demo_mark}
                    for data, _e in rows
                ],
            },
        )
        transaction.on_commit(lambda: layer_reloaded.send(sender=Incident, layer="incidents"))
    report.created = created
    return report
