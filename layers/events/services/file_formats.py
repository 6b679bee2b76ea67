"""GPX, KML and GeoJSON files read into parts (lines, polygons, points) with their names.

The format is told by the content, not the file name; XML is parsed with defusedxml and
refused if it declares a DTD or entities. GeoJSON without a declared CRS has its CRS
detected: the supported CRS that puts its first position in Sofia.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field

from django.contrib.gis.geos import Point
from django.utils.translation import gettext as _

from geo_platform.crs import SOFIA_BOUNDS, STORAGE_SRID, SUPPORTED_SRIDS
from geo_platform.errors import InvalidGeometry, InvalidParameter
from layers.events.conf import upload_max_bytes
from layers.exchange.services.reader import parse_xml_safely, read_vector_file


@dataclass
class Part:
    kind: str  # "line", "polygon" or "point"
    name: str
    coordinates: list


@dataclass
class ParsedFile:
    format: str
    parts: list[Part] = field(default_factory=list)
    crs: str | None = None  # as declared in the file

    def of_kind(self, kind: str) -> list[Part]:
        return [part for part in self.parts if part.kind == kind]


def read_bytes(uploaded) -> bytes:
    """The upload's bytes, refusing an empty or an oversized file."""
    limit = upload_max_bytes()
    size = getattr(uploaded, "size", None)
    if size is not None and size > limit:
        raise InvalidParameter(
            _("The file is %(size).1f MB; uploads are limited to %(limit).0f MB.")
            % {"size": size / 2**20, "limit": limit / 2**20},
            parameter="file",
        )
    data = uploaded.read(limit + 1)
    if len(data) > limit:
        raise InvalidParameter(
            _("The file is larger than %(limit).0f MB.") % {"limit": limit / 2**20}, parameter="file"
        )
    if not data.strip():
        raise InvalidParameter(_("The file is empty."), parameter="file")
    return data


def parse(data: bytes) -> ParsedFile:
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if data[:2] == b"PK":
        # KMZ (Google Earth): GDAL reads it, after every KML inside passed defusedxml.
        return _parse_with_gdal(data, "upload.kmz")
    if head in (b"{", b"["):
        return _parse_geojson(data)
    if head == b"<":
        return _parse_xml(data)
    raise InvalidParameter(_("The file is not GPX, KML or GeoJSON."), parameter="file")


# --- GeoJSON ---------------------------------------------------------------------------

_KINDS = {"LineString": "line", "Polygon": "polygon", "Point": "point"}


def _parse_geojson(data: bytes) -> ParsedFile:
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except RecursionError:
        raise InvalidParameter(_("The GeoJSON file is nested too deeply."), parameter="file") from None
    except (UnicodeDecodeError, ValueError) as exc:
        raise InvalidParameter(
            _("The file looks like GeoJSON but is not valid JSON: %(error)s.") % {"error": exc},
            parameter="file",
        ) from None
    if not isinstance(document, dict) or "type" not in document:
        raise InvalidParameter(_("The GeoJSON file has no 'type' member."), parameter="file")
    parsed = ParsedFile("geojson")
    member = document.get("crs")
    if isinstance(member, dict):
        parsed.crs = (member.get("properties") or {}).get("name")
    _walk_geojson(document, "", parsed, depth=0)
    return parsed


def _members(item: dict, key: str) -> list:
    value = item.get(key) or []
    if not isinstance(value, list):
        raise InvalidParameter(
            _("The GeoJSON member '%(member)s' must be an array.") % {"member": key}, parameter="file"
        )
    return value


def _walk_geojson(item, name: str, parsed: ParsedFile, *, depth: int) -> None:
    if not isinstance(item, dict):
        raise InvalidParameter(_("The GeoJSON file has an entry that is not an object."), parameter="file")
    if depth > 8:
        raise InvalidParameter(_("The GeoJSON file is nested too deeply."), parameter="file")
    kind = item.get("type")
    if kind == "FeatureCollection":
        for feature in _members(item, "features"):
            _walk_geojson(feature, "", parsed, depth=depth + 1)
    elif kind == "Feature":
        properties = item.get("properties") or {}
        label = (
            str(properties.get("name") or properties.get("title") or "")
            if isinstance(properties, dict)
            else ""
        )
        if item.get("geometry") is not None:
            _walk_geojson(item["geometry"], label, parsed, depth=depth + 1)
    elif kind == "GeometryCollection":
        for geometry in _members(item, "geometries"):
            _walk_geojson(geometry, name, parsed, depth=depth + 1)
    elif kind in _KINDS:
        parsed.parts.append(Part(_KINDS[kind], name, item.get("coordinates")))
    elif kind in ("MultiLineString", "MultiPolygon", "MultiPoint"):
        single = kind.removeprefix("Multi")
        for coordinates in _members(item, "coordinates"):
            parsed.parts.append(Part(_KINDS[single], name, coordinates))
    else:
        raise InvalidParameter(
            _("Unknown GeoJSON type %(type)r in the file.") % {"type": str(kind)[:40]}, parameter="file"
        )


# --- GPX and KML -----------------------------------------------------------------------


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(element, name: str):
    return [child for child in element if _local(child.tag) == name]


def _text(element, name: str) -> str:
    for child in element:
        if _local(child.tag) == name:
            return (child.text or "").strip()
    return ""


def _parse_xml(data: bytes) -> ParsedFile:
    root = parse_xml_safely(data)
    root_name = _local(root.tag).lower()
    if root_name == "gpx":
        return _parse_gpx(root)
    if root_name == "kml":
        try:
            # GDAL (LIBKML) reads what Google Earth writes, gx:Track and MultiTrack included.
            return _parse_with_gdal(data, "upload.kml")
        except (InvalidParameter, InvalidGeometry):
            # GDAL could not: the plain reader names the bad coordinates for the organizer.
            return _parse_kml(root)
    raise InvalidParameter(
        _("The XML file is neither GPX nor KML (its root element is <%(root)s>).")
        % {"root": _local(root.tag)[:40]},
        parameter="file",
    )


