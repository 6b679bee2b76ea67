"""What each role may do: one table that the API, the admin and the tiles all consult."""

from __future__ import annotations

from dataclasses import dataclass

from geo_platform.accounts.models import Role


class Visibility:
    """Layer visibility classes, from the most open to the most closed."""

    PUBLIC = "public"
    PARTNER = "partner"
    INTERNAL = "internal"
    RESTRICTED = "restricted"

    CHOICES = (
        (PUBLIC, "Публичен"),
        (PARTNER, "Споделен с партньори"),
        (INTERNAL, "Вътрешен"),
        (RESTRICTED, "Ограничен достъп"),
    )


@dataclass(frozen=True)
class RolePolicy:
    visible: frozenset[str]
    edits_layers: bool = False
    staff: bool = False


POLICIES: dict[str, RolePolicy] = {
    Role.PUBLIC: RolePolicy(frozenset({Visibility.PUBLIC})),
    Role.ORGANIZER: RolePolicy(frozenset({Visibility.PUBLIC})),
    Role.PARTNER: RolePolicy(frozenset({Visibility.PUBLIC, Visibility.PARTNER})),
    Role.DUTY_OPERATOR: RolePolicy(
        frozenset({Visibility.PUBLIC, Visibility.PARTNER, Visibility.INTERNAL}), staff=True
    ),
    Role.ANALYST: RolePolicy(
        frozenset({Visibility.PUBLIC, Visibility.PARTNER, Visibility.INTERNAL, Visibility.RESTRICTED}),
        staff=True,
    ),
    Role.PLANNER: RolePolicy(
        frozenset({Visibility.PUBLIC, Visibility.PARTNER, Visibility.INTERNAL, Visibility.RESTRICTED}),
        edits_layers=True,
        staff=True,
    ),
    Role.ADMIN: RolePolicy(
        frozenset({Visibility.PUBLIC, Visibility.PARTNER, Visibility.INTERNAL, Visibility.RESTRICTED}),
        edits_layers=True,
        staff=True,
    ),
}


def role_of(user) -> str:
    if user is None or not user.is_authenticated:
        return Role.PUBLIC
    return user.effective_role


def policy_for(user) -> RolePolicy:
    return POLICIES[role_of(user)]


def visibility_class(user) -> str:
    """A key naming what this user may see; users with the same key see the same data."""
    role = role_of(user)
    if role == Role.PARTNER:
        return f"partner:{user.agency or 'all'}"
    return "+".join(sorted(POLICIES[role].visible))
