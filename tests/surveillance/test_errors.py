"""The analysis core's errors become clear 400s naming the parameter, in Bulgarian by default."""

from __future__ import annotations

from django.utils import translation

from layers.surveillance.errors import translate
from risk_models.surveillance import InvalidCameraParameters, InvalidPlacementRequest, InvalidTarget


def test_a_camera_parameter_error_names_the_platform_attribute_in_bulgarian():
    error = InvalidCameraParameters(parameter="height", value=-2.0, expected="0 ≤ height ≤ 1000 m")
    with translation.override("bg"):
        mapped = translate(error)
        message = str(mapped.detail)
    assert mapped.status_code == 400 and mapped.extra["parameter"] == "mount_height"
    assert (
        message
        == "Недопустима стойност за „височина на монтаж“ (mount_height = -2.0): трябва да е от 0 до 1000 m."
    )


def test_target_and_placement_errors_are_400s_with_their_own_codes():
    assert translate(InvalidTarget("empty")).code == "invalid_target"
    placement = translate(InvalidPlacementRequest("k must be ≥ 1"))
    assert placement.code == "invalid_placement" and "k must be ≥ 1" in str(placement.detail)
