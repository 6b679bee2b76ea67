from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from geo_platform.accounts.models import User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ("username", "email", "role", "agency", "is_active", "last_login")
    list_filter = ("role", "agency", "is_active")
    fieldsets = DjangoUserAdmin.fieldsets + (
        (_("Role"), {"fields": ("role", "agency", "organization", "phone")}),
    )
