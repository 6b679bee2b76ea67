"""Sofia Security Directorate GIS platform: the Django project and its shared kernel.

Importing this package has no side effects (the analysis core in risk_models uses its CRS
constants without Django). The Celery application lives in geo_platform.celery and is loaded
when Django starts (AccountsConfig.ready); workers start with `celery -A geo_platform.celery`.
"""
