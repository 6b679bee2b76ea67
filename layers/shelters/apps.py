from django.apps import AppConfig


class SheltersConfig(AppConfig):
    name = "layers.shelters"
    label = "shelters"
    verbose_name = "Убежища и укрития"
