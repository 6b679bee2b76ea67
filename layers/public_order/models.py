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


class AnalysisMethod(models.TextChoices):
    GI_STAR = "gi_star", _("Hot spots (Getis-Ord Gi*)")
    DENSITY = "density", _("Kernel density")
    NEAR_REPEAT = "near_repeat", _("Near repeats (Knox test)")


class HotspotAnalysis(models.Model):
    """One run of a hot-spot analysis: what was asked, by whom, and the result with its method note."""

    method = models.CharField(_("method"), max_length=20, choices=AnalysisMethod.choices)
    period_start = models.DateTimeField(_("from"))
    period_end = models.DateTimeField(_("to"))
    categories = models.JSONField(_("categories"), default=list, blank=True)
    area_label = models.CharField(_("area"), max_length=200)
    area = models.MultiPolygonField(_("area"), srid=STORAGE_SRID)
    parameters = models.JSONField(_("parameters"), default=dict)
    incidents = models.PositiveIntegerField(_("incidents analysed"), default=0)
    result = models.JSONField(_("result"), default=dict)
    raster = models.BinaryField(_("density raster (PNG)"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("run by")
    )
    created_at = models.DateTimeField(_("run at"), auto_now_add=True)

    class Meta:
        ordering = ("-created_at",)
        verbose_name = _("hot-spot analysis")
        verbose_name_plural = _("hot-spot analyses")


class ProposalStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")


class PreventionAreaProposal(LayerFeature):
    """A crime-prevention area proposed from persistent hot spots, with the reasons for it."""

    status = models.CharField(
        _("status"), max_length=20, choices=ProposalStatus.choices, default=ProposalStatus.PROPOSED
    )
    reasons = models.TextField(_("reasons"), blank=True)
    persistence = models.CharField(_("hot in periods"), max_length=40, blank=True)
    camera_coverage = models.JSONField(_("camera coverage by DORI level"), default=dict, blank=True)
    analysis = models.ForeignKey(
        HotspotAnalysis,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("analysis"),
    )
    area = models.MultiPolygonField(_("area"), srid=STORAGE_SRID)

    class Meta(LayerFeature.Meta):
        verbose_name = _("prevention-area proposal")
        verbose_name_plural = _("prevention-area proposals")


class PatrolPlan(models.Model):
    """A Municipal Police shift plan for a sector: patrol areas and routes with times and crews."""

    date = models.DateField(_("date"))
    start_time = models.TimeField(_("shift starts"))
    end_time = models.TimeField(_("shift ends"))
    overnight = models.BooleanField(_("ends the next day"), default=False)
    sector = models.CharField(_("sector"), max_length=200)
    district = models.CharField(_("district code"), max_length=2, blank=True)
    unit = models.CharField(_("unit"), max_length=200, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    # How a proposed route was found: the analysis, the start, the length and the method's
    # assumptions, printed on the plan's PDF. Empty for plans drawn by hand.
    method = models.JSONField(_("method and parameters"), default=dict, blank=True)
    created_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("changed by")
    )
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        ordering = ("-date", "-start_time", "-id")
        verbose_name = _("patrol plan")
        verbose_name_plural = _("patrol plans")


class PatrolArea(models.Model):
    """An area a crew patrols during part of the shift."""

    plan = models.ForeignKey(
        PatrolPlan, on_delete=models.CASCADE, related_name="areas", verbose_name=_("plan")
    )
    number = models.PositiveSmallIntegerField(_("number"))
    crew = models.CharField(_("crew"), max_length=120)
    time_from = models.TimeField(_("from"))
    time_to = models.TimeField(_("to"))
    area = models.PolygonField(_("area"), srid=STORAGE_SRID)

    class Meta:
        ordering = ("plan", "number")
        verbose_name = _("patrol area")
        verbose_name_plural = _("patrol areas")


class PatrolRoute(models.Model):
    """A route a crew walks or drives during part of the shift, with its numbered stops."""

    plan = models.ForeignKey(
        PatrolPlan, on_delete=models.CASCADE, related_name="routes", verbose_name=_("plan")
    )
    number = models.PositiveSmallIntegerField(_("number"))
    crew = models.CharField(_("crew"), max_length=120)
    time_from = models.TimeField(_("from"))
    time_to = models.TimeField(_("to"))
    route = models.LineStringField(_("route"), srid=STORAGE_SRID)
    length_m = models.FloatField(_("length, m"))
    # The hot cells the route visits, in order: [{"lon", "lat", "gain"}]; empty if drawn by hand.
    stops = models.JSONField(_("stops"), default=list, blank=True)

    class Meta:
        ordering = ("plan", "number")
        verbose_name = _("patrol route")
        verbose_name_plural = _("patrol routes")
