"""Self-registration of event organizers, with e-mail confirmation."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from geo_platform.accounts import registration
from geo_platform.security import ScopedThrottle


class RegistrationThrottle(ScopedThrottle):
    """20 an hour per address (settings: DEFAULT_THROTTLE_RATES["register"]); the address is
    REMOTE_ADDR unless TRUSTED_PROXY_COUNT proxies are configured (geo_platform/security.py)."""


class RegistrationInput(serializers.Serializer):
    username = serializers.RegexField(r"^[\w.@+-]+\Z", max_length=150)
    email = serializers.EmailField()
    password = serializers.CharField(write_only=True, min_length=1, max_length=128)
    first_name = serializers.CharField(max_length=150, required=False, default="", allow_blank=True)
    last_name = serializers.CharField(max_length=150, required=False, default="", allow_blank=True)
    organization = serializers.CharField(max_length=200, required=False, default="", allow_blank=True)
    phone = serializers.CharField(max_length=40, required=False, default="", allow_blank=True)


class EmailInput(serializers.Serializer):
    email = serializers.EmailField()


class RegistrationOutput(serializers.Serializer):
    username = serializers.CharField()
    email = serializers.EmailField()
    detail = serializers.CharField()


class DetailOutput(serializers.Serializer):
    detail = serializers.CharField()


class ConfirmOutput(serializers.Serializer):
    username = serializers.CharField()
    detail = serializers.CharField()


def _link_builder(request: Request):
    def confirm_url(uidb64: str, token: str) -> str:
        # The e-mailed link opens a page (settings.REGISTRATION_CONFIRM_URL_NAME) that
        # confirms through the API and explains the result; the API URL is the fallback.
        return request.build_absolute_uri(
            reverse(settings.REGISTRATION_CONFIRM_URL_NAME, args=[uidb64, token])
        )

    return confirm_url


class RegisterView(APIView):
    """Create an organizer account; it is activated by the link e-mailed to it."""

    authentication_classes: list = []
    throttle_classes = [RegistrationThrottle]
    throttle_scope = "register"

    @extend_schema(request=RegistrationInput, responses={201: RegistrationOutput})
    def post(self, request: Request) -> Response:
        body = RegistrationInput(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        registration.register_organizer(**data, confirm_url=_link_builder(request))
        # The same answer whether or not the name or address was in use (see register_organizer).
        return Response(
            {
                "username": data["username"],
                "email": data["email"],
                "detail": _("We sent a message to %(email)s; open the link in it to activate the account.")
                % {"email": data["email"]},
            },
            status=status.HTTP_201_CREATED,
        )


class ResendView(APIView):
    """Send the confirmation link again to an account that is not confirmed yet."""

    authentication_classes: list = []
    throttle_classes = [RegistrationThrottle]
    throttle_scope = "register"

    @extend_schema(responses=DetailOutput, request=EmailInput)
    def post(self, request: Request) -> Response:
        body = EmailInput(data=request.data)
        body.is_valid(raise_exception=True)
        registration.resend_confirmation(
            email=body.validated_data["email"], confirm_url=_link_builder(request)
        )
        return Response(
            {"detail": _("If an unconfirmed account has this address, a new link is on its way.")}
        )


class ConfirmView(APIView):
    """The link in the e-mail: activates the account."""

    authentication_classes: list = []
    throttle_classes = [RegistrationThrottle]
    throttle_scope = "register"

    @extend_schema(responses=ConfirmOutput, request=None)
    def get(self, request: Request, uidb64: str, token: str) -> Response:
        user = registration.confirm_email(uidb64=uidb64, token=token)
        return Response(
            {"username": user.username, "detail": _("Your e-mail address is confirmed; you can sign in.")}
        )
