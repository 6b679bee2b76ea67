from django.apps import AppConfig


class HazardsConfig(AppConfig):
    name = "layers.hazards"
    label = "hazards"
    verbose_name = "Риск от бедствия"
