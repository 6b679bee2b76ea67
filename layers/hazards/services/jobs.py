"""Background jobs: queueing after commit, and the progress a running job reports."""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from kombu.exceptions import OperationalError

from geo_platform.jobs import task_named
from layers.hazards.errors import QueueUnavailable
from layers.hazards.models import JobStatus
from layers.hazards.stages import stage_progress

log = logging.getLogger(__name__)


def enqueue(task_name: str, job, *, on_failure: Callable[[], None] | None = None) -> None:
    """Send the task registered as `task_name` (layers.hazards.tasks) with `job.pk` to the Celery
    queue once the job's row is committed. By name, so the services never import the tasks.

    Outside a transaction (the API's case) the send happens at once, so a broker that is down
    answers the request with 503 and the job is marked failed, not left queued forever.
    """
    model, job_id = type(job), job.pk

    def send() -> None:
        try:
            result = task_named(task_name).delay(job_id)
        except OperationalError as exc:
            log.warning("risk job %s #%s not queued: %s", model.__name__, job_id, exc)
            fail(model, job_id, error=_("The job queue is unavailable; try again later."))
            if on_failure is not None:
                on_failure()
            raise QueueUnavailable(_("The job queue is unavailable; try again later.")) from exc
        model.objects.filter(pk=job_id, celery_task_id="").update(celery_task_id=result.id or "")

    transaction.on_commit(send)


def start(model, job_id: int) -> bool:
    """Mark a queued job running; False when it is not queued (already run, or a duplicate delivery)."""
    return bool(
        model.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(
            status=JobStatus.RUNNING, started_at=timezone.now(), stage="queued", progress=1
        )
    )


def advance(model, job_id: int, stage: str, **fields) -> None:
    model.objects.filter(pk=job_id).update(stage=stage, progress=stage_progress(stage), **fields)


def fail(model, job_id: int, *, error: str) -> None:
    model.objects.filter(pk=job_id).update(
        status=JobStatus.FAILED, stage="failed", error=error[:2000], finished_at=timezone.now()
    )


def finish(model, job_id: int, **fields) -> None:
    model.objects.filter(pk=job_id).update(
        status=JobStatus.DONE, stage="done", progress=100, error="", finished_at=timezone.now(), **fields
    )
