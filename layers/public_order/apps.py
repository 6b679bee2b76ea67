from django.apps import AppConfig


class PublicOrderConfig(AppConfig):
    name = "layers.public_order"
    label = "public_order"
    verbose_name = "Обществен ред и превенция"
