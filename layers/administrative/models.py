from django.contrib.gis.db import models
from django.utils.translation import gettext_lazy as _

from geo_platform.crs import STORAGE_SRID
from layers.models import LayerFeature


class Municipality(LayerFeature):
    """Sofia Capital Municipality (Столична община): the outer boundary of every check."""

    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    area_km2 = models.FloatField(_("area, km²"), null=True, blank=True)
    boundary = models.MultiPolygonField(_("boundary"), srid=STORAGE_SRID)

    class Meta(LayerFeature.Meta):
        verbose_name = _("municipality")
        verbose_name_plural = _("municipality")


class District(LayerFeature):
    """One of the 24 districts (райони)."""

    code = models.CharField(_("code"), max_length=2, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=100)
    area_km2 = models.FloatField(_("area, km²"))
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    population_year = models.PositiveSmallIntegerField(_("population year"), null=True, blank=True)
    population_source = models.CharField(_("population source"), max_length=200, blank=True)
    census_2011 = models.PositiveIntegerField(_("census 2011"), null=True, blank=True)
    boundary = models.MultiPolygonField(_("boundary"), srid=STORAGE_SRID)

    class Meta(LayerFeature.Meta):
        ordering = ("code",)
        verbose_name = _("district")
        verbose_name_plural = _("districts")


class Neighbourhood(LayerFeature):
    """A neighbourhood or housing estate (квартал, ж.к.)."""

    district_code = models.CharField(_("district code"), max_length=2, blank=True)
    area_km2 = models.FloatField(_("area, km²"), null=True, blank=True)
    boundary = models.MultiPolygonField(_("boundary"), srid=STORAGE_SRID)

    class Meta(LayerFeature.Meta):
        verbose_name = _("neighbourhood")
        verbose_name_plural = _("neighbourhoods")


class PlaceKind(models.TextChoices):
    TOWN = "town", _("Town")
    VILLAGE = "village", _("Village")
    METRO_STATION = "metro_station", _("Metro station")
    STADIUM = "stadium", _("Stadium")
    RAILWAY_STATION = "railway_station", _("Railway station")
    BUS_STATION = "bus_station", _("Bus station")
    AIRPORT = "airport", _("Airport")
    SQUARE = "square", _("Square")
    LANDMARK = "landmark", _("Landmark building")


class Place(LayerFeature):
    """A named place of the gazetteer: a settlement, station, stadium, square or landmark.

    Built by fixtures/loaders/gazetteer.py from the platform's real data; `district` is the
    district holding the point, so places of the same name are told apart.
    """

    kind = models.CharField(_("kind"), max_length=20, choices=PlaceKind.choices)
    district = models.CharField(_("district"), max_length=100, blank=True)
    note = models.CharField(_("where the name and position come from"), max_length=255, blank=True)
    position = models.PointField(_("position"), srid=STORAGE_SRID)

    class Meta(LayerFeature.Meta):
        verbose_name = _("named place")
        verbose_name_plural = _("named places (gazetteer)")
