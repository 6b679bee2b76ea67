"""Importing cameras from CSV or GeoJSON: every row checked, good rows written, bad rows reported.

A row updates an existing camera when it names one by `platform_id` (as the export writes
it) or by `external_id` (the key in the sender's own register, under source "import");
otherwise it creates one. Rows whose values equal the stored camera's are left alone, so
importing an export changes nothing. All accepted rows are written in one transaction,
through layers.services, with their fields of view.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePath

from django.utils.translation import gettext as _

from geo_platform.crs import SRID_NAMES, STORAGE_SRID, UnknownCRS, parse_crs
from geo_platform.errors import InvalidGeometry, InvalidParameter
from layers.surveillance.conf import surveillance_settings
from layers.surveillance.formats import ParsedRow, UnreadableFile, parse_csv, parse_geojson
from layers.surveillance.layer_specs import CAMERAS
from layers.surveillance.models import Camera
from layers.surveillance.permissions import ensure_can_write
from layers.surveillance.services.cameras import checked_attributes, checked_position, write_cameras

IMPORT_SOURCE = "import"
# About 2 cm: the GeoJSON export rounds positions to 7 decimals.
SAME_POSITION_DEG = 2e-7


@dataclass
class ImportReport:
    format: str
    crs_read: str
    rows: int
    dry_run: bool
    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    rejected: list[dict] = field(default_factory=list)


def _format(filename: str, requested: str | None, content: bytes) -> str:
    if requested:
        return requested
    suffix = PurePath(filename or "").suffix.lower()
    if suffix == ".csv":
        return "csv"
    if suffix in (".geojson", ".json"):
        return "geojson"
    return "geojson" if content.lstrip()[:1] == b"{" else "csv"


def _srid(crs, parameter: str) -> int:
    name = crs.get("properties", {}).get("name") if isinstance(crs, dict) else crs
    try:
        return parse_crs(name, default=STORAGE_SRID)
    except UnknownCRS as error:
        raise InvalidParameter(str(error), parameter=parameter) from None


def _parse(content: bytes, fmt: str, crs: str | None) -> tuple[list[ParsedRow], int]:
    try:
        if fmt == "csv":
            return parse_csv(content), _srid(crs, "crs")
        rows, member = parse_geojson(content)
        return rows, _srid(crs or member, "crs")
    except UnreadableFile as error:
        raise InvalidParameter(str(error), parameter="file") from None


def _unchanged(camera: Camera, position, attributes: dict) -> bool:
    if not camera.position.equals_exact(position, SAME_POSITION_DEG):
        return False
    return all(getattr(camera, name) == value for name, value in attributes.items())


def _match(row: ParsedRow, by_id: dict, seen: set) -> tuple[Camera | None, dict]:
    """The stored camera the row names, if any, and problems with its keys."""
    problems = {}
    key = ("id", row.keys["platform_id"]) if "platform_id" in row.keys else None
    camera = None
    if key:
        try:
            camera = by_id.get(int(row.keys["platform_id"]))
        except (TypeError, ValueError):
            camera = None
        if camera is None:
            problems["platform_id"] = [
                _("There is no camera %(id)s that you may edit.") % {"id": row.keys["platform_id"]}
            ]
    elif "external_id" in row.keys:
        key = ("external", row.keys["external_id"])
        camera = Camera.objects.filter(source=IMPORT_SOURCE, external_id=row.keys["external_id"]).first()
    if key and key in seen:
        problems["platform_id" if key[0] == "id" else "external_id"] = [
            _("The same camera appears twice in the file.")
        ]
    if key:
        seen.add(key)
    return camera, problems


def import_cameras(
    *,
    user,
    content: bytes,
    filename: str = "",
    fmt: str | None = None,
    crs: str | None = None,
    dry_run: bool = False,
) -> ImportReport:
    """Check every row; unless `dry_run`, write the good ones. Returns what happened to each."""
    ensure_can_write(user)
    limits = surveillance_settings()
    if len(content) > limits.import_max_bytes:
        raise InvalidParameter(
            _("The file is larger than %(limit)s MB.") % {"limit": limits.import_max_bytes // (1024 * 1024)},
            parameter="file",
        )
    fmt = _format(filename, fmt, content)
    rows, srid = _parse(content, fmt, crs)
    if len(rows) > limits.import_max_rows:
        raise InvalidParameter(
            _("The file has %(count)s rows; import at most %(limit)s at a time.")
            % {"count": len(rows), "limit": limits.import_max_rows},
            parameter="file",
        )
    report = ImportReport(
        format=fmt, crs_read=f"EPSG:{srid} ({SRID_NAMES[srid]})", rows=len(rows), dry_run=dry_run
    )
    ids = [int(r.keys["platform_id"]) for r in rows if str(r.keys.get("platform_id", "")).isdigit()]
    by_id = CAMERAS.queryset_for(user).in_bulk(ids)
    new, changed, seen = [], [], set()
    for row in rows:
        camera, problems = _match(row, by_id, seen)
        problems.update(row.errors)
        attributes, attribute_problems = checked_attributes(row.attributes, partial=camera is not None)
        problems.update(attribute_problems)
        position = None
        if row.position is not None:
            try:
                position = checked_position(*row.position, crs=str(srid))
            except InvalidGeometry as error:
                problems["position"] = [str(error.detail)]
        if problems:
            report.rejected.append(
                {"row": row.number, **row.keys, "name": row.attributes.get("name", ""), "errors": problems}
            )
        elif camera is None:
            keys = {"source": IMPORT_SOURCE, "external_id": row.keys.get("external_id", "")}
            new.append((position, {**attributes, **keys}))
        elif _unchanged(camera, position, attributes):
            report.unchanged.append(camera.pk)
        else:
            changed.append((camera, position, attributes))
    if dry_run:
        report.created = [None] * len(new)
        report.updated = [camera.pk for camera, _p, _a in changed]
        return report
    created, updated = write_cameras(user=user, new=new, changed=changed)
    report.created = [camera.pk for camera in created]
    report.updated = [camera.pk for camera in updated]
    return report
