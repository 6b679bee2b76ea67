"""The inner query of a tile, built with the ORM: which features, which attributes, how thinned.

Each builder returns a queryset whose rows are `mvt_id`, `mvt_geom` (Web Mercator,
ready for ST_AsMVTGeom) and one `mvt_<n>` column per displayed attribute; clustered
point tiles add `mvt_count`. `sql.py` wraps these in the one ST_AsMVT statement.

The spatial filter is `&&` on the stored WGS 84 geometry against the tile's lon/lat
rectangle (exact, since Web Mercator is separable), so the layer's GiST index does the
work and only the few rows that reach the tile are transformed to Mercator.

Everything that differs from tile to tile (the envelope, the edges, the pixel size) is
a `TileValue` placeholder, so a layer's query is compiled by the ORM once per drawing
mode and then only bound to each tile's values: compiling costs more than a small tile.
"""

from __future__ import annotations

import struct
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from django.contrib.gis.db.backends.postgis.adapter import PostGISAdapter
from django.contrib.gis.db.models import GeometryField
from django.contrib.gis.db.models.functions import Transform
from django.contrib.postgres.aggregates import BoolOr
from django.db import models
from django.db.models import Avg, Case, Count, Expression, F, FloatField, Min, QuerySet, When
from django.db.models.functions import Floor, Greatest

from geo_platform.crs import STORAGE_SRID, WEB_MERCATOR_SRID
from layers.registry import LayerSpec
from tile_server.functions import MakePoint, PointX, PointY, Simplify, box_height, box_width
from tile_server.grid import BUFFER_SHARE, Tile
from tile_server.layers import TileLayer
from tile_server.rows import RowScope

# Clusters are counted on a CLUSTER_GRID x CLUSTER_GRID grid per tile: at most 4,096
# features, each at least 64 tile units (4 screen pixels) from the next cell.
CLUSTER_GRID = 64
# Lines and polygons whose bounding box is under this many screen pixels (of a 256-pixel
# tile) on both axes would be a dot at that zoom, and are left out.
MIN_FEATURE_PX = 2.0
# Douglas-Peucker tolerance in screen pixels: well under what the eye can see, and most
# vertices of detailed outlines go at low zooms.
SIMPLIFY_PX = 0.5

CLUSTERS, POINTS, SHAPES = "clusters", "points", "shapes"


@dataclass(frozen=True)
class Placeholder:
    name: str


class TileValue(Expression):
    """A value of the tile being drawn, left as a placeholder in the compiled SQL."""

    def __init__(self, name: str, output_field):
        super().__init__(output_field=output_field)
        self.name = name

    def as_sql(self, compiler, connection):
        return "%s", [Placeholder(self.name)]


def _number(name: str) -> TileValue:
    return TileValue(name, FloatField())


def _envelope(name: str) -> TileValue:
    return TileValue(name, GeometryField(srid=STORAGE_SRID))


@dataclass(frozen=True)
class InnerTemplate:
    """A layer's compiled inner query for one drawing mode."""

    sql: str
    params: tuple[Any, ...]
    properties: tuple[tuple[str, str], ...]  # (column, MVT property name)

    def bind(self, values: dict[str, Any]) -> list[Any]:
        return [values[p.name] if isinstance(p, Placeholder) else p for p in self.params]


@dataclass(frozen=True)
class InnerQuery:
    """A layer's inner query bound to one tile, and the MVT property each column becomes."""

    layer: TileLayer
    sql: str
    params: list[Any]
    properties: tuple[tuple[str, str], ...]


def inner_query(layer: TileLayer, tile: Tile, *, scope: RowScope, limit: int) -> InnerQuery:
    """The features of `layer` among the rows of `scope` that `tile` draws, at most `limit`."""
    template = inner_template(layer.spec, _mode(layer, tile.z), limit, scope)
    return InnerQuery(layer, template.sql, template.bind(tile_values(tile)), template.properties)


def _mode(layer: TileLayer, z: int) -> str:
    if layer.clustered(z):
        return CLUSTERS
    return POINTS if layer.is_point else SHAPES


def tile_values(tile: Tile) -> dict[str, Any]:
    """The values the placeholders stand for, for one tile."""
    west, south, east, north = tile.lonlat_bounds()
    pixel_w, pixel_h = tile.pixel_size_deg()
    return {
        "envelope": _polygon(tile.lonlat_bounds(buffer=BUFFER_SHARE)),
        "exact_envelope": _polygon((west, south, east, north)),
        "west": west,
        "south": south,
        "east": east,
        "north": north,
        "column_scale": CLUSTER_GRID / (east - west),
        "row_scale": CLUSTER_GRID / (north - south),
        "pixel_w": pixel_w,
        "pixel_h": pixel_h,
        # A pixel is shorter in latitude than in longitude here (Mercator stretches
        # north-south): the smaller keeps the error under SIMPLIFY_PX on both axes.
        "tolerance": min(pixel_w, pixel_h) * SIMPLIFY_PX,
    }


# EWKB of a polygon with an SRID: little-endian, type 3 with the SRID flag, the SRID, one ring of five points.
_EWKB_BOX_HEAD = struct.pack("<BIIII", 1, 3 | 0x20000000, STORAGE_SRID, 1, 5)


def _polygon(bounds: tuple[float, float, float, float]) -> PostGISAdapter:
    """The rectangle as the adapter `Polygon.from_bbox` would give, the same bytes, without GEOS.

    Two per tile; building them through GEOS cost about 0.5 ms of a cold tile.
    """
    west, south, east, north = bounds
    adapter = PostGISAdapter.__new__(PostGISAdapter)
    adapter.ewkb = _EWKB_BOX_HEAD + struct.pack(
        "<10d", west, south, west, north, east, north, east, south, west, south
    )
    adapter.srid = STORAGE_SRID
    adapter.is_geometry = True
    adapter.geography = False
    return adapter


