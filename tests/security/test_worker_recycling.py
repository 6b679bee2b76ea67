"""Web workers are recycled (gunicorn --max-requests with jitter) wherever the app is served,
and the Celery worker replaces a child whose memory stays high."""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]


def _recycles(text: str) -> bool:
    compact = re.sub(r'[\s",\\]+', " ", text)
    return bool(re.search(r"--max-requests \d+", compact)) and bool(
        re.search(r"--max-requests-jitter \d+", compact)
    )


def test_make_run_recycles_gunicorn_workers():
    assert _recycles((ROOT / "scripts/run.sh").read_text())


def test_the_docker_image_recycles_gunicorn_workers():
    assert _recycles((ROOT / "docker/Dockerfile").read_text())


def test_celery_children_are_replaced_when_their_memory_stays_high():
    assert 0 < settings.CELERY_WORKER_MAX_MEMORY_PER_CHILD <= 4_000_000
    assert settings.CELERY_TASK_ROUTES["surveillance.*"]["queue"]
