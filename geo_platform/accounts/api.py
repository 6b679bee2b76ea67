from axes.handlers.proxy import AxesProxyHandler
from django.contrib.auth.signals import user_logged_in
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import permissions, serializers
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.generics import RetrieveAPIView
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from geo_platform.accounts import tokens
from geo_platform.accounts.models import Role, User
from geo_platform.security import ScopedThrottle, lockout_response


class CurrentUserSerializer(serializers.ModelSerializer):
    role = serializers.CharField(source="effective_role", read_only=True)
    role_label = serializers.SerializerMethodField()

    class Meta:
        model = User
        fields = (
            "id",
            "username",
            "email",
            "first_name",
            "last_name",
            "role",
            "role_label",
            "agency",
            "organization",
        )

    def get_role_label(self, user: User) -> str:
        return str(Role(user.effective_role).label)


class CurrentUserView(RetrieveAPIView):
    """The signed-in user and their role."""

    serializer_class = CurrentUserSerializer
    permission_classes = [permissions.IsAuthenticated]

    def get_object(self):
        return self.request.user


class TokenOutput(serializers.Serializer):
    token = serializers.CharField()
    expires_at = serializers.DateTimeField()


def _token_body(token) -> dict:
    return {"token": token.key, "expires_at": tokens.expires_at(token)}


class TokenView(ObtainAuthToken):
    """Exchange a username and password for an API token (partners' scripts use it).

    The token expires after API_TOKEN_DAYS (the answer says when); an expired one is replaced.
    Five failed attempts for one username from one address lock that pair out for 15 minutes
    (django-axes); the `auth` throttle limits requests per address.
    """

    throttle_classes = [ScopedThrottle]
    throttle_scope = "auth"

    @extend_schema(
        request=AuthTokenSerializer,
        responses={200: TokenOutput, 429: OpenApiResponse(description="Locked out or throttled.")},
    )
    def post(self, request: Request, *args, **kwargs) -> Response:
        username = request.data.get("username", "") if hasattr(request.data, "get") else ""
        credentials = {"username": username if isinstance(username, str) else ""}
        if not AxesProxyHandler.is_allowed(request, credentials):
            return lockout_response(request._request)
        serializer = self.get_serializer(data=request.data)
        if not serializer.is_valid():
            if not AxesProxyHandler.is_allowed(request, credentials):
                return lockout_response(request._request)
            serializer.is_valid(raise_exception=True)
        user = serializer.validated_data["user"]
        # A signed-in user: last_login is set and django-axes clears the failure count.
        user_logged_in.send(sender=type(user), request=request, user=user)
        return Response(_token_body(tokens.current_token(user)))


class NewTokenView(APIView):
    """Replace the caller's API token with a new one; the old one stops working at once."""

    permission_classes = [permissions.IsAuthenticated]
    throttle_classes = [ScopedThrottle]
    throttle_scope = "token_rotate"

    @extend_schema(request=None, responses={201: TokenOutput})
    def post(self, request: Request) -> Response:
        return Response(_token_body(tokens.issue_token(request.user)), status=201)