_TEMPLATES: OrderedDict[tuple, InnerTemplate] = OrderedDict()
_MAX_TEMPLATES = 512


def inner_template(spec: LayerSpec, mode: str, limit: int, scope: RowScope) -> InnerTemplate:
    """The compiled inner query, kept per layer, mode, limit and row scope (least recently used out)."""
    key = (spec, mode, limit, scope.key)
    template = _TEMPLATES.get(key)
    if template is None:
        queryset, properties = _BUILDERS[mode](spec, scope.queryset, limit)
        sql, params = queryset.query.sql_with_params()
        template = InnerTemplate(sql, tuple(params), tuple(properties.items()))
        _TEMPLATES[key] = template
        if len(_TEMPLATES) > _MAX_TEMPLATES:
            _TEMPLATES.popitem(last=False)
    else:
        _TEMPLATES.move_to_end(key)
    return template


def _attribute_columns(spec: LayerSpec) -> dict[str, str]:
    names = (*spec.display_attributes, *(name for name, _path in spec.tile_attributes))
    return {f"mvt_{index}": name for index, name in enumerate(names)}


def _path(spec: LayerSpec, name: str) -> str:
    """The field (or relation path) a tile property is read from."""
    return dict(spec.tile_attributes).get(name, name)


def _points(spec: LayerSpec, rows: QuerySet, limit: int) -> tuple[QuerySet, dict[str, str]]:
    """Each point with its attributes; the buffer brings in symbols that cross the edge."""
    columns = _attribute_columns(spec)
    geometry = spec.geometry_field
    queryset = (
        rows.filter(**{f"{geometry}__bboverlaps": _envelope("envelope")})
        .annotate(
            mvt_id=F("pk"),
            mvt_geom=Transform(geometry, WEB_MERCATOR_SRID),
            **{column: F(_path(spec, name)) for column, name in columns.items()},
        )
        .order_by("pk")
        .values("mvt_id", "mvt_geom", *columns)[:limit]
    )
    return queryset, columns


def _clustered_points(spec: LayerSpec, rows: QuerySet, limit: int) -> tuple[QuerySet, dict[str, str]]:
    """Points grouped on a grid; a cell of one point keeps its id and attributes.

    Cells are taken in lon/lat, linear in latitude between the tile's own edges: the
    grid then splits exactly this tile (no cluster straddles two tiles, so no buffer is
    needed) and no per-row Mercator transform is paid for tens of thousands of points;
    only the cluster centres are transformed. Inside one tile the non-linearity of
    Mercator in latitude moves a cell edge by well under a cell.
    """
    geometry = spec.geometry_field
    columns = _attribute_columns(spec)
    single = {}
    for column, name in columns.items():
        path = _path(spec, name)
        field = spec.model._meta.get_field(name) if path == name else None
        # Min() of a one-row group is that row's value; booleans have no min() in PostgreSQL.
        aggregate = BoolOr(path) if isinstance(field, models.BooleanField) else Min(path)
        single[column] = Case(When(mvt_count=1, then=aggregate))
    queryset = (
        rows.filter(**{f"{geometry}__bboverlaps": _envelope("exact_envelope")})
        .annotate(mvt_lon=PointX(geometry), mvt_lat=PointY(geometry))
        # Half-open edges: a point on the line between two tiles is counted once.
        .filter(
            mvt_lon__gte=_number("west"),
            mvt_lon__lt=_number("east"),
            mvt_lat__gt=_number("south"),
            mvt_lat__lte=_number("north"),
        )
        .annotate(
            mvt_cx=Floor((F("mvt_lon") - _number("west")) * _number("column_scale")),
            mvt_cy=Floor((_number("north") - F("mvt_lat")) * _number("row_scale")),
        )
        .order_by()
        .values("mvt_cx", "mvt_cy")
        .annotate(
            mvt_count=Count("pk"),
            mvt_geom=Transform(
                MakePoint(Avg("mvt_lon"), Avg("mvt_lat"), srid=STORAGE_SRID), WEB_MERCATOR_SRID
            ),
            mvt_id=Case(When(mvt_count=1, then=Min("pk"))),
            **single,
        )
        .order_by("-mvt_count", "mvt_cx", "mvt_cy")
        .values("mvt_id", "mvt_geom", "mvt_count", *columns)[:limit]
    )
    return queryset, {**columns, "mvt_count": "count"}


def _shapes(spec: LayerSpec, rows: QuerySet, limit: int) -> tuple[QuerySet, dict[str, str]]:
    """Lines and polygons: tiny ones dropped, the rest simplified for this zoom.

    Both steps run on the stored lon/lat geometry before the transform, so only the
    kept vertices are projected. When more than `limit` features remain, the largest
    are kept.
    """
    geometry = spec.geometry_field
    columns = _attribute_columns(spec)
    size_px = Greatest(
        box_width(F(geometry)) / _number("pixel_w"), box_height(F(geometry)) / _number("pixel_h")
    )
    queryset = (
        rows.filter(**{f"{geometry}__bboverlaps": _envelope("envelope")})
        .annotate(mvt_size=size_px)
        .filter(mvt_size__gte=MIN_FEATURE_PX)
        .annotate(
            mvt_id=F("pk"),
            mvt_geom=Transform(Simplify(geometry, _number("tolerance")), WEB_MERCATOR_SRID),
            **{column: F(_path(spec, name)) for column, name in columns.items()},
        )
        .order_by("-mvt_size", "pk")
        .values("mvt_id", "mvt_geom", *columns)[:limit]
    )
    return queryset, columns


_BUILDERS = {CLUSTERS: _clustered_points, POINTS: _points, SHAPES: _shapes}
