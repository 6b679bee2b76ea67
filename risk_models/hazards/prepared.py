"""A scenario made ready to run: validated, with its grid, exposure, hazard model, sites and settings."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import shapely

from risk_models.hazards.crs import geometry_to_metric, lonlat_to_metric, metric_to_lonlat
from risk_models.hazards.dem import DEFAULT_TERRAIN_CELL_M, Terrain
from risk_models.hazards.earthquake import EarthquakeModel, PlanarRupture, wells_coppersmith_km
from risk_models.hazards.errors import InvalidScenario
from risk_models.hazards.exposure import PopulationModel, Site, project_sites
from risk_models.hazards.flood import (
    DEFAULT_DRAINAGE_THRESHOLD_KM2,
    DEFAULT_RATING_CURVE,
    FloodModel,
    RatingCurve,
)
from risk_models.hazards.grid import DEFAULT_BLOCK_SIZE, GridSpec
from risk_models.hazards.hashing import content_hash
from risk_models.hazards.hazard_models import (
    EarthquakeHazard,
    FloodHazard,
    HazardModel,
    IndustrialHazard,
    LandslideHazard,
)
from risk_models.hazards.imported import ImportedHazardField
from risk_models.hazards.industrial import IndustrialModel
from risk_models.hazards.landslide import LandslideModel
from risk_models.hazards.notes import Note
from risk_models.hazards.protection import DEFAULT_EQUIPMENT_NORMS, EquipmentNorm
from risk_models.hazards.scenario import Scenario, ScenarioInputs, scenario_hash
from risk_models.hazards.vulnerability import DEFAULT_SOFIA_STOCK, BuildingStock

MODEL_VERSION = "risk_models.hazards 2.0"


@dataclass(frozen=True)
class RasterOutputs:
    """Where the run writes its GeoTIFFs; hazard and impact are required, the others optional."""

    hazard: str  # intensity: PGA (g), depth (m), susceptibility class, zone level
    impact: str  # people affected (needing shelter) per cell
    population: str | None = None  # persons per cell
    damage: str | None = None  # flood damage ratio or share of buildings extensively damaged (earthquake)


@dataclass(frozen=True)
class RiskSettings:
    """Model choices that are not scenario parameters: building stock, norms, resolution of derived grids."""

    stock: BuildingStock = DEFAULT_SOFIA_STOCK
    equipment_norms: Mapping[str, Sequence[EquipmentNorm]] = field(
        default_factory=lambda: dict(DEFAULT_EQUIPMENT_NORMS)
    )
    block_size: int = DEFAULT_BLOCK_SIZE
    terrain_cell_m: float = DEFAULT_TERRAIN_CELL_M
    drainage_threshold_km2: float = DEFAULT_DRAINAGE_THRESHOLD_KM2
    digest_rasters: bool = True
    # Flood stage per reach; None: the flat DEFAULT_STAGE_HEIGHTS_M everywhere (tests, comparisons).
    rating_curve: RatingCurve | None = DEFAULT_RATING_CURVE

    def as_dict(self) -> dict:
        """JSON-ready description, for the inputs hash (the block size is left out: results do not depend on it)."""
        return {
            "stock": [vars(item) for item in self.stock.classes],
            "equipment_norms": {
                kind: [vars(norm) for norm in norms] for kind, norms in sorted(self.equipment_norms.items())
            },
            "terrain_cell_m": self.terrain_cell_m,
            "drainage_threshold_km2": self.drainage_threshold_km2,
            "rating_curve": None if self.rating_curve is None else self.rating_curve.describe(),
        }


@dataclass(frozen=True)
class Modifiers:
    """Changes that risk-reduction measures make to a scenario (geometries in METRIC_CRS)."""

    flood_walls: tuple[shapely.Geometry, ...] = ()  # flood depth 0 inside
    retrofit_areas: tuple[tuple[shapely.Geometry, float], ...] = ()  # residential fragility medians × factor
    site_median_factors: Mapping[str, float] = field(default_factory=dict)  # site_id → factor
    extra_shelters: tuple[Site, ...] = ()

    def is_empty(self) -> bool:
        """True when no measure changes anything."""
        return not (
            self.flood_walls or self.retrofit_areas or self.site_median_factors or self.extra_shelters
        )

    def describe(self) -> dict:
        """JSON-ready description, for hashes."""
        return {
            "flood_walls": [shapely.to_wkb(wall, hex=True) for wall in self.flood_walls],
            "retrofit_areas": [
                [shapely.to_wkb(area, hex=True), factor] for area, factor in self.retrofit_areas
            ],
            "site_median_factors": dict(self.site_median_factors),
            "extra_shelters": [vars(site) for site in self.extra_shelters],
        }


NO_MODIFIERS = Modifiers()


@dataclass(eq=False)
class PreparedScenario:
    """A validated scenario with its grid, exposure, hazard model and projected sites, ready to run."""

    scenario: Scenario
    inputs: ScenarioInputs
    settings: RiskSettings
    grid: GridSpec
    population: PopulationModel
    hazard: HazardModel
    sites: tuple[Site, ...]
    site_x: np.ndarray
    site_y: np.ndarray
    site_district: np.ndarray  # district index, 0 outside
    inputs_hash: str
    notes: tuple[Note, ...]

    @property
    def district_count(self) -> int:
        return len(self.population.districts)


def prepare_exposure(*, grid: GridSpec, inputs: ScenarioInputs) -> PopulationModel:
    """Districts and population on a grid; reusable by every scenario on that grid."""
    return PopulationModel.prepare(
        grid=grid, districts=inputs.districts, ghs_pop_path=inputs.population_raster_path
    )


def prepare_terrain(
    *, grid: GridSpec, inputs: ScenarioInputs, settings: RiskSettings | None = None
) -> Terrain:
    """The DEM on the metric terrain grid; reusable by every scenario on that grid."""
    settings = settings or RiskSettings()
    if inputs.fine_dem_path:
        return Terrain.composite(
            coarse_dem_path=inputs.dem_path,
            fine_dem_path=inputs.fine_dem_path,
            grid=grid,
            cell_size_m=settings.terrain_cell_m,
        )
    return Terrain.from_dem(dem_path=inputs.dem_path, grid=grid, cell_size_m=settings.terrain_cell_m)


def prepare_scenario(
    *,
    scenario: Scenario,
    inputs: ScenarioInputs,
    settings: RiskSettings | None = None,
    grid: GridSpec | None = None,
    population: PopulationModel | None = None,
    terrain: Terrain | None = None,
) -> PreparedScenario:
    """Validate the scenario and build its hazard model; exposure and terrain may be handed in to reuse them."""
    scenario.validate()
    settings = settings or RiskSettings()
    grid = grid or GridSpec.from_lonlat_bounds(cell_size_m=scenario.cell_size_m)
    if grid.cell_size_m != scenario.cell_size_m:
        raise ValueError("the grid's cell size differs from the scenario's")
    population = population or prepare_exposure(grid=grid, inputs=inputs)
    if population.grid != grid:
        raise ValueError("the population model was prepared for another grid")
    needs_terrain = (
        scenario.kind in ("earthquake", "flood", "landslide") and scenario.hazard_source == "model"
    )
    if needs_terrain and terrain is None:
        terrain = prepare_terrain(grid=grid, inputs=inputs, settings=settings)
    if scenario.hazard_source == "imported":
        hazard = _imported_hazard(scenario=scenario, inputs=inputs, settings=settings, grid=grid)
    else:
        hazard = _hazard_model(scenario=scenario, inputs=inputs, settings=settings, terrain=terrain)
    sites = tuple(inputs.sites)
    site_x, site_y = project_sites(sites)
    return PreparedScenario(
        scenario=scenario,
        inputs=inputs,
        settings=settings,
        grid=grid,
        population=population,
        hazard=hazard,
        sites=sites,
        site_x=site_x,
        site_y=site_y,
        site_district=population.district_of(x=site_x, y=site_y),
        inputs_hash=scenario_hash(
            scenario=scenario,
            inputs=inputs,
            model_version=f"{MODEL_VERSION} {content_hash(settings.as_dict())}",
        ),
        notes=tuple(hazard.notes),
    )


def rupture_of(scenario: Scenario) -> PlanarRupture | None:
    """The finite rupture of an earthquake scenario with a strike (METRIC_CRS), else None."""
    if scenario.kind != "earthquake" or scenario.strike_deg is None:
        return None
    x, y = lonlat_to_metric(scenario.epicentre_lon, scenario.epicentre_lat)
    length, width = wells_coppersmith_km(float(scenario.magnitude))
    return PlanarRupture(
        centre_x=float(x),
        centre_y=float(y),
        strike_deg=float(scenario.strike_deg),
        dip_deg=float(scenario.dip_deg),
        length_km=float(scenario.rupture_length_km or length),
        width_km=float(scenario.rupture_width_km or width),
        top_depth_km=float(scenario.top_depth_km),
    )


def rupture_outline_lonlat(scenario: Scenario) -> list[list[float]] | None:
    """The rupture's surface projection as a closed lon/lat ring (GeoJSON order), or None."""
    rupture = rupture_of(scenario)
    if rupture is None:
        return None
    corners = rupture.corners_metric()
    lon, lat = metric_to_lonlat([c[0] for c in corners], [c[1] for c in corners])
    ring = [[round(float(a), 6), round(float(b), 6)] for a, b in zip(lon, lat, strict=True)]
    return ring + [ring[0]]


