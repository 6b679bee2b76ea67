"""What the scenario form and the programme offer: hazards, parameters with ranges and defaults, choices."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from layers.hazards import conf, modelling
from layers.hazards.assumption_texts import localised
from layers.hazards.models import ExportFormat, HazardKind, MeasureKind, MeasureStatus
from layers.hazards.reports import equipment_label
from layers.hazards.services.exports import CSV_TABLES
from risk_models.hazards.assumptions import general_notes
from risk_models.hazards.earthquake import ASB14_MAGNITUDE_RANGE, MECHANISMS, SOIL_CLASSES
from risk_models.hazards.flood import RETURN_PERIODS_YEARS
from risk_models.hazards.grid import DEFAULT_CELL_SIZE_M, MIN_CELL_SIZE_M
from risk_models.hazards.industrial import SUBSTANCE_CLASSES
from risk_models.hazards.scenario import MAX_EPICENTRE_DISTANCE_KM

# Finite ruptures (R_JB model). The geometry is ILLUSTRATIVE: traces drawn along the mapped range
# fronts, length and width from Wells & Coppersmith (1994) for the magnitude, dip 60° towards the
# Sofia graben. The Vitosha range-front fault runs WNW–ESE along the foot of Vitosha (Boyana –
# Dragalevtsi – Bistritsa) and dips north under the city; the northern boundary fault runs along
# the Balkan foothills (Balsha – Kremikovtsi – Buhovo) and dips south.
PRESETS = (
    {
        "name": gettext_lazy(
            "Mw 6.5, Vitosha range-front fault (Boyana–Dragalevtsi–Bistritsa), finite rupture"
        ),
        "kind": "earthquake",
        "magnitude": 6.5,
        "epicentre_lon": 23.31,
        "epicentre_lat": 42.615,
        "strike_deg": 300.0,
        "dip_deg": 60.0,
        "top_depth_km": 0.0,
        "mechanism": "normal",
        "illustrative": True,
        "geometry_note": gettext_lazy(
            "Illustrative geometry: a 23 × 14 km plane (Wells & Coppersmith 1994, Mw 6.5) along the foot of "
            "Vitosha, dipping 60° north under the city; not a mapped fault model."
        ),
    },
    {
        "name": gettext_lazy("Mw 7.0, northern boundary fault of the Sofia graben, finite rupture"),
        "kind": "earthquake",
        "magnitude": 7.0,
        "epicentre_lon": 23.40,
        "epicentre_lat": 42.80,
        "strike_deg": 100.0,
        "dip_deg": 60.0,
        "top_depth_km": 0.0,
        "mechanism": "normal",
        "illustrative": True,
        "geometry_note": gettext_lazy(
            "Illustrative geometry: a 42 × 20 km plane (Wells & Coppersmith 1994, Mw 7.0) along the Balkan "
            "foothills, dipping 60° south towards the city; not a mapped fault model."
        ),
    },
    {"name": gettext_lazy("100-year flood"), "kind": "flood", "return_period_years": 100},
)


def _choices(choices) -> list[dict]:
    return [{"value": value, "label": str(label)} for value, label in choices]


def describe() -> dict:
    low, high = ASB14_MAGNITUDE_RANGE
    return {
        "hazards": _choices(HazardKind.choices),
        "parameters": {
            "cell_size_m": {
                "min": MIN_CELL_SIZE_M,
                "max": conf.MAX_CELL_SIZE_M,
                "default": DEFAULT_CELL_SIZE_M,
            },
            "magnitude": {"min": low, "max": high, "hazard": "earthquake"},
            "epicentre": {"max_km_outside_bulgaria": MAX_EPICENTRE_DISTANCE_KM, "hazard": "earthquake"},
            "mechanism": {"choices": list(MECHANISMS), "default": "normal", "hazard": "earthquake"},
            "soil_class": {"choices": list(SOIL_CLASSES), "default": None, "hazard": "earthquake"},
            "return_period_years": {"choices": list(RETURN_PERIODS_YEARS), "hazard": "flood"},
            "walk_radius_m": {"min": 1, "max": conf.MAX_WALK_RADIUS_M, "default": 500.0},
            "substance_class": {"choices": list(SUBSTANCE_CLASSES), "hazard": "industrial"},
            "strike_deg": {"min": 0, "max": 360, "default": None, "hazard": "earthquake"},
            "dip_deg": {"min": 10, "max": 90, "default": 60.0, "hazard": "earthquake"},
            "top_depth_km": {"min": 0, "max": 30, "default": 0.0, "hazard": "earthquake"},
            "industrial_case": {"choices": ["fire", "spill"], "default": "fire", "hazard": "industrial"},
            "wind_from_deg": {"min": 0, "max": 360, "default": 270.0, "hazard": "industrial"},
            "wind_speed_ms": {"min": 0, "max": 60, "default": 3.0, "hazard": "industrial"},
            "shelter_seeking_share": {"min": 0, "max": 1, "default": 0.3},
            "space_per_person_m2": {"min": 1, "max": 20, "default": 3.5, "cold_climate": [4.5, 5.5]},
            "realisations": {"min": 10, "max": 2000, "default": 100, "hazard": "earthquake"},
            "seed": {"min": 0, "default": 20260101, "hazard": "earthquake"},
            "hazard_file": {
                "formats": ["GeoTIFF", "GeoJSON", "GeoPackage"],
                "note": str(
                    _(
                        "An official hazard layer (e.g. the Basin Directorate's flood-depth map) replaces the "
                        "internal model: a GeoTIFF in the hazard's units or polygons with a value attribute."
                    )
                ),
            },
        },
        "assumptions": localised(general_notes() + conf.app_assumptions()),
        "equipment_norms": {kind: modelling.default_norms(kind) for kind in HazardKind.values},
        "equipment_items": {item: equipment_label(item) for item in conf.EQUIPMENT_ITEMS},
        "presets": [
            {key: str(value) if key in ("name", "geometry_note") else value for key, value in preset.items()}
            for preset in PRESETS
        ],
        "measure_kinds": [
            {"value": value, "label": str(label), "hazards": list(modelling.MEASURE_HAZARD[value])}
            for value, label in MeasureKind.choices
        ],
        "measure_statuses": _choices(MeasureStatus.choices),
        "export_formats": _choices(ExportFormat.choices),
        "csv_tables": list(CSV_TABLES),
        "note": _(
            "Flood and landslide results are modelled from the 160 m elevation model where it covers and the "
            "1 km one elsewhere, and are indicative only; flood stages are a planning assumption, not gauged."
        ),
    }
