"""Who sees what of public order: hot spots and proposals for analysts, planners and administrators;
the public (and everybody else) only incident counts per district."""

from __future__ import annotations

from django.utils.translation import gettext as _

from geo_platform.accounts.models import PartnerAgency, Role
from geo_platform.accounts.roles import role_of
from geo_platform.errors import Forbidden

ANALYSIS_ROLES = frozenset({Role.ANALYST, Role.PLANNER, Role.ADMIN})


def ensure_can_analyse(user) -> None:
    if role_of(user) not in ANALYSIS_ROLES:
        raise Forbidden(_("Hot-spot analyses are for the directorate's analysts and planners."))


# Patrol plans: written by those who run the analyses; read also by the duty operator and the
# Municipal Police sector's own accounts (a partner of that agency). Nobody else sees them.
PATROL_EDIT_ROLES = ANALYSIS_ROLES


def can_read_patrols(user) -> bool:
    role = role_of(user)
    if role in PATROL_EDIT_ROLES or role == Role.DUTY_OPERATOR:
        return True
    return role == Role.PARTNER and getattr(user, "agency", "") == PartnerAgency.MUNICIPAL_POLICE


def ensure_can_read_patrols(user) -> None:
    if not can_read_patrols(user):
        raise Forbidden(_("Patrol plans are for the directorate's planners, analysts and duty operators."))


def ensure_can_plan_patrols(user) -> None:
    if role_of(user) not in PATROL_EDIT_ROLES:
        raise Forbidden(_("Only the directorate's planners and analysts make and change patrol plans."))
