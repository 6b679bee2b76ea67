"""Hazard and risk core: hazards on a grid over Sofia, exposure, vulnerability, risk, protection and measures.

Pure analysis: numpy arrays, rasterio datasets and windows, shapely geometries and plain
dataclasses; no Django, no HTTP. File paths and collections are handed in.
"""

from risk_models.hazards.errors import HazardModelError, InputDataError, InvalidScenario
from risk_models.hazards.exposure import BuildingFootprint, District, Site, load_districts, sites_from_arrays
from risk_models.hazards.grid import GridSpec
from risk_models.hazards.industrial import HazardousSite
from risk_models.hazards.landslide import LandslideZone
from risk_models.hazards.measures import (
    FloodWall,
    NewShelter,
    Retrofit,
    RiskWeights,
    apply_measure,
    rank_measures,
)
from risk_models.hazards.prepared import (
    Modifiers,
    RasterOutputs,
    RiskSettings,
    prepare_exposure,
    prepare_scenario,
    prepare_terrain,
)
from risk_models.hazards.protection import EquipmentNorm
from risk_models.hazards.risk import ScenarioRun, run_scenario
from risk_models.hazards.scenario import Scenario, ScenarioInputs
from risk_models.hazards.tables import ScenarioResult

__all__ = [
    "BuildingFootprint",
    "District",
    "EquipmentNorm",
    "FloodWall",
    "GridSpec",
    "HazardModelError",
    "HazardousSite",
    "InputDataError",
    "InvalidScenario",
    "LandslideZone",
    "Modifiers",
    "NewShelter",
    "RasterOutputs",
    "Retrofit",
    "RiskSettings",
    "RiskWeights",
    "Scenario",
    "ScenarioInputs",
    "ScenarioResult",
    "ScenarioRun",
    "Site",
    "apply_measure",
    "load_districts",
    "prepare_exposure",
    "prepare_scenario",
    "prepare_terrain",
    "rank_measures",
    "run_scenario",
    "sites_from_arrays",
]
