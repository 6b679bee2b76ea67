"""Sofia Security Directorate GIS platform: the Django project and its shared kernel."""

from geo_platform.celery import app as celery_app

__all__ = ("celery_app",)
