"""Self-registration of event organizers, with e-mail confirmation."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from geo_platform.accounts import registration


class RegistrationThrottle(AnonRateThrottle):
    rate = "20/hour"


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

    @extend_schema(request=RegistrationInput, responses={201: dict})
    def post(self, request: Request) -> Response:
        body = RegistrationInput(data=request.data)
        body.is_valid(raise_exception=True)
        user = registration.register_organizer(**body.validated_data, confirm_url=_link_builder(request))
        return Response(
            {
                "username": user.username,
                "email": user.email,
                "detail": _("We sent a confirmation link to %(email)s; open it to activate the account.")
                % {"email": user.email},
            },
            status=status.HTTP_201_CREATED,
        )


class ResendView(APIView):
    authentication_classes: list = []
    throttle_classes = [RegistrationThrottle]

    @extend_schema(responses=dict, request=EmailInput)
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

    @extend_schema(responses=dict, request=None)
    def get(self, request: Request, uidb64: str, token: str) -> Response:
        user = registration.confirm_email(uidb64=uidb64, token=token)
        return Response(
            {"username": user.username, "detail": _("Your e-mail address is confirmed; you can sign in.")}
        )
