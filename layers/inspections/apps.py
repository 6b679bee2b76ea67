from django.apps import AppConfig


class InspectionsConfig(AppConfig):
    name = "layers.inspections"
    label = "inspections"
    verbose_name = "Проверки на охраняваните общински обекти"
