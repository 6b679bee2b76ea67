"""Reads of events, always through what the caller may see.

An organizer sees their own filings (and nothing of other organizers: another's event is
"not found", never "forbidden"); the directorate's staff see every filed event; partners
and the public see approved events, without personal data, through `public_*`.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from geo_platform.accounts.models import Role
from geo_platform.accounts.roles import policy_for, role_of
from geo_platform.errors import InvalidParameter, NotFound
from layers.events.models import (
    AssessmentStatus,
    EventAssessment,
    EventKind,
    EventMessage,
    EventStatus,
    EventTask,
    MassEvent,
    Structure,
    TaskStatus,
    Track,
)


def events_for(user) -> QuerySet[MassEvent]:
    """The filings this user may open."""
    if policy_for(user).staff:
        return MassEvent.objects.exclude(status=EventStatus.DRAFT)
    if role_of(user) == Role.ORGANIZER:
        return MassEvent.objects.filter(organizer_account=user)
    return MassEvent.objects.none()


def get_event(user, event_id: int) -> MassEvent:
    event = events_for(user).select_related("organizer_account").filter(pk=event_id).first()
    if event is None:
        raise NotFound(_("There is no event %(id)s, or it is not yours.") % {"id": event_id})
    return event


def _moment(value: str, parameter: str, *, end_of_day: bool) -> datetime:
    """A date (a whole day: its start, or its end when `end_of_day`) or a date and time."""
    try:
        day = parse_date(value)
        moment = None if day is not None else parse_datetime(value)
    except ValueError:
        day = moment = None
    if day is not None:
        moment = datetime.combine(day + timedelta(days=1) if end_of_day else day, time.min)
    if moment is None:
        raise InvalidParameter(
            _("%(parameter)s must be a date (2026-05-01) or a date and time; got %(value)r.")
            % {"parameter": parameter, "value": value},
            parameter=parameter,
        )
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def _choices(value: str, parameter: str, choices) -> list[str]:
    values = [item.strip() for item in value.split(",") if item.strip()]
    wrong = [item for item in values if item not in choices.values]
    if wrong:
        raise InvalidParameter(
            _("%(value)r is not one of the values of %(name)s: %(allowed)s.")
            % {"value": wrong[0], "name": parameter, "allowed": ", ".join(choices.values)},
            parameter=parameter,
        )
    return values


def filter_events(queryset: QuerySet[MassEvent], params) -> QuerySet[MassEvent]:
    """Events that take place between `from` and `to` (dates are whole days), by status, kind, track, text."""
    start = _moment(params["from"], "from", end_of_day=False) if params.get("from") else None
    end = _moment(params["to"], "to", end_of_day=True) if params.get("to") else None
    if start and end and end <= start:
        raise InvalidParameter(_("'to' must come after 'from'."), parameter="to")
    if start:
        queryset = queryset.filter(end__gt=start)
    if end:
        queryset = queryset.filter(start__lt=end)
    if params.get("status"):
        queryset = queryset.filter(status__in=_choices(params["status"], "status", EventStatus))
    if params.get("kind"):
        queryset = queryset.filter(kind__in=_choices(params["kind"], "kind", EventKind))
    if params.get("track"):
        queryset = queryset.filter(track__in=_choices(params["track"], "track", Track))
    if params.get("late") in ("true", "1"):
        queryset = queryset.filter(late=True)
    if params.get("q"):
        queryset = queryset.filter(name__icontains=params["q"].strip())
    return queryset.order_by("start", "pk")


def public_events(params) -> QuerySet[MassEvent]:
    """Approved events, for anyone."""
    queryset = MassEvent.objects.filter(status=EventStatus.APPROVED)
    return filter_events(queryset, {k: v for k, v in params.items() if k != "status"}).prefetch_related(
        "closures"
    )


def latest_assessment(event: MassEvent, *, done: bool = False) -> EventAssessment | None:
    """The newest assessment of the current revision (`done`: the newest finished one)."""
    rows = event.assessments.filter(revision__number=event.revision)
    return (rows.filter(status=AssessmentStatus.DONE) if done else rows).first()


def messages_for(user, event: MassEvent) -> QuerySet[EventMessage]:
    messages = event.messages.select_related("author")
    # Internal notes are the directorate's; the organizer reads the rest.
    return messages if policy_for(user).staff else messages.filter(internal=False)


def tasks_for(user, params=None) -> QuerySet[EventTask]:
    """Tasks a user answers for: all for staff, their structure's for a partner."""
    tasks = EventTask.objects.select_related("event")
    if not policy_for(user).staff:
        structure = (
            Structure.for_agency(getattr(user, "agency", "")) if role_of(user) == Role.PARTNER else None
        )
        if structure is None:
            return EventTask.objects.none()
        tasks = tasks.filter(structure=structure)
    params = params or {}
    if params.get("structure"):
        tasks = tasks.filter(structure__in=_choices(params["structure"], "structure", Structure))
    if params.get("status"):
        tasks = tasks.filter(status__in=_choices(params["status"], "status", TaskStatus))
    return tasks.order_by("due_at", "pk")


def get_task(user, task_id: int) -> EventTask:
    task = tasks_for(user).filter(pk=task_id).first()
    if task is None:
        raise NotFound(_("There is no task %(id)s, or it is not yours.") % {"id": task_id})
    return task


def visible_on_map(user) -> QuerySet[MassEvent]:
    """Events for the map: the caller's own and filed ones as above, and approved ones for everyone."""
    return MassEvent.objects.filter(Q(pk__in=events_for(user).values("pk")) | Q(status=EventStatus.APPROVED))
