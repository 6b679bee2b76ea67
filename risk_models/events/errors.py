"""The event checks' exceptions: ValueErrors, so the caller can map them to 400."""

from __future__ import annotations


class EventCheckError(ValueError):
    """Base class of every error the event checks raise on bad input: `.parameter` names the
    input at fault, `.expected` says (in English) what it should be."""

    parameter: str = ""
    expected: str = "valid input"


class InvalidCrowdInput(EventCheckError):
    """Participants, areas, widths or thresholds outside their possible range."""

    def __init__(self, *, parameter: str, value: object, expected: str) -> None:
        self.parameter = parameter
        self.value = value
        self.expected = expected
        super().__init__(f"Invalid {parameter}={value!r}: expected {expected}.")
