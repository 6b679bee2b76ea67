"""CAP 1.2 (OASIS Common Alerting Protocol) messages: built from plain values, checked against the schema.

The schema is OASIS's CAP-v1.2-schema.xsd, shipped beside this module (no network at run time).
Times are written as CAP wants them: seconds, explicit offset ("2026-03-01T10:00:00+02:00").
Polygons are "lat,lon" pairs separated by spaces, first pair repeated last; circles "lat,lon radius_km".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from pathlib import Path

from lxml import etree

from .errors import InvalidCap

NS = "urn:oasis:names:tc:emergency:cap:1.2"
SCHEMA_PATH = Path(__file__).with_name("CAP-v1.2-schema.xsd")

URGENCY = ("Immediate", "Expected", "Future", "Past", "Unknown")
SEVERITY = ("Extreme", "Severe", "Moderate", "Minor", "Unknown")
CERTAINTY = ("Observed", "Likely", "Possible", "Unlikely", "Unknown")
CATEGORY = (
    "Geo",
    "Met",
    "Safety",
    "Security",
    "Rescue",
    "Fire",
    "Health",
    "Env",
    "Transport",
    "Infra",
    "CBRNE",
    "Other",
)
MSG_TYPE = ("Alert", "Update", "Cancel")


@dataclass(frozen=True)
class CapInfo:
    language: str  # "bg-BG", "en-US"
    event: str
    headline: str
    description: str
    instruction: str
    area_description: str


@dataclass(frozen=True)
class CapArea:
    polygons: tuple[tuple[tuple[float, float], ...], ...] = ()  # rings of (lon, lat)
    circles: tuple[tuple[float, float, float], ...] = ()  # (lon, lat, radius_km)
    geocodes: tuple[tuple[str, str], ...] = ()  # (valueName, value), e.g. ("EKATTE", "68134")


@dataclass(frozen=True)
class CapMessage:
    identifier: str
    sender: str
    sent: datetime
    msg_type: str
    category: str
    urgency: str
    severity: str
    certainty: str
    effective: datetime
    expires: datetime
    infos: tuple[CapInfo, ...]
    area: CapArea
    status: str = "Actual"
    scope: str = "Public"
    sender_name: str = ""
    references: tuple[tuple[str, str, datetime], ...] = ()  # (sender, identifier, sent)
    web: str = ""
    note: str = ""
    extra: dict = field(default_factory=dict)


def cap_time(value: datetime) -> str:
    if value.tzinfo is None:
        raise InvalidCap(parameter="time", value=str(value), expected="a time with its UTC offset")
    return value.replace(microsecond=0).isoformat()


def _ring_text(ring: Sequence[tuple[float, float]]) -> str:
    points = list(ring)
    if points[0] != points[-1]:
        points.append(points[0])
    return " ".join(f"{lat:.6f},{lon:.6f}" for lon, lat in points)


def _check_choice(parameter: str, value: str, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        raise InvalidCap(parameter=parameter, value=value, expected="one of " + ", ".join(allowed))


def to_xml(message: CapMessage) -> bytes:
    """The message as CAP 1.2 XML (UTF-8), one <info> per language, each with the same area."""
    _check_choice("msgType", message.msg_type, MSG_TYPE)
    _check_choice("category", message.category, CATEGORY)
    _check_choice("urgency", message.urgency, URGENCY)
    _check_choice("severity", message.severity, SEVERITY)
    _check_choice("certainty", message.certainty, CERTAINTY)
    if message.msg_type != "Alert" and not message.references:
        raise InvalidCap(
            parameter="references", value="", expected="the original alert of an update or cancellation"
        )

    def sub(parent, tag: str, text: str | None = None):
        element = etree.SubElement(parent, f"{{{NS}}}{tag}")
        if text is not None:
            element.text = text
        return element

    root = etree.Element(f"{{{NS}}}alert", nsmap={None: NS})
    sub(root, "identifier", message.identifier)
    sub(root, "sender", message.sender)
    sub(root, "sent", cap_time(message.sent))
    sub(root, "status", message.status)
    sub(root, "msgType", message.msg_type)
    sub(root, "scope", message.scope)
    if message.note:
        sub(root, "note", message.note)
    if message.references:
        sub(root, "references", " ".join(f"{s},{i},{cap_time(t)}" for s, i, t in message.references))
    for info in message.infos:
        element = sub(root, "info")
        sub(element, "language", info.language)
        sub(element, "category", message.category)
        sub(element, "event", info.event)
        sub(element, "urgency", message.urgency)
        sub(element, "severity", message.severity)
        sub(element, "certainty", message.certainty)
        sub(element, "effective", cap_time(message.effective))
        sub(element, "expires", cap_time(message.expires))
        if message.sender_name:
            sub(element, "senderName", message.sender_name)
        sub(element, "headline", info.headline)
        if info.description:
            sub(element, "description", info.description)
        if info.instruction:
            sub(element, "instruction", info.instruction)
        if message.web:
            sub(element, "web", message.web)
        area = sub(element, "area")
        sub(area, "areaDesc", info.area_description)
        for ring in message.area.polygons:
            sub(area, "polygon", _ring_text(ring))
        for lon, lat, radius_km in message.area.circles:
            sub(area, "circle", f"{lat:.6f},{lon:.6f} {radius_km:.3f}")
        for name, value in message.area.geocodes:
            code = sub(area, "geocode")
            sub(code, "valueName", name)
            sub(code, "value", value)
    xml = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    validate(xml)
    return xml


@lru_cache(maxsize=1)
def _schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMA_PATH)))


def validate(xml: bytes) -> None:
    """Raise InvalidCap naming the first schema violation, if any."""
    try:
        document = etree.fromstring(xml)
    except etree.XMLSyntaxError as error:
        raise InvalidCap(parameter="xml", value=str(error), expected="well-formed XML") from None
    schema = _schema()
    if not schema.validate(document):
        first = schema.error_log[0]
        raise InvalidCap(parameter="xml", value=f"line {first.line}: {first.message}", expected="CAP 1.2")
