"""Who may use counter-terrorism planning.

- reading sites, surveys, findings and running the analyses: analysts, planners, administrators,
  and only while the protected-sites layer is visible to them (restricted class);
- writing surveys and findings: planners and administrators.
Everyone else gets 404 — the existence of a protected site is itself not told.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from geo_platform.accounts.models import Role
from geo_platform.accounts.roles import role_of
from geo_platform.errors import Forbidden, NotFound
from layers import selectors as layer_selectors
from layers.counterterrorism.layer_specs import PROTECTED_SITES

ANALYSTS = frozenset({Role.ANALYST, Role.PLANNER, Role.ADMIN})
WRITERS = frozenset({Role.PLANNER, Role.ADMIN})


def ensure_can_read(user) -> None:
    if (
        role_of(user) not in ANALYSTS
        or not layer_selectors.visible_layers(user).filter(slug=PROTECTED_SITES.slug).exists()
    ):
        raise NotFound(_("Not found."))


def ensure_can_write(user) -> None:
    ensure_can_read(user)
    if role_of(user) not in WRITERS:
        raise Forbidden(_("Security surveys are recorded by planners."))
