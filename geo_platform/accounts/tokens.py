"""API tokens that expire, can be renewed by their owner and revoked by the admin.

DRF's Token (one per user) stays the storage, so partners' scripts keep sending
`Authorization: Token <key>`; ApiTokenExpiry holds the date it stops working.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework.authentication import TokenAuthentication
from rest_framework.authtoken.models import Token
from rest_framework.exceptions import AuthenticationFailed

from geo_platform.accounts.models import ApiTokenExpiry, User


def expires_at(token: Token) -> datetime:
    try:
        return token.expiry.expires_at
    except ApiTokenExpiry.DoesNotExist:
        return token.created + timedelta(days=settings.API_TOKEN_DAYS)


def is_expired(token: Token) -> bool:
    return expires_at(token) <= timezone.now()


@transaction.atomic
def issue_token(user: User) -> Token:
    """A new token for the user; the old one (if any) stops working at once."""
    Token.objects.filter(user=user).delete()
    token = Token.objects.create(user=user)
    ApiTokenExpiry.objects.create(
        token=token, expires_at=token.created + timedelta(days=settings.API_TOKEN_DAYS)
    )
    return token


def current_token(user: User) -> Token:
    """The user's token if it still works, else a new one."""
    token = Token.objects.select_related("expiry").filter(user=user).first()
    if token is None or is_expired(token):
        return issue_token(user)
    return token


class ExpiringTokenAuthentication(TokenAuthentication):
    """`Authorization: Token <key>`, refused once the token has expired."""

    def authenticate_credentials(self, key: str):
        try:
            token = Token.objects.select_related("user", "expiry").get(key=key)
        except Token.DoesNotExist:
            raise AuthenticationFailed(_("Invalid token.")) from None
        if not token.user.is_active:
            raise AuthenticationFailed(_("User inactive or deleted."))
        if is_expired(token):
            raise AuthenticationFailed(
                _("The API token expired on %(date)s; sign in and ask for a new one (POST /api/auth/token/).")
                % {"date": timezone.localtime(expires_at(token)).strftime("%Y-%m-%d")}
            )
        return token.user, token
