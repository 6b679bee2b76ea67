from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "layers.events"
    label = "events"
    verbose_name = "Масови мероприятия"
