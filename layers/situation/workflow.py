"""Incident statuses and alert approval as data, with one function that explains a refusal.

    new ─→ acknowledged ─→ in_progress ─→ closed
    new ─→ in_progress;  new | acknowledged ─→ closed (a note is required: why closed unseen)

Who writes: duty operators, planners and administrators; partners only push new incidents
through the API with the incidents:write scope. An alert is approved by an authorised person
other than the one who composed it (two-person rule).
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from geo_platform.accounts.models import Role
from geo_platform.accounts.roles import role_of
from geo_platform.errors import Forbidden
from layers.situation.choices import Status as S
from layers.situation.errors import TransitionRefused

WRITERS = frozenset({Role.DUTY_OPERATOR, Role.PLANNER, Role.ADMIN})
# Alerts are composed by the same roles and approved by a planner or administrator (not an operator
# alone): the second person of the two-person rule carries the directorate's authority.
APPROVERS = frozenset({Role.PLANNER, Role.ADMIN})

TRANSITIONS: dict[tuple[str, str], bool] = {
    # (from, to): a note is required
    (S.NEW, S.ACKNOWLEDGED): False,
    (S.NEW, S.IN_PROGRESS): False,
    (S.ACKNOWLEDGED, S.IN_PROGRESS): False,
    (S.IN_PROGRESS, S.CLOSED): False,
    (S.NEW, S.CLOSED): True,
    (S.ACKNOWLEDGED, S.CLOSED): True,
}
TIME_FIELD = {S.ACKNOWLEDGED: "acknowledged_at", S.IN_PROGRESS: "in_progress_at", S.CLOSED: "closed_at"}
OPEN = (S.NEW, S.ACKNOWLEDGED, S.IN_PROGRESS)


def is_writer(user) -> bool:
    return role_of(user) in WRITERS


def ensure_writer(user) -> None:
    if not is_writer(user):
        raise Forbidden(
            _("Only duty operators, planners and administrators may change incidents and alerts.")
        )


def ensure_approver(user, composed_by_id: int) -> None:
    if role_of(user) not in APPROVERS:
        raise Forbidden(_("Only a planner or an administrator may approve an alert."))
    if user.pk == composed_by_id:
        raise Forbidden(_("The person who composed an alert cannot approve it: a second person must."))


def allowed_targets(status: str) -> list[dict]:
    return [{"status": t, "note_required": note} for (f, t), note in TRANSITIONS.items() if f == status]


def check_transition(current: str, target: str, note: str) -> None:
    """Raise TransitionRefused explaining why `current` → `target` is not allowed now."""
    if (current, target) not in TRANSITIONS:
        allowed = ", ".join(str(S(item["status"]).label) for item in allowed_targets(current)) or "—"
        raise TransitionRefused(
            _("An incident that is “%(current)s” cannot become “%(target)s”. Possible next: %(allowed)s.")
            % {
                "current": S(current).label,
                "target": S(target).label if target in S.values else target,
                "allowed": allowed,
            },
            parameter="status",
        )
    if TRANSITIONS[(current, target)] and not note.strip():
        raise TransitionRefused(
            _("Closing an incident before it is worked on needs a note saying why."), parameter="note"
        )
