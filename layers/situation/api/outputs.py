"""JSON shapes of incidents and alerts; personal data only where the caller may see it."""

from __future__ import annotations

import json

from layers.situation import workflow
from layers.situation.choices import Agency, AlertStatus, Category, Origin, Status
from layers.situation.models import Alert, Incident
from layers.situation.selectors.incidents import contact_of


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def incident_summary(incident: Incident) -> dict:
    """What the live map and the stream carry: no personal data."""
    return {
        "id": incident.pk,
        "title": incident.name,
        "category": incident.category,
        "category_label": str(Category(incident.category).label),
        "priority": incident.priority,
        "origin": incident.origin,
        "origin_label": str(Origin(incident.origin).label),
        "status": incident.status,
        "status_label": str(Status(incident.status).label),
        "occurred_at": _iso(incident.occurred_at),
        "address": incident.address,
        "district_code": incident.district_code,
        "assigned_agency": incident.assigned_agency,
        "lon": incident.position.x,
        "lat": incident.position.y,
        "demo": incident.source == "demo",
    }


def incident_detail(incident: Incident, user) -> dict:
    body = incident_summary(incident)
    body.update(
        description=incident.description,
        geocode_match=incident.geocode_match,
        geocode_confidence=incident.geocode_confidence,
        acknowledged_at=_iso(incident.acknowledged_at),
        in_progress_at=_iso(incident.in_progress_at),
        closed_at=_iso(incident.closed_at),
        merged_into=incident.merged_into_id,
        area=json.loads(incident.area.geojson) if incident.area else None,
        next=workflow.allowed_targets(incident.status),
        assigned_agency_label=str(Agency(incident.assigned_agency).label) if incident.assigned_agency else "",
        history=[
            {
                "at": _iso(c.at),
                "user": c.user.get_username() if c.user else "",
                "from": c.from_status,
                "to": c.to_status,
                "agency": c.agency,
                "note": c.note,
            }
            for c in incident.changes.select_related("user")
        ],
    )
    contact = contact_of(user, incident)
    if contact is not None:
        body["contact"] = contact
    return body


def alert_summary(alert: Alert, *, staff: bool) -> dict:
    body = {
        "id": alert.pk,
        "identifier": alert.identifier,
        "msg_type": alert.msg_type,
        "references": alert.references_id,
        "status": alert.status,
        "status_label": str(AlertStatus(alert.status).label),
        "event_bg": alert.event_bg,
        "event_en": alert.event_en,
        "headline_bg": alert.headline_bg,
        "headline_en": alert.headline_en,
        "description_bg": alert.description_bg,
        "description_en": alert.description_en,
        "instruction_bg": alert.instruction_bg,
        "instruction_en": alert.instruction_en,
        "urgency": alert.urgency,
        "severity": alert.severity,
        "certainty": alert.certainty,
        "area_kind": alert.area_kind,
        "area_description": alert.area_description,
        "codes": alert.codes,
        "circle": alert.circle,
        "effective": _iso(alert.effective),
        "expires": _iso(alert.expires),
        "issued_at": _iso(alert.issued_at),
    }
    if staff:
        body.update(
            composed_by=alert.composed_by.get_username(),
            approved_by=alert.approved_by.get_username() if alert.approved_by else "",
            estimate=alert.estimate,
            rejection_reason=alert.rejection_reason,
        )
    return body


def alert_feature(alert: Alert, *, staff: bool = False) -> dict:
    return {
        "type": "Feature",
        "id": alert.pk,
        "geometry": json.loads(alert.area.geojson),
        "properties": alert_summary(alert, staff=staff),
    }
