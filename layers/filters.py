"""Query parameters of the features endpoint, parsed into a FeatureQuery with clear errors."""

from __future__ import annotations

import math
from datetime import datetime, time

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.timezone import is_naive, make_aware
from django.utils.translation import gettext as _

from geo_platform.crs import STORAGE_SRID, UnknownCRS, parse_crs
from geo_platform.errors import InvalidParameter
from layers.registry import LayerSpec
from layers.selectors import FeatureQuery

RESERVED_PARAMETERS = {"bbox", "bbox-crs", "crs", "limit", "offset", "f", "format", "repair", "datetime"}


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
        raise InvalidParameter(_("Layer '%(layer)s' has no time.") % {"layer": spec.slug}, parameter="datetime")
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
    )
