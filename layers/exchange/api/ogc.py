"""OGC API – Features (Parts 1–3) and Tiles at /ogc/: parse, call a selector, respond.

JSON for machines (GDAL's OAPIF driver, QGIS, owslib, ArcGIS), an HTML landing page for
people. Token or session, like the rest of the API; a collection the caller may not see
is answered 404, exactly as one that does not exist.
"""

from __future__ import annotations

import json

from django.http import HttpResponse, HttpResponseNotModified
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.views import APIView

from geo_platform.api import GEOJSON, GeoJSONRenderer
from geo_platform.errors import InvalidParameter, NotFound
from layers.exchange.selectors import ogc
from layers.exchange.selectors import tiles as ogc_tiles
from tile_server.layers import resolve_layers
from tile_server.tilejson import data_bounds

OPENAPI = "application/vnd.oai.openapi+json;version=3.0"
CONFORMANCE = [
    "http://www.opengis.net/spec/ogcapi-common-1/1.0/conf/core",
    "http://www.opengis.net/spec/ogcapi-common-2/1.0/conf/collections",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
    "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs",
    "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/filter",
    "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/features-filter",
    "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables",
    "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables-query-parameters",
    "http://www.opengis.net/spec/cql2/1.0/conf/cql2-text",
    "http://www.opengis.net/spec/cql2/1.0/conf/basic-cql2",
    "http://www.opengis.net/spec/cql2/1.0/conf/advanced-comparison-operators",
    "http://www.opengis.net/spec/cql2/1.0/conf/case-insensitive-comparison",
    "http://www.opengis.net/spec/cql2/1.0/conf/basic-spatial-functions",
    "http://www.opengis.net/spec/cql2/1.0/conf/basic-spatial-functions-plus",
    "http://www.opengis.net/spec/cql2/1.0/conf/temporal-functions",
    "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/core",
    "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/tileset",
    "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/tilesets-list",
    "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/geodata-tilesets",
    "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/mvt",
    "http://www.opengis.net/spec/tms/2.0/conf/json-tilematrixset",
]


class _SchemaRenderer(JSONRenderer):
    media_type = "application/schema+json"
    format = "schema"


class _HTMLRenderer(BaseRenderer):
    media_type = "text/html"
    format = "html"


class _AnyNegotiation(DefaultContentNegotiation):
    """Never 406: OGC clients send all kinds of Accept headers; the view picks JSON or HTML."""

    def select_renderer(self, request, renderers, format_suffix=None):
        try:
            return super().select_renderer(request, renderers, format_suffix)
        except Exception:  # NotAcceptable: answer JSON anyway
            return renderers[0], renderers[0].media_type


class OGCView(APIView):
    renderer_classes = [JSONRenderer, GeoJSONRenderer, _SchemaRenderer, _HTMLRenderer]
    content_negotiation_class = _AnyNegotiation

    def url(self, request: Request, path: str = "") -> str:
        """Absolute URL of `path` under /ogc/ (`../` reaches the rest of the site)."""
        root = request.build_absolute_uri(reverse("ogc:landing"))
        if not root.endswith("/"):
            root += "/"
        while path.startswith("../"):
            root = root.rstrip("/").rsplit("/", 1)[0] + "/"
            path = path[3:]
        return root + path

    def wants_html(self, request: Request) -> bool:
        chosen = request.query_params.get("f")
        if chosen in ("json", "geojson"):
            return False
        if chosen == "html":
            return True
        if chosen not in (None, ""):
            raise InvalidParameter(
                _("f must be json or html; got %(value)r.") % {"value": chosen}, parameter="f"
            )
        accept = request.META.get("HTTP_ACCEPT", "")
        return "text/html" in accept and "json" not in accept.split("text/html")[0]


def _json(document: dict, *, media_type: str = "application/json", status: int = 200) -> HttpResponse:
    return HttpResponse(
        json.dumps(document, ensure_ascii=False), content_type=f"{media_type}; charset=utf-8", status=status
    )


_F = OpenApiParameter("f", str, enum=["json", "html"], description="Response format (default: JSON).")
_OBJECT = {(200, "application/json"): OpenApiTypes.OBJECT}


