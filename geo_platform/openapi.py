"""OpenAPI pieces shared by the apps, and the hook that completes the generated document.

drf-spectacular documents the DRF views; `complete_schema` (a POSTPROCESSING_HOOK) adds what it
cannot see — the vector tiles and TileJSON (plain Django views, `tile_server`), `/healthz`,
the one error body every 4xx/5xx answer of /api/ and /tiles/ has (geo_platform.middleware) —
so `manage.py spectacular --validate --fail-on-warn` and openapi-spec-validator pass
(tests/geo_platform/test_openapi.py) and schemathesis can check every answer against it.
"""

from __future__ import annotations

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter


class PlatformAutoSchema(AutoSchema):
    """drf-spectacular's schema, with plain APIViews that name no serializer documented as free-form
    JSON objects instead of being left out of the document ("unable to guess serializer")."""

    def _plain(self) -> bool:
        view = self.view
        return not hasattr(view, "get_serializer") and getattr(view, "serializer_class", None) is None

    def _get_serializer(self):
        return OpenApiTypes.OBJECT if self._plain() else super()._get_serializer()

    def get_operation_id(self) -> str:
        # A plain view at a collection path (/things/) and one at an item path (/things/{id}/)
        # would both be "..._retrieve": the collection's GET is a list.
        operation_id = super().get_operation_id()
        if self._plain() and self.method == "GET" and not self.path.rstrip("/").endswith("}"):
            return (
                operation_id.removesuffix("_retrieve") + "_list"
                if operation_id.endswith("_retrieve")
                else operation_id
            )
        return operation_id


ERROR_BODY = {
    "type": "object",
    "description": "Every error of /api/ and /tiles/: a code and a message in the caller's language.",
    "properties": {
        "error": {"type": "string", "description": "Machine-readable code, e.g. invalid_parameter."},
        "detail": {"description": "What was wrong and what to do: text, or messages per field."},
        "parameter": {"type": "string", "description": "The query parameter or field at fault."},
    },
    "required": ["error", "detail"],
}

GEOMETRY = {
    "type": "object",
    "nullable": True,
    "description": "GeoJSON geometry (RFC 7946) in the requested CRS.",
    "properties": {"type": {"type": "string"}},
    "required": ["type"],
}

FEATURE = {
    "type": "object",
    "properties": {
        "type": {"type": "string", "enum": ["Feature"]},
        "id": {"oneOf": [{"type": "integer"}, {"type": "string"}]},
        "geometry": GEOMETRY,
        "properties": {"type": "object", "nullable": True, "additionalProperties": True},
    },
    "required": ["type", "geometry", "properties"],
}

FEATURE_WRITE = {
    "type": "object",
    "description": "A GeoJSON Feature; `crs` (optional) names the geometry's CRS.",
    "properties": {
        "type": {"type": "string", "enum": ["Feature"]},
        "geometry": GEOMETRY,
        "properties": {"type": "object", "additionalProperties": True},
        "crs": {"type": "string"},
    },
}

LINK = {
    "type": "object",
    "properties": {"rel": {"type": "string"}, "type": {"type": "string"}, "href": {"type": "string"}},
    "required": ["rel", "href"],
}

FEATURE_COLLECTION = {
    "type": "object",
    "properties": {
        "type": {"type": "string", "enum": ["FeatureCollection"]},
        "layer": {"type": "string"},
        "numberReturned": {"type": "integer", "minimum": 0},
        "numberMatched": {"type": "integer", "minimum": 0},
        "links": {"type": "array", "items": LINK},
        "features": {"type": "array", "items": FEATURE},
    },
    "required": ["type", "features"],
}

FEATURE_STATISTICS = {
    "type": "object",
    "properties": {
        "layer": {"type": "string"},
        "count": {"type": "integer", "minimum": 0},
        "fields": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "name": {"type": "string"},
                    "label": {"type": "string"},
                    "kind": {"type": "string", "enum": ["number", "date", "values"]},
                    "count": {"type": "integer", "minimum": 0},
                    "min": {"nullable": True},
                    "max": {"nullable": True},
                    "mean": {"type": "number", "nullable": True},
                    "distinct": {"type": "integer", "minimum": 0},
                    "top": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "properties": {"value": {}, "label": {}, "count": {"type": "integer"}},
                        },
                    },
                },
                "required": ["name", "label", "kind", "count"],
            },
        },
    },
    "required": ["layer", "count", "fields"],
}

