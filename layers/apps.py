from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.module_loading import autodiscover_modules


class LayersConfig(AppConfig):
    name = "layers"
    verbose_name = "Каталог на слоевете"

    def ready(self) -> None:
        # Each domain app declares its layers in a `layer_specs` module.
        autodiscover_modules("layer_specs")
        # Every registered layer has its catalogue row once the database is migrated.
        post_migrate.connect(_sync_catalogue, sender=self, dispatch_uid="layers.sync_catalogue")


def _sync_catalogue(sender, using: str = "default", **kwargs) -> None:
    from layers.services import sync_catalogue

    sync_catalogue(using=using)
