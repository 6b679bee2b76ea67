"""Celery tasks of the events app: thin wrappers, the work is in the services."""

from __future__ import annotations

from celery import shared_task

from layers.events.services import assessment

# Well above the assessment of a large event (a few seconds); the job is marked failed past it.
ASSESS_LIMITS = {"soft_time_limit": 120, "time_limit": 150}


@shared_task(name=assessment.TASK, ignore_result=True, **ASSESS_LIMITS)
def assess_task(assessment_id: int) -> None:
    """Run one queued assessment (the `interactive` queue: a reviewer waits for it)."""
    assessment.run_assessment(assessment_id=assessment_id)
