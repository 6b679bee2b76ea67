"""Organizers register themselves and confirm their e-mail address before they can sign in.

The account is created inactive and a link with a one-time token is e-mailed; opening it
activates the account. The token is Django's password-reset token with the account's
active flag in its hash, so it stops working once used (and after PASSWORD_RESET_TIMEOUT).
In development set EMAIL_BACKEND to the console backend to read the link in the log.
"""

from __future__ import annotations

import logging
from smtplib import SMTPException

from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from geo_platform.accounts.models import Role, User
from geo_platform.errors import InvalidParameter, PlatformError

logger = logging.getLogger(__name__)


class MailNotSent(PlatformError):
    status_code = 503
    code = "mail_not_sent"
    default_detail = gettext_lazy("The confirmation e-mail could not be sent; please try again later.")


class ConfirmationTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "geo_platform.accounts.registration.ConfirmationTokenGenerator"

    def _make_hash_value(self, user, timestamp):
        return f"{user.pk}{user.is_active}{user.email}{timestamp}"


confirmation_tokens = ConfirmationTokenGenerator()


def _send_confirmation(user: User, *, confirm_url: str) -> None:
    subject = _("Confirm your e-mail address for the Sofia mass-events portal")
    body = _(
        "Hello %(name)s,\n\nyou registered as an event organizer on the portal of Sofia Municipality's "
        "Security Directorate. Open this link to confirm your e-mail address and activate the account:\n\n"
        "%(url)s\n\nIf you did not register, ignore this message."
    ) % {"name": user.get_full_name() or user.username, "url": confirm_url}
    try:
        send_mail(subject, body, None, [user.email])
    except (SMTPException, OSError):
        logger.warning("Could not send the confirmation e-mail to %s", user.email, exc_info=True)
        raise MailNotSent() from None


def confirmation_path(user: User) -> tuple[str, str]:
    return urlsafe_base64_encode(force_bytes(user.pk)), confirmation_tokens.make_token(user)


def _send_notice(email: str, subject: str, body: str) -> None:
    try:
        send_mail(subject, body, None, [email])
    except (SMTPException, OSError):
        logger.warning("Could not send a registration notice to %s", email, exc_info=True)
        raise MailNotSent() from None


@transaction.atomic
def register_organizer(*, username: str, email: str, password: str, confirm_url, **profile) -> User | None:
    """An inactive organizer account and the e-mail that activates it; `confirm_url(uid, token)` builds the link.

    The answer does not tell whether the username or the e-mail address is in use (that would
    let anyone list accounts): when one is, nothing is created and the e-mail address gets a
    message saying why, so only its owner learns it. Returns the new user, or None then.
    """
    user = User(username=username, email=email, role=Role.ORGANIZER, is_active=False, **profile)
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise InvalidParameter(" ".join(exc.messages), parameter="password") from None
    # Hash before looking anything up, so both answers take the same time.
    user.set_password(password)
    if User.objects.filter(email__iexact=email).exists():
        _send_notice(
            email,
            _("Your account on the Sofia mass-events portal"),
            _(
                "Hello,\n\nsomeone (perhaps you) tried to register on the portal of Sofia Municipality's "
                "Security Directorate with this e-mail address, which already has an account. "
                'Sign in with it, or use "Forgot password" on the sign-in page.\n\n'
                "If it was not you, ignore this message; nothing was changed."
            ),
        )
        return None
    if User.objects.filter(username__iexact=username).exists():
        _send_notice(
            email,
            _("Your registration on the Sofia mass-events portal"),
            _(
                "Hello,\n\nthe username %(username)s is taken, so no account was created. "
                "Register again with another username.\n\nIf it was not you, ignore this message."
            )
            % {"username": username},
        )
        return None
    user.save()
    _send_confirmation(user, confirm_url=confirm_url(*confirmation_path(user)))
    return user


def resend_confirmation(*, email: str, confirm_url) -> None:
    """Send the link again to an account that is not confirmed yet (silently nothing otherwise)."""
    user = User.objects.filter(email__iexact=email, is_active=False, role=Role.ORGANIZER).first()
    if user is not None and user.last_login is None:
        _send_confirmation(user, confirm_url=confirm_url(*confirmation_path(user)))


@transaction.atomic
def confirm_email(*, uidb64: str, token: str) -> User:
    """Activate the account the link names, if its token is valid."""
    try:
        user = User.objects.select_for_update().get(pk=int(force_str(urlsafe_base64_decode(uidb64))))
    except (ValueError, TypeError, OverflowError, User.DoesNotExist):
        user = None
    if user is None or not confirmation_tokens.check_token(user, token):
        raise InvalidParameter(
            _("The confirmation link is invalid, used already, or expired; ask for a new one."),
            parameter="token",
        )
    user.is_active = True
    user.save(update_fields=["is_active"])
    return user
