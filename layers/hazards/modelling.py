"""The bridge to the analysis core: saved scenarios and measures as the core's objects, runs with reused
exposure, and overviews on the rasters it writes.

Exposure and terrain on a grid are kept per thread (one per Celery worker process in
production): a re-run or a ranking of the same scenario does not prepare them again. The
core's prepared objects cache windows internally and are not thread-safe, hence one per thread.
"""

from __future__ import annotations

import threading
from pathlib import Path

import rasterio
import shapely
from django.utils.translation import gettext as _
from rasterio.enums import Resampling

from layers.hazards import conf
from layers.hazards.errors import scenario_errors
from layers.hazards.models import Measure, MeasureKind, Scenario
from risk_models.hazards import (
    EquipmentNorm,
    FloodWall,
    GridSpec,
    HazardousSite,
    InvalidScenario,
    NewShelter,
    RasterOutputs,
    Retrofit,
    RiskSettings,
    ScenarioInputs,
    prepare_exposure,
    prepare_scenario,
    prepare_terrain,
)
from risk_models.hazards import Scenario as CoreScenario
from risk_models.hazards.crs import SOFIA_BOUNDS
from risk_models.hazards.measures import RiskWeights, modifiers_for
from risk_models.hazards.prepared import PreparedScenario, rupture_outline_lonlat
from risk_models.hazards.protection import DEFAULT_EQUIPMENT_NORMS

# The core Scenario's fields that a saved scenario keeps in `parameters`.
PARAMETERS = (
    "cell_size_m",
    "magnitude",
    "epicentre_lon",
    "epicentre_lat",
    "mechanism",
    "soil_class",
    "return_period_years",
    "walk_radius_m",
    "strike_deg",
    "dip_deg",
    "rupture_length_km",
    "rupture_width_km",
    "top_depth_km",
    "industrial_case",
    "wind_from_deg",
    "wind_speed_ms",
    "hazard_source",
    "shelter_seeking_share",
    "space_per_person_m2",
    "realisations",
    "seed",
)
EARTHQUAKE_ONLY = (
    "magnitude",
    "epicentre_lon",
    "epicentre_lat",
    "mechanism",
    "soil_class",
    "strike_deg",
    "dip_deg",
    "rupture_length_km",
    "rupture_width_km",
    "top_depth_km",
    "realisations",
    "seed",
)
INDUSTRIAL_ONLY = ("industrial_case", "wind_from_deg", "wind_speed_ms")
FLOAT_PARAMETERS = (
    "cell_size_m",
    "magnitude",
    "epicentre_lon",
    "epicentre_lat",
    "walk_radius_m",
    "strike_deg",
    "dip_deg",
    "rupture_length_km",
    "rupture_width_km",
    "top_depth_km",
    "wind_from_deg",
    "wind_speed_ms",
    "shelter_seeking_share",
    "space_per_person_m2",
)
# Which hazard each kind of measure reduces; a new shelter helps under every hazard.
MEASURE_HAZARD = {
    MeasureKind.FLOOD_WALL: ("flood",),
    MeasureKind.RETROFIT: ("earthquake",),
    MeasureKind.NEW_SHELTER: ("earthquake", "flood", "landslide", "industrial"),
}
RASTER_NAMES = ("hazard", "impact", "population", "damage")


# --- scenarios ------------------------------------------------------------------------------------


def core_scenario(
    *, kind: str, name: str, parameters: dict, data_versions: dict | None = None
) -> CoreScenario:
    """The core's Scenario for saved parameters (unknown keys are ignored)."""
    values = {key: parameters[key] for key in PARAMETERS if parameters.get(key) is not None}
    return CoreScenario(kind=kind, name=name, data_versions=dict(data_versions or {}), **values)


def normalised_parameters(*, kind: str, parameters: dict) -> dict:
    """The parameters as stored: every core field, with the core's defaults, numbers as floats
    (500 and 500.0 must hash alike), and None for fields another hazard uses."""
    core = core_scenario(kind=kind, name="", parameters=parameters)
    values = {key: getattr(core, key) for key in PARAMETERS}
    for key in FLOAT_PARAMETERS:
        if values[key] is not None:
            values[key] = float(values[key])
    if kind != "earthquake":
        values.update(dict.fromkeys(EARTHQUAKE_ONLY))
    elif values["strike_deg"] is None:
        values.update(dict.fromkeys(("dip_deg", "rupture_length_km", "rupture_width_km", "top_depth_km")))
    if kind != "industrial":
        values.update(dict.fromkeys(INDUSTRIAL_ONLY))
    if kind == "flood" and values["return_period_years"] is not None:
        values["return_period_years"] = int(values["return_period_years"])
    elif kind != "flood":
        values["return_period_years"] = None
    return values


def default_norms(kind: str) -> list[dict]:
    return [vars(norm) for norm in DEFAULT_EQUIPMENT_NORMS.get(kind, ())]


def risk_settings(scenario: Scenario) -> RiskSettings:
    """The core's settings for a scenario: its equipment norms; everything else the core's defaults."""
    norms = dict(DEFAULT_EQUIPMENT_NORMS)
    norms[scenario.kind] = tuple(EquipmentNorm(**norm) for norm in scenario.equipment_norms)
    return RiskSettings(equipment_norms=norms)


def check_scenario(*, kind: str, parameters: dict, request_inputs: dict) -> None:
    """Raise InvalidParameter (400) naming the first parameter the core refuses."""
    with scenario_errors():
        core_scenario(kind=kind, name="", parameters=parameters).validate()
        for item in request_inputs.get("hazardous_sites", []):
            HazardousSite(**item).radii_m()
        if kind == "industrial" and not request_inputs.get("hazardous_sites"):
            raise InvalidScenario(
                "hazardous_sites", "an industrial scenario needs at least one hazardous site"
            )