class LandingView(OGCView):
    """OGC API landing page: links to the API definition, conformance and the collections."""

    @extend_schema(
        tags=["OGC API"],
        parameters=[_F],
        responses={(200, "application/json"): OpenApiTypes.OBJECT, (200, "text/html"): OpenApiTypes.STR},
        operation_id="ogc_landing",
    )
    def get(self, request: Request) -> HttpResponse:
        document = {
            "title": _("Sofia Municipality, Security Directorate — geodata"),
            "description": _(
                "OGC API – Features and Tiles of the layers you may see. Connect QGIS or GDAL to this address."
            ),
            "links": [
                {
                    "rel": "self",
                    "type": "application/json",
                    "title": _("This document"),
                    "href": self.url(request),
                },
                {
                    "rel": "alternate",
                    "type": "text/html",
                    "title": _("This page in HTML"),
                    "href": self.url(request, "?f=html"),
                },
                {
                    "rel": "service-desc",
                    "type": OPENAPI,
                    "title": _("API definition (OpenAPI 3)"),
                    "href": self.url(request, "../api/schema/?format=json"),
                },
                {
                    "rel": "service-doc",
                    "type": "text/html",
                    "title": _("API documentation"),
                    "href": self.url(request, "../api/docs/"),
                },
                {
                    "rel": "conformance",
                    "type": "application/json",
                    "title": _("Conformance classes"),
                    "href": self.url(request, "conformance"),
                },
                {
                    "rel": "data",
                    "type": "application/json",
                    "title": _("Collections"),
                    "href": self.url(request, "collections"),
                },
                {
                    "rel": "http://www.opengis.net/def/rel/ogc/1.0/tiling-schemes",
                    "type": "application/json",
                    "title": _("Tiling schemes"),
                    "href": self.url(request, "tileMatrixSets"),
                },
            ],
        }
        if self.wants_html(request):
            collections = [
                {"id": layer.slug, "title": ogc.title_of(layer), "attribution": layer.attribution}
                for layer, _spec in ogc.visible_collections(request.user)
            ]
            return render(
                request,
                "exchange/landing.html",
                {"document": document, "collections": collections, "ogc_url": self.url(request)},
            )
        return _json(document)


class ConformanceView(OGCView):
    @extend_schema(tags=["OGC API"], responses=_OBJECT, operation_id="ogc_conformance")
    def get(self, request: Request) -> HttpResponse:
        return _json({"conformsTo": CONFORMANCE})


class CollectionsView(OGCView):
    @extend_schema(tags=["OGC API"], responses=_OBJECT, operation_id="ogc_collections")
    def get(self, request: Request) -> HttpResponse:
        collections = [
            ogc.collection(layer, spec, user=request.user, url=lambda path: self.url(request, path))
            for layer, spec in ogc.visible_collections(request.user)
        ]
        return _json(
            {
                "links": [
                    {"rel": "self", "type": "application/json", "href": self.url(request, "collections")}
                ],
                "crs": ogc.CRS_LIST,
                "collections": collections,
            }
        )


class CollectionView(OGCView):
    @extend_schema(tags=["OGC API"], responses=_OBJECT, operation_id="ogc_collection")
    def get(self, request: Request, collection_id: str) -> HttpResponse:
        layer, spec = ogc.layer_and_spec(request.user, collection_id)
        return _json(ogc.collection(layer, spec, user=request.user, url=lambda path: self.url(request, path)))


class QueryablesView(OGCView):
    @extend_schema(
        tags=["OGC API"],
        responses={(200, "application/schema+json"): OpenApiTypes.OBJECT},
        operation_id="ogc_queryables",
    )
    def get(self, request: Request, collection_id: str) -> HttpResponse:
        layer, spec = ogc.layer_and_spec(request.user, collection_id)
        url = self.url(request, f"collections/{layer.slug}/queryables")
        return _json(ogc.queryables(layer, spec, url=url), media_type="application/schema+json")


def _items_parameters() -> list[OpenApiParameter]:
    return [
        OpenApiParameter("bbox", str, description="minx,miny,maxx,maxy in bbox-crs (default CRS84)."),
        OpenApiParameter(
            "bbox-crs", str, description="CRS of bbox (URI), e.g. http://www.opengis.net/def/crs/EPSG/0/7801."
        ),
        OpenApiParameter("crs", str, description="Output CRS (URI): CRS84, EPSG 4326, 3857, 32634 or 7801."),
        OpenApiParameter(
            "datetime", str, description="Instant or interval (a/b, '..' open) for time-bound collections."
        ),
        OpenApiParameter("limit", int, description="Features per page, 1–10000 (default 100)."),
        OpenApiParameter("offset", int, description="Features to skip (the next link sets it)."),
        OpenApiParameter(
            "filter",
            str,
            description="CQL2 text, e.g. name LIKE 'Мла%' AND S_INTERSECTS(geometry, BBOX(23.2,42.6,23.4,42.8)).",
        ),
        OpenApiParameter("filter-lang", str, enum=["cql2-text"]),
        OpenApiParameter("filter-crs", str, description="CRS of geometries in filter (default CRS84)."),
    ]


class ItemsView(OGCView):
    @extend_schema(
        tags=["OGC API"],
        parameters=_items_parameters(),
        responses={
            (200, GEOJSON): OpenApiTypes.OBJECT,
            400: OpenApiResponse(description="A parameter is wrong; the body says which and why."),
            404: OpenApiResponse(description="No such collection, or you may not see it."),
        },
        operation_id="ogc_items",
    )
    def get(self, request: Request, collection_id: str) -> HttpResponse:
        layer, spec = ogc.layer_and_spec(request.user, collection_id)
        items_query = ogc.parse_items_query(spec, request.query_params)
        base = self.url(request, f"collections/{layer.slug}/items")
        params = request.query_params.copy()

        def page_url(offset: int) -> str:
            if offset < 0:
                return self.url(request, f"collections/{layer.slug}")
            params["offset"] = str(offset)
            return f"{base}?{params.urlencode()}"

        body = ogc.items(spec, items_query, user=request.user, page_url=page_url)
        response = HttpResponse(body, content_type=f"{GEOJSON}; charset=utf-8")
        response["Content-Crs"] = ogc.content_crs_header(items_query.crs)
        return response


