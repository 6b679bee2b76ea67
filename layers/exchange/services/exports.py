"""Exports of a visible layer (all of it, a bbox, a CQL2 filter or a list of ids) through GDAL.

GeoPackage, GeoJSON (RFC 7946), KML, CSV (UTF-8 with BOM, for Excel) and zipped Shapefile
(UTF-8 .cpg). The attribution and licence of the source travel inside the file: GeoPackage
metadata and layer description, GeoJSON description, KML document description, a README
in the Shapefile zip; CSV has no place for them, so they are in the response's headers.
"""

from __future__ import annotations

import datetime
import decimal
import io
import json
import re
import tempfile
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import Path

import geopandas
import pyogrio
import shapely
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from geo_platform.errors import InvalidParameter
from layers import selectors
from layers.models import Layer
from layers.registry import LayerSpec
from layers.surveillance.formats import osm_tags

MAX_EXPORT_FEATURES = 200_000
# LIBKML turns attributes with these names into KML elements (a camera `tilt` would become a
# KML <Camera>); ours are data, so point the driver at names no layer uses.
pyogrio.set_gdal_config_options(
    {
        f"LIBKML_{name}_FIELD": f"kml_{name.lower()}"
        for name in (
            "HEADING",
            "TILT",
            "ROLL",
            "ALTITUDEMODE",
            "TESSELLATE",
            "EXTRUDE",
            "VISIBILITY",
            "ICON",
            "SNIPPET",
        )
    }
)


@dataclass(frozen=True)
class ExportFormat:
    key: str
    driver: str
    extension: str
    media_type: str


FORMATS = {
    "gpkg": ExportFormat("gpkg", "GPKG", "gpkg", "application/geopackage+sqlite3"),
    "geojson": ExportFormat("geojson", "GeoJSON", "geojson", "application/geo+json"),
    "kml": ExportFormat("kml", "LIBKML", "kml", "application/vnd.google-earth.kml+xml"),
    "csv": ExportFormat("csv", "CSV", "csv", "text/csv; charset=utf-8"),
    "shp": ExportFormat("shp", "ESRI Shapefile", "zip", "application/zip"),
}
_GEOMETRY_TYPES = {
    "POINT": "Point",
    "MULTIPOINT": "MultiPoint",
    "LINESTRING": "LineString",
    "MULTILINESTRING": "MultiLineString",
    "POLYGON": "Polygon",
    "MULTIPOLYGON": "MultiPolygon",
    "GEOMETRY": "Unknown",
}
# Licences named in the sources' attributions (see ../shared/data/SOURCES.md).
_LICENCES = (
    ("ODbL", "Open Database License (ODbL) 1.0"),
    ("OpenStreetMap", "Open Database License (ODbL) 1.0"),
    ("EUPL-1.2", "European Union Public Licence (EUPL) 1.2"),
    ("CC0", "CC0 1.0"),
    ("CC BY 4.0", "CC BY 4.0"),
    ("CC-BY", "CC BY 4.0"),
)


@dataclass(frozen=True)
class ExportFile:
    content: bytes
    filename: str
    media_type: str
    attribution: str
    licence: str
    count: int


def licence_of(layer: Layer) -> str:
    """The licence(s) the layer's attribution names, or where to read the terms."""
    if layer.is_demo:
        return _("Demo data generated for the platform (not real); free to use.")
    found = [name for token, name in _LICENCES if token.lower() in layer.attribution.lower()]
    if found:
        return "; ".join(dict.fromkeys(found))
    if layer.source == "user":
        return _("Data of Sofia Municipality, Security Directorate; ask before redistributing.")
    return _("No licence stated by the source (%(source)s); cite the attribution.") % {"source": layer.source}


def attribution_of(layer: Layer) -> str:
    if layer.attribution:
        return layer.attribution
    if layer.is_demo:
        return _("Demo data (not real), Sofia Municipality, Security Directorate")
    return _("Sofia Municipality, Security Directorate")


def parse_ids(raw) -> list[int] | None:
    """Feature ids from "1,2,3" or a JSON list; None when not given."""
    if raw in (None, "", []):
        return None
    items = raw.split(",") if isinstance(raw, str) else raw
    try:
        ids = [int(item) for item in items]
    except (TypeError, ValueError):
        raise InvalidParameter(
            _("ids must be feature numbers separated by commas."), parameter="ids"
        ) from None
    if len(ids) > MAX_EXPORT_FEATURES:
        raise InvalidParameter(_("Too many ids in one export."), parameter="ids")
    return ids


def _plain(value):
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat() if timezone.is_aware(value) else value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return value


