"""The analysis core's errors as the platform's clear 400s, in the user's language.

risk_models.surveillance raises SurveillanceError subclasses (ValueErrors) with English
text; InvalidCameraParameters also carries .parameter, .value and .expected, from which a
translated message is built here. Everything that calls the core goes through `core_errors()`.
"""

from __future__ import annotations

from contextlib import AbstractContextManager

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from geo_platform.errors import InvalidParameter
from geo_platform.errors import core_errors as kernel_core_errors
from risk_models.surveillance import (
    InvalidCameraParameters,
    InvalidPlacementRequest,
    InvalidTarget,
    SurveillanceError,
)

PARAMETER_LABELS = {
    "azimuth": gettext_lazy("azimuth"),
    "fov": gettext_lazy("horizontal field of view"),
    "height": gettext_lazy("mount height"),
    "tilt": gettext_lazy("tilt"),
    "resolution": gettext_lazy("horizontal resolution"),
    "x": gettext_lazy("position"),
    "y": gettext_lazy("position"),
}
EXPECTED = {
    "azimuth": gettext_lazy("from 0 to 360° clockwise from north"),
    "fov": gettext_lazy("more than 0° and less than 180°"),
    "height": gettext_lazy("from 0 to 1000 m"),
    "tilt": gettext_lazy("from -90 to 90°"),
    "resolution": gettext_lazy("a positive number of pixels"),
}
# The core names the mount height `height`; the platform's attribute is `mount_height`.
API_NAMES = {"height": "mount_height"}


class InvalidCamera(InvalidParameter):
    code = "invalid_camera"


class InvalidAnalysisTarget(InvalidParameter):
    code = "invalid_target"


class InvalidPlacement(InvalidParameter):
    code = "invalid_placement"


def camera_error(error: InvalidCameraParameters, *, prefix: str = "") -> InvalidCamera:
    """A 400 naming the parameter, its value and what it should be."""
    parameter = API_NAMES.get(error.parameter, error.parameter)
    return InvalidCamera(
        _("Invalid value of %(label)s (%(parameter)s = %(value)s): it must be %(expected)s.")
        % {
            "label": PARAMETER_LABELS.get(error.parameter, error.parameter),
            "parameter": parameter,
            "value": error.value,
            "expected": EXPECTED.get(error.parameter, error.expected),
        },
        parameter=prefix + parameter,
    )


def translate(error: SurveillanceError) -> InvalidParameter:
    """The core's error as the 400 this app answers with."""
    if isinstance(error, InvalidCameraParameters):
        return camera_error(error)
    if isinstance(error, InvalidTarget):
        return InvalidAnalysisTarget(
            _("The target cannot be analysed: it must be an area or a line of non-zero size (%(reason)s).")
            % {"reason": error},
            parameter="target",
        )
    if isinstance(error, InvalidPlacementRequest):
        return InvalidPlacement(
            _("The placement cannot be run with these parameters (%(reason)s).") % {"reason": error},
            parameter="placement",
        )
    return InvalidParameter(_("The surveillance analysis failed: %(reason)s.") % {"reason": error})


def core_errors() -> AbstractContextManager[None]:
    """Turn the core's SurveillanceError into a PlatformError (400) with a translated message
    (the kernel's `core_errors`, with this app's words)."""
    return kernel_core_errors(
        SurveillanceError,
        message=lambda error: str(translate(error).detail),
        error=lambda error: type(translate(error)),
        parameter_names=API_NAMES,
    )
