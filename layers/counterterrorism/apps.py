from django.apps import AppConfig


class CounterTerrorismConfig(AppConfig):
    name = "layers.counterterrorism"
    label = "counterterrorism"
    verbose_name = "Противодействие на тероризма"
