"""Who may use the risk models.

Analysts and planners (and administrators) run scenarios, rank measures, edit the programme
and export; they also see each other's scenarios, which are the directorate's shared work.
Everyone else — duty operators, partners, organizers, the public — gets 403: results name
critical sites, which are restricted data.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from geo_platform.accounts.models import Role
from geo_platform.accounts.roles import role_of
from geo_platform.errors import Forbidden

RISK_ROLES = frozenset({Role.ANALYST, Role.PLANNER, Role.ADMIN})


def can_use_risk_models(user) -> bool:
    return role_of(user) in RISK_ROLES


def ensure_can_use_risk_models(user) -> None:
    if not can_use_risk_models(user):
        raise Forbidden(_("Risk scenarios and risk maps are for analysts and planners."))


def ensure_can_delete_scenario(user, scenario) -> None:
    ensure_can_use_risk_models(user)
    if scenario.owner_id != user.pk and role_of(user) != Role.ADMIN:
        raise Forbidden(_("Only the scenario's author or an administrator deletes it."))


def ensure_can_download(user, job) -> None:
    """The export's owner, analysts and planners (and administrators) download it."""
    if job.owner_id == getattr(user, "pk", None) and user.is_authenticated:
        return
    ensure_can_use_risk_models(user)
