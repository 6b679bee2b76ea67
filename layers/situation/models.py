"""Incidents, the duty log with its shifts, and CAP alerts to the population.

Personal data of callers lives in `IncidentContact`, a separate table that no layer,
tile, search or export reads; only the Situation Centre's own API returns it, to
operators, planners and administrators.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.gis.db import models
from django.contrib.postgres.fields import ArrayField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from geo_platform.crs import STORAGE_SRID
from layers.models import LayerFeature
from layers.situation.choices import (
    Agency,
    AlertStatus,
    AreaKind,
    Category,
    LogKind,
    Origin,
    Status,
)

USER = settings.AUTH_USER_MODEL


class Incident(LayerFeature):
    """One incident; `source` + `external_id` is the sender's key (idempotent ingestion)."""

    category = models.CharField(_("category"), max_length=20, choices=Category.choices, db_index=True)
    priority = models.PositiveSmallIntegerField(
        _("priority (1 highest – 4)"), validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    origin = models.CharField(_("reported by"), max_length=20, choices=Origin.choices)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.NEW)
    description = models.TextField(_("description"), blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    district_code = models.CharField(_("district code"), max_length=2, blank=True)
    geocode_match = models.CharField(_("address matched to"), max_length=255, blank=True)
    geocode_confidence = models.FloatField(_("address match confidence"), null=True, blank=True)
    occurred_at = models.DateTimeField(_("occurred at"), db_index=True)
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    in_progress_at = models.DateTimeField(_("in progress since"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    assigned_agency = models.CharField(_("assigned to"), max_length=20, choices=Agency.choices, blank=True)
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="merged",
        verbose_name=_("merged into"),
    )
    content_hash = models.CharField(max_length=64, blank=True)
    position = models.PointField(_("position"), srid=STORAGE_SRID)
    area = models.MultiPolygonField(_("area"), srid=STORAGE_SRID, null=True, blank=True)

    class Meta(LayerFeature.Meta):
        verbose_name = _("incident")
        verbose_name_plural = _("incidents")
        permissions = [("incidents_write", "API scope incidents:write (partners push incidents)")]
        indexes = [models.Index(fields=("status", "occurred_at"))]


class IncidentContact(models.Model):
    """The caller's personal data: never in layers, tiles, search, exports or logs."""

    incident = models.OneToOneField(Incident, on_delete=models.CASCADE, related_name="contact")
    caller_name = models.CharField(_("caller's name"), max_length=200, blank=True)
    caller_phone = models.CharField(_("caller's phone"), max_length=40, blank=True)


class IncidentChange(models.Model):
    """One status change, assignment, note or merge: when and who."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="changes")
    at = models.DateTimeField(_("at"), auto_now_add=True)
    user = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20, blank=True)
    agency = models.CharField(max_length=20, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ("at", "id")


class Shift(models.Model):
    """A duty shift of one operator; closed by the handover."""

    operator = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="shifts")
    started_at = models.DateTimeField(_("started at"))
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    handed_to = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    handover_notes = models.TextField(_("handover notes"), blank=True)
    open_at_handover = ArrayField(models.BigIntegerField(), default=list, blank=True)

    class Meta:
        ordering = ("-started_at",)
        constraints = [
            models.UniqueConstraint(
                fields=("operator",), condition=models.Q(ended_at=None), name="one_open_shift"
            )
        ]


class DutyLogEntry(models.Model):
    shift = models.ForeignKey(Shift, on_delete=models.CASCADE, related_name="entries", null=True, blank=True)
    at = models.DateTimeField(_("at"), db_index=True)
    kind = models.CharField(_("kind"), max_length=10, choices=LogKind.choices)
    text = models.TextField(_("text"))
    author = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    incident = models.ForeignKey(Incident, on_delete=models.SET_NULL, null=True, blank=True)
    alert = models.ForeignKey("Alert", on_delete=models.SET_NULL, null=True, blank=True)

    class Meta:
        ordering = ("at", "id")


class Alert(LayerFeature):
    """A CAP 1.2 alert to the population; composed by one person, approved by another."""

    identifier = models.CharField(_("CAP identifier"), max_length=100, unique=True)
    msg_type = models.CharField(_("message type"), max_length=10, default="Alert")
    references = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="followups",
        verbose_name=_("original alert"),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=AlertStatus.choices, default=AlertStatus.PENDING
    )
    cap_category = models.CharField(_("CAP category"), max_length=12, default="Safety")
    event_bg = models.CharField(_("event (Bulgarian)"), max_length=200)
    event_en = models.CharField(_("event (English)"), max_length=200)
    urgency = models.CharField(_("urgency"), max_length=12)
    severity = models.CharField(_("severity"), max_length=12)
    certainty = models.CharField(_("certainty"), max_length=12)
    headline_bg = models.CharField(_("headline (Bulgarian)"), max_length=160)
    headline_en = models.CharField(_("headline (English)"), max_length=160)
    description_bg = models.TextField(_("description (Bulgarian)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    instruction_bg = models.TextField(_("instructions (Bulgarian)"), blank=True)
    instruction_en = models.TextField(_("instructions (English)"), blank=True)
    area_kind = models.CharField(_("area given as"), max_length=12, choices=AreaKind.choices)
    area_description = models.CharField(_("area description"), max_length=300)
    circle = ArrayField(models.FloatField(), size=3, default=list, blank=True)  # lon, lat, radius_km
    codes = ArrayField(models.CharField(max_length=10), default=list, blank=True)  # districts or EKATTE
    area = models.MultiPolygonField(_("area"), srid=STORAGE_SRID)
    effective = models.DateTimeField(_("effective"))
    expires = models.DateTimeField(_("expires"))
    composed_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    approved_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    issued_at = models.DateTimeField(_("issued at"), null=True, blank=True)
    rejection_reason = models.TextField(blank=True)
    estimate = models.JSONField(default=dict, blank=True)
    cap_xml = models.TextField(blank=True)
    incident = models.ForeignKey(Incident, on_delete=models.SET_NULL, null=True, blank=True)

    class Meta(LayerFeature.Meta):
        verbose_name = _("alert to the population")
        verbose_name_plural = _("alerts to the population")
