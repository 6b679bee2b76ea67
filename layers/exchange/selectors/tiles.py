"""OGC API – Tiles metadata for the vector tiles the tile server already serves at /tiles/."""

from __future__ import annotations

from collections.abc import Callable

from django.utils.translation import gettext as _

from layers.exchange.selectors.ogc import CRS84, title_of
from layers.models import Layer

WEB_MERCATOR_QUAD = "WebMercatorQuad"
_TMS_URI = "http://www.opengis.net/def/tilematrixset/OGC/1.0/WebMercatorQuad"
_MVT = "application/vnd.mapbox-vector-tile"
# The standard's 2D TileMatrixSet for Web Mercator: scale denominator of zoom 0 at 0.28 mm pixels.
_ORIGIN = 20037508.3427892
_SCALE_0 = 559082264.028717
_CELL_0 = 156543.033928041


def tile_matrix_set(*, url: Callable[[str], str]) -> dict:
    """WebMercatorQuad as OGC Two Dimensional Tile Matrix Set 2.0 JSON, zooms 0–22."""
    return {
        "id": WEB_MERCATOR_QUAD,
        "title": "Google Maps Compatible for the World",
        "uri": _TMS_URI,
        "crs": "http://www.opengis.net/def/crs/EPSG/0/3857",
        "orderedAxes": ["X", "Y"],
        "wellKnownScaleSet": "http://www.opengis.net/def/wkss/OGC/1.0/GoogleMapsCompatible",
        "tileMatrices": [
            {
                "id": str(zoom),
                "scaleDenominator": _SCALE_0 / 2**zoom,
                "cellSize": _CELL_0 / 2**zoom,
                "cornerOfOrigin": "topLeft",
                "pointOfOrigin": [-_ORIGIN, _ORIGIN],
                "tileWidth": 256,
                "tileHeight": 256,
                "matrixWidth": 2**zoom,
                "matrixHeight": 2**zoom,
            }
            for zoom in range(23)
        ],
        "links": [
            {"rel": "self", "type": "application/json", "href": url(f"tileMatrixSets/{WEB_MERCATOR_QUAD}")}
        ],
    }


def tilesets(layer: Layer, *, url: Callable[[str], str], tiles_url: str, tilejson_url: str) -> dict:
    """The list of tilesets of a collection (one: vector tiles in WebMercatorQuad)."""
    return {"tilesets": [_tileset_summary(layer, url=url, tiles_url=tiles_url, tilejson_url=tilejson_url)]}


def _tileset_summary(layer: Layer, *, url, tiles_url: str, tilejson_url: str) -> dict:
    base = f"collections/{layer.slug}/tiles/{WEB_MERCATOR_QUAD}"
    return {
        "title": title_of(layer),
        "dataType": "vector",
        "crs": "http://www.opengis.net/def/crs/EPSG/0/3857",
        "tileMatrixSetURI": _TMS_URI,
        "links": [
            {"rel": "self", "type": "application/json", "href": url(base)},
            {
                "rel": "http://www.opengis.net/def/rel/ogc/1.0/tiling-scheme",
                "type": "application/json",
                "href": url(f"tileMatrixSets/{WEB_MERCATOR_QUAD}"),
            },
            {"rel": "item", "type": _MVT, "templated": True, "href": tiles_url},
            {
                "rel": "alternate",
                "type": "application/vnd.mapbox.tile+json",
                "title": "TileJSON",
                "href": tilejson_url,
            },
        ],
    }


def tileset(layer: Layer, field_types: dict, *, url, tiles_url: str, tilejson_url: str, bbox) -> dict:
    """The tileset metadata of a collection's vector tiles (OGC API – Tiles, Part 1)."""
    document = _tileset_summary(layer, url=url, tiles_url=tiles_url, tilejson_url=tilejson_url)
    document.update(
        {
            "id": layer.slug,
            "description": _("Mapbox vector tiles; points are clustered below zoom 14."),
            "attribution": layer.attribution,
            "tileMatrixSetLimits": [
                {
                    "tileMatrix": str(zoom),
                    "minTileRow": 0,
                    "maxTileRow": 2**zoom - 1,
                    "minTileCol": 0,
                    "maxTileCol": 2**zoom - 1,
                }
                for zoom in range(layer.min_zoom, min(layer.max_zoom, 22) + 1)
            ],
            "boundingBox": {"lowerLeft": list(bbox[:2]), "upperRight": list(bbox[2:]), "crs": CRS84},
            "layers": [
                {
                    "id": layer.slug,
                    "dataType": "vector",
                    "geometryDimension": {"point": 0, "line": 1, "polygon": 2}.get(layer.geometry_kind, 2),
                    "minTileMatrix": str(layer.min_zoom),
                    "maxTileMatrix": str(min(layer.max_zoom, 22)),
                    "propertiesSchema": {
                        "type": "object",
                        "properties": {
                            name: {"type": {"Number": "number", "Boolean": "boolean"}.get(kind, "string")}
                            for name, kind in field_types.items()
                        },
                    },
                }
            ],
        }
    )
    return document
