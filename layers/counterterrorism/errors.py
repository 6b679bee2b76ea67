"""The counter-terrorism core's errors as the platform's 400, worded in the user's language.

risk_models.counterterrorism raises one class, CounterTerrorismError, with `.parameter` and
`.expected`; here the parameter gets its everyday name and the message says what to give.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from geo_platform.errors import InvalidParameter
from risk_models.counterterrorism import DEVICES, FACTORS, VEHICLES, CounterTerrorismError

LABELS = {
    "device": gettext_lazy("device"),
    "vehicle": gettext_lazy("vehicle"),
    "perimeter": gettext_lazy("perimeter"),
    "source": gettext_lazy("place of the device"),
    "sites": gettext_lazy("list of sites"),
    "weights": gettext_lazy("weights of the factors"),
    "score": gettext_lazy("score of a checklist area"),
    "area": gettext_lazy("checklist area"),
    "streets": gettext_lazy("street network"),
    "point": gettext_lazy("point"),
}


def expected(parameter: str, fallback: str) -> str:
    if parameter == "device":
        return _("one of: %(list)s") % {"list": ", ".join(f"{k} ({d.label_bg})" for k, d in DEVICES.items())}
    if parameter == "vehicle":
        return _("one of: %(list)s") % {"list": ", ".join(f"{k} ({v.label_bg})" for k, v in VEHICLES.items())}
    return {
        "perimeter": _("a closed area (a polygon whose first and last vertices coincide)"),
        "source": _("a point, a site or an event perimeter"),
        "sites": _("at least one site or crowded place"),
        "weights": _("numbers from 0 to 10 for the factors %(list)s, at least one positive in each group")
        % {"list": ", ".join(FACTORS)},
        "score": _("a whole number from 0 to 4, or empty for “not applicable”"),
        "point": _("a point inside Sofia Municipality"),
    }.get(parameter, fallback)


class InvalidCounterTerrorismInput(InvalidParameter):
    code = "invalid_parameter"


def as_400(error: CounterTerrorismError) -> InvalidCounterTerrorismInput:
    return InvalidCounterTerrorismInput(
        _("Invalid %(label)s (%(value)s): it must be %(expected)s.")
        % {
            "label": LABELS.get(error.parameter, error.parameter),
            "value": error.value,
            "expected": expected(error.parameter, error.expected),
        },
        parameter=error.parameter,
    )


@contextmanager
def core_errors() -> Iterator[None]:
    try:
        yield
    except CounterTerrorismError as error:
        raise as_400(error) from None
