"""The Situation Centre's errors, and the one mapping of the pure core's errors to the 400 shape."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.utils.translation import gettext as _

from geo_platform.errors import Conflict, InvalidParameter
from risk_models.situation import SituationError


class InvalidIncident(InvalidParameter):
    code = "invalid_incident"


class InvalidAlert(InvalidParameter):
    code = "invalid_alert"


class TransitionRefused(Conflict):
    code = "transition_refused"


@contextmanager
def core_errors() -> Iterator[None]:
    """SituationError (.parameter, .expected) from risk_models.situation as a 400."""
    try:
        yield
    except SituationError as error:
        raise InvalidAlert(
            _("Invalid value of %(parameter)s (%(value)s): expected %(expected)s.")
            % {"parameter": error.parameter, "value": error.value, "expected": error.expected},
            parameter=error.parameter,
        ) from None
