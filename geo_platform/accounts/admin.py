from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _
from rest_framework.authtoken.admin import TokenAdmin
from rest_framework.authtoken.models import TokenProxy

from geo_platform.accounts.models import ApiTokenExpiry, User
from geo_platform.accounts.tokens import expires_at


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ("username", "email", "role", "agency", "is_active", "last_login")
    list_filter = ("role", "agency", "is_active")
    fieldsets = DjangoUserAdmin.fieldsets + (
        (_("Role"), {"fields": ("role", "agency", "organization", "phone")}),
    )


# API tokens: the admin sees when each expires, may set another date, and revokes a token by
# deleting it (the delete button on its page; DRF's token admin has no bulk actions); the owner gets a new one
# with POST /api/auth/token/new/ or by signing in at /api/auth/token/.
@admin.register(ApiTokenExpiry)
class ApiTokenExpiryAdmin(admin.ModelAdmin):
    list_display = ("token_user", "expires_at")
    search_fields = ("token__user__username",)
    readonly_fields = ("token",)

    @admin.display(description=_("user"))
    def token_user(self, expiry):
        return expiry.token.user

    def has_add_permission(self, request):
        return False


admin.site.unregister(TokenProxy)


@admin.register(TokenProxy)
class ApiTokenAdmin(TokenAdmin):
    list_display = ("user", "created", "expires")

    @admin.display(description=_("expires at"))
    def expires(self, token):
        return expires_at(token)
