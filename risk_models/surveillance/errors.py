"""The surveillance core's exceptions: all ValueErrors, so the API layer can map them to 400."""

from __future__ import annotations

from typing import Any


class SurveillanceError(ValueError):
    """Base class of every error the surveillance analyses raise on bad input.

    `.parameter` names the input at fault and `.expected` says (in English) what it should be;
    subclasses set them per instance or, for a whole class of errors, as class attributes.
    """

    parameter: str = ""
    expected: str = "valid input"


class InvalidCameraParameters(SurveillanceError):
    """A camera parameter outside its physical range (azimuth, FOV, height, tilt, resolution...)."""

    def __init__(self, *, parameter: str, value: Any, expected: str) -> None:
        # Structured fields, so the API layer can build a translated (Bulgarian) message
        # without parsing this English one.
        self.parameter = parameter
        self.value = value
        self.expected = expected
        super().__init__(f"Invalid camera parameter {parameter}={value!r}: expected {expected}.")


class InvalidTarget(SurveillanceError):
    """A target geometry of the wrong kind (e.g. a point where an area or a route is needed) or empty."""

    parameter = "target"
    expected = "an area or a line of non-zero size"


class InvalidPlacementRequest(SurveillanceError):
    """Placement parameters that cannot be satisfied (k < 1, no candidate sites, bad cell size...)."""

    parameter = "placement"
    expected = "at least one camera, candidate sites and a cell size the area allows"