def _hazard_model(
    *, scenario: Scenario, inputs: ScenarioInputs, settings: RiskSettings, terrain: Terrain | None
) -> HazardModel:
    if scenario.kind == "earthquake":
        x, y = lonlat_to_metric(scenario.epicentre_lon, scenario.epicentre_lat)
        rupture = rupture_of(scenario)
        model = EarthquakeModel.from_terrain(
            magnitude=float(scenario.magnitude),
            epicentre_x=float(x),
            epicentre_y=float(y),
            mechanism=scenario.mechanism,
            terrain=terrain,
            soil_class=scenario.soil_class,
            rupture=rupture,
        )
        return EarthquakeHazard(model=model, stock=settings.stock)
    if scenario.kind == "flood":
        flood = FloodModel.from_terrain(
            terrain=terrain,
            rivers=[geometry_to_metric(line) for line in inputs.rivers],
            drainage_threshold_km2=settings.drainage_threshold_km2,
            rating=settings.rating_curve,
            river_names=list(inputs.river_names),
        )
        return FloodHazard(
            model=flood, return_period_years=int(scenario.return_period_years), stock=settings.stock
        )
    if scenario.kind == "landslide":
        zones = [(geometry_to_metric(zone.geometry), zone.susceptibility) for zone in inputs.landslide_zones]
        return LandslideHazard(model=LandslideModel.from_terrain(terrain=terrain, zones=zones))
    sites = tuple(inputs.hazardous_sites)
    if not sites:
        raise InvalidScenario("hazardous_sites", "an industrial scenario needs at least one hazardous site")
    x, y = project_sites(sites)
    return IndustrialHazard(
        model=IndustrialModel.from_sites(
            sites=sites,
            x=x,
            y=y,
            case=scenario.industrial_case,
            wind_from_deg=scenario.wind_from_deg,
            wind_speed_ms=scenario.wind_speed_ms,
            to_metric=geometry_to_metric,
        )
    )


