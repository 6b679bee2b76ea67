"""The counter-terrorism core's one error class: a ValueError naming the parameter and what it should be."""

from __future__ import annotations

from typing import Any


class CounterTerrorismError(ValueError):
    """Bad input to a counter-terrorism analysis.

    `.parameter` names the input (device, point, perimeter, sites, weights, ...), `.value` is what
    was given and `.expected` says in English what it should be; the platform words a translated
    400 from these fields without parsing this message.
    """

    def __init__(self, *, parameter: str, expected: str, value: Any = None) -> None:
        self.parameter = parameter
        self.expected = expected
        self.value = value
        super().__init__(f"Invalid {parameter}={value!r}: expected {expected}.")
