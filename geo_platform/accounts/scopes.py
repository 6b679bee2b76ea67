"""API scopes that a partner's token carries, as Django permissions of the token's user.

A DRF token stands for its user, so a scope is a permission granted to that user (or a group)
in the admin: `incidents:write` = `situation.incidents_write`. Adding a scope is one line here
and one `Meta.permissions` entry in the app that owns it; nothing in the token table changes.
"""

from __future__ import annotations

SCOPES: dict[str, str] = {
    "incidents:write": "situation.incidents_write",
}


def has_scope(user, scope: str) -> bool:
    """True when the (token) user holds the scope; unknown scopes are never held."""
    permission = SCOPES.get(scope)
    return bool(permission and user is not None and user.is_authenticated and user.has_perm(permission))
