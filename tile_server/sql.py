"""The one raw statement of the tile server: the parameterised ST_AsMVT wrapper.

Every layer of a tile is one sub-select over its ORM-built inner query, and all of them
run as one statement, so a tile, single or composite, costs one query. Each layer comes
back as its own MVT blob (MVT layers concatenate as bytes) with its feature count, so
each can be cached and checked against the size budget on its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.db import connection

from geo_platform.db_routing import read_connection
from tile_server.grid import BUFFER, EXTENT, Tile
from tile_server.queries import InnerQuery

# Settings for this one statement, set in the same simple-protocol string so that they
# apply to it alone (it runs as one implicit transaction, or inside the caller's):
# - no JIT: PostGIS functions declare high costs, so PostgreSQL would spend ~100 ms
#   compiling a query that runs in 10;
# - no parallel workers: tiles are many small queries at once; starting workers for
#   each only takes cores from the other tiles;
# - enough work_mem to sort and group a dense tile in memory rather than on disk.
_STATEMENT_SETTINGS = (
    "SELECT set_config('jit', 'off', true), set_config('max_parallel_workers_per_gather', '0', true), "
    "set_config('work_mem', '32MB', true); "
)

# ST_AsMVTGeom clips to the tile grown by BUFFER units and snaps to the EXTENT grid;
# ST_AsMVT names the layer and takes `mvt_id` as the feature id. Features that vanish in
# the clipping are left out by the aggregates' FILTER: a WHERE on the subquery would be
# pushed down into it and have ST_AsMVTGeom computed twice per row.
_LAYER_SQL = """(SELECT ST_AsMVT(mvt_row, %s, {extent}, 'geom', 'mvt_id') FILTER (WHERE mvt_row.geom IS NOT NULL) AS mvt,
         count(*) FILTER (WHERE mvt_row.geom IS NOT NULL) AS features
  FROM (SELECT ST_AsMVTGeom(inner_query.mvt_geom, ST_TileEnvelope(%s, %s, %s), {extent}, {buffer}, true)
               AS geom, inner_query.mvt_id{columns}
        FROM ({inner}) AS inner_query) AS mvt_row) AS layer_{index}"""


def _settings_prefix() -> str:
    # Two statements in one string need client-side binding, Django's default with
    # psycopg 3; with server-side binding the tile statement runs under the defaults.
    if connection.settings_dict.get("OPTIONS", {}).get("server_side_binding"):
        return ""
    return _STATEMENT_SETTINGS


@dataclass(frozen=True)
class LayerResult:
    mvt: bytes
    features: int


def tile_statement(parts: Sequence[InnerQuery], tile: Tile) -> tuple[str, list]:
    """The SQL and parameters that draw `parts` into `tile`, one MVT column pair per part."""
    quote = connection.ops.quote_name
    selects, sources, params = [], [], []
    for index, part in enumerate(parts):
        # Column names come from the layer registry, never from the request.
        columns = "".join(
            f", inner_query.{quote(column)} AS {quote(name)}" for column, name in part.properties
        )
        sources.append(
            _LAYER_SQL.format(extent=EXTENT, buffer=BUFFER, columns=columns, inner=part.sql, index=index)
        )
        params += [part.layer.slug, tile.z, tile.x, tile.y, *part.params]
        selects.append(f"layer_{index}.mvt, layer_{index}.features")
    sql = _settings_prefix() + "SELECT " + ", ".join(selects) + " FROM " + ", ".join(sources)
    return sql, params


def fetch_layers(parts: Sequence[InnerQuery], tile: Tile) -> list[LayerResult]:
    """Run the tile statement: one query, one result per part."""
    sql, params = tile_statement(parts, tile)
    # A read: on a replica when the request may use one (geo_platform.db_routing).
    with read_connection().cursor() as cursor:
        cursor.execute(sql, params)
        if sql.startswith(_STATEMENT_SETTINGS):
            # The first result is the settings'; the tile row follows.
            cursor.nextset()
        row = cursor.fetchone()
    return [
        LayerResult(mvt=bytes(row[2 * i] or b""), features=int(row[2 * i + 1])) for i in range(len(parts))
    ]
