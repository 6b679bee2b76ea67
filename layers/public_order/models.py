from django.contrib.gis.db import models
from django.utils.translation import gettext_lazy as _

from geo_platform.crs import STORAGE_SRID
from layers.models import LayerFeature


class CrimePreventionArea(LayerFeature):
    """An area of the municipal crime-prevention programme."""

    priority = models.PositiveSmallIntegerField(_("priority (1–3)"), default=2)
    notes = models.TextField(_("notes"), blank=True)
    area = models.MultiPolygonField(_("area"), srid=STORAGE_SRID)

    class Meta(LayerFeature.Meta):
        verbose_name = _("crime-prevention area")
        verbose_name_plural = _("crime-prevention areas")


class PreventionCentre(LayerFeature):
    """A crime-prevention centre (център за превенция)."""

    address = models.CharField(_("address"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    position = models.PointField(_("position"), srid=STORAGE_SRID)

    class Meta(LayerFeature.Meta):
        verbose_name = _("prevention centre")
        verbose_name_plural = _("prevention centres")


class GuardedSite(LayerFeature):
    """A municipal site guarded by a security company under contract."""

    security_company = models.CharField(_("security company"), max_length=200)
    contract_until = models.DateField(_("contract until"), null=True, blank=True)
    last_inspection = models.DateField(_("last inspection"), null=True, blank=True)
    position = models.PointField(_("position"), srid=STORAGE_SRID)

    class Meta(LayerFeature.Meta):
        verbose_name = _("guarded municipal site")
        verbose_name_plural = _("guarded municipal sites")


class PoliceArea(LayerFeature):
    """The service area of a police district station (РУ на СДВР)."""

    address = models.CharField(_("address"), max_length=255, blank=True)
    telephone = models.CharField(_("telephone"), max_length=100, blank=True)
    population_estimate = models.PositiveIntegerField(_("population estimate"), null=True, blank=True)
    area = models.MultiPolygonField(_("area"), srid=STORAGE_SRID)

    class Meta(LayerFeature.Meta):
        verbose_name = _("police station area")
        verbose_name_plural = _("police station areas")
