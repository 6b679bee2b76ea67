"""Alerts to the population: compose (with the estimate), approve by a second person, issue as
CAP 1.2, and updates or cancellations that reference the original."""

from __future__ import annotations

import uuid

import shapely
from django.contrib.gis.geos import GEOSGeometry, MultiPolygon
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from geo_platform.crs import METRIC_SRID, STORAGE_SRID
from geo_platform.errors import NotFound
from geo_platform.events import layer_reloaded
from layers.administrative.models import District
from layers.situation import workflow
from layers.situation.choices import AlertStatus, AreaKind, LogKind
from layers.situation.errors import InvalidAlert, TransitionRefused, core_errors
from layers.situation.models import Alert, DutyLogEntry
from layers.situation.selectors.alerts import estimate, settlements
from layers.situation.selectors.duty import current_shift
from layers.situation.selectors.places import city
from risk_models.situation import CapArea, CapInfo, CapMessage, to_xml

SENDER = "situation-centre@sofia.bg"
SENDER_NAME = "Столична община — Ситуационен център"


def _multi(geometry: GEOSGeometry) -> MultiPolygon:
    if geometry.geom_type == "Polygon":
        return MultiPolygon(geometry, srid=STORAGE_SRID)
    if geometry.geom_type != "MultiPolygon":
        raise InvalidAlert(_("The alert's area must be a polygon."), parameter="area")
    return geometry


def resolve_area(data: dict) -> tuple[MultiPolygon, list[float], list[str]]:
    """The area as a WGS 84 multipolygon, from a drawn polygon, a circle, districts or EKATTE codes."""
    kind = data.get("area_kind")
    if kind is None:
        raise InvalidAlert(
            _("Say how the area is given: drawn, a circle, districts or settlements."), parameter="area_kind"
        )
    if kind == AreaKind.POLYGON:
        area = data.get("polygon")
        if area is None:
            raise InvalidAlert(_("Draw the alert's area on the map."), parameter="polygon")
        return _multi(area), [], []
    if kind == AreaKind.CIRCLE:
        circle = data.get("circle") or []
        if len(circle) != 3 or not 0 < circle[2] <= 30:
            raise InvalidAlert(
                _("A circle needs its centre (lon, lat) and a radius from 0 to 30 km."), parameter="circle"
            )
        centre = GEOSGeometry(f"POINT({circle[0]} {circle[1]})", srid=STORAGE_SRID)
        if not city().inside([circle[0]], [circle[1]])[0]:
            raise InvalidAlert(_("The circle's centre lies outside Sofia Municipality."), parameter="circle")
        disc = centre.transform(METRIC_SRID, clone=True).buffer(circle[2] * 1000, quadsegs=16)
        disc.transform(STORAGE_SRID)
        return _multi(disc), list(circle), []
    codes = [str(code).strip() for code in data.get("codes") or [] if str(code).strip()]
    if not codes:
        raise InvalidAlert(_("Choose at least one district or settlement."), parameter="codes")
    if kind == AreaKind.DISTRICTS:
        found = {d.code: d.boundary for d in District.objects.filter(code__in=codes)}
        unknown = sorted(set(codes) - set(found))
        if unknown:
            raise InvalidAlert(
                _("Unknown district codes: %(codes)s.") % {"codes": ", ".join(unknown)}, parameter="codes"
            )
        union = shapely.union_all([shapely.from_wkb(bytes(g.wkb)) for g in found.values()])
    else:
        known = settlements()
        unknown = sorted(set(codes) - set(known))
        if unknown:
            raise InvalidAlert(
                _("Unknown EKATTE codes of Sofia's settlements: %(codes)s.") % {"codes": ", ".join(unknown)},
                parameter="codes",
            )
        union = shapely.union_all([known[code]["geometry"] for code in codes])
    return _multi(GEOSGeometry(union.wkt, srid=STORAGE_SRID)), [], codes


@transaction.atomic
def compose(*, user, data: dict) -> Alert:
    """A new alert awaiting a second person's approval; `data` is checked by the API's input."""
    workflow.ensure_writer(user)
    original = None
    msg_type = data.get("msg_type", "Alert")
    if msg_type in ("Update", "Cancel"):
        original = Alert.objects.filter(pk=data.get("references"), status=AlertStatus.ISSUED).first()
        if original is None:
            raise InvalidAlert(
                _("An update or cancellation must name an issued alert."), parameter="references"
            )
        if msg_type == "Cancel" and not data.get("area_kind"):
            data = {
                **data,
                "area_kind": original.area_kind,
                "polygon": original.area,
                "circle": original.circle,
                "codes": original.codes,
            }
    if data["expires"] <= data["effective"]:
        raise InvalidAlert(_("The alert must expire after it takes effect."), parameter="expires")
    if data["expires"] <= timezone.now():
        raise InvalidAlert(_("The expiry time has already passed."), parameter="expires")
    area, circle, codes = resolve_area(data)
    alert = Alert.objects.create(
        name=data["headline_bg"],
        identifier=f"urn:uuid:{uuid.uuid4()}",
        msg_type=msg_type,
        references=original,
        cap_category=data.get("cap_category", "Safety"),
        event_bg=data["event_bg"],
        event_en=data["event_en"],
        urgency=data["urgency"],
        severity=data["severity"],
        certainty=data["certainty"],
        headline_bg=data["headline_bg"],
        headline_en=data["headline_en"],
        description_bg=data.get("description_bg", ""),
        description_en=data.get("description_en", ""),
        instruction_bg=data.get("instruction_bg", ""),
        instruction_en=data.get("instruction_en", ""),
        area_kind=data["area_kind"],
        area_description=data["area_description"],
        circle=circle,
        codes=codes,
        area=area,
        effective=data["effective"],
        expires=data["expires"],
        composed_by=user,
        estimate=estimate(area),
        incident_id=data.get("incident"),
    )
    alert.cap_xml = cap_xml(alert, sent=timezone.now()).decode()  # a preview; re-made on issue
    alert.save(update_fields=["cap_xml"])
    _log(user, alert, _("Alert composed, awaiting approval: %(headline)s") % {"headline": alert.headline_bg})
    return alert


