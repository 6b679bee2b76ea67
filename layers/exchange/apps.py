from django.apps import AppConfig


class ExchangeConfig(AppConfig):
    """Data exchange: OGC API Features and Tiles, imports and exports of layers."""

    name = "layers.exchange"
    label = "exchange"
    verbose_name = "Обмен на данни"
