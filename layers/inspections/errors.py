"""The schedule core's errors as clear 400s in the user's words (never the core's parameter names)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.utils.translation import gettext as _

from geo_platform.errors import InvalidParameter
from risk_models.hotspots import HotspotError


@contextmanager
def schedule_errors() -> Iterator[None]:
    try:
        yield
    except HotspotError as error:
        if error.parameter == "sites":
            message = _("There are no guarded sites to schedule.")
        elif error.parameter == "working_days":
            message = _("The year has no working days left to schedule.")
        else:
            message = _(
                "The visits the rules ask for do not fit the inspectors' working days: "
                "add inspectors or allow more sites a day."
            )
        raise InvalidParameter(message) from None