class ItemView(OGCView):
    @extend_schema(
        tags=["OGC API"],
        parameters=[OpenApiParameter("crs", str, description="Output CRS (URI).")],
        responses={
            (200, GEOJSON): OpenApiTypes.OBJECT,
            304: OpenApiResponse(description="Not modified (If-None-Match)."),
        },
        operation_id="ogc_item",
    )
    def get(self, request: Request, collection_id: str, feature_id: str) -> HttpResponse:
        layer, spec = ogc.layer_and_spec(request.user, collection_id)
        if not feature_id.isdigit():
            raise NotFound(
                _("Collection '%(layer)s' has no feature %(id)s.") % {"layer": layer.slug, "id": feature_id}
            )
        crs = ogc.parse_ogc_crs(request.query_params.get("crs"), "crs")
        body, etag = ogc.item(spec, int(feature_id), crs, user=request.user)
        if etag in request.META.get("HTTP_IF_NONE_MATCH", ""):
            response = HttpResponseNotModified()
        else:
            response = HttpResponse(body, content_type=f"{GEOJSON}; charset=utf-8")
        response["ETag"] = etag
        response["Content-Crs"] = ogc.content_crs_header(crs)
        # Per caller: a private cache may keep it, shared caches may not.
        response["Cache-Control"] = "private, no-cache"
        response["Vary"] = "Authorization, Cookie"
        return response


# --- tiles ---------------------------------------------------------------------------------


def _tile_urls(request: Request, slug: str) -> tuple[str, str]:
    origin = reverse("tiles:tile", kwargs={"layers": slug, "z": "0", "x": "0", "y": "0"})
    tiles_url = (
        request.build_absolute_uri(origin.removesuffix("0/0/0.mvt")) + "{tileMatrix}/{tileCol}/{tileRow}.mvt"
    )
    tilejson_url = request.build_absolute_uri(reverse("tiles:tilejson", kwargs={"layers": slug}))
    return tiles_url, tilejson_url


class TileMatrixSetsView(OGCView):
    @extend_schema(tags=["OGC API"], responses=_OBJECT, operation_id="ogc_tile_matrix_sets")
    def get(self, request: Request) -> HttpResponse:
        href = self.url(request, f"tileMatrixSets/{ogc_tiles.WEB_MERCATOR_QUAD}")
        return _json(
            {
                "tileMatrixSets": [
                    {
                        "id": ogc_tiles.WEB_MERCATOR_QUAD,
                        "title": "Google Maps Compatible for the World",
                        "links": [{"rel": "self", "type": "application/json", "href": href}],
                    }
                ]
            }
        )


class TileMatrixSetView(OGCView):
    @extend_schema(tags=["OGC API"], responses=_OBJECT, operation_id="ogc_tile_matrix_set")
    def get(self, request: Request, tms_id: str) -> HttpResponse:
        if tms_id != ogc_tiles.WEB_MERCATOR_QUAD:
            raise NotFound(_("The only tiling scheme is WebMercatorQuad."))
        return _json(ogc_tiles.tile_matrix_set(url=lambda path: self.url(request, path)))


class TilesetsView(OGCView):
    @extend_schema(tags=["OGC API"], responses=_OBJECT, operation_id="ogc_collection_tilesets")
    def get(self, request: Request, collection_id: str) -> HttpResponse:
        layer, _spec = ogc.layer_and_spec(request.user, collection_id)
        tiles_url, tilejson_url = _tile_urls(request, layer.slug)
        return _json(
            ogc_tiles.tilesets(
                layer,
                url=lambda path: self.url(request, path),
                tiles_url=tiles_url,
                tilejson_url=tilejson_url,
            )
        )


class TilesetView(OGCView):
    @extend_schema(tags=["OGC API"], responses=_OBJECT, operation_id="ogc_collection_tileset")
    def get(self, request: Request, collection_id: str, tms_id: str) -> HttpResponse:
        layer, _spec = ogc.layer_and_spec(request.user, collection_id)
        if tms_id != ogc_tiles.WEB_MERCATOR_QUAD:
            raise NotFound(_("The only tiling scheme is WebMercatorQuad."))
        (tile_layer,) = resolve_layers({layer.slug: layer}, [layer.slug])
        tiles_url, tilejson_url = _tile_urls(request, layer.slug)
        return _json(
            ogc_tiles.tileset(
                layer,
                tile_layer.field_types(),
                url=lambda path: self.url(request, path),
                tiles_url=tiles_url,
                tilejson_url=tilejson_url,
                bbox=[round(v, 6) for v in data_bounds([tile_layer], request.user)],
            )
        )
