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
    """A collective protection facility (КСЗ: скривалище, противорадиационно укритие).

    It protects people during an attack or a radiation emergency; it is not where people displaced
    by an earthquake or a flood are housed (that is temporary accommodation).
    """

    kind = models.CharField(_("kind"), max_length=20, choices=ShelterKind.choices)
    capacity = models.PositiveIntegerField(
        _("capacity, persons"), help_text=_("0 where the official list gives none")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ShelterStatus.choices, default=ShelterStatus.READY
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    position = models.PointField(_("position"), srid=STORAGE_SRID)
    category = models.CharField(_("category"), max_length=20, blank=True)
    operator = models.CharField(_("operator"), max_length=200, blank=True)
    official_list = models.CharField(_("official list"), max_length=40, blank=True)
    geocoding_note = models.CharField(_("note on the position"), max_length=300, blank=True)

    class Meta(LayerFeature.Meta):
        verbose_name = _("shelter")
        verbose_name_plural = _("shelters")
