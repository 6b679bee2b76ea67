"""What each reader gets back: the organizer their own filing, staff everything, the
public only what is safe to publish (no names, contacts or purpose)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from geo_platform.accounts.roles import policy_for
from layers.events.checks import describe
from layers.events.deadlines import describe_deadlines
from layers.events.geometries import geojson_of
from layers.events.models import (
    AlternativeProposal,
    AssessmentStatus,
    EventAssessment,
    EventKind,
    EventMessage,
    EventRevision,
    EventStatus,
    EventTask,
    EventTransition,
    MassEvent,
    Opinion,
    Track,
)
from layers.events.selectors.visibility import checks_for
from layers.events.services.content import snapshot
from layers.events.workflow import (
    actor_kind,
    allowed_targets,
    answer_deadline,
    is_reviewer,
    reason_required_for,
)


def _iso(value):
    return value.isoformat() if value is not None else None


def event_summary(event: MassEvent) -> dict:
    return {
        "id": event.pk,
        "title": event.name,
        "kind": event.kind,
        "kind_label": str(EventKind(event.kind).label),
        "track": event.track,
        "track_label": str(Track(event.track).label),
        "status": event.status,
        "status_label": str(EventStatus(event.status).label),
        "start": _iso(event.start),
        "end": _iso(event.end),
        "expected_participants": event.expected_participants,
        "late": event.late,
        "urgent": event.urgent,
        "revision": event.revision,
        "filed_at": _iso(event.filed_at),
        "updated_at": _iso(event.updated_at),
    }


def event_detail(event: MassEvent, *, user) -> dict:
    """The whole filing, with what this user may do next."""
    detail = {**event_summary(event), **snapshot(event)}
    detail["closures"] = [
        {"id": closure.pk, **item}
        for closure, item in zip(event.closures.order_by("pk"), detail["closures"], strict=True)
    ]
    detail.update(
        {
            "deadline_report": describe_deadlines(event.deadline_report),
            "conditions": event.conditions,
            "created_at": _iso(event.created_at),
            "allowed_transitions": allowed_targets(event.status, actor_kind(user, event)),
            # Which of those transitions need a reason (the workflow's rule, so clients do not copy it).
            "reason_required_for": reason_required_for(
                allowed_targets(event.status, actor_kind(user, event))
            ),
            "alternatives": [alternative(a) for a in event.alternatives.all()],
            "links": {
                "revisions": reverse("events:revisions", args=[event.pk]),
                "transitions": reverse("events:transitions", args=[event.pk]),
                "messages": reverse("events:messages", args=[event.pk]),
            },
        }
    )
    if policy_for(user).staff:
        detail["organizer_account"] = event.organizer_account.username
        detail["answer_deadline"] = answer_deadline(event)
        latest = event.assessments.filter(revision__number=event.revision).only("status").first()
        detail["assessment_status"] = latest.status if latest is not None else None
        detail["links"].update(
            {
                "assessment": reverse("events:assessment", args=[event.pk]),
                "tasks": reverse("events:tasks", args=[event.pk]),
                "opinion": reverse("events:opinion", args=[event.pk]),
                "opinion_pdf": reverse("events:opinion-pdf", args=[event.pk]),
            }
        )
    return detail


def public_event(event: MassEvent) -> dict:
    """An approved event as anyone may see it."""
    return {
        "id": event.pk,
        "title": event.name,
        "kind": event.kind,
        "kind_label": str(EventKind(event.kind).label),
        "start": _iso(event.start),
        "end": _iso(event.end),
        "perimeter": geojson_of(event.perimeter),
        "route": geojson_of(event.route),
        "closures": [
            {"name": c.name, "geometry": geojson_of(c.segment), "start": _iso(c.start), "end": _iso(c.end)}
            for c in event.closures.all()
        ],
    }


def revision(item: EventRevision, *, full: bool = False) -> dict:
    data = {
        "number": item.number,
        "created_at": _iso(item.created_at),
        "created_by": item.created_by.username if item.created_by else None,
        "note": item.note,
        "deadline_report": describe_deadlines(item.deadline_report),
    }
    if full:
        data["content"] = item.content
    return data


def _who(user, reader) -> str | None:
    """Staff see the username; the organizer sees the directorate, not its officers."""
    if user is None:
        return None
    if policy_for(reader).staff or not is_reviewer(user):
        return user.username
    return _("the Security Directorate")


def transition(item: EventTransition, *, reader) -> dict:
    return {
        "from": item.from_status,
        "to": item.to_status,
        "to_label": str(EventStatus(item.to_status).label),
        "by": _who(item.user, reader),
        "reason": item.reason,
        "revision": item.revision,
        "details": item.details,
        "at": _iso(item.at),
    }


def message(item: EventMessage, *, reader) -> dict:
    return {
        "id": item.pk,
        "author": _who(item.author, reader),
        "from_directorate": item.author is not None and is_reviewer(item.author),
        "internal": item.internal,
        "body": item.body,
        "created_at": _iso(item.created_at),
    }


def alternative(item: AlternativeProposal) -> dict:
    return {
        "id": item.pk,
        "revision": item.revision.number,
        "start": _iso(item.start),
        "end": _iso(item.end),
        "perimeter": geojson_of(item.perimeter),
        "route": geojson_of(item.route),
        "note": item.note,
        "created_at": _iso(item.created_at),
        "accepted_at": _iso(item.accepted_at),
    }


def task(item: EventTask) -> dict:
    return {
        "id": item.pk,
        "event": item.event_id,
        "event_title": item.event.name,
        "structure": item.structure,
        "structure_label": str(item.get_structure_display()),
        "description": item.description,
        "due_at": _iso(item.due_at),
        "status": item.status,
        "status_label": str(item.get_status_display()),
        "completed_at": _iso(item.completed_at),
    }


def assessment(item: EventAssessment, user) -> dict:
    """The assessment as `user` may read it: only what comes from layers their role sees.

    While its job is queued or running, `status` says so (with the check it is on and the
    progress in %) and `checks` is empty; a failed one carries `error`.
    """
    done = item.status == AssessmentStatus.DONE
    return {
        "id": item.pk,
        "revision": item.revision.number,
        "status": item.status,
        "status_label": str(item.get_status_display()),
        "stage": item.stage,
        "progress": item.progress,
        "error": item.error or None,
        "computed_at": _iso(item.finished_at or item.computed_at) if done else None,
        "duration_ms": item.duration_ms if done else None,
        "parameters": item.parameters,
        "checks": [describe(check) for check in checks_for(user, item.checks)] if done else [],
        "search_area": _search_area(item.revision.event),
    }


def _search_area(event) -> dict | None:
    """The area searched for nearby sites, as the opinion's map draws it: everything the event
    occupies (closures too) grown by the proximity distance."""
    from layers.events.conf import assessment_settings
    from layers.events.geometries import from_metric
    from layers.events.selectors import surroundings

    footprint = surroundings.event_footprint(event, with_closures=True)
    if footprint is None:
        return None
    distance = assessment_settings().proximity_distance_m
    return {
        "distance_m": distance,
        "geometry": geojson_of(from_metric(footprint.buffer(distance, quad_segs=8)), digits=5),
    }


def opinion(item: Opinion) -> dict:
    return {
        "revision": item.revision.number,
        "proposed_decision": item.proposed_decision,
        "proposed_decision_label": str(item.get_proposed_decision_display()),
        "conditions": item.conditions,
        "justification": item.justification,
        "author": item.author.username if item.author else None,
        "updated_at": _iso(item.updated_at),
    }


def map_collection(events) -> dict:
    """A GeoJSON FeatureCollection of the events' perimeters, routes, points and closures."""
    features = []
    for event in events:
        properties = {
            "event": event.pk,
            "title": event.name,
            "kind": event.kind,
            "status": event.status,
            "start": _iso(event.start),
            "end": _iso(event.end),
        }
        for part in ("perimeter", "route", "assembly_point", "dispersal_point"):
            geometry = getattr(event, part)
            if geometry is not None:
                features.append(
                    {
                        "type": "Feature",
                        "geometry": geojson_of(geometry),
                        "properties": {**properties, "part": part},
                    }
                )
        for closure in event.closures.all():
            features.append(
                {
                    "type": "Feature",
                    "geometry": geojson_of(closure.segment),
                    "properties": {
                        **properties,
                        "part": "closure",
                        "street": closure.name,
                        "start": _iso(closure.start),
                        "end": _iso(closure.end),
                    },
                }
            )
    return {"type": "FeatureCollection", "features": features}