SEARCH_RESULTS = {
    "type": "object",
    "properties": {
        "results": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "layer": {"type": "string"},
                    "layer_title": {"type": "string"},
                    "id": {"oneOf": [{"type": "integer"}, {"type": "string"}]},
                    "name": {"type": "string"},
                    "kind": {"type": "string", "description": "What a named place or a coordinate is."},
                    "district": {"type": "string", "nullable": True},
                    "bbox": {"type": "array", "items": {"type": "number"}, "nullable": True},
                },
                "required": ["layer", "id", "name"],
            },
        }
    },
    "required": ["results"],
}

FEATURE_QUERY_PARAMETERS = [
    OpenApiParameter(
        "bbox",
        str,
        description="minx,miny,maxx,maxy in bbox-crs (default WGS 84 longitude/latitude).",
        pattern=r"^[^,]+,[^,]+,[^,]+,[^,]+$",
    ),
    OpenApiParameter(
        "bbox-crs", str, description="CRS of bbox: 4326, 3857, 32634 or 7801 (EPSG code or URI)."
    ),
    OpenApiParameter("crs", str, description="CRS of the answer: 4326 (default), 3857, 32634 or 7801."),
    OpenApiParameter(
        "datetime",
        str,
        description=(
            "Time-bound layers (events): an RFC 3339 instant or interval `start/end`, either end may be `..`; "
            "features whose time span meets it."
        ),
    ),
    OpenApiParameter("limit", int, description="Features per page (default 1000, at most 10,000)."),
    OpenApiParameter("offset", int, description="Features to skip (use the `next` link to page)."),
    OpenApiParameter(
        "sortby",
        str,
        description="Order of the features: attribute names separated by commas, `-name` for descending "
        "(empty values last, then by id). Default: by id.",
    ),
    OpenApiParameter(
        "intersects",
        str,
        description="A GeoJSON geometry (WGS 84, e.g. a polygon drawn on the map): only features that intersect it.",
    ),
    OpenApiParameter(
        "ids", str, description="Only these feature ids, separated by commas (a table's selection)."
    ),
    OpenApiParameter("count", bool, description="Also count every matching feature (numberMatched)."),
    OpenApiParameter(
        "attributes",
        {"type": "object", "additionalProperties": {"type": "string"}},
        style="form",
        explode=True,
        description=(
            "Attribute filters: any attribute of the layer (see its `fields` in /api/layers/{slug}/) as "
            "`name=value` for equality; unknown attribute names are refused with 400."
        ),
    ),
]

CRS_PARAMETER = OpenApiParameter(
    "crs", str, description="CRS of the answer: 4326 (default), 3857, 32634 or 7801."
)
FEATURE_WRITE_PARAMETERS = [
    OpenApiParameter("crs", str, description="CRS of the geometry sent, if it has no `crs` member."),
    OpenApiParameter(
        "repair", bool, description="Repair an invalid geometry with ST_MakeValid instead of refusing it."
    ),
]

TILE_PARAMETERS = [
    {
        "name": "layers",
        "in": "path",
        "required": True,
        "description": "A layer slug, or several separated by commas (one tile with a layer each).",
        "schema": {"type": "string"},
    },
    {"name": "z", "in": "path", "required": True, "schema": {"type": "integer", "minimum": 0, "maximum": 22}},
    {"name": "x", "in": "path", "required": True, "schema": {"type": "integer", "minimum": 0}},
    {"name": "y", "in": "path", "required": True, "schema": {"type": "integer", "minimum": 0}},
    {
        "name": "datetime",
        "in": "query",
        "required": False,
        "description": "Time-bound layers: RFC 3339 instant or interval, as for features.",
        "schema": {"type": "string"},
    },
]


def _error_response(description: str, *, geojson: bool = False) -> dict:
    error = {"schema": {"$ref": "#/components/schemas/Error"}}
    content = {"application/json": error}
    if geojson:
        # OGC API answers its errors in the media type of the resource asked for.
        content["application/geo+json"] = error
    return {"description": description, "content": content}


