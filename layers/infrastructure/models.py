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
    ADMINISTRATION = "administration", _("District administration")


class EmergencyStation(LayerFeature):
    """A police, fire-and-rescue or ambulance station (or a district administration)."""

    service = models.CharField(_("service"), max_length=20, choices=Service.choices)
    address = models.CharField(_("address"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=100, blank=True)
    serves = models.CharField(_("districts served"), max_length=255, blank=True)
    # How the position was found: given by the source, geocoded against the platform's data
    # (which feature), or only the area it serves (a representative point, not the building).
    position_note = models.CharField(_("position note"), max_length=255, blank=True)
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


class RoadClass(models.TextChoices):
    MOTORWAY = "motorway", _("Motorway")
    TRUNK = "trunk", _("Trunk road")
    PRIMARY = "primary", _("Primary road")
    SECONDARY = "secondary", _("Secondary road")
    TERTIARY = "tertiary", _("Tertiary road")


class Road(LayerFeature):
    """A major road way of OpenStreetMap (the centre's street stand-in; no names in the source)."""

    osm_way_id = models.BigIntegerField(_("OSM way id"), null=True, blank=True)
    road_class = models.CharField(_("road class"), max_length=12, choices=RoadClass.choices, blank=True)
    width_m = models.FloatField(_("width, m (estimated by class)"), null=True, blank=True)
    way = models.MultiLineStringField(_("way"), srid=STORAGE_SRID)

    class Meta(LayerFeature.Meta):
        verbose_name = _("road")
        verbose_name_plural = _("roads")
