"""What a partner or operator may send: one incident record, checked field by field.

Fast plain-Python checks (tens of thousands of rows per minute arrive in batches), each
message in the sender's language and naming what to send instead.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from layers.situation.choices import Category, Origin

MAX_BATCH = 1000
# Clocks of partners' systems drift; a time up to this far ahead is taken as "now" (assumption).
CLOCK_SKEW = timedelta(minutes=2)
CSV_COLUMNS = (
    "origin",
    "external_id",
    "category",
    "priority",
    "occurred_at",
    "lon",
    "lat",
    "address",
    "title",
    "description",
    "caller_name",
    "caller_phone",
)
ORIGINS = tuple(Origin.values)
CATEGORIES = tuple(Category.values)
CONTENT_FIELDS = (
    "category",
    "priority",
    "occurred_at",
    "lon",
    "lat",
    "address",
    "title",
    "description",
    "area",
)


@dataclass
class IncidentData:
    origin: str
    external_id: str
    category: str
    priority: int
    occurred_at: datetime
    lon: float | None
    lat: float | None
    area: dict | None
    address: str
    title: str
    description: str
    caller_name: str
    caller_phone: str
    content_hash: str


def _text(record: dict, name: str, limit: int) -> str:
    value = record.get(name)
    if value is None:
        return ""
    return str(value).strip()[:limit]


def _number(value) -> float | None:
    if value in (None, ""):
        return None
    if isinstance(value, bool):
        raise ValueError
    return float(value)


def parse_record(record, *, now: datetime | None = None) -> tuple[IncidentData | None, dict]:
    """The record as IncidentData, or None and {field: message}."""
    if not isinstance(record, dict):
        return None, {"record": _("Each incident must be a JSON object.")}
    now = now or timezone.now()
    errors: dict[str, str] = {}
    origin = _text(record, "origin", 20)
    if origin not in ORIGINS:
        errors["origin"] = _("Unknown source %(value)r; use one of: %(choices)s.") % {
            "value": origin,
            "choices": ", ".join(ORIGINS),
        }
    external_id = _text(record, "external_id", 100)
    if not external_id:
        errors["external_id"] = _(
            "The sender's own id of the incident is required (it makes resending safe)."
        )
    category = _text(record, "category", 20)
    if category not in CATEGORIES:
        errors["category"] = _("Unknown category %(value)r; use one of: %(choices)s.") % {
            "value": category,
            "choices": ", ".join(CATEGORIES),
        }
    priority = record.get("priority")
    try:
        priority = int(priority)
        if not 1 <= priority <= 4 or str(record.get("priority")).strip() not in {
            str(priority),
            f"{priority}.0",
        }:
            raise ValueError
    except (TypeError, ValueError):
        errors["priority"] = _("Priority must be a whole number from 1 (highest) to 4.")
        priority = 0
    occurred_text = _text(record, "occurred_at", 40)
    occurred_at = None
    try:
        occurred_at = parse_datetime(occurred_text) if occurred_text else None
    except ValueError:
        occurred_at = None
    if occurred_at is None:
        errors["occurred_at"] = _("Give the time as ISO 8601 with an offset, e.g. 2026-03-01T14:05:00+02:00.")
    elif occurred_at.tzinfo is None:
        errors["occurred_at"] = _("The time %(value)s has no UTC offset; add one, e.g. +02:00.") % {
            "value": occurred_text
        }
    elif occurred_at > now + CLOCK_SKEW:
        errors["occurred_at"] = _("The time %(value)s is in the future.") % {"value": occurred_text}
    try:
        lon, lat = _number(record.get("lon")), _number(record.get("lat"))
    except (TypeError, ValueError):
        lon = lat = None
        errors["position"] = _("lon and lat must be numbers in degrees (WGS 84).")
    area = record.get("area") or None
    if area is not None and (
        not isinstance(area, dict) or area.get("type") not in ("Polygon", "MultiPolygon")
    ):
        errors["area"] = _("The area must be a GeoJSON Polygon or MultiPolygon in WGS 84.")
    address = _text(record, "address", 255)
    if "position" not in errors and (lon is None) != (lat is None):
        errors["position"] = _("Give both lon and lat, or neither (then the address is geocoded).")
    if "position" not in errors and lon is None and area is None and not address:
        errors["position"] = _("Give lon and lat, an area, or an address to locate the incident.")
    if errors:
        return None, errors
    content = {name: record.get(name) for name in CONTENT_FIELDS}
    content.update(priority=priority, occurred_at=occurred_at.isoformat(), lon=lon, lat=lat)
    digest = hashlib.sha256(json.dumps(content, sort_keys=True, default=str).encode()).hexdigest()
    return IncidentData(
        origin=origin,
        external_id=external_id,
        category=category,
        priority=priority,
        occurred_at=occurred_at,
        lon=lon,
        lat=lat,
        area=area,
        address=address,
        title=_text(record, "title", 255),
        description=_text(record, "description", 4000),
        caller_name=_text(record, "caller_name", 200),
        caller_phone=_text(record, "caller_phone", 40),
        content_hash=digest,
    ), {}


def records_from_csv(text: str) -> tuple[list, dict[int, dict]]:
    """Rows of a CSV (header with CSV_COLUMNS names) as records; broken rows as {row: errors}."""
    reader = csv.DictReader(io.StringIO(text))
    missing = [
        name
        for name in ("origin", "external_id", "category", "priority", "occurred_at")
        if name not in (reader.fieldnames or [])
    ]
    if missing:
        return [], {
            0: {
                "header": _("The CSV header lacks the columns: %(columns)s.")
                % {"columns": ", ".join(missing)}
            }
        }
    records: list = []
    broken: dict[int, dict] = {}
    for number, row in enumerate(reader, start=1):
        if None in row or any(value is None for value in row.values()):
            broken[number] = {
                "row": _("Row %(row)s has a different number of columns than the header.") % {"row": number}
            }
            records.append(None)
            continue
        records.append({key: value for key, value in row.items() if key})
    return records, broken
