"""Errors of the Situation Centre's pure core: each names the parameter and what it should be."""

from __future__ import annotations

from typing import Any


class SituationError(ValueError):
    """Base class of every error the situation core raises on bad input."""

    def __init__(self, *, parameter: str, value: Any, expected: str) -> None:
        self.parameter = parameter
        self.value = value
        self.expected = expected
        super().__init__(f"Invalid {parameter}={value!r}: expected {expected}.")


class InvalidCap(SituationError):
    """A CAP message that does not validate against the OASIS CAP 1.2 schema."""
