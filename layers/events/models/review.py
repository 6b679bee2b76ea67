"""The review of an event: assessments, the transition log, messages, proposals, tasks, opinion."""

from __future__ import annotations

from django.conf import settings
from django.contrib.gis.db import models
from django.utils.translation import gettext_lazy as _

from geo_platform.crs import STORAGE_SRID
from layers.events.models.choices import EventStatus, Structure, TaskStatus
from layers.events.models.event import EventRevision, MassEvent

USER = settings.AUTH_USER_MODEL


class AssessmentStatus(models.TextChoices):
    QUEUED = "queued", _("waiting to be computed")
    RUNNING = "running", _("being computed")
    DONE = "done", _("done")
    FAILED = "failed", _("failed")


class EventAssessment(models.Model):
    """The automatic checks of one revision, as computed at one moment.

    A background job (layers.events.tasks, the `interactive` queue): queued when the revision is
    filed, running while its checks run (`stage` names the check, `progress` in %), then done
    with its checks, or failed with the reason. A job row in the sense of geo_platform.jobs.
    """

    event = models.ForeignKey(MassEvent, on_delete=models.CASCADE, related_name="assessments")
    revision = models.ForeignKey(EventRevision, on_delete=models.CASCADE, related_name="assessments")
    computed_at = models.DateTimeField(_("computed at"), auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=10, choices=AssessmentStatus.choices, default=AssessmentStatus.DONE
    )
    stage = models.CharField(_("stage"), max_length=40, blank=True)
    progress = models.PositiveSmallIntegerField(_("progress, %"), default=100)
    error = models.TextField(_("error"), blank=True)
    celery_task_id = models.CharField(_("task id"), max_length=255, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    duration_ms = models.PositiveIntegerField(_("computing time, ms"), default=0)
    parameters = models.JSONField(_("parameters"), default=dict)
    checks = models.JSONField(_("checks"), default=list)

    class Meta:
        ordering = ("-computed_at", "-id")
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")


class EventTransition(models.Model):
    """One change of status: who, when, why."""

    event = models.ForeignKey(MassEvent, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(_("from"), max_length=24, choices=EventStatus.choices)
    to_status = models.CharField(_("to"), max_length=24, choices=EventStatus.choices)
    user = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    reason = models.TextField(_("reason"), blank=True)
    revision = models.PositiveIntegerField(_("revision"), default=0)
    details = models.JSONField(_("details"), default=dict, blank=True)
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        ordering = ("at", "id")
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")


class EventMessage(models.Model):
    """A message about an event between the directorate and the organizer, or an internal note
    of the directorate (which the organizer never sees)."""

    event = models.ForeignKey(MassEvent, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    internal = models.BooleanField(_("internal note"), default=False)
    body = models.TextField(_("text"))
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        ordering = ("created_at", "id")
        verbose_name = _("message")
        verbose_name_plural = _("messages")


class AlternativeProposal(models.Model):
    """Another place, time or route the directorate proposes (ЗСММ, чл. 12)."""

    event = models.ForeignKey(MassEvent, on_delete=models.CASCADE, related_name="alternatives")
    revision = models.ForeignKey(EventRevision, on_delete=models.CASCADE, related_name="+")
    proposed_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(_("proposed at"), auto_now_add=True)
    start = models.DateTimeField(_("proposed start"), null=True, blank=True)
    end = models.DateTimeField(_("proposed end"), null=True, blank=True)
    perimeter = models.MultiPolygonField(_("proposed perimeter"), srid=STORAGE_SRID, null=True, blank=True)
    route = models.LineStringField(_("proposed route"), srid=STORAGE_SRID, null=True, blank=True)
    note = models.TextField(_("explanation"))
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)

    class Meta:
        ordering = ("-created_at", "-id")
        verbose_name = _("alternative proposal")
        verbose_name_plural = _("alternative proposals")


class EventTask(models.Model):
    """A task for a competent structure, with a due time."""

    event = models.ForeignKey(MassEvent, on_delete=models.CASCADE, related_name="tasks")
    structure = models.CharField(_("structure"), max_length=20, choices=Structure.choices)
    description = models.TextField(_("task"))
    due_at = models.DateTimeField(_("due"))
    status = models.CharField(_("status"), max_length=12, choices=TaskStatus.choices, default=TaskStatus.OPEN)
    created_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    completed_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)

    class Meta:
        ordering = ("due_at", "id")
        verbose_name = _("task")
        verbose_name_plural = _("tasks")


class ProposedDecision(models.TextChoices):
    APPROVE = "approve", _("Approve")
    APPROVE_WITH_CONDITIONS = "approve_with_conditions", _("Approve with conditions")
    PROPOSE_ALTERNATIVE = "propose_alternative", _("Propose another place, time or route")
    REJECT = "reject", _("Reject")


class Opinion(models.Model):
    """The directorate's opinion (становище) to the mayor on one revision of an event."""

    event = models.OneToOneField(MassEvent, on_delete=models.CASCADE, related_name="opinion")
    revision = models.ForeignKey(EventRevision, on_delete=models.CASCADE, related_name="+")
    proposed_decision = models.CharField(
        _("proposed decision"), max_length=30, choices=ProposedDecision.choices
    )
    conditions = models.JSONField(_("conditions"), default=list, blank=True)
    justification = models.TextField(_("justification"), blank=True)
    author = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("opinion")
        verbose_name_plural = _("opinions")
