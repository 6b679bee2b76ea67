"""Query parameters of the features endpoint, parsed into a FeatureQuery with clear errors."""

from __future__ import annotations

import json
import math
from datetime import datetime, time

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.timezone import is_naive, make_aware
from django.utils.translation import gettext as _

from geo_platform.crs import STORAGE_SRID, UnknownCRS, parse_crs
from geo_platform.errors import InvalidGeometry, InvalidParameter
from layers.geometry import check_geometry
from layers.registry import LayerSpec
from layers.selectors import FeatureQuery

RESERVED_PARAMETERS = {
    "bbox",
    "bbox-crs",
    "crs",
    "limit",
    "offset",
    "f",
    "format",
    "repair",
    "datetime",
    "sortby",
    "intersects",
    "ids",
    "count",
}
# Parameters of a page, not of which features match (the statistics take the others).
PAGING_PARAMETERS = {"limit", "offset", "sortby", "count", "crs", "f", "format", "repair"}
MAX_IDS = 10_000
MAX_SORT_KEYS = 3
# Attribute types a table may sort by (not JSON, arrays or geometries).
SORTABLE_TYPES = {
    "AutoField",
    "BigAutoField",
    "BigIntegerField",
    "BooleanField",
    "CharField",
    "DateField",
    "DateTimeField",
    "DecimalField",
    "FloatField",
    "IntegerField",
    "PositiveIntegerField",
    "PositiveSmallIntegerField",
    "SlugField",
    "SmallIntegerField",
    "TextField",
    "TimeField",
}
_ANY_GEOMETRY = ("Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon")


def _crs(value: str | None, parameter: str) -> int:
    try:
        return parse_crs(value, default=STORAGE_SRID)
    except UnknownCRS as exc:
        raise InvalidParameter(str(exc), parameter=parameter) from None


def _bbox(value: str) -> tuple[float, float, float, float]:
    parts = value.split(",")
    try:
        numbers = tuple(float(part) for part in parts)
    except ValueError:
        numbers = ()
    if len(numbers) != 4 or not all(math.isfinite(n) for n in numbers):
        raise InvalidParameter(
            _("bbox must be four numbers minx,miny,maxx,maxy; got %(value)r.") % {"value": value},
            parameter="bbox",
        )
    if numbers[0] > numbers[2] or numbers[1] > numbers[3]:
        raise InvalidParameter(_("bbox must be minx,miny,maxx,maxy with min ≤ max."), parameter="bbox")
    return numbers


def _integer(value: str | None, parameter: str, *, default: int, minimum: int, maximum: int) -> int:
    if value in (None, ""):
        return default
    try:
        number = int(value)
    except ValueError:
        raise InvalidParameter(
            _("%(parameter)s must be a whole number; got %(value)r.")
            % {"parameter": parameter, "value": value},
            parameter=parameter,
        ) from None
    if not minimum <= number <= maximum:
        raise InvalidParameter(
            _("%(parameter)s must be between %(minimum)s and %(maximum)s; got %(value)s.")
            % {"parameter": parameter, "minimum": minimum, "maximum": maximum, "value": number},
            parameter=parameter,
        )
    return number


def _attribute_filter(spec: LayerSpec, name: str, raw: str) -> dict:
    field = spec.model._meta.get_field(name)
    if name == "name":
        return {"name__icontains": raw}
    values = []
    for item in raw.split(","):
        try:
            values.append(field.to_python(item.strip()))
        except ValidationError:
            raise InvalidParameter(
                _("%(value)r is not a valid value for %(name)s.") % {"value": item, "name": name},
                parameter=name,
            ) from None
    if field.choices:
        allowed = {str(choice) for choice, _ in field.flatchoices}
        wrong = [value for value in values if str(value) not in allowed]
        if wrong:
            raise InvalidParameter(
                _("%(value)r is not one of the values of %(name)s: %(allowed)s.")
                % {"value": wrong[0], "name": name, "allowed": ", ".join(sorted(allowed))},
                parameter=name,
            )
    if len(values) == 1:
        return {name: values[0]}
    return {f"{name}__in": values}


def _instant(text: str, parameter: str):
    if text in ("", ".."):
        return None
    value = parse_datetime(text) or (parse_date(text) and datetime.combine(parse_date(text), time.min))
    if not value:
        raise InvalidParameter(
            _("%(value)r is not a date or date-time (ISO 8601, e.g. 2026-12-01T10:00).") % {"value": text},
            parameter=parameter,
        )
    return make_aware(value) if is_naive(value) else value


