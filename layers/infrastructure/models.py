from django.contrib.gis.db import models
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from geo_platform.crs import STORAGE_SRID
from layers.models import LayerFeature


class Sector(models.TextChoices):
    ENERGY = "energy", _("Energy")
    WATER = "water", _("Water supply")
    TRANSPORT = "transport", _("Transport")
    FINANCE = "finance", _("Finance")
    COMMUNICATIONS = "communications", _("Communications and post")
    HEALTH = "health", _("Health")
    GOVERNMENT = "government", _("Government")
    FUEL = "fuel", _("Fuel supply")


class CriticalSite(LayerFeature):
    """A critical infrastructure site or strategic object (ПМС 181/2009)."""

    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    criticality = models.PositiveSmallIntegerField(
        _("criticality (1–5)"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    owner = models.CharField(_("owner"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    position = models.PointField(_("position"), srid=STORAGE_SRID)

    class Meta(LayerFeature.Meta):
        verbose_name = _("critical infrastructure site")
        verbose_name_plural = _("critical infrastructure sites")


class Hospital(LayerFeature):
    kind = models.CharField(_("kind"), max_length=100, blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    position = models.PointField(_("position"), srid=STORAGE_SRID)

    class Meta(LayerFeature.Meta):
        verbose_name = _("hospital")
        verbose_name_plural = _("hospitals")


class SchoolKind(models.TextChoices):
    SCHOOL = "school", _("School")
    KINDERGARTEN = "kindergarten", _("Kindergarten")


class School(LayerFeature):
    kind = models.CharField(_("kind"), max_length=20, choices=SchoolKind.choices)
    position = models.PointField(_("position"), srid=STORAGE_SRID)

    class Meta(LayerFeature.Meta):
        verbose_name = _("school or kindergarten")
        verbose_name_plural = _("schools and kindergartens")


class Service(models.TextChoices):
    POLICE = "police", _("Police")
    FIRE = "fire", _("Fire and rescue")
    AMBULANCE = "ambulance", _("Ambulance")


class EmergencyStation(LayerFeature):
    """A police, fire-and-rescue or ambulance station."""

    service = models.CharField(_("service"), max_length=20, choices=Service.choices)
    address = models.CharField(_("address"), max_length=255, blank=True)
    position = models.PointField(_("position"), srid=STORAGE_SRID)

    class Meta(LayerFeature.Meta):
        verbose_name = _("emergency station")
        verbose_name_plural = _("emergency stations")


class River(LayerFeature):
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)
    length_km = models.FloatField(_("length, km"), null=True, blank=True)
    course = models.MultiLineStringField(_("course"), srid=STORAGE_SRID)

    class Meta(LayerFeature.Meta):
        verbose_name = _("river")
        verbose_name_plural = _("rivers")


class TransitMode(models.TextChoices):
    METRO = "metro", _("Metro")
    TRAM = "tram", _("Tram")
    TROLLEY = "trolley", _("Trolleybus")
    BUS = "bus", _("Bus")


class TransitRoute(LayerFeature):
    """A public transport route: the best available stand-in for Sofia's main streets."""

    route_ref = models.CharField(_("line"), max_length=20)
    mode = models.CharField(_("mode"), max_length=10, choices=TransitMode.choices)
    direction = models.PositiveSmallIntegerField(_("direction"), default=0)
    length_km = models.FloatField(_("length, km"), null=True, blank=True)
    route = models.MultiLineStringField(_("route"), srid=STORAGE_SRID)

    class Meta(LayerFeature.Meta):
        verbose_name = _("public transport route")
        verbose_name_plural = _("public transport routes")


class TransitStop(LayerFeature):
    code = models.CharField(_("stop code"), max_length=10, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    position = models.PointField(_("position"), srid=STORAGE_SRID)

    class Meta(LayerFeature.Meta):
        verbose_name = _("public transport stop")
        verbose_name_plural = _("public transport stops")
