"""Every vector file a user uploads, read through GDAL (pyogrio): GeoPackage, zipped
Shapefile, KML/KMZ (Google Earth's gx:Track included), GeoJSON, GPX and CSV with
coordinate columns or WKT.

XML (KML, GPX, the KML inside a KMZ) first passes defusedxml with DTDs forbidden, as
every upload did before, so GDAL never sees an entity. The CRS comes from the file (.prj,
GeoPackage, GeoJSON `crs`), or as declared, or — for files that name none — is the
supported CRS that puts the data in Sofia; the result says which.
"""

from __future__ import annotations

import datetime
import io
import math
import tempfile
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pyogrio
import shapely
from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException
from django.contrib.gis.geos import GEOSGeometry
from django.utils.translation import gettext as _

from geo_platform.crs import SOFIA_BOUNDS, STORAGE_SRID, SUPPORTED_SRIDS
from geo_platform.errors import InvalidParameter

MAX_UPLOAD_BYTES = 100 * 2**20
X_NAMES = ("x", "lon", "lng", "long", "longitude", "easting", "дължина")
Y_NAMES = ("y", "lat", "latitude", "northing", "ширина")
WKT_NAMES = ("wkt", "geometry", "geom", "the_geom", "wkt_geom")


@dataclass
class ReadRow:
    number: int  # 1-based position in the file (the data row of a CSV)
    properties: dict
    geometry: GEOSGeometry | None  # in WGS 84, 2D


@dataclass
class ReadFile:
    format: str
    srid: int
    crs_source: str  # "file", "declared" or "detected"
    columns: list[str]
    rows: list[ReadRow] = field(default_factory=list)


def parse_xml_safely(data: bytes):
    """The root element of an uploaded XML file, refusing DTDs and entities (defusedxml)."""
    try:
        return ElementTree.fromstring(data, forbid_dtd=True)
    except DefusedXmlException:
        raise InvalidParameter(
            _("The XML file declares a DTD or entities, which are refused."), parameter="file"
        ) from None
    except ElementTree.ParseError as exc:
        raise InvalidParameter(
            _("The file is not well-formed XML: %(error)s.") % {"error": exc}, parameter="file"
        ) from None


def _kind(data: bytes, filename: str) -> str:
    """The format, told by the content first and the file name second."""
    suffix = Path(filename).suffix.lower()
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if data[:16] == b"SQLite format 3\x00":
        return "gpkg"
    if data[:2] == b"PK":
        try:
            names = [name.lower() for name in zipfile.ZipFile(io.BytesIO(data)).namelist()]
        except zipfile.BadZipFile:
            raise InvalidParameter(_("The ZIP archive is damaged."), parameter="file") from None
        if any(name.endswith(".kml") for name in names) and not any(name.endswith(".shp") for name in names):
            return "kmz"
        if any(name.endswith(".shp") for name in names):
            return "shp"
        raise InvalidParameter(
            _("The ZIP archive holds neither a Shapefile (.shp with .dbf, .shx, .prj) nor a KML."),
            parameter="file",
        )
    if head in (b"{", b"["):
        return "geojson"
    if head == b"<":
        text = data[:2000].lower()
        if b"<gpx" in text:
            return "gpx"
        if b"<kml" in text:
            return "kml"
        raise InvalidParameter(_("The XML file is neither KML nor GPX."), parameter="file")
    if suffix in (".csv", ".txt", ".tsv") or b"," in data[:2000] or b";" in data[:2000]:
        return "csv"
    raise InvalidParameter(
        _(
            "Cannot tell the file's format; upload a GeoPackage, a zipped Shapefile, KML/KMZ, GeoJSON, GPX or CSV."
        ),
        parameter="file",
    )


def _plain(value):
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        value = value.item()  # numpy scalars
    if isinstance(value, (datetime.datetime, datetime.date)):
        return value.isoformat()
    if hasattr(value, "isoformat"):
        return value.isoformat()  # pandas Timestamp
    return value


def _pick(columns: list[str], wanted: str | None, names: tuple[str, ...]) -> str | None:
    lowered = {column.lower(): column for column in columns}
    if wanted:
        if wanted.lower() not in lowered:
            raise InvalidParameter(
                _("The file has no column %(column)r; its columns are %(columns)s.")
                % {"column": wanted, "columns": ", ".join(columns)},
                parameter="mapping",
            )
        return lowered[wanted.lower()]
    return next((lowered[name] for name in names if name in lowered), None)


def _detect_srid(frame) -> int | None:
    """The supported CRS that puts the data's centre in Sofia, for files that name none."""
    from pyproj import Transformer

    bounds = frame.total_bounds
    if not all(math.isfinite(v) for v in bounds):
        return None
    x, y = (bounds[0] + bounds[2]) / 2, (bounds[1] + bounds[3]) / 2
    minx, miny, maxx, maxy = SOFIA_BOUNDS
    for srid in SUPPORTED_SRIDS:
        lon, lat = Transformer.from_crs(srid, STORAGE_SRID, always_xy=True).transform(x, y)
        if minx - 0.2 <= lon <= maxx + 0.2 and miny - 0.2 <= lat <= maxy + 0.2:
            return srid
    return None


