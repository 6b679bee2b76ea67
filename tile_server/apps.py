from django.apps import AppConfig


class TileServerConfig(AppConfig):
    name = "tile_server"
    verbose_name = "Векторни плочки"
