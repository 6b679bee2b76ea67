"""The raw SQL of the exchange app: an OGC items page with numberMatched in one round trip."""

from __future__ import annotations

from django.db import connection

# {count} counts every matching row; {inner} is the ORM-built page (limit + 1 rows) whose rows
# have feature_id, feature_geometry (GeoJSON text) and feature_properties (json).
_ITEMS_PAGE_SQL = """
SELECT ({count}),
       count(*),
       convert_to(coalesce(string_agg(
           '{{"type":"Feature","id":' || page.feature_id
           || ',"geometry":' || coalesce(page.feature_geometry, 'null')
           || ',"properties":' || page.feature_properties::text || '}}',
           ',' ORDER BY page.feature_id) FILTER (WHERE page.position <= %s), ''), 'UTF8')
FROM (SELECT row_number() OVER (ORDER BY inner_query.feature_id) AS position, inner_query.*
      FROM ({inner}) AS inner_query) AS page
"""


def items_page(
    count_sql: str, count_params, inner_sql: str, inner_params, *, limit: int
) -> tuple[int, int, bytes]:
    """(rows matched, rows in the page + 1 at most, comma-joined GeoJSON Features as UTF-8)."""
    with connection.cursor() as cursor:
        cursor.execute(
            _ITEMS_PAGE_SQL.format(count=count_sql, inner=inner_sql), (*count_params, limit, *inner_params)
        )
        matched, rows_seen, features = cursor.fetchone()
    return matched, rows_seen, bytes(features)
