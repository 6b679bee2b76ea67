"""Background jobs that die are marked failed, so a user never waits on a job that will not finish.

A job is any model row with `status` and `celery_task_id` (the risk scenarios, rankings and
exports, the surveillance analyses, imports). A task that raises records its own error; this
module covers the cases where its code never got the chance: the hard time limit, a process
killed for memory, a worker that died. The Celery signal handler (geo_platform.celery) calls
mark_failed from the worker's main process, and fail_stale_jobs (on the beat schedule) catches
the rest, e.g. a whole worker host lost.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import timedelta

from django.apps import apps
from django.db import DatabaseError, models
from django.utils import timezone
from django.utils.translation import gettext as _

log = logging.getLogger(__name__)

ACTIVE = ("queued", "running")
# Longer than the longest task time limit (hazards.run_scenario: 3,900 s).
STALE_AFTER = timedelta(hours=2)


def job_models() -> Iterator[type[models.Model]]:
    """Every installed model that is a background job (has `status` and `celery_task_id`)."""
    for model in apps.get_models():
        names = {field.name for field in model._meta.get_fields()}
        if {"status", "celery_task_id"} <= names:
            yield model


def _failure_fields(model: type[models.Model], message: str) -> dict:
    names = {field.name for field in model._meta.get_fields()}
    fields: dict = {"status": "failed"}
    if "error" in names:
        fields["error"] = message[:2000]
    if "stage" in names:
        fields["stage"] = "failed"
    if "finished_at" in names:
        fields["finished_at"] = timezone.now()
    return fields


def mark_failed(task_id: str, exception: BaseException | None = None) -> int:
    """Mark the still-active job run by Celery task `task_id` failed; the number of rows changed."""
    if not task_id:
        return 0
    message = _(
        "The job stopped before it finished (it ran out of time or memory, or its worker stopped). "
        "Try a smaller area or fewer items, or ask an administrator."
    )
    changed = 0
    try:
        job_types = set(job_models())
        for model in job_types:
            rows = model.objects.filter(celery_task_id=task_id, status__in=ACTIVE)
            # A run's parent job (a scenario of its runs) shows the run's state: it fails with it.
            parents = [
                (field.related_model, list(rows.values_list(field.attname, flat=True)))
                for field in model._meta.concrete_fields
                if field.many_to_one and field.related_model in job_types
            ]
            changed += rows.update(**_failure_fields(model, message))
            for parent, ids in parents:
                parent.objects.filter(pk__in=ids, status__in=ACTIVE).update(
                    **_failure_fields(parent, message)
                )
    except DatabaseError:
        log.exception("Could not mark the job of task %s failed.", task_id)
    if changed:
        log.warning("Job of task %s marked failed: %r", task_id, exception)
    return changed


def fail_stale_jobs(*, older_than: timedelta = STALE_AFTER) -> int:
    """Mark failed the jobs still active long after any task limit would have ended them."""
    cutoff = timezone.now() - older_than
    message = _("The job did not finish in time and was stopped. Start it again.")
    changed = 0
    for model in job_models():
        names = {field.name for field in model._meta.get_fields()}
        stale = models.Q(pk__in=[])
        if "started_at" in names:
            stale |= models.Q(status="running", started_at__lt=cutoff)
        if "created_at" in names:
            stale |= models.Q(status="queued", created_at__lt=cutoff)
        changed += model.objects.filter(stale).update(**_failure_fields(model, message))
    return changed


def task_named(name: str):
    """The Celery task registered under `name`, so a service queues its job without importing the
    tasks module (which imports the services): no services ↔ tasks import cycle. Unlike
    `send_task`, the task found here honours `task_always_eager` (the tests run jobs eagerly)."""
    from geo_platform.celery import app

    if name not in app.tasks:
        app.loader.import_default_modules()  # the autodiscovered `tasks` modules of every app
    return app.tasks[name]
