"""Exports and imports of layer files: parse the request, call a service, respond."""

from __future__ import annotations

from urllib.parse import quote

from django.http import HttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from geo_platform.errors import InvalidParameter
from layers import selectors, services
from layers.exchange.cql2 import CQL2Error, parse_cql2
from layers.exchange.selectors.ogc import parse_ogc_crs, queryables_of
from layers.exchange.services import exports, imports
from layers.filters import _bbox, _time_filter

_EXPORT_PARAMETERS = [
    OpenApiParameter("f", str, enum=list(exports.FORMATS), description="File format (default gpkg)."),
    OpenApiParameter("bbox", str, description="minx,miny,maxx,maxy in bbox-crs (default WGS 84 lon/lat)."),
    OpenApiParameter("bbox-crs", str, description="CRS of bbox: CRS84 (default), EPSG 3857, 32634 or 7801."),
    OpenApiParameter("filter", str, description="CQL2 text filter, as in the OGC API."),
    OpenApiParameter("datetime", str, description="Instant or interval, for time-bound layers."),
    OpenApiParameter("ids", str, description="Feature ids separated by commas (a table's selection)."),
]


def _export_query(spec, params):
    bbox = None
    bbox_crs = parse_ogc_crs(params.get("bbox-crs"), "bbox-crs")
    if params.get("bbox"):
        bbox = _bbox(str(params["bbox"]))
        if bbox_crs.north_first:
            bbox = (bbox[1], bbox[0], bbox[3], bbox[2])
    filters = _time_filter(spec, params["datetime"]) if params.get("datetime") else {}
    condition = None
    if params.get("filter"):
        filter_crs = parse_ogc_crs(params.get("filter-crs"), "filter-crs")
        try:
            condition = parse_cql2(
                str(params["filter"]),
                queryables_of(spec),
                filter_srid=filter_crs.srid,
                north_first=filter_crs.north_first,
            )
        except CQL2Error as exc:
            raise InvalidParameter(str(exc), parameter="filter") from None
    query = selectors.FeatureQuery(bbox=bbox, bbox_srid=bbox_crs.srid, filters=filters)
    return query, condition, exports.parse_ids(params.get("ids"))


class ExportView(APIView):
    """A visible layer (or a bbox, filter or selection of it) as a file; POST for long id lists."""

    parser_classes = [JSONParser, FormParser]

    def _export(self, request: Request, slug: str, params) -> HttpResponse:
        layer, spec = selectors.get_visible_layer(request.user, slug)
        query, condition, ids = _export_query(spec, params)
        exported = exports.export_layer(
            layer,
            spec,
            user=request.user,
            fmt=str(params.get("f") or "gpkg"),
            query=query,
            condition=condition,
            ids=ids,
        )
        response = HttpResponse(exported.content, content_type=exported.media_type)
        response["Content-Disposition"] = (
            f"attachment; filename=\"{exported.filename}\"; filename*=UTF-8''{quote(exported.filename)}"
        )
        # Also in the headers, for CSV, which has nowhere inside to keep them.
        response["X-Attribution"] = quote(exported.attribution)
        response["X-Licence"] = quote(exported.licence)
        response["X-Feature-Count"] = str(exported.count)
        return response

    @extend_schema(
        tags=["exchange"],
        parameters=_EXPORT_PARAMETERS,
        responses={
            (200, "application/octet-stream"): OpenApiTypes.BINARY,
            400: OpenApiResponse(description="A parameter is wrong."),
            404: OpenApiResponse(description="No such layer, or you may not see it."),
        },
        operation_id="exchange_export",
    )
    def get(self, request: Request, slug: str) -> HttpResponse:
        return self._export(request, slug, request.query_params)

    @extend_schema(
        tags=["exchange"],
        request={"application/json": OpenApiTypes.OBJECT},
        responses={(200, "application/octet-stream"): OpenApiTypes.BINARY},
        description="The same as GET, with the parameters in a JSON body (ids as a list), for long selections.",
        operation_id="exchange_export_selection",
    )
    def post(self, request: Request, slug: str) -> HttpResponse:
        if not isinstance(request.data, dict):
            raise InvalidParameter(_("Send the export's parameters as a JSON object."))
        return self._export(request, slug, request.data)


class ImportView(APIView):
    """A planner's file into an editable layer: dry run first (the default), then for real."""

    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        tags=["exchange"],
        request={
            "multipart/form-data": {
                "type": "object",
                "properties": {
                    "file": {"type": "string", "format": "binary"},
                    "dry_run": {"type": "boolean"},
                    "crs": {"type": "string"},
                    "mapping": {
                        "type": "string",
                        "description": "JSON object: layer field → column of the file.",
                    },
                    "x": {"type": "string"},
                    "y": {"type": "string"},
                    "wkt": {"type": "string"},
                },
                "required": ["file"],
            }
        },
        responses={
            200: OpenApiTypes.OBJECT,
            400: OpenApiResponse(description="The file cannot be read; the body says why."),
        },
        operation_id="exchange_import",
    )
    def post(self, request: Request, slug: str) -> Response:
        layer, spec = selectors.get_visible_layer(request.user, slug)
        services.ensure_can_edit(request.user, spec)
        upload = request.FILES.get("file")
        if upload is None:
            raise InvalidParameter(_("Choose a file to import."), parameter="file")
        options = imports.ImportOptions.from_form(request.data)
        report = imports.import_file(layer, spec, user=request.user, upload=upload, options=options)
        return Response(report)
