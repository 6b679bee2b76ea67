"""CQL2 text (OGC API – Features Part 3) for the subset we support, parsed into Django Q objects.

Why our own parser: pygeofilter 0.4.0 (the usual choice; it installs and runs with Django
5.2) rejects the standard function form `T_INTERSECTS(a, b)` and reads `BBOX(...)` as an
unknown function, so the temporal and bbox filters the issue asks for would not work. The
subset here is small and fully tested (tests/exchange/test_cql2.py):

    comparisons       name = 'x', capacity >= 10, a <> b, <, <=, >
    text              name LIKE 'Мла%', NOT LIKE; CASEI(name) = CASEI('x')
    lists, ranges     kind IN ('a', 'b'), capacity BETWEEN 10 AND 20, x IS [NOT] NULL
    logic             AND, OR, NOT, parentheses
    spatial           S_INTERSECTS / S_WITHIN / S_CONTAINS / S_DISJOINT(geometry, BBOX(...) | WKT)
    temporal          T_INTERSECTS(start, TIMESTAMP('…') | DATE('…') | INTERVAL('…', '…'))
                      T_INTERSECTS(INTERVAL(start, end), …) and the layer's `datetime`

Literals' geometry is in `filter-crs` (CRS84 by default). Every error names what was wrong
where, in the user's language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time

import shapely
from django.contrib.gis.geos import GEOSException, GEOSGeometry, Polygon
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db.models import Q
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.timezone import is_naive, make_aware
from django.utils.translation import gettext as _

from geo_platform.crs import STORAGE_SRID

_GEOMETRY_WORDS = {
    "POINT",
    "LINESTRING",
    "POLYGON",
    "MULTIPOINT",
    "MULTILINESTRING",
    "MULTIPOLYGON",
    "GEOMETRYCOLLECTION",
}
_SPATIAL = {
    "S_INTERSECTS": "intersects",
    "S_WITHIN": "within",
    "S_CONTAINS": "contains",
    "S_DISJOINT": "disjoint",
}
_COMPARISONS = {"=": "exact", "<>": "exact", "<": "lt", "<=": "lte", ">": "gt", ">=": "gte"}
_TOKEN = re.compile(
    r"""\s*(?:
        (?P<string>'(?:[^']|'')*')
      | (?P<number>[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)
      | (?P<op><>|<=|>=|=|<|>|\(|\)|,)
      | (?P<quoted>"(?:[^"]|"")+")
      | (?P<word>[^\W\d]\w*(?:[.:]\w+)*)
    )""",
    re.VERBOSE | re.UNICODE,
)


class CQL2Error(ValueError):
    """A filter we cannot read; the message says what and where, for the user."""


@dataclass(frozen=True)
class Queryables:
    """What a filter may name: attribute → model field, the geometry, the layer's time."""

    model: type
    attributes: tuple[str, ...]
    geometry_field: str
    time_fields: tuple[str, str] | None
    srid: int = STORAGE_SRID


@dataclass(frozen=True)
class _Token:
    kind: str
    text: str
    start: int


def _tokens(text: str) -> list[_Token]:
    tokens, position = [], 0
    while position < len(text):
        if text[position:].strip() == "":
            break
        match = _TOKEN.match(text, position)
        if match is None or match.end() == position:
            raise CQL2Error(
                _("Cannot read the filter at character %(position)s: %(text)r.")
                % {"position": position + 1, "text": text[position : position + 20]}
            )
        kind = match.lastgroup
        tokens.append(_Token(kind, match.group(kind), match.start(kind)))
        position = match.end()
    return tokens


