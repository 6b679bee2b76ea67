from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class LayersConfig(AppConfig):
    name = "layers"
    verbose_name = "Каталог на слоевете"

    def ready(self) -> None:
        # Each domain app declares its layers in a `layer_specs` module.
        autodiscover_modules("layer_specs")
