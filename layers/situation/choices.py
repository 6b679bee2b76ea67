"""The fixed lists of the Situation Centre: incident categories, sources, statuses; alert states."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    FIRE = "fire", _("Fire")
    ROAD_ACCIDENT = "road_accident", _("Road accident")
    FLOOD = "flood", _("Flood")
    PUBLIC_ORDER = "public_order", _("Public order")
    MEDICAL = "medical", _("Medical emergency")
    UTILITY_FAILURE = "utility_failure", _("Utility failure")
    EXPLOSIVE = "explosive", _("Explosion or suspicious object")
    OTHER = "other", _("Other")


class Origin(models.TextChoices):
    """Who reported the incident."""

    E112 = "112", _("112 emergency number")
    SDVR = "sdvr", _("Sofia Police Directorate (СДВР)")
    PBZN = "pbzn", _("Fire Safety and Civil Protection (ПБЗН)")
    CSMP = "csmp", _("Emergency Medical Care Centre (ЦСМП)")
    CITIZEN = "citizen", _("Citizen")
    CAMERA = "camera_operator", _("Camera operator")


class Status(models.TextChoices):
    NEW = "new", _("New")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    IN_PROGRESS = "in_progress", _("In progress")
    CLOSED = "closed", _("Closed")


class Agency(models.TextChoices):
    """Whom the operator hands an incident to."""

    SDVR = "sdvr", _("Sofia Police Directorate (СДВР)")
    PBZN = "pbzn", _("Fire Safety and Civil Protection (ПБЗН)")
    CSMP = "csmp", _("Emergency Medical Care Centre (ЦСМП)")
    MUNICIPAL_POLICE = "municipal_police", _("Municipal Police")
    CGM = "cgm", _("Urban Mobility Centre (ЦГМ)")
    INSPECTORATE = "inspectorate", _("Sofia Inspectorate")
    UTILITIES = "utilities", _("Utility company")


class AlertStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting approval")
    ISSUED = "issued", _("Issued")
    REJECTED = "rejected", _("Rejected")
    SUPERSEDED = "superseded", _("Superseded")
    CANCELLED = "cancelled", _("Cancelled")


class AreaKind(models.TextChoices):
    POLYGON = "polygon", _("Drawn polygon")
    CIRCLE = "circle", _("Circle")
    DISTRICTS = "districts", _("Districts")
    SETTLEMENTS = "settlements", _("Settlements (EKATTE)")


class LogKind(models.TextChoices):
    INCIDENT = "incident", _("Incident")
    ALERT = "alert", _("Alert")
    MANUAL = "manual", _("Manual entry")
    HANDOVER = "handover", _("Handover")