class _Parser:
    def __init__(self, text: str, queryables: Queryables, filter_srid: int, north_first: bool = False):
        self.text = text
        self.tokens = _tokens(text)
        self.index = 0
        self.q = queryables
        self.filter_srid = filter_srid
        # filter-crs EPSG:4326 (latitude first) or EPSG:7801 (northing first).
        self.north_first = north_first

    # --- token helpers -------------------------------------------------------------------

    def peek(self, offset: int = 0) -> _Token | None:
        i = self.index + offset
        return self.tokens[i] if i < len(self.tokens) else None

    def peek_word(self, *words: str, offset: int = 0) -> bool:
        token = self.peek(offset)
        return token is not None and token.kind == "word" and token.text.upper() in words

    def take(self) -> _Token:
        token = self.peek()
        if token is None:
            raise CQL2Error(_("The filter ends too early."))
        self.index += 1
        return token

    def expect(self, text: str) -> None:
        token = self.take()
        if token.text.upper() != text:
            self.fail(token, _("expected %(what)s") % {"what": text})

    def fail(self, token: _Token | None, problem: str):
        where = token.start + 1 if token else len(self.text)
        got = token.text if token else _("the end")
        raise CQL2Error(
            _("Filter error at character %(position)s (%(got)s): %(problem)s.")
            % {"position": where, "got": got, "problem": problem}
        )

    # --- grammar ---------------------------------------------------------------------------

    def parse(self) -> Q:
        if not self.tokens:
            raise CQL2Error(_("The filter is empty."))
        result = self.disjunction()
        if self.peek() is not None:
            self.fail(self.peek(), _("expected AND, OR or the end of the filter"))
        return result

    def disjunction(self) -> Q:
        result = self.conjunction()
        while self.peek_word("OR"):
            self.take()
            result = result | self.conjunction()
        return result

    def conjunction(self) -> Q:
        result = self.negation()
        while self.peek_word("AND"):
            self.take()
            result = result & self.negation()
        return result

    def negation(self) -> Q:
        if self.peek_word("NOT"):
            self.take()
            return ~self.negation()
        return self.predicate()

    def predicate(self) -> Q:
        token = self.peek()
        if token is None:
            raise CQL2Error(_("The filter ends too early."))
        if token.text == "(":
            self.take()
            result = self.disjunction()
            self.expect(")")
            return result
        if token.kind == "word" and token.text.upper() in _SPATIAL:
            return self.spatial()
        if token.kind == "word" and token.text.upper() == "T_INTERSECTS":
            return self.temporal()
        return self.comparison()

    # --- attributes ------------------------------------------------------------------------

    def field_of(self, token: _Token):
        if token.kind == "quoted":
            name = token.text[1:-1].replace('""', '"')
        elif token.kind == "word":
            name = token.text
        else:
            self.fail(token, _("expected an attribute name"))
        if name not in self.q.attributes:
            allowed = ", ".join(self.q.attributes)
            self.fail(token, _("unknown attribute; this collection has %(allowed)s") % {"allowed": allowed})
        try:
            return name, self.q.model._meta.get_field(name)
        except FieldDoesNotExist:
            self.fail(token, _("unknown attribute"))

    def literal(self):
        token = self.take()
        if token.kind == "string":
            return token.text[1:-1].replace("''", "'"), token
        if token.kind == "number":
            number = float(token.text)
            return (
                int(number) if number.is_integer() and re.fullmatch(r"[+-]?\d+", token.text) else number
            ), token
        if token.kind == "word" and token.text.upper() in ("TRUE", "FALSE"):
            return token.text.upper() == "TRUE", token
        if token.kind == "word" and token.text.upper() in ("TIMESTAMP", "DATE"):
            self.expect("(")
            inner = self.take()
            if inner.kind != "string":
                self.fail(inner, _("expected a quoted date or time"))
            self.expect(")")
            return self.instant(inner), token
        self.fail(token, _("expected a value (a 'text', a number, TRUE/FALSE, DATE or TIMESTAMP)"))

    def value_for(self, field, name: str, value, token: _Token):
        try:
            return field.to_python(value)
        except ValidationError:
            self.fail(
                token, _("%(value)r is not a valid value for %(name)s") % {"value": value, "name": name}
            )

    def comparison(self) -> Q:
        casei = False
        if self.peek_word("CASEI"):
            self.take()
            self.expect("(")
            casei = True
        token = self.take()
        name, field = self.field_of(token)
        if casei:
            self.expect(")")
        negate = False
        if self.peek_word("NOT") and self.peek_word("LIKE", "IN", "BETWEEN", offset=1):
            self.take()
            negate = True
        op = self.peek()
        if op is None:
            self.fail(None, _("expected a comparison after the attribute"))
        word = op.text.upper() if op.kind == "word" else op.text
        if word == "IS":
            self.take()
            is_not = False
            if self.peek_word("NOT"):
                self.take()
                is_not = True
            self.expect("NULL")
            result = Q(**{f"{name}__isnull": True})
            return ~result if is_not else result
        if word == "LIKE":
            self.take()
            pattern, pattern_token = self.literal()
            if not isinstance(pattern, str):
                self.fail(pattern_token, _("LIKE needs a quoted pattern"))
            regex = (
                "^"
                + "".join(
                    ".*" if char == "%" else "." if char == "_" else re.escape(char) for char in pattern
                )
                + "$"
            )
            result = Q(**{f"{name}__regex": regex})
            return ~result if negate else result
        if word == "IN":
            self.take()
            self.expect("(")
            values = []
            while True:
                value, value_token = self.literal()
                values.append(self.value_for(field, name, value, value_token))
                if self.peek() is not None and self.peek().text == ",":
                    self.take()
                    continue
                self.expect(")")
                break
            result = Q(**{f"{name}__in": values})
            return ~result if negate else result
        if word == "BETWEEN":
            self.take()
            low, low_token = self.literal()
            self.expect("AND")
            high, high_token = self.literal()
            result = Q(**{f"{name}__gte": self.value_for(field, name, low, low_token)}) & Q(
                **{f"{name}__lte": self.value_for(field, name, high, high_token)}
            )
            return ~result if negate else result
        if word in _COMPARISONS:
            self.take()
            if self.peek_word("CASEI"):
                self.take()
                self.expect("(")
                value, value_token = self.literal()
                self.expect(")")
            else:
                value, value_token = self.literal()
            value = self.value_for(field, name, value, value_token)
            lookup = "iexact" if casei and word in ("=", "<>") else _COMPARISONS[word]
            result = Q(**{f"{name}__{lookup}": value})
            return ~result if word == "<>" else result
        self.fail(op, _("expected =, <>, <, <=, >, >=, LIKE, IN, BETWEEN or IS NULL"))

    # --- spatial ---------------------------------------------------------------------------

    def geometry_argument(self) -> tuple[str | None, GEOSGeometry | None]:
        token = self.peek()
        if token is None:
            self.fail(None, _("expected a geometry"))
        upper = token.text.upper() if token.kind == "word" else ""
        if upper == "BBOX":
            self.take()
            self.expect("(")
            numbers = []
            while True:
                number = self.take()
                if number.kind != "number":
                    self.fail(number, _("BBOX takes four numbers"))
                numbers.append(float(number.text))
                if self.peek() is not None and self.peek().text == ",":
                    self.take()
                    continue
                self.expect(")")
                break
            if len(numbers) != 4:
                self.fail(token, _("BBOX takes four numbers: minx, miny, maxx, maxy"))
            if self.north_first:
                numbers = [numbers[1], numbers[0], numbers[3], numbers[2]]
            if numbers[0] > numbers[2] or numbers[1] > numbers[3]:
                self.fail(token, _("BBOX must be minx, miny, maxx, maxy with min ≤ max"))
            geometry = Polygon.from_bbox(numbers)
            geometry.srid = self.filter_srid
            return None, self.to_storage(geometry)
        if upper in _GEOMETRY_WORDS:
            return None, self.wkt(token)
        if token.kind in ("word", "quoted"):
            self.take()
            name = token.text.strip('"')
            if name != self.q.geometry_field and name != "geometry":
                self.fail(token, _("expected the geometry (geometry) or a geometry value"))
            return self.q.geometry_field, None
        self.fail(token, _("expected a geometry"))

    def wkt(self, token: _Token) -> GEOSGeometry:
        """The WKT from `token` to its closing parenthesis, read by GEOS."""
        self.take()
        depth, end_index = 0, None
        for i in range(self.index, len(self.tokens)):
            text = self.tokens[i].text
            depth += text == "("
            depth -= text == ")"
            if depth == 0 and text == ")":
                end_index = i
                break
        if end_index is None:
            self.fail(token, _("the geometry's parentheses do not close"))
        end = self.tokens[end_index].start + 1
        raw = self.text[token.start : end]
        self.index = end_index + 1
        try:
            geometry = GEOSGeometry(raw, srid=self.filter_srid)
        except (GEOSException, ValueError, TypeError):
            self.fail(token, _("not a valid WKT geometry"))
        if self.north_first:
            swapped = shapely.transform(shapely.from_wkb(bytes(geometry.wkb)), lambda xy: xy[:, ::-1])
            geometry = GEOSGeometry(memoryview(shapely.to_wkb(swapped)), srid=self.filter_srid)
        if not geometry.valid:
            self.fail(token, _("the geometry is not valid (%(reason)s)") % {"reason": geometry.valid_reason})
        return self.to_storage(geometry)

    def to_storage(self, geometry: GEOSGeometry) -> GEOSGeometry:
        if geometry.srid != self.q.srid:
            geometry.transform(self.q.srid)
        return geometry

    def spatial(self) -> Q:
        function = self.take()
        lookup = _SPATIAL[function.text.upper()]
        self.expect("(")
        first_field, first_value = self.geometry_argument()
        self.expect(",")
        second_field, second_value = self.geometry_argument()
        self.expect(")")
        if first_field and second_value is not None:
            return Q(**{f"{first_field}__{lookup}": second_value})
        if second_field and first_value is not None:
            reverse = {"within": "contains", "contains": "within"}.get(lookup, lookup)
            return Q(**{f"{second_field}__{reverse}": first_value})
        self.fail(function, _("compare the geometry with a BBOX(...) or a WKT geometry"))

    # --- temporal --------------------------------------------------------------------------

    def instant(self, token: _Token) -> datetime | None:
        text = token.text[1:-1]
        if text == "..":
            return None
        value = parse_datetime(text)
        if value is None:
            day = parse_date(text)
            value = datetime.combine(day, time.min) if isinstance(day, date) else None
        if value is None:
            self.fail(token, _("not a date or date-time (ISO 8601, e.g. 2026-12-01T10:00:00Z)"))
        return make_aware(value) if is_naive(value) else value

    def temporal_property(self) -> tuple[str, str]:
        """(start field, end field) of the left argument."""
        token = self.peek()
        if token is not None and token.kind == "word" and token.text.upper() == "INTERVAL":
            self.take()
            self.expect("(")
            start, _f = self.field_of(self.take())
            self.expect(",")
            end, _f = self.field_of(self.take())
            self.expect(")")
            return start, end
        token = self.take()
        name = token.text.strip('"')
        if name == "datetime":
            if self.q.time_fields is None:
                self.fail(token, _("this collection has no time"))
            return self.q.time_fields
        name, field = self.field_of(token)
        if field.get_internal_type() not in ("DateTimeField", "DateField"):
            self.fail(token, _("%(name)s is not a date or time") % {"name": name})
        return name, name

    def temporal(self) -> Q:
        self.take()
        self.expect("(")
        start_field, end_field = self.temporal_property()
        self.expect(",")
        token = self.take()
        kind = token.text.upper() if token.kind == "word" else ""
        if kind in ("TIMESTAMP", "DATE"):
            self.expect("(")
            inner = self.take()
            if inner.kind != "string":
                self.fail(inner, _("expected a quoted date or time"))
            begin = end = self.instant(inner)
            self.expect(")")
            if kind == "DATE" and begin is not None:
                end = datetime.combine(begin.date(), time.max, tzinfo=begin.tzinfo)
        elif kind == "INTERVAL":
            self.expect("(")
            first = self.take()
            self.expect(",")
            second = self.take()
            self.expect(")")
            if first.kind != "string" or second.kind != "string":
                self.fail(first, _("INTERVAL takes two quoted dates or times ('..' for open)"))
            begin, end = self.instant(first), self.instant(second)
            if begin and end and end < begin:
                self.fail(first, _("the interval ends before it starts"))
        else:
            self.fail(token, _("expected TIMESTAMP(...), DATE(...) or INTERVAL(...)"))
        self.expect(")")
        # Two intervals intersect when each starts before the other ends.
        result = Q()
        if end is not None:
            result &= Q(**{f"{start_field}__lte": end})
        if begin is not None:
            result &= Q(**{f"{end_field}__gte": begin})
        return result


def parse_cql2(
    text: str, queryables: Queryables, *, filter_srid: int = STORAGE_SRID, north_first: bool = False
) -> Q:
    """A Django Q object for a CQL2 text filter, or CQL2Error with a message for the user.

    `north_first`: the literals' coordinates are in the axis order of a filter-crs that puts
    latitude or northing first (EPSG:4326, EPSG:7801 given by URI).
    """
    return _Parser(text, queryables, filter_srid, north_first).parse()
