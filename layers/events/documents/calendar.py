"""The iCalendar (RFC 5545) feed of approved events: times, title, kind, and where (the
closed streets), without personal data."""

from __future__ import annotations

from datetime import UTC, datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from layers.events.models import EventKind, MassEvent

PRODID = "-//Sofia Municipality//Security GIS mass events//BG"


def _escape(text: str) -> str:
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space (RFC 5545, 3.1)."""
    encoded = line.encode("utf-8")
    if len(encoded) <= 75:
        return line
    parts, current = [], b""
    for char in line:
        piece = char.encode("utf-8")
        limit = 75 if not parts else 74
        if len(current) + len(piece) > limit:
            parts.append(current.decode("utf-8"))
            current = b""
        current += piece
    parts.append(current.decode("utf-8"))
    return "\r\n ".join(parts)


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def ical_feed(events, *, host: str) -> str:
    """The events as a VCALENDAR text with CRLF line ends."""
    stamp = _utc(timezone.now())
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:" + _escape(_("Mass events in Sofia")),
        "X-WR-TIMEZONE:Europe/Sofia",
    ]
    for event in events:
        lines.extend(_vevent(event, stamp=stamp, host=host))
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"


def _vevent(event: MassEvent, *, stamp: str, host: str) -> list[str]:
    closures = list(event.closures.all())
    description = [str(EventKind(event.kind).label)]
    if closures:
        description.append(
            _("Streets closed: %(streets)s") % {"streets": ", ".join(c.name for c in closures)}
        )
    lines = [
        "BEGIN:VEVENT",
        f"UID:mass-event-{event.pk}@{host}",
        f"DTSTAMP:{stamp}",
        f"DTSTART:{_utc(event.start)}",
        f"DTEND:{_utc(event.end)}",
        f"LAST-MODIFIED:{_utc(event.updated_at)}",
        "SUMMARY:" + _escape(event.name),
        "DESCRIPTION:" + _escape("\n".join(description)),
        "CATEGORIES:" + _escape(str(EventKind(event.kind).label)),
        "STATUS:CONFIRMED",
    ]
    where = event.perimeter or event.route
    if where is not None:
        centre = where.point_on_surface if event.perimeter is not None else where.interpolate_normalized(0.5)
        lines.append(f"GEO:{centre.y:.6f};{centre.x:.6f}")
    lines.append("END:VEVENT")
    return lines
