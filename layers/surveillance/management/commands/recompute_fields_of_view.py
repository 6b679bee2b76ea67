from django.core.management.base import BaseCommand

from layers.surveillance.services.fields_of_view import recompute_all


class Command(BaseCommand):
    help = "Recompute and store every camera's DORI fields of view (after changing SURVEILLANCE settings)."

    def handle(self, *args, **options):
        written = recompute_all()
        self.stdout.write(f"Stored {written} fields of view.")
