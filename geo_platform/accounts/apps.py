from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "geo_platform.accounts"
    label = "accounts"
    verbose_name = "Потребители и роли"

    def ready(self) -> None:
        # Load the Celery application with Django, so that @shared_task binds to it in web
        # processes too (the package's __init__ stays free of side effects).
        import geo_platform.celery  # noqa: F401
