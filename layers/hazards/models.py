"""Disaster-risk scenarios, their runs, risk-reduction measures, measure rankings and export jobs.

A scenario is saved with its parameters; each run records the inputs and results hashes, so
a re-run can be checked against the run before it. The computed tables live on the scenario
(districts in `result`, sites in `site_rows`); the rasters and the frozen inputs are files
under MEDIA_ROOT/risk/<scenario id>/.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.gis.db import models
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from geo_platform.crs import STORAGE_SRID
from layers.models import LayerFeature


class HazardKind(models.TextChoices):
    EARTHQUAKE = "earthquake", _("Earthquake")
    FLOOD = "flood", _("Flood")
    LANDSLIDE = "landslide", _("Landslide")
    INDUSTRIAL = "industrial", _("Industrial accident")


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


ACTIVE_STATUSES = (JobStatus.QUEUED, JobStatus.RUNNING)


class Job(models.Model):
    """What every background job shows while it runs: status, progress 0–100, stage and error."""

    status = models.CharField(_("status"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(
        _("progress, %"), default=0, validators=[MaxValueValidator(100)]
    )
    # A code from layers.hazards.stages; the message shown is translated when it is read.
    stage = models.CharField(_("stage"), max_length=40, default="queued")
    error = models.TextField(_("error"), blank=True)
    celery_task_id = models.CharField(_("task id"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES


class Scenario(Job):
    """A hazard scenario over Sofia Municipality: parameters, frozen inputs and the latest results."""

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("hazard"), max_length=20, choices=HazardKind.choices)
    # The core's Scenario parameters (cell_size_m, magnitude, epicentre_lon/lat, mechanism,
    # soil_class, return_period_years, walk_radius_m), as validated.
    parameters = models.JSONField(_("parameters"), default=dict)
    # Inputs given with the request: hazardous sites (industrial) and landslide zones.
    request_inputs = models.JSONField(_("inputs given"), default=dict, blank=True)
    equipment_norms = models.JSONField(_("protective equipment norms"), default=list, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="risk_scenarios"
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    data_versions = models.JSONField(_("data versions"), default=dict, blank=True)
    inputs_sha256 = models.CharField(_("frozen inputs digest"), max_length=64, blank=True)
    inputs_hash = models.CharField(_("inputs hash"), max_length=64, blank=True)
    results_hash = models.CharField(_("results hash"), max_length=64, blank=True)
    # The run folder (relative to MEDIA_ROOT) whose rasters are current.
    raster_dir = models.CharField(_("raster folder"), max_length=200, blank=True)
    # ScenarioResult.as_dict() without the sites: scenario, hashes, districts, totals, rasters, notes.
    result = models.JSONField(_("result"), null=True, blank=True)
    site_rows = models.JSONField(_("sites"), null=True, blank=True)
    run_count = models.PositiveIntegerField(_("runs"), default=0)

    class Meta:
        ordering = ("-created_at", "-id")
        verbose_name = _("risk scenario")
        verbose_name_plural = _("risk scenarios")

    def __str__(self) -> str:
        return self.name


class ScenarioRun(Job):
    """One computation of a scenario: who asked, on which inputs, and what came out."""

    scenario = models.ForeignKey(Scenario, on_delete=models.CASCADE, related_name="runs")
    number = models.PositiveIntegerField(_("number"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    refresh_inputs = models.BooleanField(_("inputs collected anew"), default=False)
    inputs_hash = models.CharField(_("inputs hash"), max_length=64, blank=True)
    results_hash = models.CharField(_("results hash"), max_length=64, blank=True)
    raster_digests = models.JSONField(_("raster digests"), default=dict, blank=True)
    identical_to_previous = models.BooleanField(_("identical to the previous run"), null=True, blank=True)
    seconds = models.FloatField(_("duration, s"), null=True, blank=True)

    class Meta:
        ordering = ("scenario", "number")
        constraints = [models.UniqueConstraint(fields=("scenario", "number"), name="hazards_run_number")]
        verbose_name = _("scenario run")
        verbose_name_plural = _("scenario runs")

    def __str__(self) -> str:
        return f"{self.scenario} #{self.number}"


class MeasureKind(models.TextChoices):
    FLOOD_WALL = "flood_wall", _("Flood wall or levee")
    RETROFIT = "retrofit", _("Seismic retrofit")
    NEW_SHELTER = "new_shelter", _("New shelter")


class MeasureStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


class Measure(models.Model):
    """A risk-reduction measure of the programme: where, what it costs, which hazard it reduces and how."""

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=MeasureKind.choices)
    description = models.TextField(_("how it reduces the risk"), blank=True)
    # A flood wall's protected area or a retrofit's area (polygon), a new shelter's position (point).
    place = models.GeometryField(_("place"), srid=STORAGE_SRID, null=True, blank=True)
    cost_eur = models.DecimalField(
        _("cost, EUR"), max_digits=14, decimal_places=2, validators=[MinValueValidator(0.01)]
    )
    # median_factor and site_ids (retrofit), capacity (new shelter).
    parameters = models.JSONField(_("parameters"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=MeasureStatus.choices, default=MeasureStatus.PROPOSED
    )
    # Set when the measure is chosen for a year's plan.
    plan_year = models.PositiveSmallIntegerField(
        _("plan year"), null=True, blank=True, validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ("id",)
        indexes = [models.Index(fields=("plan_year", "status"))]
        verbose_name = _("risk-reduction measure")
        verbose_name_plural = _("risk-reduction measures")

    def __str__(self) -> str:
        return self.name


class MeasureRanking(Job):
    """Measures ranked by risk reduced per euro under one scenario."""

    scenario = models.ForeignKey(Scenario, on_delete=models.CASCADE, related_name="rankings")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    measures = models.ManyToManyField(Measure, related_name="rankings", verbose_name=_("measures"))
    weights = models.JSONField(_("risk weights"), default=dict, blank=True)
    baseline_results_hash = models.CharField(_("baseline results hash"), max_length=64, blank=True)
    rows = models.JSONField(_("ranking"), default=list, blank=True)

    class Meta:
        ordering = ("-created_at", "-id")
        verbose_name = _("measure ranking")
        verbose_name_plural = _("measure rankings")

    def __str__(self) -> str:
        return f"{self.scenario} — {self.created_at:%Y-%m-%d %H:%M}"


class ExportFormat(models.TextChoices):
    GEOTIFF = "geotiff", _("Cloud-Optimized GeoTIFF")
    GEOPACKAGE = "geopackage", _("GeoPackage")
    CSV = "csv", _("CSV table")
    PDF = "pdf", _("PDF map")


class ExportJob(Job):
    """One export of a scenario's results to a file, made in the background."""

    scenario = models.ForeignKey(Scenario, on_delete=models.CASCADE, related_name="exports")
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="risk_exports")
    format = models.CharField(_("format"), max_length=12, choices=ExportFormat.choices)
    # layer (geotiff, pdf), table (csv), crs (geopackage).
    options = models.JSONField(_("options"), default=dict, blank=True)
    results_hash = models.CharField(_("results hash exported"), max_length=64, blank=True)
    file = models.FileField(_("file"), max_length=300, blank=True)
    size_bytes = models.PositiveBigIntegerField(_("size, bytes"), null=True, blank=True)

    class Meta:
        ordering = ("-created_at", "-id")
        verbose_name = _("risk export")
        verbose_name_plural = _("risk exports")

    def __str__(self) -> str:
        return f"{self.scenario} — {self.format}"


class HazardZone(LayerFeature):
    """Where a scenario's hazard is above a chosen level, as polygons: the "risk" theme layer that
    other checks (mass events' risk_zones) read. One feature per scenario, replaced when the
    zones are published again."""

    scenario = models.OneToOneField(Scenario, on_delete=models.CASCADE, related_name="zone")
    hazard = models.CharField(_("hazard"), max_length=20, choices=HazardKind.choices)
    level = models.FloatField(_("level"))
    units = models.CharField(_("units"), max_length=60, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    area = models.MultiPolygonField(_("area"), srid=STORAGE_SRID)

    class Meta(LayerFeature.Meta):
        verbose_name = _("hazard zone")
        verbose_name_plural = _("hazard zones")
