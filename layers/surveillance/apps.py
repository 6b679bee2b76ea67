from django.apps import AppConfig


class SurveillanceConfig(AppConfig):
    name = "layers.surveillance"
    label = "surveillance"
    verbose_name = "Видеонаблюдение"

    def ready(self) -> None:
        # layers sends these after its transactions commit; the receivers only call services.
        from geo_platform.events import feature_changed, layer_reloaded
        from layers.surveillance.conf import check_settings
        from layers.surveillance.receivers import on_feature_changed, on_layer_reloaded

        check_settings()
        feature_changed.connect(on_feature_changed, dispatch_uid="surveillance.feature_changed")
        layer_reloaded.connect(on_layer_reloaded, dispatch_uid="surveillance.layer_reloaded")
