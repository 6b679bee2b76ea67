"""Surveillance analyses that may take more than about 2 s run as Celery jobs, off the web threads.

A request within every inline bound (conf.py: target area or length, cameras of an outage,
k, directions and demand cells of a placement, bytes of an import) is answered inline as
before; a larger one gets 202 with a job, which the worker (tasks.py, named queue-ready
tasks `surveillance.<kind>`) runs under a time limit and a memory limit, reporting its stage
and progress on the job row. The job's answer is the very body the inline endpoint gives.
Only the user who started a job reads it (its results follow that user's visibility).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from celery.exceptions import SoftTimeLimitExceeded
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from geo_platform.api import valid
from geo_platform.errors import NotFound, PlatformError
from layers.surveillance.conf import surveillance_settings
from layers.surveillance.models import AnalysisJob, JobKind, JobState
from layers.surveillance.selectors.targets import resolve_target

log = logging.getLogger(__name__)

# Stage codes kept on the job row, with their progress and the text shown.
STAGES = {
    "queued": (0, gettext_lazy("Waiting for the analysis worker")),
    "started": (5, gettext_lazy("Started")),
    "target": (15, gettext_lazy("Reading the target and the cameras")),
    "computing": (30, gettext_lazy("Computing")),
    "writing": (90, gettext_lazy("Preparing the answer")),
    "done": (100, gettext_lazy("Done")),
    "failed": (100, gettext_lazy("Failed")),
}


# ---- which requests run inline ------------------------------------------------------------


def _target_within_bounds(user, target_spec: dict) -> bool:
    limits = surveillance_settings()
    target = resolve_target(user, target_spec)  # also the 4xx for a bad target, before any job
    if target.measure == "area":
        return target.geometry.area / 1e6 <= limits.inline_max_area_km2
    return target.geometry.length / 1e3 <= limits.inline_max_line_km


def runs_inline(kind: str, user, data: dict, *, size: int = 0) -> bool:
    """Whether a request is small enough to answer inline (see the module's docstring)."""
    limits = surveillance_settings()
    if kind == JobKind.IMPORT:
        # A file over the import limit is refused inline at once, not after a queue.
        return size <= limits.inline_max_import_bytes or size > limits.import_max_bytes
    if kind == JobKind.OUTAGE and len(data["cameras"]) > limits.inline_max_outage_cameras:
        return False
    if kind == JobKind.PLACEMENT:
        if (
            data["k"] > limits.inline_max_placement_k
            or data["directions"] > limits.inline_max_placement_directions
        ):
            return False
        target = resolve_target(user, data["target"])
        cells = target.geometry.buffer(0).envelope.area / (data["cell_size_m"] ** 2)
        if cells > limits.inline_max_demand_cells:
            return False
    return _target_within_bounds(user, data["target"])


# ---- starting and reading jobs ------------------------------------------------------------


def start(kind: str, *, user, request: dict, payload: bytes | None = None) -> AnalysisJob:
    """Save a queued job and hand it to the worker once the row is committed."""
    from layers.surveillance import tasks

    job = AnalysisJob.objects.create(kind=kind, user=user, request=request, payload=payload)
    task = tasks.TASKS[kind]

    def queue() -> None:
        result = task.delay(job.pk)
        AnalysisJob.objects.filter(pk=job.pk).update(celery_task_id=result.id or "")

    transaction.on_commit(queue)
    return job


def get_job(user, job_id: int) -> AnalysisJob:
    job = AnalysisJob.objects.filter(pk=job_id, user=user).defer("payload").first()
    if job is None:
        raise NotFound(_("There is no analysis job %(id)s of yours.") % {"id": job_id})
    return job


def job_body(job: AnalysisJob, *, url: str) -> dict:
    stage = STAGES.get(job.stage, STAGES["computing"])
    return {
        "id": job.pk,
        "kind": job.kind,
        "kind_label": job.get_kind_display(),
        "status": job.status,
        "progress": job.progress,
        "stage": job.stage,
        "stage_label": str(stage[1]),
        "created_at": job.created_at.isoformat(),
        "started_at": job.started_at.isoformat() if job.started_at else None,
        "finished_at": job.finished_at.isoformat() if job.finished_at else None,
        "result_status": job.result_status if job.status in (JobState.DONE, JobState.FAILED) else None,
        "result": job.result if job.status == JobState.DONE else None,
        "error": job.error if job.status == JobState.FAILED else None,
        "url": url,
    }


# ---- running a job (in the worker) -------------------------------------------------------------


def _vm_bytes() -> int:
    """This process's address space now (Linux /proc), 0 where unknown."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


@contextmanager
def memory_limit(megabytes: int) -> Iterator[None]:
    """Let the process's address space grow by at most `megabytes` while the block runs
    (RLIMIT_AS; a larger allocation raises MemoryError), then lift the limit again."""
    try:
        import resource
    except ImportError:  # not on Linux: the worker's max-memory-per-child still recycles it
        yield
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    current = _vm_bytes()
    if not current:
        yield
        return
    limit = current + megabytes * 1024 * 1024
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


class _Progress:
    def __init__(self, job: AnalysisJob):
        self.job = job

    def __call__(self, stage: str) -> None:
        AnalysisJob.objects.filter(pk=self.job.pk).update(stage=stage, progress=STAGES[stage][0])


def _finish(job: AnalysisJob, *, status: str, result=None, result_status: int = 200, error=None) -> None:
    AnalysisJob.objects.filter(pk=job.pk).update(
        status=status,
        stage="done" if status == JobState.DONE else "failed",
        progress=100,
        result=result,
        result_status=result_status,
        error=error,
        payload=None,
        finished_at=timezone.now(),
    )


def execute(job_id: int, run: Callable[[AnalysisJob, _Progress], tuple[dict, int]]) -> None:
    """Run one queued job with `run(job, progress) -> (body, status)`, recording how it ended."""
    job = AnalysisJob.objects.select_related("user").filter(pk=job_id, status=JobState.QUEUED).first()
    if job is None:
        return  # already run (a redelivered message) or deleted
    AnalysisJob.objects.filter(pk=job.pk).update(
        status=JobState.RUNNING, stage="started", progress=STAGES["started"][0], started_at=timezone.now()
    )
    limits = surveillance_settings()
    try:
        with memory_limit(limits.job_memory_mb):
            body, status = run(job, _Progress(job))
    except PlatformError as error:
        _finish(
            job,
            status=JobState.FAILED,
            result_status=error.status_code,
            error={"error": error.code, "detail": str(error.detail), **error.extra},
        )
    except SoftTimeLimitExceeded:
        _finish(
            job,
            status=JobState.FAILED,
            result_status=503,
            error={
                "error": "time_limit",
                "detail": _(
                    "The analysis took longer than %(seconds)s s and was stopped; analyse a smaller area "
                    "or fewer cameras."
                )
                % {"seconds": limits.job_time_limit_s},
            },
        )
    except MemoryError:
        _finish(
            job,
            status=JobState.FAILED,
            result_status=503,
            error={
                "error": "memory_limit",
                "detail": _(
                    "The analysis needed more than %(megabytes)s MB of memory and was stopped; analyse a "
                    "smaller area, fewer candidate sites or a coarser grid."
                )
                % {"megabytes": limits.job_memory_mb},
            },
        )
    except Exception:
        log.exception("surveillance job %s failed", job.pk)
        _finish(
            job,
            status=JobState.FAILED,
            result_status=500,
            error={
                "error": "job_failed",
                "detail": _("The analysis failed; the error is logged for the administrators."),
            },
        )
    else:
        _finish(job, status=JobState.DONE, result=body, result_status=status)


# ---- what each kind of job runs: the inline endpoint's own code and answer ----------------------


def run_coverage(job: AnalysisJob, progress) -> tuple[dict, int]:
    from layers.surveillance import responses
    from layers.surveillance.selectors import coverage as coverage_selectors
    from layers.surveillance.serializers import CoverageRequestSerializer

    progress("target")
    data = valid(CoverageRequestSerializer, job.request)
    progress("computing")
    result = coverage_selectors.coverage(
        user=job.user,
        target=data["target"],
        include_planned=data["include_planned"],
        levels=data.get("levels", ()),
    )
    progress("writing")
    return responses.coverage_body(result, with_geometry=data["include_geometry"]), 200


def run_outage(job: AnalysisJob, progress) -> tuple[dict, int]:
    from layers.surveillance import responses
    from layers.surveillance.selectors import coverage as coverage_selectors
    from layers.surveillance.serializers import OutageRequestSerializer

    progress("target")
    data = valid(OutageRequestSerializer, job.request)
    progress("computing")
    result = coverage_selectors.outage(
        user=job.user,
        target=data["target"],
        cameras=data["cameras"],
        include_planned=data["include_planned"],
        levels=data.get("levels", ()),
    )
    progress("writing")
    return responses.outage_body(result, with_geometry=data["include_geometry"]), 200


def run_placement(job: AnalysisJob, progress) -> tuple[dict, int]:
    from layers.surveillance import responses
    from layers.surveillance.selectors.placement import plan_placement
    from layers.surveillance.serializers import PlacementRequestSerializer

    progress("target")
    data = valid(PlacementRequestSerializer, job.request)
    progress("computing")
    outcome = plan_placement(user=job.user, request=data)
    progress("writing")
    return responses.placement_body(outcome, user=job.user), 200


def run_import(job: AnalysisJob, progress) -> tuple[dict, int]:
    from layers.surveillance import responses
    from layers.surveillance.serializers import CameraImportOptionsSerializer
    from layers.surveillance.services.imports import import_cameras

    options = valid(CameraImportOptionsSerializer, job.request.get("options", {}))
    progress("computing")
    report = import_cameras(
        user=job.user,
        content=bytes(job.payload or b""),
        filename=job.request.get("filename", ""),
        fmt=options.get("file_format"),
        crs=options.get("crs"),
        dry_run=options["dry_run"],
    )
    progress("writing")
    created = not options["dry_run"] and bool(report.created)
    return responses.import_body(report), 201 if created else 200


RUNNERS = {
    JobKind.COVERAGE: run_coverage,
    JobKind.OUTAGE: run_outage,
    JobKind.PLACEMENT: run_placement,
    JobKind.IMPORT: run_import,
}
