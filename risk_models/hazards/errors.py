"""The hazard core's own exceptions; the API layer maps them to HTTP statuses."""

from __future__ import annotations


class HazardModelError(Exception):
    """Base of every error the hazard and risk core raises on purpose."""


class InvalidScenario(HazardModelError, ValueError):
    """A scenario parameter is out of range or missing; the message names the parameter (HTTP 400)."""

    def __init__(self, parameter: str, message: str) -> None:
        super().__init__(f"{parameter}: {message}")
        self.parameter = parameter


class InputDataError(HazardModelError):
    """An input file or collection handed in cannot be used as it is (wrong CRS, empty, mismatched)."""
