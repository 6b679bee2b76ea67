"""Protected sites, crowded places, security surveys and their findings.

All of it is restricted: analysts, planners and administrators only (see permissions.py). The
demo set is generated from public places the platform already holds and marked source=demo.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.gis.db import models
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from geo_platform.crs import STORAGE_SRID
from layers.models import LayerFeature
from risk_models.counterterrorism.survey import CHECKLIST


class SiteCategory(models.TextChoices):
    STRATEGIC = "strategic", _("Strategic object (Council of Ministers Decree 181/2009)")
    POTENTIAL_TARGET = "potential_target", _("Potential target (Ordinance 8121з-1225/2017)")
    CROWDED_PLACE = "crowded_place", _("Crowded place (not a protected site)")


class ProtectedSite(LayerFeature):
    """A strategic object, a potential target of terrorism, or a crowded place taking part in the analyses."""

    category = models.CharField(_("category"), max_length=20, choices=SiteCategory.choices)
    kind = models.CharField(_("kind"), max_length=40, blank=True)
    owner = models.CharField(_("owner"), max_length=200, blank=True)
    operator = models.CharField(_("operator"), max_length=200, blank=True)
    contacts = models.JSONField(_("contacts"), default=list, blank=True)
    crowd_weekday = models.PositiveIntegerField(_("people on an ordinary weekday"), default=0)
    crowd_peak = models.PositiveIntegerField(_("people at peak"), default=0)
    crowd_event = models.PositiveIntegerField(_("people during events"), default=0)
    crowd_night = models.PositiveIntegerField(_("people at night"), default=0)
    critical_site = models.ForeignKey(
        "infrastructure.CriticalSite",
        verbose_name=_("critical-infrastructure record"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    position = models.PointField(_("position"), srid=STORAGE_SRID)
    footprint = models.PolygonField(_("footprint"), srid=STORAGE_SRID, null=True, blank=True)

    class Meta(LayerFeature.Meta):
        verbose_name = _("protected site")
        verbose_name_plural = _("protected sites")

    @property
    def is_protected(self) -> bool:
        return self.category != SiteCategory.CROWDED_PLACE


AREA_CHOICES = [(area.key, area.label_bg) for area in CHECKLIST]


class Survey(models.Model):
    site = models.ForeignKey(
        ProtectedSite, verbose_name=_("site"), on_delete=models.CASCADE, related_name="surveys"
    )
    surveyed_on = models.DateField(_("date of the survey"))
    surveyor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("surveyor"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    notes = models.TextField(_("notes"), blank=True)
    protective_index = models.FloatField(_("protective-measures index"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ("-surveyed_on", "-id")
        verbose_name = _("security survey")
        verbose_name_plural = _("security surveys")


class SurveyItem(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="items")
    area = models.CharField(_("checklist area"), max_length=20, choices=AREA_CHOICES)
    score = models.PositiveSmallIntegerField(
        _("score (0–4)"), null=True, blank=True, validators=[MinValueValidator(0), MaxValueValidator(4)]
    )
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        ordering = ("id",)
        constraints = [models.UniqueConstraint(fields=("survey", "area"), name="ct_one_item_per_area")]


class Evidence(models.Model):
    item = models.ForeignKey(SurveyItem, on_delete=models.CASCADE, related_name="evidence")
    photo = models.FileField(_("photo"), upload_to="counterterrorism/evidence/%Y/%m/", blank=True)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)


class FindingStatus(models.TextChoices):
    OPEN = "open", _("open")
    CLOSED = "closed", _("closed")


class Finding(LayerFeature):
    """A weakness found by a survey, pinned on the map, followed until it is closed."""

    survey = models.ForeignKey(
        Survey, verbose_name=_("survey"), on_delete=models.CASCADE, related_name="findings"
    )
    area = models.CharField(_("checklist area"), max_length=20, choices=AREA_CHOICES)
    description = models.TextField(_("description"))
    responsible = models.CharField(_("responsible"), max_length=200)
    deadline = models.DateField(_("deadline"))
    status = models.CharField(
        _("status"), max_length=10, choices=FindingStatus.choices, default=FindingStatus.OPEN
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    closing_note = models.TextField(_("closing note"), blank=True)
    location = models.PointField(_("location"), srid=STORAGE_SRID)
    # A finding about an area keeps its polygon here; `location` is then its inner point.
    zone = models.PolygonField(_("area"), srid=STORAGE_SRID, null=True, blank=True)

    class Meta(LayerFeature.Meta):
        verbose_name = _("survey finding")
        verbose_name_plural = _("survey findings")
