"""The model notes of a result in the active language.

The core (risk_models.hazards.notes) gives each note as a stable key and its parameters; here
each key has its sentence through gettext (Bulgarian in locale/bg), filled with the parameters
(numbers with the language's decimal mark, words of the core translated). Results stored
before the notes had keys hold English sentences: they are shown as stored. A key this module
does not know falls back to the English text stored with it.
"""

from __future__ import annotations

import re

from django.utils.formats import get_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop, pgettext_lazy

TEXTS = {
    "earthquake.gmpe_point": _("Median PGA by Akkar, Sandıkkaya & Bommer (2014), point source, R_epi model."),
    "earthquake.gmpe_rupture": _(
        "Median PGA by Akkar, Sandıkkaya & Bommer (2014), finite planar rupture %(length_km)s × "
        "%(width_km)s km, strike %(strike_deg)s°, dip %(dip_deg)s°, top at %(top_depth_km)s km "
        "(ILLUSTRATIVE geometry; length and width by Wells & Coppersmith 1994), R_JB model."
    ),
    "earthquake.site_slope": _(
        "Soil class from topographic slope (Allen & Wald 2009) on the 1 km elevation model unless a "
        "class is given: a proxy, not a microzonation."
    ),
    "earthquake.site_class": _("Soil class %(soil_class)s everywhere (given by the scenario)."),
    "terrain.globe": _(
        "Modelled from the GLOBE 1 km elevation model resampled (bilinear): flood and landslide "
        "results at this resolution are indicative only."
    ),
    "terrain.composite": _(
        "Elevation: the %(fine_resolution_m)s m elevation model (Terrain Tiles: SRTM / EU-DEM) on "
        "%(share_pct)s%% of the terrain grid, the GLOBE 1 km model elsewhere, blended over "
        "%(seam_m)s m at the seam; flood and landslide results are indicative only."
    ),
    "terrain.grid": _("Modelled from a %(cell_size_m)s m elevation grid."),
    "flood.return_period": _("%(years)s-year flood."),
    "flood.modelled": _(
        "Modelled flood depth (HAND from the elevation model and river lines), not an official flood map."
    ),
    "flood.flat_stage": _("Flat stage by return period (planning assumption, not gauged)."),
    "flood.rating_curve": _(
        "Stage per reach from a synthetic rating curve (planning assumption, not gauged): Q = "
        "%(q100)s·A^%(area_exponent)s m³/s × growth (%(growth)s); W = %(width_coefficient)s·Q^0.5; "
        "Manning n = %(manning_n)s, slope ≥ %(min_slope)s; stage %(min_stage_m)s–%(max_stage_m)s m."
    ),
    "landslide.slope_classes": _(
        "Susceptibility from slope classes where the elevation model resolves slopes (cells of ≤ "
        "%(max_resolution_m)s m) and known zones; elsewhere NOT ASSESSED (which does not mean no risk)."
    ),
    "industrial.erg_zones": _(
        "Industrial accident zones for the case “%(case)s” by Emergency Response Guidebook 2024 (US DOT "
        "PHMSA / Transport Canada / SCT / CIQUIME); downwind zones toward %(downwind_deg)s° (wind from "
        "%(wind_from_deg)s° at %(wind_speed_ms)s m/s, ERG wind band: %(wind_band)s); no dispersion modelling."
    ),
    "imported.raster": _(
        "Hazard imported from an uploaded raster, not modelled; it covers %(covered_pct)s%% of the "
        "analysis area, cells outside it count as 0."
    ),
    "imported.raster_named": _(
        "Hazard imported from an uploaded raster (%(label)s), not modelled; it covers %(covered_pct)s%% "
        "of the analysis area, cells outside it count as 0."
    ),
    "imported.zones": _("Hazard imported from uploaded zones (polygons: %(count)s), not modelled."),
    "imported.zones_named": _(
        "Hazard imported from uploaded zones (%(label)s; polygons: %(count)s), not modelled."
    ),
    "uncertainty.monte_carlo": _(
        "Monte Carlo over the ground-motion model's between-event (τ) and within-event (φ, one draw per "
        "district) sigma and the fragility capacity dispersion (β = %(fragility_beta)s, assumption); "
        "fixed seed; 16th, 50th and 84th percentiles. The 50th percentile of a sum differs a little from "
        "the sum at median shaking shown in the tables."
    ),
    "uncertainty.none": _(
        "No uncertainty model for this hazard yet: the numbers are single modelled values (no "
        "percentile band)."
    ),
    # Notes the app adds to a result (services/scenarios.py): no parameters.
    "demo.landslide_zones": _(
        "Known landslide areas (Bankya, the road to Pasarel) are DEMO polygons until a landslide "
        "register is loaded."
    ),
    "demo.accommodation": _(
        "Temporary accommodation: school halls with a DEMO floor area; places = area ÷ space per person "
        "(Sphere)."
    ),
}

# The English the app's own notes are stored with (for readers of the stored result).
APP_ENGLISH = {
    "demo.landslide_zones": gettext_noop(
        "Known landslide areas (Bankya, the road to Pasarel) are DEMO polygons until a landslide "
        "register is loaded."
    ),
    "demo.accommodation": gettext_noop(
        "Temporary accommodation: school halls with a DEMO floor area; places = area ÷ space per person "
        "(Sphere)."
    ),
}

# Words of the core that a note's parameters carry.
WORDS = {
    "case": {
        "fire": pgettext_lazy("industrial accident", "fire"),
        "spill": pgettext_lazy("industrial accident", "spill"),
    },
    "wind_band": {
        "low": pgettext_lazy("wind band", "low"),
        "moderate": pgettext_lazy("wind band", "moderate"),
        "high": pgettext_lazy("wind band", "high"),
    },
}


def app_note(key: str) -> dict:
    """A note the app adds to a stored result, in the core's shape (key, params, English text)."""
    return {"key": key, "params": {}, "text": APP_ENGLISH[key]}


# Parameters that are a list of numbers written out by the core ("T20: 0.6, T100: 1").
NUMBER_LISTS = {"growth"}


def _value(name: str, value) -> str:
    separator = str(get_format("DECIMAL_SEPARATOR"))
    if name in WORDS:
        return str(WORDS[name].get(value, value))
    if isinstance(value, float):
        return f"{value:g}".replace(".", separator)
    if name in NUMBER_LISTS and isinstance(value, str):
        return re.sub(r"(?<=\d)\.(?=\d)", separator, value)
    return str(value)


def render(note) -> str:
    """One note in the active language; an English sentence stored by an older run as stored."""
    if isinstance(note, str):
        return note
    if not isinstance(note, dict):
        return ""
    fallback = str(note.get("text") or "")
    template = TEXTS.get(str(note.get("key")))
    params = note.get("params") or {}
    if template is None or not isinstance(params, dict):
        return fallback
    try:
        return str(template) % {name: _value(name, value) for name, value in params.items()}
    except (KeyError, TypeError, ValueError):
        return fallback


def rendered(notes) -> list[str]:
    """A result's notes in the active language (empty ones left out)."""
    if not isinstance(notes, list):
        return []
    return [text for text in (render(note) for note in notes) if text]


def is_demo(note) -> bool:
    """Whether a stored note says that demonstration data lies under the result."""
    if isinstance(note, dict):
        return str(note.get("key", "")).startswith("demo.")
    return isinstance(note, str) and "DEMO" in note