def _time_filter(spec: LayerSpec, raw: str) -> dict:
    """OGC API style ?datetime=a/b (either end may be '..'): features that overlap [a, b]."""
    if spec.time_fields is None:
        raise InvalidParameter(
            _("Layer '%(layer)s' has no time.") % {"layer": spec.slug}, parameter="datetime"
        )
    start_field, end_field = spec.time_fields
    first, _sep, last = raw.partition("/")
    begin = _instant(first, "datetime")
    end = _instant(last, "datetime") if _sep else begin
    if begin and end and end < begin:
        raise InvalidParameter(_("datetime ends before it starts."), parameter="datetime")
    filters = {}
    if end is not None:
        filters[f"{start_field}__lte"] = end
    if begin is not None:
        filters[f"{end_field}__gte"] = begin
    return filters


def is_sortable(spec: LayerSpec, name: str) -> bool:
    return name == "id" or (
        name in spec.properties and spec.model._meta.get_field(name).get_internal_type() in SORTABLE_TYPES
    )


def _sortby(spec: LayerSpec, raw: str) -> tuple[tuple[str, bool], ...]:
    """OGC style sortby=name,-height: (attribute, descending) pairs, at most three."""
    keys = []
    for item in (part.strip() for part in raw.split(",")):
        descending = item.startswith("-")
        name = item.lstrip("+-").strip()
        if not is_sortable(spec, name):
            allowed = ", ".join(
                [_("feature number")]
                + [
                    str(spec.model._meta.get_field(n).verbose_name)
                    for n in spec.properties
                    if is_sortable(spec, n)
                ]
            )
            raise InvalidParameter(
                _("The features cannot be sorted that way; sort by one of: %(allowed)s.")
                % {"allowed": allowed},
                parameter="sortby",
            )
        keys.append((name, descending))
    if len(keys) > MAX_SORT_KEYS:
        raise InvalidParameter(_("Sort by at most three attributes."), parameter="sortby")
    return tuple(keys)


def _intersects(raw: str):
    """A GeoJSON geometry (a drawn shape) in WGS 84, checked like an edit's geometry."""
    try:
        geojson = json.loads(raw)
    except ValueError:
        geojson = None
    if not isinstance(geojson, dict):
        raise InvalidGeometry(
            _("The shape to search in must be a GeoJSON geometry, e.g. a polygon drawn on the map."),
            parameter="intersects",
        )
    try:
        return check_geometry(geojson, accepted_types=_ANY_GEOMETRY).geometry
    except InvalidGeometry as exc:
        raise InvalidGeometry(
            _("The shape to search in is not valid: %(reason)s") % {"reason": exc.detail},
            parameter="intersects",
        ) from None


def parse_ids(raw: str) -> tuple[int, ...]:
    try:
        ids = tuple(dict.fromkeys(int(item) for item in raw.split(",") if item.strip()))
    except ValueError:
        raise InvalidParameter(
            _("ids must be feature numbers separated by commas."), parameter="ids"
        ) from None
    if not ids or len(ids) > MAX_IDS or min(ids) < 1 or max(ids) > 2**63 - 1:
        raise InvalidParameter(
            _("Give between 1 and %(max)s feature numbers.") % {"max": MAX_IDS}, parameter="ids"
        )
    return ids


def _flag(value: str | None, parameter: str) -> bool:
    if value in (None, "", "false", "0", "no"):
        return False
    if value in ("true", "1", "yes"):
        return True
    raise InvalidParameter(
        _("%(parameter)s must be true or false.") % {"parameter": parameter}, parameter=parameter
    )


def parse_feature_query(spec: LayerSpec, params) -> FeatureQuery:
    unknown = sorted(set(params) - RESERVED_PARAMETERS - set(spec.filter_fields))
    if unknown:
        allowed = ", ".join(spec.filter_fields) or _("no attributes")
        raise InvalidParameter(
            _("Unknown parameter %(name)r; layer '%(layer)s' filters on %(allowed)s.")
            % {"name": unknown[0], "layer": spec.slug, "allowed": allowed},
            parameter=unknown[0],
        )
    filters: dict = {}
    for name in spec.filter_fields:
        if params.get(name) not in (None, ""):
            filters.update(_attribute_filter(spec, name, params[name]))
    if params.get("datetime"):
        filters.update(_time_filter(spec, params["datetime"]))
    return FeatureQuery(
        bbox=_bbox(params["bbox"]) if params.get("bbox") else None,
        bbox_srid=_crs(params.get("bbox-crs"), "bbox-crs"),
        filters=filters,
        output_srid=_crs(params.get("crs"), "crs"),
        limit=_integer(
            params.get("limit"),
            "limit",
            default=settings.FEATURES_DEFAULT_LIMIT,
            minimum=1,
            maximum=settings.FEATURES_MAX_LIMIT,
        ),
        offset=_integer(params.get("offset"), "offset", default=0, minimum=0, maximum=10**9),
        sortby=_sortby(spec, params["sortby"]) if params.get("sortby") else (),
        intersects=_intersects(params["intersects"]) if params.get("intersects") else None,
        ids=parse_ids(params["ids"]) if params.get("ids") else None,
        count=_flag(params.get("count"), "count"),
    )
