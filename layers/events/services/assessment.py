"""The automatic assessment of a revision: run every registered check (`layers.events.checks`)
on the event as it is now and keep the results (data, not prose) with the revision they judged.

The checks read many layers and take from a fraction of a second to several seconds (the
counter-terrorism check walks the street network), so they never run on the web thread: filing
a revision queues an assessment (`queue_assessment`), and the `events.assess` Celery task
(layers.events.tasks, on the `interactive` queue) runs it (`run_assessment`), reporting the
check it is on. Each check returns a status — ok, info, warning, danger or not_available — and
its data; `layers.events.checks.describe` words them in the reader's language.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from kombu.exceptions import OperationalError

from geo_platform.errors import PlatformError, core_errors
from geo_platform.jobs import task_named
from layers.events.checks import all_checks
from layers.events.checks.context import Context
from layers.events.conf import assessment_settings
from layers.events.models import AssessmentStatus, EventAssessment, EventRevision, MassEvent
from risk_models.events.errors import EventCheckError

log = logging.getLogger(__name__)
TASK = "events.assess"


def queue_assessment(event: MassEvent, revision: EventRevision) -> EventAssessment:
    """Save a queued assessment of the revision and hand it to the worker once the row is committed."""
    assessment = EventAssessment.objects.create(
        event=event,
        revision=revision,
        status=AssessmentStatus.QUEUED,
        stage="queued",
        progress=0,
        parameters=assessment_settings().as_dict(),
    )
    assessment_id = assessment.pk

    def send() -> None:
        try:
            result = task_named(TASK).delay(assessment_id)
        except OperationalError as exc:
            # The filing stands; the reviewer sees the failure and assesses again.
            log.warning("assessment #%s not queued: %s", assessment_id, exc)
            _finish(
                assessment_id,
                status=AssessmentStatus.FAILED,
                error=_("The job queue is unavailable; assess again later."),
            )
            return
        EventAssessment.objects.filter(pk=assessment_id, celery_task_id="").update(
            celery_task_id=result.id or ""
        )

    transaction.on_commit(send)
    return assessment


def run_assessment(*, assessment_id: int) -> None:
    """Run every check of a queued assessment (in the worker) and keep the result on its row."""
    claimed = EventAssessment.objects.filter(pk=assessment_id, status=AssessmentStatus.QUEUED).update(
        status=AssessmentStatus.RUNNING, stage="started", progress=1
    )
    if not claimed:
        return  # already run, or a duplicate delivery
    assessment = EventAssessment.objects.select_related("event").get(pk=assessment_id)
    started = time.perf_counter()
    try:
        ctx = Context.of(assessment.event, assessment_settings())
        checks = all_checks()
        results = []
        with core_errors(EventCheckError):
            for number, check in enumerate(checks):
                _advance(assessment_id, check.key, 5 + 90 * number // len(checks))
                results.append(check.run(ctx))
    except PlatformError as exc:
        _finish(assessment_id, status=AssessmentStatus.FAILED, error=str(exc.detail))
        return
    except Exception:
        _finish(
            assessment_id, status=AssessmentStatus.FAILED, error=_("The assessment failed; assess again.")
        )
        raise
    _finish(
        assessment_id,
        status=AssessmentStatus.DONE,
        checks=results,
        parameters=ctx.config.as_dict(),
        duration_ms=round((time.perf_counter() - started) * 1000),
    )


def _advance(assessment_id: int, stage: str, progress: int) -> None:
    EventAssessment.objects.filter(pk=assessment_id).update(stage=stage, progress=progress)


def _finish(assessment_id: int, *, status: str, error: str = "", **fields: Any) -> None:
    EventAssessment.objects.filter(pk=assessment_id).update(
        status=status, stage=status, progress=100, error=error[:2000], finished_at=timezone.now(), **fields
    )