def _gpx_position(point) -> list[float]:
    try:
        return [float(point.get("lon")), float(point.get("lat"))]
    except (TypeError, ValueError):
        raise InvalidGeometry(
            _(
                "A GPX point has no numeric coordinates (lat and lon); it has %(attributes)s. Export the route again from your GPS application."
            )
            % {"attributes": dict(point.attrib)}
        ) from None


def _parse_gpx(root) -> ParsedFile:
    parsed = ParsedFile("gpx")
    for track_index, track in enumerate(root.iter()):
        if _local(track.tag) != "trk":
            continue
        name = _text(track, "name") or _("track %(n)s") % {"n": track_index}
        segments = _children(track, "trkseg")
        for s_index, segment in enumerate(segments):
            label = name if len(segments) == 1 else f"{name} / {s_index + 1}"
            points = [_gpx_position(p) for p in _children(segment, "trkpt")]
            parsed.parts.append(Part("line", label, points))
    for element in root:
        local = _local(element.tag)
        if local == "rte":
            points = [_gpx_position(p) for p in _children(element, "rtept")]
            parsed.parts.append(Part("line", _text(element, "name"), points))
        elif local == "wpt":
            parsed.parts.append(Part("point", _text(element, "name"), _gpx_position(element)))
    return parsed


def _kml_positions(text: str) -> list[list[float]]:
    positions = []
    for token in (text or "").split():
        try:
            numbers = [float(value) for value in token.split(",")]
        except ValueError:
            raise InvalidGeometry(
                _("KML coordinates %(token)r are not numbers.") % {"token": token[:60]}
            ) from None
        if len(numbers) < 2:
            raise InvalidGeometry(
                _("KML coordinates %(token)r need a longitude and a latitude.") % {"token": token[:60]}
            )
        positions.append(numbers[:2])
    return positions


def _kml_geometries(element, name: str, parsed: ParsedFile) -> None:
    for child in element:
        local = _local(child.tag)
        if local == "Point":
            positions = _kml_positions(_text(child, "coordinates"))
            parsed.parts.append(Part("point", name, positions[0] if positions else []))
        elif local == "LineString":
            parsed.parts.append(Part("line", name, _kml_positions(_text(child, "coordinates"))))
        elif local == "Polygon":
            rings = []
            for boundary in ("outerBoundaryIs", "innerBoundaryIs"):
                for holder in _children(child, boundary):
                    for ring in _children(holder, "LinearRing"):
                        rings.append(_kml_positions(_text(ring, "coordinates")))
            parsed.parts.append(Part("polygon", name, rings))
        elif local == "MultiGeometry":
            _kml_geometries(child, name, parsed)


def _parse_kml(root) -> ParsedFile:
    parsed = ParsedFile("kml")
    for placemark in root.iter():
        if _local(placemark.tag) == "Placemark":
            _kml_geometries(placemark, _text(placemark, "name"), parsed)
    return parsed


def _gdal_parts(geometry, name: str, parsed: ParsedFile) -> None:
    kind = geometry.geom_type
    if kind == "Point":
        parsed.parts.append(Part("point", name, list(geometry.coords[:2])))
    elif kind in ("LineString", "LinearRing"):
        parsed.parts.append(Part("line", name, [list(xy[:2]) for xy in geometry.coords]))
    elif kind == "Polygon":
        parsed.parts.append(
            Part("polygon", name, [[list(xy[:2]) for xy in ring.coords] for ring in geometry])
        )
    else:  # Multi* and GeometryCollection
        for part in geometry:
            _gdal_parts(part, name, parsed)


def _parse_with_gdal(data: bytes, filename: str) -> ParsedFile:
    """KML or KMZ through the platform's GDAL reader (layers.exchange), WGS 84 by the standard."""
    read = read_vector_file(data, filename, declared_srid=STORAGE_SRID)
    parsed = ParsedFile("kml")
    for row in read.rows:
        if row.geometry is not None:
            name = row.properties.get("Name") or row.properties.get("name") or ""
            _gdal_parts(row.geometry, str(name), parsed)
    return parsed


# --- CRS detection ---------------------------------------------------------------------


def _first_position(coordinates):
    while isinstance(coordinates, list) and coordinates and isinstance(coordinates[0], list):
        coordinates = coordinates[0]
    return coordinates


def detect_crs(parsed: ParsedFile) -> int | None:
    """The supported CRS whose reading of the first position falls in Sofia, or None if WGS 84."""
    position = next((_first_position(part.coordinates) for part in parsed.parts if part.coordinates), None)
    if not isinstance(position, list) or len(position) < 2:
        return None
    x, y = position[0], position[1]
    if not all(isinstance(v, (int, float)) and math.isfinite(v) for v in (x, y)):
        return None
    if -180 <= x <= 180 and -90 <= y <= 90:
        return None
    west, south, east, north = SOFIA_BOUNDS
    for srid in SUPPORTED_SRIDS:
        if srid == STORAGE_SRID:
            continue
        point = Point(x, y, srid=srid)
        point.transform(STORAGE_SRID)
        if west - 0.5 <= point.x <= east + 0.5 and south - 0.5 <= point.y <= north + 0.5:
            return srid
    raise InvalidGeometry(
        _(
            "The coordinates (%(x)s, %(y)s) are not near Sofia in any supported CRS "
            "(EPSG:4326, 3857, 32634, 7801); declare the file's CRS."
        )
        % {"x": x, "y": y}
    )
