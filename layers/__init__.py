"""The layer catalogue and every domain layer of the platform."""