def _frame(spec: LayerSpec, queryset) -> geopandas.GeoDataFrame:
    names = [name for name in spec.properties if name != spec.geometry_field]
    rows = list(queryset.order_by("pk").values("pk", spec.geometry_field, *names)[: MAX_EXPORT_FEATURES + 1])
    if len(rows) > MAX_EXPORT_FEATURES:
        raise InvalidParameter(
            _("More than %(max)s features: narrow the export with a bbox or a filter.")
            % {"max": MAX_EXPORT_FEATURES}
        )
    records = []
    for row in rows:
        record = {"id": row["pk"], **{name: _plain(row[name]) for name in names}}
        if spec.slug == "cameras":
            record.update(osm_tags(row))
        records.append(record)
    geometries = [
        shapely.from_wkb(bytes(row[spec.geometry_field].wkb))
        if row[spec.geometry_field] is not None
        else None
        for row in rows
    ]
    # Cameras' OSM keys differ by lifecycle (planned:man_made, disused:man_made): every key.
    columns = list(dict.fromkeys(key for record in records for key in record)) if records else ["id", *names]
    return geopandas.GeoDataFrame(records, columns=columns, geometry=geometries, crs="EPSG:4326")


def _safe_name(slug: str) -> str:
    return re.sub(r"[^a-z0-9_-]", "_", slug.lower())


def export_layer(
    layer: Layer,
    spec: LayerSpec,
    *,
    user,
    fmt: str,
    query: selectors.FeatureQuery,
    condition: Q | None = None,
    ids: list[int] | None = None,
) -> ExportFile:
    """The layer's features the user may see, matching the query, written as `fmt`."""
    export_format = FORMATS.get(fmt)
    if export_format is None:
        raise InvalidParameter(
            _("Unknown export format %(format)r; choose one of %(formats)s.")
            % {"format": fmt, "formats": ", ".join(FORMATS)},
            parameter="f",
        )
    queryset = selectors.filtered_features(spec, query, user)
    if condition is not None:
        queryset = queryset.filter(condition)
    if ids is not None:
        queryset = queryset.filter(pk__in=ids)
    frame = _frame(spec, queryset)
    title = layer.title_bg
    attribution, licence = attribution_of(layer), licence_of(layer)
    description = (
        f"{title}. {_('Attribution')}: {attribution.rstrip('.')}. {_('Licence')}: {licence.rstrip('.')}."
    )
    name = _safe_name(layer.slug)
    geometry_type = _GEOMETRY_TYPES.get(spec.geometry_model_field.geom_type, "Unknown")
    with tempfile.TemporaryDirectory(prefix="export-") as folder:
        path = Path(folder, f"{name}.{export_format.extension if fmt != 'shp' else 'shp'}")
        options: dict = {"geometry_type": geometry_type, "layer": name}
        if fmt == "gpkg":
            options.update(
                # GeoPackage 1.2: GDAL 3.6 (Debian 12, QGIS LTR) warns about the 1.4 default.
                dataset_options={"VERSION": "1.2"},
                layer_options={"IDENTIFIER": title, "DESCRIPTION": description},
                dataset_metadata={"TITLE": title, "ATTRIBUTION": attribution, "LICENCE": licence},
            )
        elif fmt == "geojson":
            options.update(
                layer_options={"RFC7946": "YES", "COORDINATE_PRECISION": "6", "DESCRIPTION": description}
            )
        elif fmt == "kml":
            options.update(dataset_options={"NAME": title, "DESCRIPTION": description})
        elif fmt == "csv":
            options.update(layer_options={"GEOMETRY": "AS_WKT", "WRITE_BOM": "YES", "CREATE_CSVT": "NO"})
            options.pop("geometry_type")
        elif fmt == "shp":
            options.update(layer_options={"ENCODING": "UTF-8"})
        if fmt in ("kml", "csv", "shp") and not frame.empty:
            frame = frame.copy()
            for column in frame.columns:
                if column != "geometry" and frame[column].dtype == bool:
                    frame[column] = frame[column].map({True: "true", False: "false"})
        with warnings.catch_warnings():
            # Shapefile's 10-character field names: GDAL says which it shortened; expected.
            warnings.simplefilter("ignore", RuntimeWarning)
            pyogrio.write_dataframe(frame, path, driver=export_format.driver, **options)
        if fmt == "shp":
            buffer = io.BytesIO()
            with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
                for part in sorted(Path(folder).iterdir()):
                    archive.write(part, part.name)
                archive.writestr("README.txt", f"{description}\n".encode())
            content = buffer.getvalue()
        else:
            content = path.read_bytes()
    return ExportFile(
        content=content,
        filename=f"{name}.{export_format.extension}",
        media_type=export_format.media_type,
        attribution=attribution,
        licence=licence,
        count=len(frame),
    )
