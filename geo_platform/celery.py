"""Celery application for long jobs (exports, scenario runs)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "geo_platform.settings")

app = Celery("geo_platform")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
