"""Celery tasks of the surveillance app: thin wrappers around layers.surveillance.jobs.

Task names are stable (`surveillance.<kind>`) so deployments can route them to queues by
kind (settings.CELERY_TASK_ROUTES). Each job has a time limit (soft: the job is recorded as
stopped; hard: the worker process is killed a minute later) and a memory limit (jobs.py:
RLIMIT_AS while it runs; the worker also replaces a child whose memory stays high,
CELERY_WORKER_MAX_MEMORY_PER_CHILD).
"""

from __future__ import annotations

from celery import shared_task

from layers.surveillance import jobs
from layers.surveillance.conf import surveillance_settings
from layers.surveillance.models import JobKind

SOFT_LIMIT_S = surveillance_settings().job_time_limit_s
LIMITS = {"soft_time_limit": SOFT_LIMIT_S, "time_limit": SOFT_LIMIT_S + 60, "acks_late": False}


@shared_task(name="surveillance.placement", ignore_result=True, **LIMITS)
def placement_task(job_id: int) -> None:
    jobs.execute(job_id, jobs.run_placement)


@shared_task(name="surveillance.coverage", ignore_result=True, **LIMITS)
def coverage_task(job_id: int) -> None:
    jobs.execute(job_id, jobs.run_coverage)


@shared_task(name="surveillance.outage", ignore_result=True, **LIMITS)
def outage_task(job_id: int) -> None:
    jobs.execute(job_id, jobs.run_outage)


@shared_task(name="surveillance.import", ignore_result=True, **LIMITS)
def import_task(job_id: int) -> None:
    jobs.execute(job_id, jobs.run_import)


TASKS = {
    JobKind.PLACEMENT: placement_task,
    JobKind.COVERAGE: coverage_task,
    JobKind.OUTAGE: outage_task,
    JobKind.IMPORT: import_task,
}
