from rest_framework import permissions, serializers
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.generics import RetrieveAPIView

from geo_platform.accounts.models import Role, User


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


class TokenView(ObtainAuthToken):
    """Exchange a username and password for an API token (partners' scripts use it)."""