_local = threading.local()


def prepare(
    *, scenario: CoreScenario, inputs: ScenarioInputs, settings: RiskSettings, files_key
) -> PreparedScenario:
    """prepare_scenario with exposure and terrain reused while the grid and the input files stay the same."""
    grid = GridSpec.from_lonlat_bounds(cell_size_m=scenario.cell_size_m)
    key = (grid, files_key, settings.terrain_cell_m)
    cached = getattr(_local, "exposure", None)
    if cached is None or cached[0] != key:
        cached = [key, prepare_exposure(grid=grid, inputs=inputs), None]
        _local.exposure = cached
    if cached[2] is None and scenario.kind != "industrial":
        cached[2] = prepare_terrain(grid=grid, inputs=inputs, settings=settings)
    return prepare_scenario(
        scenario=scenario,
        inputs=inputs,
        settings=settings,
        grid=grid,
        population=cached[1],
        terrain=cached[2],
    )


def forget_prepared() -> None:
    _local.exposure = None


def raster_outputs(folder: Path) -> RasterOutputs:
    return RasterOutputs(**{name: str(folder / f"{name}.tif") for name in RASTER_NAMES})


def overview_factors(width: int, height: int) -> list[int]:
    """2, 4, 8 … until the coarsest level is under 256 cells on its long side."""
    factors, factor = [], 2
    while max(width, height) / factor >= 128 or not factors:
        factors.append(factor)
        factor *= 2
    return factors


def add_overviews(path: str, *, categorical: bool) -> None:
    """Internal overviews (averages; nearest for classes), so tiles and the PDF read few cells."""
    resampling = Resampling.nearest if categorical else Resampling.average
    with (
        rasterio.Env(COMPRESS_OVERVIEW="ZSTD", GDAL_NUM_THREADS="ALL_CPUS"),
        rasterio.open(path, "r+") as dataset,
    ):
        dataset.build_overviews(overview_factors(dataset.width, dataset.height), resampling)
        dataset.update_tags(ns="rio_overview", resampling=resampling.name)


# --- measures -------------------------------------------------------------------------------------


def core_measure(measure: Measure) -> FloodWall | Retrofit | NewShelter:
    """The core's measure for a saved one (its id is the measure's primary key)."""
    place = shapely.from_wkb(bytes(measure.place.wkb)) if measure.place is not None else None
    parameters = measure.parameters or {}
    measure_id, cost = str(measure.pk), float(measure.cost_eur)
    if measure.kind == MeasureKind.FLOOD_WALL:
        return FloodWall(measure_id=measure_id, cost_eur=cost, protected_area=place)
    if measure.kind == MeasureKind.RETROFIT:
        return Retrofit(
            measure_id=measure_id,
            cost_eur=cost,
            median_factor=float(parameters.get("median_factor", conf.RETROFIT_MEDIAN_FACTOR)),
            site_ids=tuple(parameters.get("site_ids", ())),
            area=place if place is not None and place.geom_type in ("Polygon", "MultiPolygon") else None,
        )
    return NewShelter(
        measure_id=measure_id,
        cost_eur=cost,
        lon=float(place.x),
        lat=float(place.y),
        capacity=float(parameters.get("capacity", 0)),
    )


def check_measure(measure: Measure) -> None:
    """Raise InvalidParameter (400) when the core would refuse the measure."""
    with scenario_errors():
        modifiers_for(core_measure(measure))


def risk_basis(weights: dict) -> dict:
    """What one unit of a ranking's risk is: a person-equivalent, with the weights and their basis."""
    core = RiskWeights(**{key: value for key, value in weights.items() if key in vars(RiskWeights())})
    return {
        "unit": "person_equivalents",
        "unit_label": _("person-equivalents"),
        "weights": dict(vars(core)),
        "basis": "assumption",
        "note": _(
            "Risk in person-equivalents: each displaced person with a place counts %(with)s, each one "
            "without a place within walking distance %(without)s, each person hurt at a hit site %(site)s "
            "(assumption; the directorate may change the weights). A new shelter lowers risk by moving "
            "people from the second group to the first."
        )
        % {
            "with": f"{core.displaced_with_place:g}",
            "without": f"{core.displaced_without_place:g}",
            "site": f"{core.site_people_affected:g}",
        },
    }


def map_geometry(scenario: Scenario) -> dict:
    """The scenario's epicentre, rupture outline, hazardous sites and extent, in lon/lat."""
    parameters = scenario.parameters or {}
    epicentre = None
    rupture = None
    if scenario.kind == "earthquake" and parameters.get("epicentre_lon") is not None:
        epicentre = [parameters["epicentre_lon"], parameters["epicentre_lat"]]
        try:
            rupture = rupture_outline_lonlat(
                core_scenario(kind=scenario.kind, name=scenario.name, parameters=parameters)
            )
        except (InvalidScenario, ValueError, TypeError):
            rupture = None  # a scenario the core refuses has no rupture to draw
    sites = [
        {"lon": site.get("lon"), "lat": site.get("lat"), "name": site.get("name") or site.get("site_id", "")}
        for site in (scenario.request_inputs or {}).get("hazardous_sites", [])
        if site.get("lon") is not None
    ]
    return {
        "epicentre": epicentre,
        "rupture": rupture,
        "hazardous_sites": sites,
        "extent": list(SOFIA_BOUNDS),
    }
