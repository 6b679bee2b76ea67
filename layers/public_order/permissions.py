"""Who sees what of public order: hot spots and proposals for analysts, planners and administrators;
the public (and everybody else) only incident counts per district."""

from __future__ import annotations

from django.utils.translation import gettext as _

from geo_platform.accounts.models import Role
from geo_platform.accounts.roles import role_of
from geo_platform.errors import Forbidden

ANALYSIS_ROLES = frozenset({Role.ANALYST, Role.PLANNER, Role.ADMIN})


def ensure_can_analyse(user) -> None:
    if role_of(user) not in ANALYSIS_ROLES:
        raise Forbidden(_("Hot-spot analyses are for the directorate's analysts and planners."))
