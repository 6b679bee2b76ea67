"""Who sees inspections: the directorate's inspectors (planners) and administrators do everything;
analysts read. Security companies, organizers, partners, the duty operator and the public see
nothing (403, as for the public-order analyses)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from geo_platform.accounts.models import Role
from geo_platform.accounts.roles import role_of
from geo_platform.errors import Forbidden

READ_ROLES = frozenset({Role.ANALYST, Role.PLANNER, Role.ADMIN})
WRITE_ROLES = frozenset({Role.PLANNER, Role.ADMIN})


def ensure_can_read(user) -> None:
    if role_of(user) not in READ_ROLES:
        raise Forbidden(_("Inspections of guarded sites are for the directorate's inspectors and analysts."))


def ensure_can_write(user) -> None:
    ensure_can_read(user)
    if role_of(user) not in WRITE_ROLES:
        raise Forbidden(
            _("Only the directorate's inspectors (planners) may change inspections and schedules.")
        )
