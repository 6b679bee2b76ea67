"""Reviewing an event: status changes with their reasons, proposals of an alternative,
messages, tasks for the competent structures, the opinion to the mayor."""

from __future__ import annotations

import logging
from smtplib import SMTPException

from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from geo_platform.accounts.models import Role
from geo_platform.accounts.roles import role_of
from geo_platform.errors import Conflict, Forbidden, InvalidParameter, NotFound
from layers.events.geometries import LINE, POLYGON, check_event_geometry, single_line
from layers.events.models import (
    AlternativeProposal,
    EventAssessment,
    EventMessage,
    EventStatus,
    EventTask,
    EventTransition,
    MassEvent,
    Opinion,
    Structure,
    TaskStatus,
)
from layers.events.services.assessment import queue_assessment
from layers.events.services.changes import map_state, record_map_changes
from layers.events.services.filing import file_revision, locked
from layers.events.workflow import REVIEWER, check_transition, is_reviewer

logger = logging.getLogger(__name__)
CLOSED = (EventStatus.DRAFT, EventStatus.REJECTED, EventStatus.WITHDRAWN)


def ensure_reviewer(user) -> None:
    if not is_reviewer(user):
        raise Forbidden(_("Only the directorate's planners review events."))


def _current_revision(event: MassEvent):
    return event.revisions.get(number=event.revision)


def _alternative(event: MassEvent, data: dict | None, *, user) -> AlternativeProposal:
    if not data or not any(data.get(name) for name in ("start", "end", "perimeter", "route")):
        raise InvalidParameter(
            _(
                "An alternative proposes another place, time or route: give a start and end, a perimeter or a route."
            ),
            parameter="alternative",
        )
    start, end = data.get("start") or event.start, data.get("end") or event.end
    if end <= start:
        raise InvalidParameter(_("The proposed time ends before it starts."), parameter="alternative.end")
    crs = data.get("crs")
    perimeter = route = None
    if data.get("perimeter"):
        label = _("Proposed perimeter")
        perimeter = check_event_geometry(
            data["perimeter"], label=label, field="alternative.perimeter", accepted=POLYGON, crs=crs
        ).geometry
    if data.get("route"):
        label = _("Proposed route")
        checked = check_event_geometry(
            data["route"], label=label, field="alternative.route", accepted=LINE, crs=crs
        )
        route = single_line(checked, label=label, field="alternative.route")
    return AlternativeProposal(
        event=event,
        revision=_current_revision(event),
        proposed_by=user,
        start=data.get("start"),
        end=data.get("end"),
        perimeter=perimeter,
        route=route,
    )


@transaction.atomic
def change_status(
    *, user, event: MassEvent, target: str, reason: str = "", conditions=None, meeting=None, alternative=None
) -> EventTransition:
    """Move the event to `target`, if the workflow allows it for this user; log who and why."""
    event = locked(event)
    if target == EventStatus.SUBMITTED:
        raise InvalidParameter(
            _("An event is submitted with submit/ and sent again with a new revision (revisions/)."),
            parameter="to",
        )
    actor = check_transition(event=event, user=user, target=target, reason=reason)
    details: dict = {}
    proposal = None
    if target == EventStatus.MEETING_REQUESTED:
        if not meeting:
            raise InvalidParameter(_("Requesting a meeting needs its time and place."), parameter="meeting")
        details["meeting"] = {"at": meeting["at"].isoformat(), "place": meeting["place"]}
    elif target == EventStatus.APPROVED:
        event.conditions = [c.strip() for c in conditions or [] if c.strip()]
        details["conditions"] = event.conditions
    elif target == EventStatus.ALTERNATIVE_PROPOSED:
        proposal = _alternative(event, alternative, user=user)
    before = map_state(event)
    from_status = event.status
    event.status = target
    event.save()
    if proposal is not None:
        proposal.note = reason
        proposal.save()
        details["alternative"] = proposal.pk
    logged = EventTransition.objects.create(
        event=event,
        from_status=from_status,
        to_status=target,
        user=user,
        reason=reason,
        revision=event.revision,
        details=details,
    )
    if actor == REVIEWER:
        _message_organizer(event, user=user, body=_status_message(event, target, reason, details))
    record_map_changes(before, map_state(event), user=user)
    return logged


def _status_message(event: MassEvent, target: str, reason: str, details: dict) -> str:
    lines = [
        _("Your event “%(title)s” is now: %(status)s.")
        % {"title": event.name, "status": EventStatus(target).label}
    ]
    if reason:
        lines.append(reason)
    if "meeting" in details:
        lines.append(_("Meeting: %(at)s, %(place)s.") % details["meeting"])
    for condition in details.get("conditions", []):
        lines.append("— " + condition)
    return "\n".join(lines)


