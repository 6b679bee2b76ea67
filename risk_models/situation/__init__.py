"""The Situation Centre's pure core: offline address matching and CAP 1.2 messages.

No Django, no geo_platform: plain values in, plain values out, so every rule is testable alone.
"""

from .cap import CapArea, CapInfo, CapMessage, to_xml, validate
from .errors import InvalidCap, SituationError
from .geocode import Match, best_match, normalise

__all__ = [
    "CapArea",
    "CapInfo",
    "CapMessage",
    "InvalidCap",
    "Match",
    "SituationError",
    "best_match",
    "normalise",
    "to_xml",
    "validate",
]
