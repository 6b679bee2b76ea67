"""An event's content as the organizer sends it: checked, applied to the row, and kept whole.

Everything is checked before anything is written, so a bad field leaves nothing stored.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.gis.geos import MultiLineString
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from geo_platform.crs import STORAGE_SRID
from geo_platform.errors import InvalidGeometry, InvalidParameter
from layers.events.geometries import (
    LINE,
    POINT,
    POLYGON,
    check_event_geometry,
    geojson_of,
    single_line,
    to_metric,
)
from layers.events.models import EventKind, MassEvent

# Plain attributes copied as they come.
SCALARS = (
    "purpose",
    "start",
    "end",
    "expected_participants",
    "stewards",
    "fenced",
    "usable_area_m2",
    "route_width_m",
    "urgent",
    "urgent_reason",
)
ORGANIZER_FIELDS = ("name", "address", "phone", "email")
# An exit more than this far from the perimeter's boundary is not an exit of it.
EXIT_TOLERANCE_M = 30.0


@dataclass
class Content:
    """Checked values to set on a MassEvent; `closures` is None when not sent (kept as is)."""

    values: dict = field(default_factory=dict)
    closures: list[dict] | None = None
    notes: list[str] = field(default_factory=list)


def _when(value: datetime) -> str:
    return date_format(timezone.localtime(value), "DATETIME_FORMAT")


def _geometry(data: dict, name: str, label: str, accepted, crs, repair, content: Content):
    checked = check_event_geometry(
        data[name], label=label, field=name, accepted=accepted, crs=crs, repair=repair
    )
    content.notes.extend(checked.report()["notes"])
    if name == "route":
        return single_line(checked, label=label, field=name)
    return checked.geometry


def check_content(data: dict, *, current: MassEvent | None, repair: bool = False) -> Content:
    """Check the sent fields against each other and against what the event already has."""
    crs = data.get("crs")
    content = Content()
    values = content.values
    if "title" in data:
        values["name"] = data["title"].strip()
    if "kind" in data:
        values["kind"] = data["kind"]
        values["track"] = EventKind.track_of(data["kind"])
    for name in SCALARS:
        if name in data:
            values[name] = data[name]
    if "organizer" in data:
        for key in ORGANIZER_FIELDS:
            if key in data["organizer"]:
                values[f"organizer_{key}"] = data["organizer"][key]
    if "responsible_persons" in data:
        values["responsible_persons"] = [dict(person) for person in data["responsible_persons"]]
    labels = {
        "perimeter": (_("Perimeter"), POLYGON),
        "route": (_("Route"), LINE),
        "assembly_point": (_("Assembly point"), POINT),
        "dispersal_point": (_("Dispersal point"), POINT),
    }
    for name, (label, accepted) in labels.items():
        if name in data:
            values[name] = (
                None if data[name] is None else _geometry(data, name, label, accepted, crs, repair, content)
            )

    def merged(name):
        if name in values:
            return values[name]
        return getattr(current, name) if current is not None else None

    start, end = merged("start"), merged("end")
    if start is not None and end is not None and end <= start:
        raise InvalidParameter(
            _("The event ends (%(end)s) before it starts (%(start)s).")
            % {"end": _when(end), "start": _when(start)},
            parameter="end",
        )
    if merged("urgent") and not (merged("urgent_reason") or "").strip():
        raise InvalidParameter(_("An urgent case needs its reason."), parameter="urgent_reason")
    if "exits" in data:
        values["exits"] = _exits(data["exits"], perimeter=merged("perimeter"), crs=crs, content=content)
    elif "perimeter" in data and merged("exits") and values.get("perimeter") is None:
        raise InvalidParameter(_("Exits need the perimeter they belong to."), parameter="perimeter")
    if "closures" in data:
        content.closures = _closures(
            data["closures"], start=start, end=end, crs=crs, repair=repair, content=content
        )
    return content


def _exits(exits: list[dict], *, perimeter, crs, content: Content) -> list[dict]:
    if exits and perimeter is None:
        raise InvalidParameter(
            _("Exits belong to a fenced perimeter; draw the perimeter first."), parameter="exits"
        )
    boundary = to_metric(perimeter).boundary if perimeter is not None else None
    checked_exits = []
    for index, item in enumerate(exits, start=1):
        label = _("Exit %(n)s") % {"n": index}
        checked = check_event_geometry(item["position"], label=label, field="exits", accepted=POINT, crs=crs)
        distance = boundary.distance(to_metric(checked.geometry))
        if distance > EXIT_TOLERANCE_M:
            raise InvalidGeometry(
                _(
                    "%(label)s lies %(distance).0f m from the perimeter's fence; an exit must be on it (within %(tolerance).0f m)."
                )
                % {"label": label, "distance": distance, "tolerance": EXIT_TOLERANCE_M},
                field="exits",
            )
        checked_exits.append(
            {
                "name": item.get("name", ""),
                "width_m": item["width_m"],
                "position": list(checked.geometry.coords),
            }
        )
    return checked_exits


def _closures(closures: list[dict], *, start, end, crs, repair, content: Content) -> list[dict]:
    checked_closures = []
    for index, item in enumerate(closures, start=1):
        label = _("Closure %(n)s (%(street)s)") % {"n": index, "street": item["name"]}
        checked = check_event_geometry(
            item["geometry"], label=label, field="closures", accepted=LINE, crs=crs, repair=repair
        )
        segment = checked.geometry
        if segment.geom_type == "LineString":
            segment = MultiLineString(segment, srid=STORAGE_SRID)
        closure_start, closure_end = item.get("start") or start, item.get("end") or end
        if closure_start is None or closure_end is None:
            raise InvalidParameter(
                _("%(label)s needs its times, or the event's start and end.") % {"label": label},
                parameter="closures",
            )
        if closure_end <= closure_start:
            raise InvalidParameter(
                _("%(label)s ends (%(end)s) before it starts (%(start)s).")
                % {"label": label, "end": _when(closure_end), "start": _when(closure_start)},
                parameter="closures",
            )
        checked_closures.append(
            {
                "name": item["name"],
                "segment": segment,
                "start": closure_start,
                "end": closure_end,
                "note": item.get("note", ""),
            }
        )
    return checked_closures


def missing_for_submission(event: MassEvent) -> list[str]:
    """What a filing needs before it can be submitted, named for the organizer."""
    missing = []
    if not event.name:
        missing.append(_("title"))
    if not event.purpose.strip():
        missing.append(_("purpose"))
    if not event.organizer_name.strip():
        missing.append(_("organizer's name"))
    if not (event.organizer_phone.strip() or event.organizer_email.strip()):
        missing.append(_("organizer's phone or e-mail"))
    if not any(person.get("phone") or person.get("email") for person in event.responsible_persons):
        missing.append(_("a responsible person with a phone or e-mail"))
    if event.start is None or event.end is None:
        missing.append(_("start and end"))
    if not event.expected_participants:
        missing.append(_("expected participants"))
    if event.perimeter is None and event.route is None:
        missing.append(_("a perimeter or a route"))
    return missing


def snapshot(event: MassEvent) -> dict:
    """The event's content as JSON, the way a revision keeps it."""
    return {
        "title": event.name,
        "kind": event.kind,
        "track": event.track,
        "purpose": event.purpose,
        "organizer": {key: getattr(event, f"organizer_{key}") for key in ORGANIZER_FIELDS},
        "responsible_persons": event.responsible_persons,
        "start": event.start.isoformat() if event.start else None,
        "end": event.end.isoformat() if event.end else None,
        "expected_participants": event.expected_participants,
        "stewards": event.stewards,
        "perimeter": geojson_of(event.perimeter),
        "fenced": event.fenced,
        "usable_area_m2": event.usable_area_m2,
        "route": geojson_of(event.route),
        "route_width_m": event.route_width_m,
        "assembly_point": geojson_of(event.assembly_point),
        "dispersal_point": geojson_of(event.dispersal_point),
        "exits": event.exits,
        "closures": [
            {
                "name": closure.name,
                "geometry": geojson_of(closure.segment),
                "start": closure.start.isoformat(),
                "end": closure.end.isoformat(),
                "note": closure.note,
            }
            for closure in event.closures.order_by("pk")
        ],
        "urgent": event.urgent,
        "urgent_reason": event.urgent_reason,
    }
