"""The layer catalogue, the audit trail, and the base every layer's feature model shares."""

from __future__ import annotations

from django.conf import settings
from django.contrib.gis.db import models
from django.contrib.postgres.fields import ArrayField
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from geo_platform.accounts.models import PartnerAgency
from geo_platform.accounts.roles import Visibility
from geo_platform.crs import STORAGE_SRID

DEMO_SOURCE = "demo"


class Theme(models.TextChoices):
    SURVEILLANCE = "surveillance", _("Video surveillance")
    EVENTS = "events", _("Mass events")
    INFRASTRUCTURE = "infrastructure", _("Critical infrastructure")
    RISK = "risk", _("Disaster risk")
    PUBLIC_ORDER = "public_order", _("Public order")
    ADMINISTRATIVE = "administrative", _("Administrative")


class GeometryKind(models.TextChoices):
    POINT = "point", _("Point")
    LINE = "line", _("Line")
    POLYGON = "polygon", _("Polygon")


class Layer(models.Model):
    """One dataset as the map and the API see it."""

    slug = models.SlugField(_("slug"), max_length=64, unique=True)
    title_bg = models.CharField(_("title (Bulgarian)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    theme = models.CharField(_("theme"), max_length=20, choices=Theme.choices)
    geometry_kind = models.CharField(_("geometry kind"), max_length=10, choices=GeometryKind.choices)
    model_label = models.CharField(
        _("model"), max_length=100, help_text=_("app_label.ModelName of the features.")
    )
    style = models.JSONField(_("default style"), default=dict, blank=True)
    min_zoom = models.PositiveSmallIntegerField(_("minimum zoom"), default=9)
    max_zoom = models.PositiveSmallIntegerField(_("maximum zoom"), default=22)
    visibility = models.CharField(
        _("visibility"), max_length=12, choices=Visibility.CHOICES, default=Visibility.INTERNAL
    )
    shared_with = ArrayField(
        models.CharField(max_length=20, choices=PartnerAgency.choices),
        verbose_name=_("shared with agencies"),
        default=list,
        blank=True,
        help_text=_("Partner-shared layers: the agencies that read it; empty means every partner."),
    )
    display_attributes = ArrayField(
        models.CharField(max_length=64), verbose_name=_("attributes shown"), default=list, blank=True
    )
    attribution = models.CharField(_("attribution"), max_length=500, blank=True)
    source = models.CharField(_("source"), max_length=200, help_text=_("The real dataset's name, or 'demo'."))
    editable = models.BooleanField(_("editable by planners"), default=False)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=100)
    last_change_at = models.DateTimeField(_("last change"), default=timezone.now)

    class Meta:
        ordering = ("theme", "sort_order", "slug")
        verbose_name = _("layer")
        verbose_name_plural = _("layers")

    def __str__(self) -> str:
        return self.title_bg

    @property
    def is_demo(self) -> bool:
        return self.source == DEMO_SOURCE


class LayerFeature(models.Model):
    """Fields every feature of every layer has.

    `source` names the dataset a feature came from ("demo" for generated data, "user" for
    features drawn in the platform); `external_id` is its key in that dataset, which keeps
    data loading idempotent.
    """

    name = models.CharField(_("name"), max_length=255, blank=True)
    source = models.CharField(_("source"), max_length=200, default="user")
    external_id = models.CharField(_("external id"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True
        ordering = ("id",)
        constraints = [
            models.UniqueConstraint(
                fields=("source", "external_id"),
                condition=~models.Q(external_id=""),
                name="%(app_label)s_%(class)s_unique_external_id",
            )
        ]

    def __str__(self) -> str:
        return self.name or f"{self._meta.verbose_name} {self.pk}"


class FeatureAction(models.TextChoices):
    CREATE = "create", _("created")
    UPDATE = "update", _("updated")
    DELETE = "delete", _("deleted")


class FeatureVersion(models.Model):
    """One change of one feature: who, when, the state before and the state after."""

    layer = models.ForeignKey(Layer, on_delete=models.CASCADE, related_name="versions")
    feature_id = models.BigIntegerField(_("feature id"), db_index=True)
    action = models.CharField(_("action"), max_length=10, choices=FeatureAction.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now, db_index=True)
    previous_properties = models.JSONField(_("previous attributes"), null=True, blank=True)
    previous_geometry = models.GeometryField(
        _("previous geometry"), srid=STORAGE_SRID, null=True, blank=True, spatial_index=False
    )
    properties = models.JSONField(_("attributes"), null=True, blank=True)
    geometry = models.GeometryField(
        _("geometry"), srid=STORAGE_SRID, null=True, blank=True, spatial_index=False
    )

    class Meta:
        ordering = ("-changed_at", "-id")
        indexes = [models.Index(fields=("layer", "feature_id", "-changed_at"))]
        verbose_name = _("feature version")
        verbose_name_plural = _("feature history")

    def __str__(self) -> str:
        return f"{self.layer.slug}#{self.feature_id} {self.action} {self.changed_at:%Y-%m-%d %H:%M}"
