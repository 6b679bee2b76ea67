from django.apps import AppConfig


class SituationConfig(AppConfig):
    name = "layers.situation"
    label = "situation"
    verbose_name = "Ситуационен център"
