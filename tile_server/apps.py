from django.apps import AppConfig


class TileServerConfig(AppConfig):
    name = "tile_server"
    verbose_name = "Векторни плочки"

    def ready(self) -> None:
        # layers sends these after its transactions commit and never imports tile_server.
        from django.db.models.signals import post_delete, post_save

        from geo_platform.events import feature_changed, layer_reloaded
        from layers.models import Layer
        from tile_server.catalogue import on_catalogue_changed
        from tile_server.invalidation import on_feature_changed, on_layer_reloaded

        feature_changed.connect(on_feature_changed, dispatch_uid="tile_server.feature_changed")
        layer_reloaded.connect(on_layer_reloaded, dispatch_uid="tile_server.layer_reloaded")
        # Visibility, zooms and titles are read from an in-memory copy of the catalogue.
        post_save.connect(on_catalogue_changed, sender=Layer, dispatch_uid="tile_server.catalogue.save")
        post_delete.connect(on_catalogue_changed, sender=Layer, dispatch_uid="tile_server.catalogue.delete")
