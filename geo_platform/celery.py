"""Celery application for long jobs (exports, scenario runs, analyses a user waits for).

Queues by kind of work are set in settings (CELERY_TASK_ROUTES); workers are started per
queue in production (README, "Production") and on all queues in development.
"""

import os
import time

from celery import Celery
from celery.signals import task_failure, task_postrun, task_prerun, worker_ready

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "geo_platform.settings")

app = Celery("geo_platform")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

_started: dict[str, float] = {}


@task_prerun.connect
def _task_started(task_id=None, **kwargs) -> None:
    _started[task_id] = time.monotonic()


@task_postrun.connect
def _task_finished(task_id=None, task=None, state=None, **kwargs) -> None:
    started = _started.pop(task_id, None)
    if started is None or task is None:
        return
    from geo_platform.observability import TASK_SECONDS

    TASK_SECONDS.labels(task=task.name, outcome=(state or "unknown").lower()).observe(
        time.monotonic() - started
    )


@task_failure.connect
def _task_failed(sender=None, task_id=None, exception=None, **kwargs) -> None:
    """A task that raised or whose process died (time or memory limit): its job is marked failed."""
    from geo_platform.jobs import mark_failed

    mark_failed(task_id or "", exception)


@app.task(name="jobs.fail_stale", ignore_result=True)
def fail_stale_jobs_task() -> int:
    """On the beat schedule: jobs left active by a lost worker host are marked failed."""
    from geo_platform.jobs import fail_stale_jobs

    return fail_stale_jobs()


@worker_ready.connect
def _serve_metrics(**kwargs) -> None:
    """CELERY_METRICS_PORT set: the worker serves its task durations for Prometheus on that port.

    The pool's processes write to PROMETHEUS_MULTIPROC_DIR; this main process adds them up.
    """
    port = os.environ.get("CELERY_METRICS_PORT")
    if not port:
        return
    from prometheus_client import CollectorRegistry, multiprocess, start_http_server

    registry = CollectorRegistry()
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        multiprocess.MultiProcessCollector(registry)
    start_http_server(int(port), addr="127.0.0.1", registry=registry)
