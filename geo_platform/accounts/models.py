from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """The roles of DOMAIN.md; `public` is what an anonymous visitor gets."""

    PLANNER = "planner", _("Planner")
    ANALYST = "analyst", _("Analyst")
    DUTY_OPERATOR = "duty_operator", _("Duty operator")
    ORGANIZER = "organizer", _("Event organizer")
    PARTNER = "partner", _("Partner agency")
    PUBLIC = "public", _("Public")
    ADMIN = "admin", _("Administrator")


class PartnerAgency(models.TextChoices):
    MVR = "mvr", _("Ministry of Interior (МВР)")
    SDVR = "sdvr", _("Sofia Police Directorate (СДВР)")
    PBZN = "pbzn", _("Fire Safety and Civil Protection (ПБЗН)")
    CSMP = "csmp", _("Emergency Medical Care Centre (ЦСМП)")
    CGM = "cgm", _("Urban Mobility Centre (ЦГМ)")
    MUNICIPAL_POLICE = "municipal_police", _("Municipal Police sector")


class User(AbstractUser):
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.PUBLIC)
    agency = models.CharField(
        _("partner agency"),
        max_length=20,
        choices=PartnerAgency.choices,
        blank=True,
        help_text=_("For partners: the agency whose shared layers this account reads."),
    )
    organization = models.CharField(_("organization"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    @property
    def effective_role(self) -> str:
        return Role.ADMIN if self.is_superuser else self.role


class ApiTokenExpiry(models.Model):
    """When an API token stops working (geo_platform/accounts/tokens.py).

    A token without this row expires API_TOKEN_DAYS after it was created; the admin may set
    another date per token, and deleting the token in the admin revokes it at once.
    """

    token = models.OneToOneField(
        "authtoken.Token", primary_key=True, on_delete=models.CASCADE, related_name="expiry"
    )
    expires_at = models.DateTimeField(_("expires at"))

    class Meta:
        verbose_name = _("API token expiry")
        verbose_name_plural = _("API token expiries")

    def __str__(self) -> str:
        return f"{self.token.user} · {self.expires_at:%Y-%m-%d}"
