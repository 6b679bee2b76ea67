"""Incident statistics: counts per district and category over time, and a heat map grid."""

from __future__ import annotations

from datetime import timedelta

from django.db import connection
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from geo_platform.crs import METRIC_SRID
from geo_platform.errors import InvalidParameter
from layers.situation import sql
from layers.situation.choices import Category

STEPS = ("hour", "day", "week", "month")
MAX_PERIOD = timedelta(days=366)


def parse_period(params) -> dict:
    """from/to (ISO 8601, default the last 7 days) and step (hour, day, week, month)."""
    until = timezone.now()
    since = until - timedelta(days=7)
    for name in ("from", "to"):
        text = params.get(name)
        if text:
            value = parse_datetime(text)
            if value is None:
                raise InvalidParameter(
                    _("%(name)s must be an ISO 8601 time.") % {"name": name}, parameter=name
                )
            if value.tzinfo is None:
                value = timezone.make_aware(value)
            if name == "from":
                since = value
            else:
                until = value
    if until <= since:
        raise InvalidParameter(_("The period must end after it starts."), parameter="to")
    if until - since > MAX_PERIOD:
        raise InvalidParameter(_("The period may be at most a year."), parameter="from")
    step = params.get("step", "day")
    if step not in STEPS:
        raise InvalidParameter(
            _("step must be one of: %(steps)s.") % {"steps": ", ".join(STEPS)}, parameter="step"
        )
    return {"since": since, "until": until, "step": step}


def counts(*, since, until, step: str) -> dict:
    with connection.cursor() as cursor:
        cursor.execute(sql.COUNTS_BY_DISTRICT_CATEGORY, {"since": since, "until": until, "step": step})
        rows = cursor.fetchall()
    return {
        "from": since.isoformat(),
        "to": until.isoformat(),
        "step": step,
        "rows": [
            {"bucket": bucket.isoformat(), "district": d, "category": c, "count": n}
            for bucket, d, c, n in rows
        ],
    }


def heat(*, since, until, category: str = "", cell_m: str = "250") -> dict:
    """Incidents per square cell (UTM 34N) as GeoJSON points with a count, for a heat layer."""
    if category and category not in Category.values:
        raise InvalidParameter(_("Unknown category %(value)r.") % {"value": category}, parameter="category")
    try:
        cell = float(cell_m)
        if not 50 <= cell <= 2000:
            raise ValueError
    except ValueError:
        raise InvalidParameter(_("The cell size must be from 50 to 2000 m."), parameter="cell") from None
    with connection.cursor() as cursor:
        cursor.execute(
            sql.HEAT_GRID,
            {"cell": cell, "metric": METRIC_SRID, "since": since, "until": until, "category": category},
        )
        rows = cursor.fetchall()
    peak = max((n for _x, _y, n in rows), default=0)
    return {
        "type": "FeatureCollection",
        "cell_m": cell,
        "peak": peak,
        "features": [
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [x, y]},
                "properties": {"count": n},
            }
            for x, y, n in rows
        ],
    }
