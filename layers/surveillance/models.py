"""Cameras, the building footprints that hide what they see, and their stored fields of view."""

from __future__ import annotations

from django.conf import settings
from django.contrib.gis.db import models
from django.utils.translation import gettext_lazy as _

from geo_platform.crs import STORAGE_SRID
from layers.models import LayerFeature
from layers.surveillance.validators import Between

MAX_MOUNT_HEIGHT_M = 300.0
MAX_RESOLUTION_PX = 20_000


class CameraStatus(models.TextChoices):
    ONLINE = "online", _("Online")
    OFFLINE = "offline", _("Offline")
    PLANNED = "planned", _("Planned")
    DECOMMISSIONED = "decommissioned", _("Decommissioned")


class CameraType(models.TextChoices):
    """OSM camera:type."""

    FIXED = "fixed", _("Fixed")
    PANNING = "panning", _("Panning")
    DOME = "dome", _("Dome (PTZ)")


class CameraMount(models.TextChoices):
    """OSM camera:mount."""

    WALL = "wall", _("Wall")
    POLE = "pole", _("Pole")
    CEILING = "ceiling", _("Ceiling")


class SurveillanceZone(models.TextChoices):
    """OSM surveillance:zone."""

    TOWN = "town", _("Town (public space)")
    TRAFFIC = "traffic", _("Traffic")
    PARKING = "parking", _("Parking")
    ENTRANCE = "entrance", _("Entrance")
    BUILDING = "building", _("Building")
    BANK = "bank", _("Bank")
    SHOP = "shop", _("Shop")


class DoriLevelChoice(models.TextChoices):
    """The EN 62676-4 purposes; values equal risk_models.surveillance.DoriLevel."""

    DETECT = "detect", _("Detect (25 px/m)")
    OBSERVE = "observe", _("Observe (62.5 px/m)")
    RECOGNISE = "recognise", _("Recognise (125 px/m)")
    IDENTIFY = "identify", _("Identify (250 px/m)")


# The attributes of a camera that planners set, import and export (besides its position).
CAMERA_ATTRIBUTES = (
    "name",
    "mount_height",
    "azimuth",
    "fov",
    "tilt",
    "resolution",
    "status",
    "owner",
    "watched_object",
    "connected",
    "installed_on",
    "camera_type",
    "mount",
    "zone",
)


class Camera(LayerFeature):
    """A video-surveillance camera: where it hangs, where it looks, and how sharp it sees."""

    position = models.PointField(_("position"), srid=STORAGE_SRID)
    mount_height = models.FloatField(
        _("mount height, m"),
        validators=[
            Between(
                0, MAX_MOUNT_HEIGHT_M, message=_("The mount height must be from 0 to 300 m; got %(value)s.")
            )
        ],
    )
    azimuth = models.FloatField(
        _("azimuth, ° from north"),
        help_text=_("Direction of the view, clockwise from true north."),
        validators=[
            Between(
                0, 360, message=_("The azimuth must be from 0 to 360° (clockwise from north); got %(value)s.")
            )
        ],
    )
    fov = models.FloatField(
        _("horizontal field of view, °"),
        validators=[
            Between(
                0,
                180,
                strict_low=True,
                strict_high=True,
                message=_(
                    "The horizontal field of view must be more than 0° and less than 180°; got %(value)s."
                ),
            )
        ],
    )
    tilt = models.FloatField(
        _("tilt, ° below the horizon"),
        default=0.0,
        validators=[Between(-90, 90, message=_("The tilt must be from -90 to 90°; got %(value)s."))],
    )
    resolution = models.PositiveIntegerField(
        _("horizontal resolution, px"),
        validators=[
            Between(
                1,
                MAX_RESOLUTION_PX,
                message=_("The horizontal resolution must be from 1 to 20000 pixels; got %(value)s."),
            )
        ],
    )
    status = models.CharField(
        _("status"), max_length=20, choices=CameraStatus.choices, default=CameraStatus.ONLINE, db_index=True
    )
    owner = models.CharField(_("owner"), max_length=200, blank=True)
    watched_object = models.CharField(_("watched object"), max_length=255, blank=True)
    connected = models.BooleanField(_("connected to the municipal system"), default=False)
    installed_on = models.DateField(_("installation date"), null=True, blank=True)
    camera_type = models.CharField(_("camera type"), max_length=20, choices=CameraType.choices, blank=True)
    mount = models.CharField(_("mount"), max_length=20, choices=CameraMount.choices, blank=True)
    zone = models.CharField(
        _("surveillance zone"), max_length=20, choices=SurveillanceZone.choices, blank=True
    )
    # When the stored fields of view were last computed; older than updated_at means stale.
    fov_computed_at = models.DateTimeField(
        _("fields of view computed"), null=True, blank=True, editable=False
    )

    class Meta(LayerFeature.Meta):
        verbose_name = _("camera")
        verbose_name_plural = _("cameras")


