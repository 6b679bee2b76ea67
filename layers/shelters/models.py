from django.contrib.gis.db import models
from django.utils.translation import gettext_lazy as _

from geo_platform.crs import STORAGE_SRID
from layers.models import LayerFeature


class ShelterKind(models.TextChoices):
    SHELTER = "shelter", _("Shelter (убежище)")
    ANTI_RADIATION = "anti_radiation", _("Anti-radiation shelter (ПРУ)")
    ADAPTED = "adapted", _("Adapted basement (приспособено укритие)")


class ShelterStatus(models.TextChoices):
    READY = "ready", _("Ready for use")
    NEEDS_REPAIR = "needs_repair", _("Needs repair")
    OUT_OF_SERVICE = "out_of_service", _("Out of service")


class Shelter(LayerFeature):
    """A collective protection facility for the population."""

    kind = models.CharField(_("kind"), max_length=20, choices=ShelterKind.choices)
    capacity = models.PositiveIntegerField(_("capacity, persons"))
    status = models.CharField(
        _("status"), max_length=20, choices=ShelterStatus.choices, default=ShelterStatus.READY
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    position = models.PointField(_("position"), srid=STORAGE_SRID)

    class Meta(LayerFeature.Meta):
        verbose_name = _("shelter")
        verbose_name_plural = _("shelters")
