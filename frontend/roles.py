"""Which map tools each role gets: one table that the templates and the map script read.

The API enforces every permission on its own; this table only decides what the interface
offers, so that, say, an organizer is not shown planner tools that would answer 403.
"""

from __future__ import annotations

from django.utils.translation import pgettext_lazy

from geo_platform.accounts.models import Role
from geo_platform.accounts.roles import policy_for, role_of

# Tools every visitor has: find, measure, read coordinates, share and print the view.
COMMON_TOOLS = ("search", "measure", "coordinates", "permalink", "print", "export")

EXTRA_TOOLS: dict[str, tuple[str, ...]] = {
    Role.PUBLIC: (),
    Role.ORGANIZER: ("events_portal",),
    Role.PARTNER: (),
    Role.DUTY_OPERATOR: ("history", "events_review", "surveillance", "situation", "patrol-plans"),
    Role.ANALYST: (
        "history",
        "events_review",
        "surveillance",
        "risk",
        "situation",
        "counterterrorism",
        "public-order",
        "inspections",
    ),
    # risk: the disaster-risk scenarios panel (the /api/risk/ API allows analysts, planners, admins).
    # placement-save: saving proposed cameras as planned (the API allows planners and admins).
    # counterterrorism: protected sites, surveys, cordons, approaches (/api/ct/: analysts, planners, admins).
    # public-order: hot spots and prevention-area proposals (/api/public-order/: analysts, planners, admins).
    # patrol-plans: the public-order panel with the saved patrol plans only, to read (duty operators).
    # inspections: guarded sites' schedule, inspections, reports (/api/inspections/: analysts read; planners,
    # admins write: inspections-write).
    Role.PLANNER: (
        "history",
        "edit",
        "events_review",
        "surveillance",
        "placement-save",
        "risk",
        "situation",
        "counterterrorism",
        "public-order",
        "inspections",
        "inspections-write",
    ),
    Role.ADMIN: (
        "history",
        "edit",
        "administration",
        "events_review",
        "surveillance",
        "placement-save",
        "risk",
        "situation",
        "counterterrorism",
        "public-order",
        "inspections",
        "inspections-write",
    ),
}

# Interface labels of the roles; a context keeps them apart from the model's own strings.
ROLE_LABELS = {
    Role.PLANNER: pgettext_lazy("role", "Planner"),
    Role.ANALYST: pgettext_lazy("role", "Analyst"),
    Role.DUTY_OPERATOR: pgettext_lazy("role", "Duty operator"),
    Role.ORGANIZER: pgettext_lazy("role", "Event organizer"),
    Role.PARTNER: pgettext_lazy("role", "Partner agency"),
    Role.PUBLIC: pgettext_lazy("role", "Guest"),
    Role.ADMIN: pgettext_lazy("role", "Administrator"),
}


def tools_for(user) -> tuple[str, ...]:
    """The tool names the interface offers this user."""
    role = role_of(user)
    tools = COMMON_TOOLS + EXTRA_TOOLS[role]
    if "edit" in tools and not policy_for(user).edits_layers:
        return tuple(tool for tool in tools if tool != "edit")
    return tools


def role_label(user) -> str:
    return str(ROLE_LABELS[role_of(user)])
