"""What the scenario form and the programme offer: hazards, parameters with ranges and defaults, choices."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from layers.hazards import conf, modelling
from layers.hazards.models import ExportFormat, HazardKind, MeasureKind, MeasureStatus
from layers.hazards.reports import equipment_label
from layers.hazards.services.exports import CSV_TABLES
from risk_models.hazards.earthquake import ASB14_MAGNITUDE_RANGE, MECHANISMS, SOIL_CLASSES
from risk_models.hazards.flood import RETURN_PERIODS_YEARS
from risk_models.hazards.grid import DEFAULT_CELL_SIZE_M, MIN_CELL_SIZE_M
from risk_models.hazards.industrial import SUBSTANCE_CLASSES
from risk_models.hazards.scenario import MAX_EPICENTRE_DISTANCE_KM

# The Vitosha-fault scenario of DOMAIN.md (Mw 6.5; the epicentre is illustrative, on the fault's
# trace south of the city) and the 100-year flood.
PRESETS = (
    {
        "name": gettext_lazy("Mw 6.5 on the Vitosha fault"),
        "kind": "earthquake",
        "magnitude": 6.5,
        "epicentre_lon": 23.27,
        "epicentre_lat": 42.60,
        "mechanism": "normal",
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
        },
        "equipment_norms": {kind: modelling.default_norms(kind) for kind in HazardKind.values},
        "equipment_items": {item: equipment_label(item) for item in conf.EQUIPMENT_ITEMS},
        "presets": [{**preset, "name": str(preset["name"])} for preset in PRESETS],
        "measure_kinds": [
            {"value": value, "label": str(label), "hazards": list(modelling.MEASURE_HAZARD[value])}
            for value, label in MeasureKind.choices
        ],
        "measure_statuses": _choices(MeasureStatus.choices),
        "export_formats": _choices(ExportFormat.choices),
        "csv_tables": list(CSV_TABLES),
        "note": _(
            "Flood and landslide results are modelled from a 1 km elevation model and are indicative only."
        ),
    }