def read_vector_file(
    data: bytes,
    filename: str,
    *,
    declared_srid: int | None = None,
    x_column: str | None = None,
    y_column: str | None = None,
    wkt_column: str | None = None,
) -> ReadFile:
    """The features of an uploaded file in WGS 84, one ReadRow each, in the file's order."""
    if not data.strip():
        raise InvalidParameter(_("The file is empty."), parameter="file")
    if len(data) > MAX_UPLOAD_BYTES:
        raise InvalidParameter(
            _("The file is larger than %(limit).0f MB.") % {"limit": MAX_UPLOAD_BYTES / 2**20},
            parameter="file",
        )
    kind = _kind(data, filename)
    if kind in ("kml", "gpx"):
        parse_xml_safely(data)
    if kind == "kmz":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for name in archive.namelist():
                if name.lower().endswith(".kml"):
                    parse_xml_safely(archive.read(name))
    with tempfile.TemporaryDirectory(prefix="upload-") as folder:
        extension = {"shp": "zip", "geojson": "geojson"}.get(kind, kind)
        path = Path(folder, f"upload.{extension}")
        path.write_bytes(data)
        source = f"/vsizip/{path}" if kind == "shp" else str(path)
        options: dict = {}
        if kind == "csv":
            text = data[:5000].decode("utf-8-sig", errors="replace")
            header = text.splitlines()[0] if text.splitlines() else ""
            separator = ";" if header.count(";") > header.count(",") else ","
            columns = [column.strip().strip('"') for column in header.split(separator)]
            x_name = _pick(columns, x_column, X_NAMES)
            y_name = _pick(columns, y_column, Y_NAMES)
            wkt_name = _pick(columns, wkt_column, WKT_NAMES)
            if wkt_name and not (x_column or y_column):
                options.update(GEOM_POSSIBLE_NAMES=wkt_name, KEEP_GEOM_COLUMNS="NO")
            elif x_name and y_name:
                options.update(X_POSSIBLE_NAMES=x_name, Y_POSSIBLE_NAMES=y_name, KEEP_GEOM_COLUMNS="NO")
            else:
                raise InvalidParameter(
                    _(
                        "The CSV has no coordinate columns (x/y, lon/lat) and no WKT column; "
                        "its columns are %(columns)s. Say which columns hold the coordinates."
                    )
                    % {"columns": ", ".join(columns)},
                    parameter="file",
                )
            options["SEPARATOR"] = "SEMICOLON" if separator == ";" else "COMMA"
            options["AUTODETECT_TYPE"] = "NO"
        try:
            layers = [name for name, _type in pyogrio.list_layers(source)]
            frames = []
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", RuntimeWarning)
                for layer in layers or [None]:
                    frames.append(pyogrio.read_dataframe(source, layer=layer, **options))
        except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError, ValueError) as exc:
            raise InvalidParameter(
                _("GDAL cannot read the file as %(format)s: %(error)s")
                % {"format": kind.upper(), "error": str(exc)[:200]},
                parameter="file",
            ) from None
    frames = [frame for frame in frames if len(frame)] or frames[:1]
    if len(frames) > 1:
        import pandas

        frame = pandas.concat(frames, ignore_index=True)
    else:
        frame = frames[0]
    if "geometry" not in frame:
        raise InvalidParameter(_("The file has no geometry."), parameter="file")
    if declared_srid is not None:
        frame = frame.set_crs(declared_srid, allow_override=True)
        crs_source = "declared"
    elif frame.crs is not None:
        crs_source = "file"
    else:
        detected = _detect_srid(frame) if kind == "csv" or frame.crs is None else None
        frame = frame.set_crs(detected or STORAGE_SRID, allow_override=True)
        crs_source = "detected" if detected else "assumed"
    srid = frame.crs.to_epsg() or STORAGE_SRID
    if frame.crs.to_epsg() != STORAGE_SRID:
        frame = frame.to_crs(STORAGE_SRID)
    columns = [column for column in frame.columns if column != "geometry"]
    rows = []
    geometries = shapely.force_2d(frame.geometry.values)
    records = frame[columns].to_dict("records")
    for index, (record, shape) in enumerate(zip(records, geometries, strict=True)):
        geometry = None
        if shape is not None and not shape.is_empty:
            geometry = GEOSGeometry(memoryview(shapely.to_wkb(shape)), srid=STORAGE_SRID)
        rows.append(ReadRow(index + 1, {key: _plain(value) for key, value in record.items()}, geometry))
    return ReadFile(format=kind, srid=srid, crs_source=crs_source, columns=columns, rows=rows)
