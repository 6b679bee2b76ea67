"""The risk app's exceptions, and the translation of the analysis core's errors into them.

The core raises InvalidScenario (a bad parameter: HTTP 400 naming it) and InputDataError (bad
data, not a bad request: a background job fails with the message, the request that queued it
was fine). Every class here is a PlatformError, so the one handler in geo_platform.errors
answers with a JSON 4xx.
"""

from __future__ import annotations

from contextlib import AbstractContextManager

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from geo_platform.errors import Conflict, PlatformError, core_errors
from risk_models.hazards import InvalidScenario

# Plain-language messages for the parameters the core names; the core's own (English) text
# stays in the response as `reason`.
PARAMETER_MESSAGES = {
    "kind": gettext_lazy("Choose the hazard: earthquake, flood, landslide or industrial accident."),
    "magnitude": gettext_lazy("The magnitude must be a moment magnitude (Mw) between 4 and 8."),
    "epicentre": gettext_lazy(
        "The epicentre lies too far from Bulgaria: at most 300 km outside it is accepted."
    ),
    "epicentre_lon": gettext_lazy("The epicentre's longitude must be a number of degrees."),
    "epicentre_lat": gettext_lazy("The epicentre's latitude must be a number of degrees."),
    "mechanism": gettext_lazy("The fault mechanism must be normal, reverse or strike_slip."),
    "soil_class": gettext_lazy("The soil class must be A, B, C or D (Eurocode 8), or empty."),
    "cell_size_m": gettext_lazy("The cell size must be between 5 m and 1000 m."),
    "return_period_years": gettext_lazy("The flood's return period must be 20, 100 or 1000 years."),
    "walk_radius_m": gettext_lazy(
        "The walking distance to shelters must be a positive number of metres, at most 5000."
    ),
    "hazardous_sites": gettext_lazy(
        "An industrial-accident scenario needs hazardous sites with their radii."
    ),
    "substance_class": gettext_lazy("Unknown substance class of a hazardous site."),
    "cost_eur": gettext_lazy("A measure needs a positive cost in euro."),
    "median_factor": gettext_lazy("A retrofit's fragility factor must be a positive number."),
    "capacity": gettext_lazy("A new shelter needs a positive number of places."),
    "measures": gettext_lazy("Each measure may be ranked once."),
    "place": gettext_lazy("The measure's place does not suit its kind."),
    "strike_deg": gettext_lazy("The fault's strike must be a direction between 0° and 360°."),
    "dip_deg": gettext_lazy("The fault's dip must be between 10° and 90°."),
    "rupture_length_km": gettext_lazy(
        "The rupture length must be a positive number of km, at most 500, or empty."
    ),
    "rupture_width_km": gettext_lazy(
        "The rupture width must be a positive number of km, at most 500, or empty."
    ),
    "top_depth_km": gettext_lazy("The depth of the rupture's top edge must be 0–30 km."),
    "industrial_case": gettext_lazy("The accident case must be a fire or a spill."),
    "wind_from_deg": gettext_lazy(
        "The wind direction must be between 0° and 360° (where the wind blows from)."
    ),
    "wind_speed_ms": gettext_lazy("The wind speed must be 0–60 m/s."),
    "shelter_seeking_share": gettext_lazy("The share of displaced people seeking accommodation must be 0–1."),
    "space_per_person_m2": gettext_lazy(
        "The space per person must be 1–20 m² (Sphere: 3.5 m², 4.5–5.5 m² in the cold)."
    ),
    "realisations": gettext_lazy("The number of Monte Carlo realisations must be a whole number 10–2000."),
    "seed": gettext_lazy("The random seed must be a whole number ≥ 0."),
    "hazard_source": gettext_lazy("The hazard comes from the model or from an uploaded layer."),
    "hazard_file": gettext_lazy("An imported hazard needs an uploaded raster or zone layer."),
    "evacuation_zone": gettext_lazy("A hazardous site's evacuation zone must be a valid polygon."),
    "protective_action_zone": gettext_lazy(
        "A hazardous site's protective-action zone must be a valid polygon."
    ),
}


def _message(exc: InvalidScenario) -> str:
    message = PARAMETER_MESSAGES.get(exc.parameter)
    return str(message) if message else _("Invalid value of %(parameter)s.") % {"parameter": exc.parameter}


def scenario_errors() -> AbstractContextManager[None]:
    """The core's InvalidScenario as a 400 naming the parameter (the kernel's `core_errors`)."""
    return core_errors(InvalidScenario, message=_message, show_reason=True)


class ScenarioNotReady(Conflict):
    code = "scenario_not_ready"


class JobInProgress(Conflict):
    code = "job_in_progress"


class QueueUnavailable(PlatformError):
    """The Celery broker (Redis) did not take the job."""

    status_code = 503
    code = "queue_unavailable"


class InputsChanged(Exception):
    """The frozen inputs of a scenario no longer match their recorded digests (a background failure)."""


class ExportNotReady(Conflict):
    code = "export_not_ready"
