"""The spatial SQL of the layers app: the GeoJSON wrapper and the few raw statements.

Inner queries are built with the ORM (filters, bbox, paging); the only raw SQL is the
parameterised wrapper that aggregates a page into GeoJSON text inside PostGIS, so a page
of features never passes through Python objects one by one.
"""

from __future__ import annotations

from django.apps import apps
from django.contrib.gis.geos import GEOSGeometry, Polygon
from django.contrib.gis.geos.prepared import PreparedGeometry
from django.db import connection
from django.db.models import QuerySet

from geo_platform.crs import METRIC_SRID, SOFIA_BOUNDS, STORAGE_SRID
from geo_platform.db_routing import read_connection

# {inner} is a query built by the ORM whose rows have feature_id, feature_geometry
# (GeoJSON text) and feature_properties (json); it selects one more row than the page.
_FEATURE_PAGE_SQL = """
SELECT count(*),
       convert_to(coalesce(string_agg(
           '{{"type":"Feature","id":' || page.feature_id
           || ',"geometry":' || coalesce(page.feature_geometry, 'null')
           || ',"properties":' || page.feature_properties::text || '}}',
           ',' ORDER BY page.{order}) FILTER (WHERE page.position <= %s), ''), 'UTF8')
FROM (SELECT row_number() OVER (ORDER BY inner_query.{order}) AS position, inner_query.*
      FROM ({inner}) AS inner_query) AS page
"""


def feature_page_json(queryset: QuerySet, *, limit: int) -> tuple[bytes, int]:
    """feature_page_sql() of a queryset built by the ORM."""
    inner_sql, inner_params = queryset.query.sql_with_params()
    return feature_page_sql(inner_sql, inner_params, limit=limit)


_PAGE_ORDERS = {"feature_id", "feature_position"}


def feature_page_sql(
    inner_sql: str, inner_params, *, limit: int, order: str = "feature_id"
) -> tuple[bytes, int]:
    """The comma-joined GeoJSON Features (UTF-8) of the first `limit` rows, and how many rows came.

    `order` is the inner column the features keep their order by: feature_id, or
    feature_position for a sorted page.

    Bytes, not text: a page is ~200 KB that goes straight into the response, so decoding
    and re-encoding it would be wasted work on the hot path.
    """
    with read_connection().cursor() as cursor:
        if order not in _PAGE_ORDERS:
            raise ValueError(order)
        cursor.execute(_FEATURE_PAGE_SQL.format(inner=inner_sql, order=order), (limit, *inner_params))
        rows_seen, features = cursor.fetchone()
    return bytes(features), rows_seen


_COLLECTION_TYPE = {"Point": 1, "LineString": 2, "Polygon": 3}


def make_valid(geometry: GEOSGeometry, *, like: str) -> GEOSGeometry | None:
    """ST_MakeValid, keeping only the parts of the same dimension as `like`."""
    base_type = like.removeprefix("Multi")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT ST_AsEWKB(ST_CollectionExtract(ST_MakeValid(ST_GeomFromEWKB(%s)), %s))",
            (bytes(geometry.ewkb), _COLLECTION_TYPE[base_type]),
        )
        (wkb,) = cursor.fetchone()
    return GEOSGeometry(memoryview(bytes(wkb))) if wkb is not None else None


_allowed_area_cache: dict[int, PreparedGeometry] = {}


def sofia_allowed_area(*, margin_m: int) -> PreparedGeometry:
    """The municipality buffered by `margin_m` metres (or its bounds, before data is loaded)."""
    cached = _allowed_area_cache.get(margin_m)
    if cached is not None:
        return cached
    municipality = apps.get_model("administrative", "Municipality")
    table = municipality._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"""SELECT ST_AsEWKB(ST_Transform(ST_Simplify(ST_Buffer(
                    ST_Transform(boundary, %s), %s), 25), %s))
                FROM {table} ORDER BY id LIMIT 1""",
            (METRIC_SRID, margin_m, STORAGE_SRID),
        )
        row = cursor.fetchone()
    if row is not None:
        area = GEOSGeometry(memoryview(bytes(row[0])))
    else:
        bounds = Polygon.from_bbox(SOFIA_BOUNDS)
        bounds.srid = STORAGE_SRID
        area = bounds.transform(METRIC_SRID, clone=True).buffer(margin_m)
        area.transform(STORAGE_SRID)
    prepared = area.prepared
    _allowed_area_cache[margin_m] = prepared
    return prepared


def forget_allowed_area() -> None:
    """Drop the cached boundary after the municipality is (re)loaded."""
    _allowed_area_cache.clear()
