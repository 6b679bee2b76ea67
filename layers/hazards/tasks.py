"""Celery tasks of the risk app: thin wrappers, the work is in the services.

The worker runs them in separate processes (prefork): the core's prepared exposure is cached
per process and is not shared between threads. Each task records its own failure on its job
row, so a failed task never leaves a job "running".
"""

from __future__ import annotations

from celery import shared_task

from layers.hazards import services

# Generous limits: a 5 m whole-municipality run takes minutes, not hours.
RUN_LIMITS = {"soft_time_limit": 3600, "time_limit": 3900}


@shared_task(name="hazards.run_scenario", ignore_result=True, **RUN_LIMITS)
def run_scenario_task(run_id: int) -> None:
    """Compute one queued run of a scenario."""
    services.execute_run(run_id=run_id)


@shared_task(name="hazards.rank_measures", ignore_result=True, **RUN_LIMITS)
def rank_measures_task(ranking_id: int) -> None:
    """Rank the measures of one queued ranking."""
    services.execute_ranking(ranking_id=ranking_id)


@shared_task(name="hazards.export", ignore_result=True, soft_time_limit=1800, time_limit=1900)
def export_task(job_id: int) -> None:
    """Write one queued export file."""
    services.execute_export(job_id=job_id)
