from django.apps import AppConfig


class AdministrativeConfig(AppConfig):
    name = "layers.administrative"
    label = "administrative"
    verbose_name = "Административно деление"