def _imported_hazard(
    *, scenario: Scenario, inputs: ScenarioInputs, settings: RiskSettings, grid: GridSpec
) -> HazardModel:
    categorical = scenario.kind in ("landslide", "industrial")
    if inputs.imported_raster_path:
        field_ = ImportedHazardField.from_raster(
            path=inputs.imported_raster_path, grid=grid, categorical=categorical, label=inputs.imported_label
        )
    elif inputs.imported_zones:
        field_ = ImportedHazardField.from_zones(
            zones=[(geometry_to_metric(g), float(v)) for g, v in inputs.imported_zones],
            categorical=categorical,
            label=inputs.imported_label,
        )
    else:
        raise InvalidScenario("hazard_file", "an imported hazard needs an uploaded raster or zone layer")
    if scenario.kind == "earthquake":
        return EarthquakeHazard(model=field_, stock=settings.stock)
    if scenario.kind == "flood":
        return FloodHazard(
            model=field_, return_period_years=int(scenario.return_period_years or 0), stock=settings.stock
        )
    if scenario.kind == "landslide":
        return LandslideHazard(model=field_)
    return IndustrialHazard(model=field_)


def modified_inputs_hash(*, prepared: PreparedScenario, modifiers: Modifiers) -> str:
    """The scenario's inputs hash, extended by the measures applied to it."""
    if modifiers.is_empty():
        return prepared.inputs_hash
    return content_hash({"scenario": prepared.inputs_hash, "modifiers": modifiers.describe()})