def _log(user, alert: Alert, text: str) -> None:
    DutyLogEntry.objects.create(
        shift=current_shift(user) or current_shift(),
        at=timezone.now(),
        kind=LogKind.ALERT,
        text=text,
        author=user,
        alert=alert,
    )


def _rings(area: MultiPolygon) -> tuple:
    # CAP polygons carry one outer ring each; holes are dropped (the area only grows).
    return tuple(tuple((x, y) for x, y in polygon.exterior_ring.coords) for polygon in area)


def cap_xml(alert: Alert, *, sent) -> bytes:
    timezone_ = timezone.get_default_timezone()
    geocodes = tuple(
        ("EKATTE" if alert.area_kind == AreaKind.SETTLEMENTS else "SOF_DISTRICT", code)
        for code in alert.codes
    )
    if alert.area_kind == AreaKind.CIRCLE and alert.circle:
        area = CapArea(circles=((alert.circle[0], alert.circle[1], alert.circle[2]),))
    else:
        area = CapArea(polygons=_rings(alert.area), geocodes=geocodes)
    references = ()
    if alert.references_id:
        original = alert.references
        references = ((SENDER, original.identifier, original.issued_at.astimezone(timezone_)),)
    message = CapMessage(
        identifier=alert.identifier,
        sender=SENDER,
        sender_name=SENDER_NAME,
        sent=sent.astimezone(timezone_),
        msg_type=alert.msg_type,
        category=alert.cap_category,
        urgency=alert.urgency,
        severity=alert.severity,
        certainty=alert.certainty,
        effective=alert.effective.astimezone(timezone_),
        expires=alert.expires.astimezone(timezone_),
        references=references,
        infos=(
            CapInfo(
                "bg-BG",
                alert.event_bg,
                alert.headline_bg,
                alert.description_bg,
                alert.instruction_bg,
                alert.area_description,
            ),
            CapInfo(
                "en-US",
                alert.event_en,
                alert.headline_en,
                alert.description_en,
                alert.instruction_en,
                alert.area_description,
            ),
        ),
        area=area,
    )
    with core_errors():
        return to_xml(message)


def _locked(alert_id: int) -> Alert:
    alert = Alert.objects.select_for_update().filter(pk=alert_id).first()
    if alert is None:
        raise NotFound(_("There is no alert %(id)s.") % {"id": alert_id})
    return alert


@transaction.atomic
def approve(*, user, alert_id: int) -> Alert:
    """The second person approves: the alert is issued as CAP 1.2 and the original (if any) closed."""
    alert = _locked(alert_id)
    workflow.ensure_approver(user, alert.composed_by_id)
    if alert.status != AlertStatus.PENDING:
        raise TransitionRefused(_("Only an alert awaiting approval can be approved."), parameter="status")
    if alert.expires <= timezone.now():
        raise TransitionRefused(
            _("The alert has expired before approval; compose a new one."), parameter="expires"
        )
    now = timezone.now()
    alert.cap_xml = cap_xml(alert, sent=now).decode()
    alert.status = AlertStatus.ISSUED
    alert.approved_by = user
    alert.issued_at = now
    alert.save(update_fields=["cap_xml", "status", "approved_by", "issued_at", "updated_at"])
    if alert.references_id:
        Alert.objects.filter(pk=alert.references_id).update(
            status=AlertStatus.CANCELLED if alert.msg_type == "Cancel" else AlertStatus.SUPERSEDED
        )
    # The public alerts layer's tiles change: drop them once this commits.
    transaction.on_commit(lambda: layer_reloaded.send(sender=Alert, layer="alerts"))
    _log(
        user,
        alert,
        _("Alert issued (%(type)s): %(headline)s") % {"type": alert.msg_type, "headline": alert.headline_bg},
    )
    return alert


@transaction.atomic
def reject(*, user, alert_id: int, reason: str) -> Alert:
    alert = _locked(alert_id)
    workflow.ensure_approver(user, alert.composed_by_id)
    if alert.status != AlertStatus.PENDING:
        raise TransitionRefused(_("Only an alert awaiting approval can be rejected."), parameter="status")
    if not reason.strip():
        raise InvalidAlert(_("Say why the alert is rejected."), parameter="reason")
    alert.status = AlertStatus.REJECTED
    alert.rejection_reason = reason.strip()
    alert.save(update_fields=["status", "rejection_reason", "updated_at"])
    _log(user, alert, _("Alert rejected: %(reason)s") % {"reason": alert.rejection_reason})
    return alert
