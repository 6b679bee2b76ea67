"""Raw SQL of the counter-terrorism app: bulk reads in UTM 34N metres for the analyses."""

from __future__ import annotations

import numpy as np
from django.db import connection

from geo_platform.crs import METRIC_SRID


def metric_points(
    table: str, geometry: str, *, label: str = "name", value: str | None = None, where: str = "TRUE"
):
    """(ids, xy (n, 2), labels, values) of a point column (or the centroids of polygons), in metres."""
    value_sql = value or "0"
    sql = f"""
        SELECT id, ST_X(p), ST_Y(p), lbl, val
        FROM (SELECT id, {label} AS lbl, ({value_sql})::float AS val,
                     ST_Transform(ST_Centroid({geometry}), %s) AS p
              FROM {table} WHERE {where}) AS q
        ORDER BY id
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [METRIC_SRID])
        rows = cursor.fetchall()
    if not rows:
        return np.zeros(0, dtype=int), np.zeros((0, 2)), [], np.zeros(0)
    ids = np.array([r[0] for r in rows])
    xy = np.array([[r[1], r[2]] for r in rows], dtype=float)
    return ids, xy, [r[3] or "" for r in rows], np.array([r[4] or 0 for r in rows], dtype=float)


def metric_lines(table: str, geometry: str, *, where: str = "TRUE") -> list[bytes]:
    """WKB of line geometries in metres."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT ST_AsBinary(ST_Transform({geometry}, %s)) FROM {table} WHERE {where}", [METRIC_SRID]
        )
        return [bytes(row[0]) for row in cursor.fetchall()]


def fields_of_view(levels: tuple[str, ...]) -> list[tuple[str, bytes]]:
    """(DORI level, metric WKB) of the fields of view of working cameras."""
    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT level, ST_AsBinary(ST_Transform(field_of_view, %s))
               FROM surveillance_camerafieldofview
               WHERE level = ANY(%s) AND status = 'online'""",
            [METRIC_SRID, list(levels)],
        )
        return [(row[0], bytes(row[1])) for row in cursor.fetchall()]


def last_change(slugs: tuple[str, ...]) -> str:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT max(last_change_at)::text, count(*) FROM layers_layer WHERE slug = ANY(%s)", [list(slugs)]
        )
        row = cursor.fetchone()
    return f"{row[0]}:{row[1]}"
