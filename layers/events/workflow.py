"""The review workflow: which status may follow which, and who may move it.

    draft ─submit→ submitted ─→ under_review ⇄ meeting_requested
    under_review | meeting_requested ─→ approved | alternative_proposed | rejected
    alternative_proposed ─(new revision, or the proposal accepted)→ submitted
    submitted | under_review | meeting_requested ─(new revision)→ submitted
    any filed and not closed ─organizer→ withdrawn

Reviewers are planners (and administrators); the organizer is the account that filed it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from geo_platform.accounts.models import Role
from geo_platform.accounts.roles import role_of
from geo_platform.errors import Conflict, Forbidden, InvalidParameter
from layers.events.models.choices import EventStatus as S
from layers.events.models.choices import Track

ORGANIZER = "organizer"
REVIEWER = "reviewer"

TRANSITIONS: dict[tuple[str, str], str] = {
    (S.DRAFT, S.SUBMITTED): ORGANIZER,
    (S.SUBMITTED, S.UNDER_REVIEW): REVIEWER,
    (S.UNDER_REVIEW, S.MEETING_REQUESTED): REVIEWER,
    (S.MEETING_REQUESTED, S.UNDER_REVIEW): REVIEWER,
    **{
        (source, target): REVIEWER
        for source in (S.UNDER_REVIEW, S.MEETING_REQUESTED)
        for target in (S.APPROVED, S.ALTERNATIVE_PROPOSED, S.REJECTED)
    },
    **{
        (source, S.SUBMITTED): ORGANIZER
        for source in (S.SUBMITTED, S.UNDER_REVIEW, S.MEETING_REQUESTED, S.ALTERNATIVE_PROPOSED)
    },
    **{
        (source, S.WITHDRAWN): ORGANIZER
        for source in (S.SUBMITTED, S.UNDER_REVIEW, S.MEETING_REQUESTED, S.ALTERNATIVE_PROPOSED, S.APPROVED)
    },
}

# Statuses a reviewer's transition must explain (the organizer reads the reason).
REASON_REQUIRED = {S.MEETING_REQUESTED, S.ALTERNATIVE_PROPOSED, S.REJECTED, S.WITHDRAWN}
# Reached only through their own endpoints, which carry what they need.
SPECIAL_TARGETS = {S.SUBMITTED: "submit/ or revisions/"}
# An organizer may send a new revision from these.
REVISABLE = {S.SUBMITTED, S.UNDER_REVIEW, S.MEETING_REQUESTED, S.ALTERNATIVE_PROPOSED}


def is_reviewer(user) -> bool:
    return role_of(user) in (Role.PLANNER, Role.ADMIN)


def actor_kind(user, event) -> str | None:
    if is_reviewer(user):
        return REVIEWER
    if user is not None and user.is_authenticated and event.organizer_account_id == user.pk:
        return ORGANIZER
    return None


def allowed_targets(status: str, actor: str | None) -> list[str]:
    return [
        target
        for (source, target), who in TRANSITIONS.items()
        if source == status and who == actor and target != status
    ]


def reason_required_for(targets: list[str]) -> list[str]:
    """The statuses among `targets` that may be reached only with a reason."""
    return [target for target in targets if target in REASON_REQUIRED]


def check_transition(*, event, user, target: str, reason: str = "") -> str:
    """The actor kind, or the error that says why this transition may not happen."""
    if target not in S.values:
        raise InvalidParameter(
            _("Unknown status %(status)r; statuses are %(all)s.")
            % {"status": target, "all": ", ".join(S.values)},
            parameter="to",
        )
    actor = actor_kind(user, event)
    who = TRANSITIONS.get((event.status, target))
    if who is None:
        allowed = allowed_targets(event.status, actor)
        raise Conflict(
            _("An event that is %(status)s cannot become %(target)s; it can become: %(allowed)s.")
            % {
                "status": S(event.status).label,
                "target": S(target).label,
                "allowed": ", ".join(str(S(a).label) for a in allowed) or _("nothing (its review is closed)"),
            },
            status=event.status,
        )
    if who != actor:
        message = (
            _("Only the directorate's planners can move an event to %(target)s.")
            if who == REVIEWER
            else _("Only the organizer who filed the event can move it to %(target)s.")
        )
        raise Forbidden(message % {"target": S(target).label})
    if target in REASON_REQUIRED and not reason.strip():
        raise InvalidParameter(
            _("Moving an event to %(target)s needs a reason; the organizer will read it.")
            % {"target": S(target).label},
            parameter="reason",
        )
    return actor


# The municipality's own deadline to answer a filing, per legal track (rules as data).
# ЗСММ, чл. 12, ал. 2: a ban of a notified meeting, rally or manifestation is reasoned in
# writing and served on the organizers within 24 hours of the notification; an answer later
# than that cannot stop the event. The ordinance sets no such term for applications.
@dataclass(frozen=True)
class AnswerRule:
    track: str
    hours: int
    basis: str
    what: str  # lazy translation: what must be done by then


ANSWER_RULES: dict[str, AnswerRule] = {
    Track.NOTIFICATION: AnswerRule(
        Track.NOTIFICATION,
        24,
        "ЗСММ, чл. 12, ал. 2",
        gettext_lazy("A ban or another place, time or route must be served on the organizers"),
    ),
}
# Statuses in which the municipality has answered (the clock stops).
ANSWERED = {S.APPROVED, S.ALTERNATIVE_PROPOSED, S.REJECTED, S.WITHDRAWN}


def answer_deadline(event, *, now: datetime | None = None) -> dict | None:
    """When the municipality must answer this filing, and whether it still can; None where
    the track sets no term or the event was never filed."""
    rule = ANSWER_RULES.get(event.track)
    if rule is None or event.filed_at is None:
        return None
    due = event.filed_at + timedelta(hours=rule.hours)
    now = now or timezone.now()
    answered = event.status in ANSWERED
    return {
        "due_at": due.isoformat(timespec="seconds"),
        "hours": rule.hours,
        "basis": rule.basis,
        "what": str(rule.what),
        "answered": answered,
        "overdue": not answered and now > due,
        "hours_left": None if answered else round((due - now).total_seconds() / 3600, 1),
    }
