"""The events app's filing fixture, for the counter-terrorism check of the assessment."""

from tests.events.conftest import committed, eager_celery, file_event  # noqa: F401
