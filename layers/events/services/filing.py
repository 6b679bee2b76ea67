"""Filing an event: drafts, submission and revisions. Every write is one transaction that
checks everything first, so a refused request leaves nothing behind."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from geo_platform.accounts.models import Role
from geo_platform.accounts.roles import role_of
from geo_platform.errors import Conflict, Forbidden, InvalidParameter
from layers.events.deadlines import check_deadlines
from layers.events.models import EventRevision, EventStatus, EventTransition, MassEvent, StreetClosure
from layers.events.services.assessment import queue_assessment
from layers.events.services.changes import map_state, record_map_changes
from layers.events.services.content import Content, check_content, missing_for_submission, snapshot
from layers.events.workflow import REVISABLE, check_transition


def ensure_organizer(user) -> None:
    if role_of(user) != Role.ORGANIZER:
        raise Forbidden(_("Only organizers' accounts file mass events; register as an organizer."))


def locked(event: MassEvent) -> MassEvent:
    # Row lock: two requests on one event serialise, and the revision numbers stay in order.
    return MassEvent.objects.select_for_update().get(pk=event.pk)


def _apply(event: MassEvent, content: Content) -> None:
    for name, value in content.values.items():
        setattr(event, name, value)
    if event.perimeter is None:
        event.exits = []


def _replace_closures(event: MassEvent, closures: list[dict] | None) -> None:
    if closures is None:
        return
    event.closures.all().delete()
    StreetClosure.objects.bulk_create(
        StreetClosure(
            event=event, name=c["name"], segment=c["segment"], start=c["start"], end=c["end"], note=c["note"]
        )
        for c in closures
    )


@transaction.atomic
def create_event(*, user, data: dict, repair: bool = False, submit: bool = False) -> MassEvent:
    """A new draft, owned by the organizer who sent it; submitted at once if `submit`.

    One transaction: a draft that cannot be submitted is not kept either.
    """
    ensure_organizer(user)
    content = check_content(data, current=None, repair=repair)
    event = MassEvent(organizer_account=user, status=EventStatus.DRAFT, source="user")
    _apply(event, content)
    event.save()
    _replace_closures(event, content.closures)
    record_map_changes(map_state(None), map_state(event), user=user)
    if submit:
        submit_event(user=user, event=event)
        event.refresh_from_db()
    return event


@transaction.atomic
def update_draft(*, user, event: MassEvent, data: dict, repair: bool = False) -> MassEvent:
    event = locked(event)
    if event.organizer_account_id != user.pk:
        raise Forbidden(_("Only the organizer who filed the event may change it."))
    if event.status != EventStatus.DRAFT:
        raise Conflict(
            _(
                "The event is submitted; change it with a new revision (POST revisions/), which keeps the old one."
            ),
            status=event.status,
        )
    before = map_state(event)
    content = check_content(data, current=event, repair=repair)
    _apply(event, content)
    event.save()
    _replace_closures(event, content.closures)
    record_map_changes(before, map_state(event), user=user)
    return event


@transaction.atomic
def delete_draft(*, user, event: MassEvent) -> None:
    event = locked(event)
    if event.organizer_account_id != user.pk:
        raise Forbidden(_("Only the organizer who filed the event may delete it."))
    if event.status != EventStatus.DRAFT:
        raise Conflict(
            _("Only drafts can be deleted; withdraw a submitted event instead."), status=event.status
        )
    before = map_state(event)
    event.delete()
    record_map_changes(before, map_state(None), user=user)


def _ready_to_file(event: MassEvent) -> None:
    missing = missing_for_submission(event)
    if missing:
        raise InvalidParameter(
            _("Before submitting, fill in: %(missing)s.") % {"missing": ", ".join(missing)}, missing=missing
        )
    if event.start <= timezone.now():
        raise InvalidParameter(_("The event's start is in the past."), parameter="start")


def file_revision(event: MassEvent, *, user, note: str, from_status: str) -> EventRevision:
    """Check the deadlines, keep the content as revision N+1, log the step, assess it."""
    report = check_deadlines(
        kind=event.kind,
        start=event.start,
        filed_at=event.filed_at,
        has_closures=event.closures.exists(),
        urgent=event.urgent,
        urgent_reason=event.urgent_reason,
    )
    event.deadline_report = report
    event.late = report["late"]
    event.revision += 1
    event.status = EventStatus.SUBMITTED
    event.save()
    revision = EventRevision.objects.create(
        event=event,
        number=event.revision,
        created_by=user,
        note=note,
        content=snapshot(event),
        deadline_report=report,
    )
    EventTransition.objects.create(
        event=event,
        from_status=from_status,
        to_status=EventStatus.SUBMITTED,
        user=user,
        reason=note,
        revision=revision.number,
        details={"late": report["late"], "urgent": event.urgent},
    )
    queue_assessment(event, revision)
    return revision


@transaction.atomic
def submit_event(*, user, event: MassEvent) -> EventRevision:
    """File a draft: deadlines checked (a late filing is accepted and flagged), revision 1 kept, assessed."""
    event = locked(event)
    check_transition(event=event, user=user, target=EventStatus.SUBMITTED)
    _ready_to_file(event)
    before = map_state(event)
    event.filed_at = timezone.now()
    revision = file_revision(event, user=user, note=_("Submitted."), from_status=EventStatus.DRAFT)
    record_map_changes(before, map_state(event), user=user)
    return revision


@transaction.atomic
def revise_event(
    *, user, event: MassEvent, data: dict, note: str = "", repair: bool = False
) -> EventRevision:
    """A new revision of a submitted event: the fields sent replace the current ones."""
    event = locked(event)
    if event.status not in REVISABLE:
        raise Conflict(
            _("An event that is %(status)s cannot be revised.") % {"status": EventStatus(event.status).label},
            status=event.status,
        )
    check_transition(event=event, user=user, target=EventStatus.SUBMITTED)
    before = map_state(event)
    from_status = event.status
    content = check_content(data, current=event, repair=repair)
    _apply(event, content)
    _ready_to_file(event)
    event.save()
    _replace_closures(event, content.closures)
    revision = file_revision(event, user=user, note=note or _("New revision."), from_status=from_status)
    record_map_changes(before, map_state(event), user=user)
    return revision
