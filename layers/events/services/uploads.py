"""Reading an organizer's upload into the geometry of one part of an event (a route, a
perimeter, street closures or points), checked exactly like a drawing.

GPX and KML are WGS 84 by their standards; GeoJSON may declare a CRS (a `crs` member, or
the `crs` form field), and if it declares none its CRS is detected.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from geo_platform.crs import STORAGE_SRID, UnknownCRS, parse_crs
from geo_platform.errors import InvalidGeometry, InvalidParameter
from layers.events.geometries import LINE, POINT, POLYGON, check_event_geometry, geojson_of, single_line
from layers.events.services.file_formats import ParsedFile, Part, detect_crs, parse, read_bytes

TARGETS = ("route", "perimeter", "closures", "points")


def _declared_crs(parsed: ParsedFile, crs: str | None) -> tuple[str | None, bool]:
    """The CRS to read the file in, and whether it was detected rather than declared."""
    if parsed.format in ("gpx", "kml"):
        try:
            declared = parse_crs(crs) if crs else STORAGE_SRID
        except UnknownCRS as exc:
            raise InvalidParameter(str(exc), parameter="crs") from None
        if declared != STORAGE_SRID:
            raise InvalidParameter(
                _("%(format)s files are always in WGS 84 (EPSG:4326); EPSG:%(crs)s cannot apply.")
                % {"format": parsed.format.upper(), "crs": declared},
                parameter="crs",
            )
        return None, False
    if crs or parsed.crs:
        return crs or parsed.crs, False
    detected = detect_crs(parsed)
    return (f"EPSG:{detected}" if detected else None), detected is not None


def _names(parts: list[Part]) -> str:
    names = [part.name or "—" for part in parts[:5]]
    return ", ".join(names) + (", …" if len(parts) > 5 else "")


def read_upload(uploaded, *, target: str, crs: str | None = None, repair: bool = False) -> dict:
    """The checked geometry (route, perimeter) or features (closures, points) in a file."""
    if target not in TARGETS:
        raise InvalidParameter(
            _("target must be one of %(targets)s; got %(value)r.")
            % {"targets": ", ".join(TARGETS), "value": target},
            parameter="target",
        )
    parsed = parse(read_bytes(uploaded))
    read_crs, detected = _declared_crs(parsed, crs)
    result: dict = {"format": parsed.format, "target": target, "crs_detected": detected, "notes": []}

    def check(geojson: dict, label: str, accepted: tuple[str, ...]):
        checked = check_event_geometry(
            geojson, label=label, field=target, accepted=accepted, crs=read_crs, repair=repair
        )
        report = checked.report()
        result["crs_read"] = report["crs_read"]
        result["notes"].extend(report["notes"])
        return checked

    if target == "route":
        lines = parsed.of_kind("line")
        if not lines:
            raise InvalidGeometry(_("The file has no line to use as the route."), field="file")
        if len(lines) > 1:
            raise InvalidGeometry(
                _("The file holds %(count)s routes (%(names)s) where one is expected; upload a single route.")
                % {"count": len(lines), "names": _names(lines)},
                field="file",
            )
        checked = check({"type": "LineString", "coordinates": lines[0].coordinates}, _("Route"), LINE)
        result["geometry"] = geojson_of(single_line(checked, label=_("Route"), field="route"))
        result["name"] = lines[0].name
    elif target == "perimeter":
        polygons = parsed.of_kind("polygon")
        if not polygons:
            raise InvalidGeometry(_("The file has no polygon to use as the perimeter."), field="file")
        coordinates = [part.coordinates for part in polygons]
        checked = check({"type": "MultiPolygon", "coordinates": coordinates}, _("Perimeter"), POLYGON)
        result["geometry"] = geojson_of(checked.geometry)
    else:
        kind, accepted, label = (
            ("line", LINE, _("Closure")) if target == "closures" else ("point", POINT, _("Point"))
        )
        parts = parsed.of_kind(kind)
        if not parts:
            raise InvalidGeometry(
                _("The file has no lines to use as street closures.")
                if kind == "line"
                else _("The file has no points."),
                field="file",
            )
        features = []
        for index, part in enumerate(parts, start=1):
            geojson = {"type": "LineString" if kind == "line" else "Point", "coordinates": part.coordinates}
            checked = check(geojson, f"{label} {index}", accepted)
            features.append({"name": part.name, "geometry": geojson_of(checked.geometry)})
        result["features"] = features
    if detected:
        result["notes"].append(
            _("No CRS was declared; the coordinates were read as %(crs)s.") % {"crs": result["crs_read"]}
        )
    return result
