"""The hot-spot core's errors as clear 400s in the user's words (never the core's parameter names)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.utils.translation import gettext as _

from geo_platform.errors import InvalidParameter
from risk_models.hotspots import HotspotError, TooFewIncidents


class TooFewForAnalysis(InvalidParameter):
    code = "too_few_incidents"


def message(error: HotspotError) -> str:
    if isinstance(error, TooFewIncidents):
        return _(
            "Only %(found)s incidents match the period, categories and area; the analysis needs at least "
            "%(needed)s to tell a hot spot from chance. Choose a longer period, more categories or a larger area."
        ) % {"found": error.found, "needed": error.needed}
    texts = {
        "cell_size_m": _("The grid cell must be at least 25 m across."),
        "bandwidth_m": _("The bandwidth must be larger than 0 m and at least one raster cell (50 m)."),
        "cell_m": _("The raster cell must be larger than 0 m; for a whole district use 50 m or more."),
        "area": _("The area is empty: draw a polygon or choose a district."),
        "incidents": _("Every cell has the same number of incidents: there is nothing to compare."),
        "distance_m": _("The near-repeat distance must be larger than 0 m."),
        "days": _("The near-repeat time window must be longer than 0 days."),
    }
    return texts.get(
        error.parameter,
        _("The analysis could not run with these settings: %(what)s.")
        % {
            "what": error.expected,
        },
    )


@contextmanager
def core_errors() -> Iterator[None]:
    """Run core code; its input errors become a 400 with a message the user can act on."""
    try:
        yield
    except TooFewIncidents as error:
        raise TooFewForAnalysis(message(error)) from None
    except HotspotError as error:
        raise InvalidParameter(message(error)) from None
