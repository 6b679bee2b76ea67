"""The hotspot core's exceptions: ValueErrors with the parameter at fault and what was expected.

The API layer builds the user's (Bulgarian) message from `.parameter` and `.expected`; the
English text here is for logs and tests.
"""

from __future__ import annotations


class HotspotError(ValueError):
    """Base class of every error the hotspot analyses raise on bad input."""

    def __init__(self, message: str, *, parameter: str, expected: str) -> None:
        self.parameter = parameter
        self.expected = expected
        super().__init__(message)


class InvalidParameter(HotspotError):
    """A parameter outside its range: a bandwidth of zero, a cell size below the grid's floor..."""


class TooFewIncidents(HotspotError):
    """Too few incidents for the statistic to mean anything: the answer says so instead of noise."""

    def __init__(self, *, found: int, needed: int, parameter: str = "incidents") -> None:
        self.found = found
        self.needed = needed
        super().__init__(
            f"{found} incidents; the analysis needs at least {needed}.",
            parameter=parameter,
            expected=f"at least {needed} incidents",
        )
