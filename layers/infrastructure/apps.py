from django.apps import AppConfig


class InfrastructureConfig(AppConfig):
    name = "layers.infrastructure"
    label = "infrastructure"
    verbose_name = "Критична инфраструктура и обекти"
