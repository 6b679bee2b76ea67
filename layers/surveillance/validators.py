"""Range checks of camera parameters with messages that say the allowed range.

Not subclasses of Django's Min/MaxValueValidator on purpose: DRF's ModelSerializer swaps
those for its own generic "less than or equal to" message, and these say what is wrong in
the planner's terms (and the open bounds of the field of view need a strict check anyway).
"""

from __future__ import annotations

import math

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible


@deconstructible
class Between:
    """low ≤ value ≤ high (or strict, per bound), finite; the message may use %(value)s."""

    def __init__(
        self, low: float, high: float, *, message, strict_low: bool = False, strict_high: bool = False
    ):
        self.low = low
        self.high = high
        self.message = message
        self.strict_low = strict_low
        self.strict_high = strict_high

    def __call__(self, value) -> None:
        if value is None:
            return
        number = float(value)
        too_low = number <= self.low if self.strict_low else number < self.low
        too_high = number >= self.high if self.strict_high else number > self.high
        if not math.isfinite(number) or too_low or too_high:
            raise ValidationError(self.message, code="out_of_range", params={"value": value})

    def __eq__(self, other) -> bool:
        return isinstance(other, Between) and (
            self.low,
            self.high,
            self.strict_low,
            self.strict_high,
            str(self.message),
        ) == (other.low, other.high, other.strict_low, other.strict_high, str(other.message))

    def __hash__(self) -> int:
        return hash((self.low, self.high, self.strict_low, self.strict_high))
