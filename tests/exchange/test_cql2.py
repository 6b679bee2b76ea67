"""The CQL2 text subset, on the real schools and event perimeters: each operator against the
same question asked through the ORM."""

from __future__ import annotations

import pytest
from django.contrib.gis.geos import Polygon
from django.utils import translation

from layers.exchange.cql2 import CQL2Error, Queryables, parse_cql2
from layers.infrastructure.models import School
from layers.registry import get_spec

pytestmark = pytest.mark.django_db


@pytest.fixture
def schools() -> Queryables:
    spec = get_spec("schools")
    return Queryables(spec.model, spec.properties, spec.geometry_field, spec.time_fields)


def count(text: str, queryables: Queryables, **kwargs) -> int:
    return School.objects.filter(parse_cql2(text, queryables, **kwargs)).count()


def test_comparisons_and_logic(schools):
    kindergartens = School.objects.filter(kind="kindergarten").count()
    assert 0 < kindergartens < School.objects.count()
    assert count("kind = 'kindergarten'", schools) == kindergartens
    assert count("kind <> 'kindergarten'", schools) == School.objects.exclude(kind="kindergarten").count()
    assert (
        count("NOT (kind = 'kindergarten')", schools) == School.objects.exclude(kind="kindergarten").count()
    )
    assert (
        count("kind IN ('kindergarten', 'school')", schools)
        == School.objects.filter(kind__in=["kindergarten", "school"]).count()
    )
    assert (
        count("kind NOT IN ('kindergarten')", schools) == School.objects.exclude(kind="kindergarten").count()
    )
    assert count("kind = 'school' OR kind = 'kindergarten'", schools) == count(
        "kind IN ('school','kindergarten')", schools
    )
    assert count("CASEI(kind) = CASEI('KINDERGARTEN')", schools) == kindergartens
    assert count("name IS NULL", schools) == 0
    assert count("name IS NOT NULL", schools) == School.objects.count()


def test_like(schools):
    like = School.objects.filter(name__startswith="Детска").count()
    assert like > 0
    assert count("name LIKE 'Детска%'", schools) == like
    assert count("name NOT LIKE 'Детска%'", schools) == School.objects.count() - like
    assert count("name LIKE 'Детск_ %'", schools) == School.objects.filter(name__regex=r"^Детск. ").count()


def test_spatial(schools):
    box = Polygon.from_bbox((23.30, 42.66, 23.36, 42.71))
    box.srid = 4326
    inside = School.objects.filter(position__intersects=box).count()
    assert inside > 0
    assert count("S_INTERSECTS(geometry, BBOX(23.30, 42.66, 23.36, 42.71))", schools) == inside
    assert count("S_INTERSECTS(BBOX(23.30, 42.66, 23.36, 42.71), geometry)", schools) == inside
    assert (
        count(
            "S_WITHIN(geometry, POLYGON((23.30 42.66, 23.36 42.66, 23.36 42.71, 23.30 42.71, 23.30 42.66)))",
            schools,
        )
        == inside
    )
    assert (
        count("S_DISJOINT(geometry, BBOX(23.30, 42.66, 23.36, 42.71))", schools)
        == School.objects.count() - inside
    )
    # The same box in BGS2005 (filter_srid), easting first, and northing first as EPSG:7801 defines.
    import pyproj

    to_7801 = pyproj.Transformer.from_crs(4326, 7801, always_xy=True)
    (x1, x2), (y1, y2) = to_7801.transform([23.30, 23.36], [42.66, 42.71])
    national = count(f"S_INTERSECTS(geometry, BBOX({x1}, {y1}, {x2}, {y2}))", schools, filter_srid=7801)
    assert abs(national - inside) <= 0.1 * inside + 2
    northing_first = count(
        f"S_INTERSECTS(geometry, BBOX({y1}, {x1}, {y2}, {x2}))", schools, filter_srid=7801, north_first=True
    )
    assert northing_first == national
    latlon = "POLYGON((42.66 23.30, 42.66 23.36, 42.71 23.36, 42.71 23.30, 42.66 23.30))"
    assert count(f"S_INTERSECTS(geometry, {latlon})", schools, north_first=True) == inside


def test_temporal_on_events():
    spec = get_spec("event-perimeters")
    queryables = Queryables(
        spec.model,
        tuple(dict.fromkeys(spec.properties + spec.time_fields)),
        spec.geometry_field,
        spec.time_fields,
    )
    q = parse_cql2("T_INTERSECTS(datetime, INTERVAL('2026-06-01', '2026-06-30'))", queryables)
    assert "start__lte" in str(q) and "end__gte" in str(q)
    q = parse_cql2("T_INTERSECTS(INTERVAL(start, end), INTERVAL('..', '2026-06-30T12:00:00Z'))", queryables)
    assert "start__lte" in str(q) and "end__gte" not in str(q)
    q = parse_cql2("T_INTERSECTS(start, DATE('2026-06-01'))", queryables)
    assert "start__lte" in str(q) and "start__gte" in str(q)


@pytest.mark.parametrize(
    "text, words",
    [
        ("", "empty"),
        ("kind = ", "ends too early"),
        ("colour = 'red'", "unknown attribute"),
        ("kind ~ 'x'", "Cannot read"),
        ("kind = 'a' kind", "AND, OR"),
        ("S_INTERSECTS(geometry, BBOX(1, 2, 3))", "four numbers"),
        ("S_INTERSECTS(geometry, BBOX(3, 2, 1, 4))", "min ≤ max"),
        ("S_INTERSECTS(geometry, POLYGON((1 1, 2 2)))", "WKT"),
        ("T_INTERSECTS(datetime, DATE('2026-01-01'))", "no time"),
        ("name LIKE 5", "quoted pattern"),
        ("(kind = 'a'", "ends too early"),
        ("(kind = 'a' 'b'", "expected )"),
    ],
)
def test_errors_say_what_is_wrong(schools, text, words):
    with translation.override("en"), pytest.raises(CQL2Error) as error:
        parse_cql2(text, schools)
    assert words in str(error.value)


def test_errors_in_bulgarian(schools):
    with translation.override("bg"), pytest.raises(CQL2Error) as error:
        parse_cql2("colour = 'red'", schools)
    assert "непознат атрибут" in str(error.value)