class HeightSource(models.TextChoices):
    """Where a building's height came from (what a reader may rely on)."""

    TAGGED = "tagged", _("measured: the OSM height tag")
    LEVELS = "levels", _("assumption: OSM levels × 3.1 m + 1.5 m roof")
    ESTIMATE = "estimate", _("assumption: typical height of the building type")
    DEMO = "demo", _("demo: random 9–36 m")
    ENTERED = "entered", _("entered by a user")


class Building(LayerFeature):
    """A building footprint: an occluder of the cameras' views.

    A building at least as tall as a camera's lens hides all the ground behind it; a lower one
    hides only the strip its roof shades from the lens. Unknown height: treated as tall.
    """

    footprint = models.MultiPolygonField(_("footprint"), srid=STORAGE_SRID)
    height_m = models.FloatField(_("height, m"), null=True, blank=True)
    height_source = models.CharField(
        _("height source"), max_length=12, choices=HeightSource.choices, blank=True
    )
    levels = models.PositiveSmallIntegerField(_("floors"), null=True, blank=True)
    kind = models.CharField(_("kind"), max_length=40, blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)

    class Meta(LayerFeature.Meta):
        verbose_name = _("building")
        verbose_name_plural = _("buildings")


class CameraFieldOfView(LayerFeature):
    """The ground a camera sees at one DORI level, cut by buildings (derived; never edited)."""

    camera = models.ForeignKey(
        Camera, on_delete=models.CASCADE, related_name="fields_of_view", verbose_name=_("camera")
    )
    level = models.CharField(_("DORI level"), max_length=12, choices=DoriLevelChoice.choices)
    # The camera's status, copied so tiles and the events check filter without a join.
    status = models.CharField(_("camera status"), max_length=20, choices=CameraStatus.choices)
    range_m = models.FloatField(_("range, m"))
    field_of_view = models.MultiPolygonField(_("field of view"), srid=STORAGE_SRID)

    class Meta(LayerFeature.Meta):
        verbose_name = _("field of view")
        verbose_name_plural = _("fields of view")
        constraints = [
            models.UniqueConstraint(fields=("camera", "level"), name="surveillance_one_field_per_level")
        ]


class JobKind(models.TextChoices):
    PLACEMENT = "placement", _("Camera placement")
    COVERAGE = "coverage", _("Coverage")
    OUTAGE = "outage", _("Outage impact")
    IMPORT = "import", _("Camera import")


class JobState(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class AnalysisJob(models.Model):
    """A surveillance analysis run by the Celery worker (layers.surveillance.tasks): what was
    asked, how far it is, and its answer (the same body the inline endpoint gives)."""

    kind = models.CharField(_("kind"), max_length=12, choices=JobKind.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(_("status"), max_length=10, choices=JobState.choices, default=JobState.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress, %"), default=0)
    # A code from layers.surveillance.jobs.STAGES; translated when read.
    stage = models.CharField(_("stage"), max_length=40, default="queued")
    request = models.JSONField(_("request"), default=dict)
    # The uploaded file of an import (at most import_max_bytes).
    payload = models.BinaryField(_("uploaded file"), null=True, blank=True)
    result = models.JSONField(_("result"), null=True, blank=True)
    result_status = models.PositiveSmallIntegerField(_("result HTTP status"), default=200)
    error = models.JSONField(_("error"), null=True, blank=True)
    celery_task_id = models.CharField(_("task id"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ("-created_at",)
        indexes = [models.Index(fields=("user", "-created_at"))]
        verbose_name = _("surveillance analysis job")
        verbose_name_plural = _("surveillance analysis jobs")

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk} ({self.status})"
