"""Cameras as CSV and GeoJSON, both ways, with OpenStreetMap's surveillance tags in GeoJSON.

Export writes the platform's attributes; GeoJSON features also carry the OSM tags where the
meaning matches (man_made=surveillance, surveillance:type=camera, camera:direction = azimuth,
camera:angle = tilt below the horizon, height = mount height, camera:type, camera:mount,
surveillance:zone, operator = owner), so the data compares with OSM and loads into JOSM.
Import reads the platform's names first and falls back to those OSM tags, so an export
loads back unchanged and an OSM extract loads once FOV and resolution are added.

Rows are parsed into plain dicts here; checking them is the import service's job.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from layers.surveillance.models import CAMERA_ATTRIBUTES

KEYS = ("platform_id", "external_id", "source")
CSV_COLUMNS = (*KEYS, "lon", "lat", *CAMERA_ATTRIBUTES)
# Our attribute ← OSM tag, for import; export writes the same pairs the other way.
OSM_TAGS = {
    "azimuth": "camera:direction",
    "tilt": "camera:angle",
    "mount_height": "height",
    "camera_type": "camera:type",
    "mount": "camera:mount",
    "zone": "surveillance:zone",
    "owner": "operator",
}
CARDINAL = {
    name: index * 22.5
    for index, name in enumerate(
        ("N", "NNE", "NE", "ENE", "E", "ESE", "SE", "SSE", "S", "SSW", "SW", "WSW", "W", "WNW", "NW", "NNW")
    )
}


class UnreadableFile(ValueError):
    """The upload is not CSV or GeoJSON of cameras at all (a per-row problem is not this)."""


@dataclass
class ParsedRow:
    """One row or feature: its number in the file, attributes as read, and position (x, y) if any."""

    number: int
    attributes: dict
    keys: dict
    position: tuple[float, float] | None = None
    errors: dict[str, list[str]] = field(default_factory=dict)


def _clean(value):
    if isinstance(value, str):
        value = value.strip()
        return None if value == "" else value
    return value


def _number(value):
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _osm_direction(value):
    """camera:direction as degrees: a number, a cardinal (NE), or an error for a range (90-270)."""
    text = str(value).strip().upper()
    if text in CARDINAL:
        return CARDINAL[text]
    return _clean(str(value).strip().removesuffix("°"))


def _osm_height(value):
    return _clean(str(value).strip().removesuffix("m").strip())


def _split(row: dict, number: int) -> ParsedRow:
    attributes = {}
    for name in CAMERA_ATTRIBUTES:
        value = _clean(row.get(name))
        if value is None and name in OSM_TAGS:
            tag = _clean(row.get(OSM_TAGS[name]))
            if tag is not None:
                value = {"azimuth": _osm_direction, "mount_height": _osm_height}.get(name, _clean)(tag)
        if value is not None:
            attributes[name] = value
    keys = {name: _clean(row.get(name)) for name in KEYS}
    return ParsedRow(
        number=number, attributes=attributes, keys={k: v for k, v in keys.items() if v is not None}
    )


def _decode(content: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1251"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnreadableFile(_("The file is neither UTF-8 nor Windows-1251 text."))


def parse_csv(content: bytes) -> list[ParsedRow]:
    """Rows of a CSV with a header (comma or semicolon); position from lon/lat or x/y columns."""
    text = _decode(content)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    if not reader.fieldnames:
        raise UnreadableFile(_("The CSV file has no header row."))
    headers = {name.strip().lower() for name in reader.fieldnames if name}
    if not ({"lon", "lat"} <= headers or {"x", "y"} <= headers):
        raise UnreadableFile(_("The CSV file needs lon and lat (or x and y) columns."))
    rows = []
    for number, raw in enumerate(reader, start=2):  # row 1 is the header
        row = {(k or "").strip().lower(): v for k, v in raw.items()}
        parsed = _split(row, number)
        x, y = _clean(row.get("lon", row.get("x"))), _clean(row.get("lat", row.get("y")))
        if x is None or y is None:
            parsed.errors["position"] = [_("The row has no lon/lat (or x/y) coordinates.")]
        elif _number(x) is None or _number(y) is None:
            parsed.errors["position"] = [
                _("The coordinates %(x)s, %(y)s are not numbers.") % {"x": x, "y": y}
            ]
        else:
            parsed.position = (_number(x), _number(y))
        rows.append(parsed)
    return rows


def parse_geojson(content: bytes) -> tuple[list[ParsedRow], object]:
    """Features of a GeoJSON FeatureCollection of Points, and its 2008-style `crs` member if any."""
    try:
        data = json.loads(_decode(content))
    except json.JSONDecodeError as error:
        raise UnreadableFile(_("The file is not valid JSON: %(error)s.") % {"error": error}) from None
    if (
        not isinstance(data, dict)
        or data.get("type") != "FeatureCollection"
        or not isinstance(data.get("features"), list)
    ):
        raise UnreadableFile(_("The GeoJSON must be a FeatureCollection."))
    rows = []
    for number, feature in enumerate(data["features"], start=1):
        properties = feature.get("properties") if isinstance(feature, dict) else None
        parsed = _split(properties if isinstance(properties, dict) else {}, number)
        geometry = feature.get("geometry") if isinstance(feature, dict) else None
        coordinates = geometry.get("coordinates") if isinstance(geometry, dict) else None
        if not isinstance(geometry, dict) or geometry.get("type") != "Point":
            parsed.errors["position"] = [_("The feature's geometry must be a Point.")]
        elif not (
            isinstance(coordinates, list)
            and len(coordinates) >= 2
            and all(_number(c) is not None for c in coordinates[:2])
        ):
            parsed.errors["position"] = [_("The Point has no numeric coordinates.")]
        else:
            parsed.position = (float(coordinates[0]), float(coordinates[1]))
        rows.append(parsed)
    return rows, data.get("crs")


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def write_csv(cameras: list[dict]) -> str:
    """CSV (UTF-8, comma) of camera dicts holding CSV_COLUMNS."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for camera in cameras:
        writer.writerow([_text(camera.get(column)) for column in CSV_COLUMNS])
    return out.getvalue()


# OSM lifecycle prefixes (wiki: Lifecycle prefix): a planned camera is not yet a
# man_made=surveillance, a decommissioned one no longer is.
LIFECYCLE_PREFIX = {"planned": "planned:", "decommissioned": "disused:"}


def osm_tags(camera: dict) -> dict:
    prefix = LIFECYCLE_PREFIX.get(camera.get("status") or "", "")
    tags = {f"{prefix}man_made": "surveillance", "surveillance:type": "camera", "surveillance": "public"}
    for attribute, tag in OSM_TAGS.items():
        value = camera.get(attribute)
        if value in (None, ""):
            continue
        if attribute == "azimuth":
            value = round(float(value)) % 360
        tags[tag] = value if not isinstance(value, float) else round(value, 2)
    return tags


def write_geojson(cameras: list[dict]) -> dict:
    """A FeatureCollection (RFC 7946, WGS 84) with the platform's attributes and the OSM tags."""
    features = []
    for camera in cameras:
        properties = {name: camera.get(name) for name in (*KEYS, *CAMERA_ATTRIBUTES)}
        if properties.get("installed_on") is not None:
            properties["installed_on"] = properties["installed_on"].isoformat()
        features.append(
            {
                "type": "Feature",
                "id": camera["platform_id"],
                "geometry": {
                    "type": "Point",
                    "coordinates": [round(camera["lon"], 7), round(camera["lat"], 7)],
                },
                "properties": {**properties, **osm_tags(camera)},
            }
        )
    return {"type": "FeatureCollection", "features": features}
