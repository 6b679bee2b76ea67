"""Reads behind OGC API – Features and Tiles: collections, items, queryables, tilesets.

Everything goes through the catalogue's visibility rules (layers.selectors) and the
PostGIS-side GeoJSON of the features API, so the OGC API is as fast and as closed as it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.gis.db.models import Extent
from django.contrib.gis.db.models.functions import Transform
from django.db.models import F, Max, Min, Q, QuerySet
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from geo_platform.crs import NATIONAL_SRID, STORAGE_SRID, SUPPORTED_SRIDS, UnknownCRS, crs_uri, parse_crs
from geo_platform.errors import InvalidParameter, NotFound
from layers import selectors
from layers.exchange import sql
from layers.exchange.cql2 import CQL2Error, Queryables, parse_cql2
from layers.filters import _attribute_filter, _bbox, _integer, _time_filter
from layers.functions import FlipCoordinates
from layers.models import Layer
from layers.registry import LayerNotRegistered, LayerSpec, get_spec

CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
# The CRSs every collection offers (OGC API – Features Part 2).
CRS_LIST = [CRS84] + [crs_uri(srid) for srid in SUPPORTED_SRIDS]
ITEMS_DEFAULT_LIMIT = 100
ITEMS_MAX_LIMIT = settings.FEATURES_MAX_LIMIT
ITEM_PARAMETERS = {
    "bbox",
    "bbox-crs",
    "crs",
    "datetime",
    "limit",
    "offset",
    "filter",
    "filter-lang",
    "filter-crs",
    "f",
}


@dataclass(frozen=True)
class Crs:
    """A CRS as asked: the SRID, its URI, and whether its axes are latitude/northing first."""

    srid: int
    uri: str
    # EPSG:4326 is latitude, longitude and EPSG:7801 northing, easting by definition; CRS84,
    # 3857 and 32634 are east first, as PostGIS stores coordinates.
    north_first: bool


def parse_ogc_crs(value: str | None, parameter: str) -> Crs:
    if value in (None, ""):
        return Crs(STORAGE_SRID, CRS84, False)
    text = value.strip().strip("[]")
    try:
        srid = parse_crs(text)
    except UnknownCRS:
        raise InvalidParameter(
            _("Unknown or unsupported CRS %(crs)r; this service offers %(supported)s.")
            % {"crs": value, "supported": ", ".join(CRS_LIST)},
            parameter=parameter,
        ) from None
    if srid == STORAGE_SRID and "crs84" in text.lower():
        return Crs(STORAGE_SRID, CRS84, False)
    return Crs(srid, crs_uri(srid), srid in (STORAGE_SRID, NATIONAL_SRID))


def content_crs_header(crs: Crs) -> str:
    return f"<{crs.uri}>"


# --- collections ----------------------------------------------------------------------------


def visible_collections(user) -> list[tuple[Layer, LayerSpec]]:
    found = []
    for layer in selectors.visible_layers(user):
        try:
            found.append((layer, get_spec(layer.slug)))
        except LayerNotRegistered:
            continue
    return found


def title_of(layer: Layer) -> str:
    return layer.title_en if (get_language() or "bg").startswith("en") else layer.title_bg


def _extent(spec: LayerSpec, user) -> dict:
    queryset = spec.queryset_for(user)
    box = queryset.aggregate(extent=Extent(spec.geometry_field))["extent"]
    extent: dict = {"spatial": {"bbox": [[round(v, 6) for v in box]] if box else [], "crs": CRS84}}
    if spec.time_fields:
        start, end = spec.time_fields
        times = queryset.aggregate(begin=Min(start), end=Max(end))
        extent["temporal"] = {
            "interval": [
                [
                    times["begin"].isoformat() if times["begin"] else None,
                    times["end"].isoformat() if times["end"] else None,
                ]
            ],
            "trs": "http://www.opengis.net/def/uri/ISO-8601/0/Gregorian",
        }
    return extent


def collection(layer: Layer, spec: LayerSpec, *, user, url: Callable[[str], str]) -> dict:
    """The collection document of one layer; `url(path)` makes absolute links under /ogc/."""
    base = f"collections/{layer.slug}"
    links = [
        {"rel": "self", "type": "application/json", "title": _("This collection"), "href": url(base)},
        {
            "rel": "items",
            "type": "application/geo+json",
            "title": _("Features"),
            "href": url(f"{base}/items"),
        },
        {
            "rel": "http://www.opengis.net/def/rel/ogc/1.0/queryables",
            "type": "application/schema+json",
            "title": _("Queryable attributes"),
            "href": url(f"{base}/queryables"),
        },
        {
            "rel": "http://www.opengis.net/def/rel/ogc/1.0/tilesets-vector",
            "type": "application/json",
            "title": _("Vector tiles"),
            "href": url(f"{base}/tiles"),
        },
        {
            "rel": "describedby",
            "type": "application/json",
            "title": _("Layer record with its style, attribution and licence"),
            "href": url(f"../api/layers/{layer.slug}/"),
        },
    ]
    for export_format, media_type in EXPORT_LINKS:
        links.append(
            {
                "rel": "enclosure",
                "type": media_type,
                "title": _("Download (%(format)s)") % {"format": export_format},
                "href": url(f"../api/exchange/layers/{layer.slug}/export/?f={export_format}"),
            }
        )
    document = {
        "id": layer.slug,
        "title": title_of(layer),
        "description": layer.description,
        "attribution": layer.attribution,
        "itemType": "feature",
        "extent": _extent(spec, user),
        "crs": CRS_LIST,
        "storageCrs": CRS84,
        "links": links,
    }
    return document


EXPORT_LINKS = (
    ("gpkg", "application/geopackage+sqlite3"),
    ("geojson", "application/geo+json"),
    ("csv", "text/csv"),
    ("kml", "application/vnd.google-earth.kml+xml"),
    ("shp", "application/zip"),
)


# --- queryables -------------------------------------------------------------------------------

_JSON_TYPES = {
    "AutoField": {"type": "integer"},
    "BigAutoField": {"type": "integer"},
    "IntegerField": {"type": "integer"},
    "BigIntegerField": {"type": "integer"},
    "SmallIntegerField": {"type": "integer"},
    "PositiveIntegerField": {"type": "integer"},
    "PositiveSmallIntegerField": {"type": "integer"},
    "FloatField": {"type": "number"},
    "DecimalField": {"type": "number"},
    "BooleanField": {"type": "boolean"},
    "DateTimeField": {"type": "string", "format": "date-time"},
    "DateField": {"type": "string", "format": "date"},
}
_GEOMETRY_SCHEMA = {
    "point": "https://geojson.org/schema/Point.json",
    "line": "https://geojson.org/schema/LineString.json",
    "polygon": "https://geojson.org/schema/Polygon.json",
}


def queryables_of(spec: LayerSpec) -> Queryables:
    names = tuple(dict.fromkeys(spec.properties + tuple(spec.time_fields or ())))
    return Queryables(spec.model, names, spec.geometry_field, spec.time_fields)


def queryables(layer: Layer, spec: LayerSpec, *, url: str) -> dict:
    properties: dict = {
        "geometry": {
            "title": _("Geometry"),
            "format": f"geometry-{spec.geometry_kind}",
            "$ref": _GEOMETRY_SCHEMA.get(spec.geometry_kind, "https://geojson.org/schema/Geometry.json"),
        },
    }
    for name in queryables_of(spec).attributes:
        field = spec.model._meta.get_field(name)
        schema = dict(_JSON_TYPES.get(field.get_internal_type(), {"type": "string"}))
        schema["title"] = str(field.verbose_name)
        if field.choices:
            schema["enum"] = [str(choice) for choice, _label in field.flatchoices]
        properties[name] = schema
    if spec.time_fields:
        properties["datetime"] = {
            "title": _("Time of the feature (start to end)"),
            "type": "string",
            "format": "date-time",
        }
    return {
        "$schema": "https://json-schema.org/draft/2019-09/schema",
        "$id": url,
        "type": "object",
        "title": title_of(layer),
        "properties": properties,
        "additionalProperties": False,
    }


# --- items ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ItemsQuery:
    crs: Crs
    query: selectors.FeatureQuery
    condition: Q | None


def parse_items_query(spec: LayerSpec, params) -> ItemsQuery:
    unknown = sorted(set(params) - ITEM_PARAMETERS - set(spec.filter_fields))
    if unknown:
        raise InvalidParameter(
            _("Unknown parameter %(name)r; use filter= (CQL2 text) to filter on attributes.")
            % {"name": unknown[0]},
            parameter=unknown[0],
        )
    crs = parse_ogc_crs(params.get("crs"), "crs")
    bbox_crs = parse_ogc_crs(params.get("bbox-crs"), "bbox-crs")
    bbox = None
    if params.get("bbox"):
        bbox = _bbox(params["bbox"]) if params["bbox"].count(",") == 3 else None
        if bbox is None:
            raise InvalidParameter(
                _("bbox must be four numbers minx,miny,maxx,maxy (no heights); got %(value)r.")
                % {"value": params["bbox"]},
                parameter="bbox",
            )
        if bbox_crs.north_first:
            bbox = (bbox[1], bbox[0], bbox[3], bbox[2])
    filters: dict = {}
    for name in spec.filter_fields:
        if params.get(name) not in (None, ""):
            filters.update(_attribute_filter(spec, name, params[name]))
    if params.get("datetime"):
        filters.update(_time_filter(spec, params["datetime"]))
    condition = None
    if params.get("filter"):
        language = params.get("filter-lang", "cql2-text")
        if language != "cql2-text":
            raise InvalidParameter(
                _("filter-lang %(lang)r is not supported; use cql2-text.") % {"lang": language},
                parameter="filter-lang",
            )
        filter_crs = parse_ogc_crs(params.get("filter-crs"), "filter-crs")
        try:
            condition = parse_cql2(
                params["filter"],
                queryables_of(spec),
                filter_srid=filter_crs.srid,
                north_first=filter_crs.north_first,
            )
        except CQL2Error as exc:
            raise InvalidParameter(str(exc), parameter="filter") from None
    limit = _integer(
        params.get("limit"), "limit", default=ITEMS_DEFAULT_LIMIT, minimum=1, maximum=ITEMS_MAX_LIMIT
    )
    offset = _integer(params.get("offset"), "offset", default=0, minimum=0, maximum=10**9)
    query = selectors.FeatureQuery(
        bbox=bbox, bbox_srid=bbox_crs.srid, filters=filters, output_srid=crs.srid, limit=limit, offset=offset
    )
    return ItemsQuery(crs=crs, query=query, condition=condition)


def _output_geometry(spec: LayerSpec, crs: Crs):
    geometry = F(spec.geometry_field)
    if crs.srid != STORAGE_SRID:
        geometry = Transform(spec.geometry_field, crs.srid)
    if crs.north_first:
        geometry = FlipCoordinates(geometry)
    return geometry


def _rows(spec: LayerSpec, queryset: QuerySet, crs: Crs) -> QuerySet:
    return selectors.feature_rows(
        spec,
        queryset,
        crs.srid,
        geometry=_output_geometry(spec, crs),
        digits=6 if crs.srid == STORAGE_SRID else 2,
    )


def items(spec: LayerSpec, items_query: ItemsQuery, *, user, page_url: Callable[[int], str]) -> bytes:
    """A page of features as a GeoJSON FeatureCollection (UTF-8) with OGC paging links."""
    query = items_query.query
    matching = selectors.filtered_features(spec, query, user)
    if items_query.condition is not None:
        matching = matching.filter(items_query.condition)
    count_sql, count_params = matching.order_by().values("pk").query.sql_with_params()
    page = _rows(spec, matching, items_query.crs)[query.offset : query.offset + query.limit + 1]
    inner_sql, inner_params = page.query.sql_with_params()
    matched, rows_seen, features = sql.items_page(
        f"SELECT count(*) FROM ({count_sql}) AS matched",
        count_params,
        inner_sql,
        inner_params,
        limit=query.limit,
    )
    returned = min(rows_seen, query.limit)
    links = [
        {
            "rel": "self",
            "type": "application/geo+json",
            "title": _("This page"),
            "href": page_url(query.offset),
        },
        {"rel": "collection", "type": "application/json", "title": _("The collection"), "href": page_url(-1)},
    ]
    if rows_seen > query.limit:
        links.append(
            {
                "rel": "next",
                "type": "application/geo+json",
                "title": _("Next page"),
                "href": page_url(query.offset + query.limit),
            }
        )
    if query.offset > 0:
        links.append(
            {
                "rel": "prev",
                "type": "application/geo+json",
                "title": _("Previous page"),
                "href": page_url(max(0, query.offset - query.limit)),
            }
        )
    envelope = {
        "type": "FeatureCollection",
        "numberMatched": matched,
        "numberReturned": returned,
        "timeStamp": timezone.now().replace(microsecond=0).isoformat().replace("+00:00", "Z"),
        "links": links,
    }
    head = json.dumps(envelope, ensure_ascii=False).encode()
    return b"".join((head[:-1], b',"features":[', features, b"]}"))


def item(spec: LayerSpec, feature_id: int, crs: Crs, *, user) -> tuple[bytes, str]:
    """One feature as GeoJSON (UTF-8) and its strong ETag."""
    rows = _rows(spec, spec.queryset_for(user).filter(pk=feature_id), crs)
    sql_text, params = rows.query.sql_with_params()
    _matched, rows_seen, feature = sql.items_page("SELECT 1", (), sql_text, params, limit=1)
    if not rows_seen:
        raise NotFound(
            _("Collection '%(layer)s' has no feature %(id)s.") % {"layer": spec.slug, "id": feature_id}
        )
    return feature, '"' + hashlib.sha256(feature).hexdigest()[:32] + '"'


def layer_and_spec(user, collection_id: str) -> tuple[Layer, LayerSpec]:
    """NotFound for collections that do not exist and for those the caller may not see."""
    try:
        return selectors.get_visible_layer(user, collection_id)
    except NotFound:
        raise NotFound(
            _("There is no collection '%(id)s', or you may not see it.") % {"id": collection_id}
        ) from None
