from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "layers.events"
    label = "events"
    verbose_name = "Масови мероприятия"

    def ready(self) -> None:
        from layers.events.conf import check_settings

        check_settings()
