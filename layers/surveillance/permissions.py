"""Who may run which surveillance analysis; the layer catalogue's visibility decides the rest.

- who-sees, coverage, outage impact and exports: whoever may see the `cameras` layer (the
  directorate's staff; partners if an administrator shares the layer with them);
- placement (a proposal, nothing saved): analysts, planners and administrators;
- writes (cameras, imports, saving a placement as planned cameras): planners and
  administrators, through layers.services.ensure_can_edit.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from geo_platform.accounts.models import Role
from geo_platform.accounts.roles import role_of
from geo_platform.errors import Forbidden
from layers import selectors as layer_selectors
from layers import services as layer_services
from layers.surveillance.layer_specs import CAMERAS

PLANNING_ROLES = frozenset({Role.ANALYST, Role.PLANNER, Role.ADMIN})


def ensure_can_see_cameras(user) -> None:
    if not layer_selectors.visible_layers(user).filter(slug=CAMERAS.slug).exists():
        raise Forbidden(_("Camera data and analyses are for the directorate's staff."))


def ensure_can_plan(user) -> None:
    ensure_can_see_cameras(user)
    if role_of(user) not in PLANNING_ROLES:
        raise Forbidden(_("Camera placement is run by analysts and planners."))


def ensure_can_write(user) -> None:
    ensure_can_see_cameras(user)
    layer_services.ensure_can_edit(user, CAMERAS)
