"""The hazard core's own exceptions; the API layer maps them to HTTP statuses."""

from __future__ import annotations


class HazardModelError(Exception):
    """Base of every error the hazard and risk core raises on purpose: `.parameter` names the
    input at fault, `.expected` says (in English) what it should be."""

    parameter: str = ""
    expected: str = "valid input"


class InvalidScenario(HazardModelError, ValueError):
    """A scenario parameter is out of range or missing; the message names the parameter (HTTP 400)."""

    def __init__(self, parameter: str, message: str) -> None:
        super().__init__(f"{parameter}: {message}")
        self.parameter = parameter
        self.expected = message


class InputDataError(HazardModelError):
    """An input file or collection handed in cannot be used as it is (wrong CRS, empty, mismatched)."""

    parameter = "input_data"
    expected = "input data in the documented CRS, non-empty and matching each other"