def _tile_paths() -> dict:
    errors = {
        "400": _error_response("Bad tile address or parameter."),
        "401": _error_response("The API token is invalid or expired."),
        "404": _error_response("No such layer, or not visible to the caller."),
    }
    return {
        "/tiles/{layers}/{z}/{x}/{y}.mvt": {
            "get": {
                "operationId": "tiles_tile",
                "tags": ["tiles"],
                "summary": "A Mapbox Vector Tile of one or more layers (Web Mercator z/x/y).",
                "description": (
                    "Only the features the caller may see; points are clustered below z14. Strong ETag; "
                    "If-None-Match gives 304. Token (`Authorization: Token …`) or session."
                ),
                "parameters": TILE_PARAMETERS,
                "security": [{"tokenAuth": []}, {"cookieAuth": []}, {}],
                "responses": {
                    "200": {
                        "description": "The tile.",
                        "content": {
                            "application/vnd.mapbox-vector-tile": {
                                "schema": {"type": "string", "format": "binary"}
                            }
                        },
                    },
                    "204": {"description": "No feature in this tile."},
                    "304": {"description": "Not modified (If-None-Match)."},
                    **errors,
                },
            }
        },
        "/tiles/{layers}.json": {
            "get": {
                "operationId": "tiles_tilejson",
                "tags": ["tiles"],
                "summary": "TileJSON 3.0 for a layer or a comma-separated composite.",
                "parameters": TILE_PARAMETERS[:1],
                "security": [{"tokenAuth": []}, {"cookieAuth": []}, {}],
                "responses": {
                    "200": {
                        "description": "TileJSON 3.0.0.",
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "properties": {
                                        "tilejson": {"type": "string"},
                                        "tiles": {"type": "array", "items": {"type": "string"}},
                                        "vector_layers": {"type": "array", "items": {"type": "object"}},
                                        "minzoom": {"type": "integer"},
                                        "maxzoom": {"type": "integer"},
                                        "bounds": {"type": "array", "items": {"type": "number"}},
                                    },
                                    "required": ["tilejson", "tiles"],
                                }
                            }
                        },
                    },
                    **errors,
                },
            }
        },
        "/healthz": {
            "get": {
                "operationId": "healthz",
                "tags": ["health"],
                "summary": "ok / not ok for anyone; versions of PostgreSQL, PostGIS and Redis for staff.",
                "security": [{"cookieAuth": []}, {"tokenAuth": []}, {}],
                "responses": {
                    code: {
                        "description": description,
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "properties": {
                                        "status": {"type": "string", "enum": ["ok", "unavailable"]},
                                        "database": {"type": "object"},
                                        "redis": {"type": "object"},
                                    },
                                    "required": ["status"],
                                }
                            }
                        },
                    }
                    for code, description in (("200", "All checks pass."), ("503", "A check failed."))
                },
            }
        },
    }


def complete_schema(result: dict, generator, request, public) -> dict:
    """POSTPROCESSING_HOOK: tiles, health, and the error body on every operation."""
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_BODY
    result["paths"].update(_tile_paths())
    for path, item in result["paths"].items():
        if not path.startswith(("/api/", "/tiles/", "/ogc/")):
            continue
        for method, operation in item.items():
            if method not in {"get", "put", "post", "patch", "delete"}:
                continue
            responses = operation.setdefault("responses", {})
            for code, description in (
                ("400", "Bad input: what was wrong and what to do."),
                ("401", "Not signed in, or the API token is invalid or expired."),
                ("403", "The caller's role may not do this."),
                ("404", "Not found, or not visible to the caller."),
                ("405", "Method not allowed."),
                ("406", "The requested format is not available."),
                ("413", "The request body is too large."),
                ("415", "The body's media type is not supported."),
                ("429", "Too many requests or failed sign-ins; see Retry-After."),
            ):
                standard = _error_response(description, geojson=path.startswith("/ogc/"))
                # A view may name the status with its own description; the body is still the one shape.
                responses.setdefault(code, standard).setdefault("content", standard["content"])
    return result
