"""A mass event as filed: its current content, its street closures, and every revision."""

from __future__ import annotations

from django.conf import settings
from django.contrib.gis.db import models
from django.utils.translation import gettext_lazy as _

from geo_platform.crs import STORAGE_SRID
from layers.events.models.choices import EventKind, EventStatus, Track
from layers.models import LayerFeature


class MassEvent(LayerFeature):
    """A notification (ЗСММ) or an application (ordinance) for a mass event.

    `name` is the event's title. The row holds the current revision's content, so the map
    layers (perimeter, route) and the conflict checks read one table; each submitted
    revision is also kept whole in EventRevision.
    """

    organizer_account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("organizer's account"),
        on_delete=models.PROTECT,
        related_name="mass_events",
    )
    track = models.CharField(_("legal track"), max_length=20, choices=Track.choices)
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices)
    status = models.CharField(
        _("status"), max_length=24, choices=EventStatus.choices, default=EventStatus.DRAFT, db_index=True
    )
    purpose = models.TextField(_("purpose"), blank=True)
    organizer_name = models.CharField(_("organizer"), max_length=255, blank=True)
    organizer_address = models.CharField(_("organizer's address"), max_length=255, blank=True)
    organizer_phone = models.CharField(_("organizer's phone"), max_length=40, blank=True)
    organizer_email = models.EmailField(_("organizer's e-mail"), blank=True)
    # [{"name", "role", "phone", "email"}]
    responsible_persons = models.JSONField(_("responsible persons"), default=list, blank=True)
    start = models.DateTimeField(_("start"), null=True, blank=True)
    end = models.DateTimeField(_("end"), null=True, blank=True)
    expected_participants = models.PositiveIntegerField(_("expected participants"), null=True, blank=True)
    stewards = models.PositiveIntegerField(_("stewards"), null=True, blank=True)
    perimeter = models.MultiPolygonField(_("perimeter"), srid=STORAGE_SRID, null=True, blank=True)
    fenced = models.BooleanField(_("fenced perimeter"), default=False)
    usable_area_m2 = models.FloatField(_("usable area, m²"), null=True, blank=True)
    route = models.LineStringField(_("route"), srid=STORAGE_SRID, null=True, blank=True)
    route_width_m = models.FloatField(_("route width, m"), null=True, blank=True)
    assembly_point = models.PointField(_("assembly point"), srid=STORAGE_SRID, null=True, blank=True)
    dispersal_point = models.PointField(_("dispersal point"), srid=STORAGE_SRID, null=True, blank=True)
    # Exits of a fenced perimeter: [{"name", "width_m", "position": [lon, lat]}]
    exits = models.JSONField(_("exits"), default=list, blank=True)
    urgent = models.BooleanField(_("urgent case"), default=False)
    urgent_reason = models.TextField(_("reason for urgency"), blank=True)
    filed_at = models.DateTimeField(_("filed at"), null=True, blank=True)
    revision = models.PositiveIntegerField(_("current revision"), default=0)
    deadline_report = models.JSONField(_("deadline check"), null=True, blank=True)
    late = models.BooleanField(_("filed late"), default=False)
    conditions = models.JSONField(_("conditions of approval"), default=list, blank=True)

    class Meta(LayerFeature.Meta):
        verbose_name = _("mass event")
        verbose_name_plural = _("mass events")
        indexes = [models.Index(fields=("start", "end"))]

    @property
    def is_notification(self) -> bool:
        return self.track == Track.NOTIFICATION


class StreetClosure(LayerFeature):
    """A street (segment) the organizer asks to close to traffic; `name` is the street."""

    event = models.ForeignKey(MassEvent, on_delete=models.CASCADE, related_name="closures")
    segment = models.MultiLineStringField(_("closed segment"), srid=STORAGE_SRID)
    start = models.DateTimeField(_("closed from"))
    end = models.DateTimeField(_("closed until"))
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta(LayerFeature.Meta):
        verbose_name = _("street closure")
        verbose_name_plural = _("street closures")


class EventRevision(models.Model):
    """One submitted version of an event, kept whole: its content as GeoJSON-ready JSON."""

    event = models.ForeignKey(MassEvent, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField(_("number"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    note = models.TextField(_("what changed"), blank=True)
    content = models.JSONField(_("content"))
    deadline_report = models.JSONField(_("deadline check"), null=True, blank=True)

    class Meta:
        ordering = ("event", "number")
        constraints = [
            models.UniqueConstraint(fields=("event", "number"), name="events_revision_unique_number")
        ]
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")

    def __str__(self) -> str:
        return f"{self.event_id}/{self.number}"