@transaction.atomic
def accept_alternative(*, user, event: MassEvent):
    """The organizer takes the proposed place, time or route: a new revision with it."""
    event = locked(event)
    check_transition(event=event, user=user, target=EventStatus.SUBMITTED)
    if event.status != EventStatus.ALTERNATIVE_PROPOSED:
        raise Conflict(_("No alternative is waiting for an answer."), status=event.status)
    proposal = event.alternatives.filter(accepted_at__isnull=True).first()
    if proposal is None:
        raise Conflict(_("No alternative is waiting for an answer."), status=event.status)
    before = map_state(event)
    notes = [_("Accepted the proposed alternative.")]
    for name in ("start", "end", "route"):
        if getattr(proposal, name) is not None:
            setattr(event, name, getattr(proposal, name))
    if proposal.perimeter is not None:
        event.perimeter = proposal.perimeter
        if event.exits:
            event.exits = []
            notes.append(
                _("The exits of the old perimeter were removed; declare the new ones in a revision.")
            )
    proposal.accepted_at = timezone.now()
    proposal.save()
    revision = file_revision(
        event, user=user, note=" ".join(notes), from_status=EventStatus.ALTERNATIVE_PROPOSED
    )
    record_map_changes(before, map_state(event), user=user)
    return revision


def _message_organizer(event: MassEvent, *, user, body: str) -> EventMessage:
    message = EventMessage.objects.create(event=event, author=user, internal=False, body=body)
    address = event.organizer_account.email or event.organizer_email
    if address:
        subject = _("Mass event “%(title)s”") % {"title": event.name}
        transaction.on_commit(lambda: _send(subject, body, address))
    return message


def _send(subject: str, body: str, address: str) -> None:
    try:
        send_mail(subject, body, None, [address])
    except (SMTPException, OSError):
        # The message is stored and shown in the portal; the e-mail is only a notice.
        logger.warning("Could not e-mail %s about an event", address, exc_info=True)


@transaction.atomic
def post_message(*, user, event: MassEvent, body: str, internal: bool = False) -> EventMessage:
    if is_reviewer(user):
        if internal:
            return EventMessage.objects.create(event=event, author=user, internal=True, body=body)
        return _message_organizer(event, user=user, body=body)
    if event.organizer_account_id != user.pk:
        raise Forbidden(_("Only the organizer and the directorate's planners write about an event."))
    if internal:
        raise Forbidden(_("Internal notes are for the directorate."))
    return EventMessage.objects.create(event=event, author=user, internal=False, body=body)


def _check_due(due_at) -> None:
    if due_at <= timezone.now():
        raise InvalidParameter(_("The task's due time is in the past."), parameter="due_at")


@transaction.atomic
def create_task(*, user, event: MassEvent, structure: str, description: str, due_at) -> EventTask:
    ensure_reviewer(user)
    if event.status in CLOSED:
        raise Conflict(
            _("No tasks for an event that is %(status)s.") % {"status": EventStatus(event.status).label},
            status=event.status,
        )
    _check_due(due_at)
    return EventTask.objects.create(
        event=event, structure=structure, description=description, due_at=due_at, created_by=user
    )


@transaction.atomic
def update_task(
    *, user, task: EventTask, status: str | None = None, description: str | None = None, due_at=None
) -> EventTask:
    task = EventTask.objects.select_for_update().get(pk=task.pk)
    if not is_reviewer(user):
        own = role_of(user) == Role.PARTNER and Structure.for_agency(user.agency) == task.structure
        if not own:
            raise NotFound(_("There is no task %(id)s, or it is not yours.") % {"id": task.pk})
        if description is not None or due_at is not None:
            raise Forbidden(_("A structure reports its task done; the directorate sets what and when."))
    if description is not None:
        task.description = description
    if due_at is not None:
        _check_due(due_at)
        task.due_at = due_at
    if status is not None and status != task.status:
        task.status = status
        task.completed_at = timezone.now() if status == TaskStatus.DONE else None
        task.completed_by = user if status == TaskStatus.DONE else None
    task.save()
    return task


@transaction.atomic
def save_opinion(
    *, user, event: MassEvent, proposed_decision: str, conditions: list[str], justification: str
) -> Opinion:
    """The directorate's opinion to the mayor on the current revision."""
    ensure_reviewer(user)
    if event.status == EventStatus.DRAFT:
        raise Conflict(_("A draft has no opinion; it is not filed yet."), status=event.status)
    opinion, _created = Opinion.objects.update_or_create(
        event=event,
        defaults={
            "revision": _current_revision(event),
            "proposed_decision": proposed_decision,
            "conditions": [c.strip() for c in conditions if c.strip()],
            "justification": justification,
            "author": user,
        },
    )
    return opinion


@transaction.atomic
def refresh_assessment(*, user, event: MassEvent) -> EventAssessment:
    """Assess the current revision again (other events may have been filed since)."""
    ensure_reviewer(user)
    if event.status == EventStatus.DRAFT:
        raise Conflict(_("A draft is assessed when it is submitted."), status=event.status)
    return queue_assessment(event, _current_revision(event))
