"""Risk = hazard × exposure × vulnerability, computed window by window into rasters and district tables.

Memory stays bounded by the window size: a window's arrays are computed, summed per district,
written out and dropped. District sums are kept as whole numbers of QUANTUM persons (integers
held exactly in float64), so they do not depend on how the grid is cut into windows or in
which order windows are added: a windowed run, a whole-array run and a measure's partial
re-run give the same tables to the last digit.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field

import numpy as np
import rasterio
import shapely
from rasterio.features import geometry_mask
from rasterio.windows import Window

from risk_models.hazards.accounting import QUANTUM, add_arrays, sum_by_index, total_demand
from risk_models.hazards.exposure import building_floor_areas, project_sites
from risk_models.hazards.grid import window_key
from risk_models.hazards.notes import english
from risk_models.hazards.prepared import (
    MODEL_VERSION,
    NO_MODIFIERS,
    Modifiers,
    PreparedScenario,
    RasterOutputs,
    RiskSettings,
    modified_inputs_hash,
    prepare_scenario,
)
from risk_models.hazards.protection import ShelterPoints, shelter_demand, sheltered_people, supply_ratios
from risk_models.hazards.rasters import CLASS_NODATA, FLOAT_NODATA, RasterLayer, RasterSink, raster_digest
from risk_models.hazards.scenario import Scenario, ScenarioInputs
from risk_models.hazards.sites import evaluate_sites, usable_shelters
from risk_models.hazards.tables import METRICS, ScenarioResult, assemble_result
from risk_models.hazards.uncertainty import (
    BIN_COUNT,
    MonteCarloSettings,
    SiteExposure,
    earthquake_bands,
    ln_pga_bins,
)
from risk_models.hazards.vulnerability import EarthquakeResidentialVulnerability


@dataclass(eq=False)
class WindowLedger:
    """Each window's contribution to the district sums and shelter demand, kept so measures can redo a few."""

    sums: dict[tuple[int, int, int, int], np.ndarray] = field(default_factory=dict)
    histograms: dict[tuple[int, int, int, int], np.ndarray] = field(default_factory=dict)
    demand: dict[tuple[int, int, int, int], dict[int, float]] = field(default_factory=dict)
    sheltered: dict[tuple[int, int, int, int], np.ndarray] = field(default_factory=dict)


@dataclass(eq=False)
class ScenarioRun:
    """A finished run: its result, plus what measures need to re-run parts of it."""

    result: ScenarioResult
    prepared: PreparedScenario
    outputs: RasterOutputs
    ledger: WindowLedger
    site_rows: list[dict]
    shelters: ShelterPoints
    ratios: np.ndarray  # shelter places per person in need within reach, by shelter
    modifiers: Modifiers = NO_MODIFIERS


# --- one window ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class WindowImpact:
    """A window's arrays and its per-district sums (in quanta)."""

    sums: np.ndarray  # (len(METRICS), districts + 1)
    inside: np.ndarray
    population: np.ndarray
    intensity: np.ndarray
    affected: np.ndarray
    damage: np.ndarray | None
    histogram: np.ndarray | None = None  # earthquake: residents per (district, ln-PGA bin), in quanta


def compute_window(
    *, prepared: PreparedScenario, window: Window, modifiers: Modifiers = NO_MODIFIERS
) -> WindowImpact:
    """Hazard, exposure and impact of one window, with its per-district sums."""
    grid = prepared.grid
    shape = (int(window.height), int(window.width))
    transform = grid.window_transform(window)
    index = prepared.population.district_index(window)
    bins = prepared.district_count + 1
    hazard = prepared.hazard
    inside = index > 0
    if not inside.any():
        # Over half of the bounding box lies outside the municipality: such windows are all
        # nodata in the rasters and zero in the tables, so skip the hazard there.
        zeros = np.zeros(shape)
        return WindowImpact(np.zeros((len(METRICS), bins)), inside, zeros, zeros, zeros, zeros)
    people = prepared.population.population(window, district_index=index)
    x, y = grid.cell_centres(window)
    intensity = np.broadcast_to(hazard.intensity(x=x, y=y, transform=transform, shape=shape), shape)
    if modifiers.flood_walls and hazard.kind == "flood":
        behind = ~geometry_mask(modifiers.flood_walls, out_shape=shape, transform=transform)
        intensity = np.where(behind, 0.0, intensity)
    impact = hazard.residential(intensity)
    affected_share, damaged_per_resident, damage = (
        impact.affected_share,
        impact.damaged_per_resident,
        impact.damage,
    )
    for area, factor in modifiers.retrofit_areas if hazard.kind == "earthquake" else ():
        retrofitted = ~geometry_mask([area], out_shape=shape, transform=transform)
        if retrofitted.any():
            better = hazard.residential(intensity, median_factor=factor)
            affected_share = np.where(retrofitted, better.affected_share, affected_share)
            damaged_per_resident = np.where(retrofitted, better.damaged_per_resident, damaged_per_resident)
            damage = np.where(retrofitted, better.damage, damage)
    exposed_people = np.where(impact.exposed, people, 0.0)
    affected = people * affected_share
    damaged = people * damaged_per_resident
    columns = [people, exposed_people, affected, damaged]
    columns.append(None if impact.assessed is None else np.where(impact.assessed, 0.0, people))
    histogram = None
    if impact.casualties is not None:
        # Casualties of the residents if all were at home; the day and night occupancy shares
        # scale the sums (tables.py).
        columns.extend(people * impact.casualties[k] for k in range(4))
        histogram = sum_by_index(
            index=index.astype(np.int64) * BIN_COUNT + ln_pga_bins(intensity),
            values=people,
            bins=bins * BIN_COUNT,
        )
    else:
        columns.extend([None] * 4)
    zeros = np.zeros(bins)
    sums = np.stack(
        [
            zeros if values is None else sum_by_index(index=index, values=values, bins=bins)
            for values in columns
        ]
    )
    return WindowImpact(
        sums=sums,
        inside=inside,
        population=people,
        intensity=intensity,
        affected=affected,
        damage=damage,
        histogram=histogram,
    )


def need_array(impact: WindowImpact, *, share: float = 1.0) -> np.ndarray:
    """People seeking accommodation per cell: the displaced as the impact raster stores them (float32,
    0 outside) times the shelter-seeking share."""
    return np.where(impact.inside, impact.affected, 0.0).astype(np.float32).astype(np.float64) * share


# --- the run -------------------------------------------------------------------------------------


def run_scenario(
    *,
    scenario: Scenario,
    inputs: ScenarioInputs,
    outputs: RasterOutputs,
    settings: RiskSettings | None = None,
    prepared: PreparedScenario | None = None,
    modifiers: Modifiers = NO_MODIFIERS,
) -> ScenarioRun:
    """Run a scenario window by window: write the rasters, return district and site tables and hashes.

    `prepared` (from prepare_scenario) lets callers reuse exposure and terrain across runs; its
    settings then apply and `settings` must be left out or be the same.
    """
    prepared = prepared or prepare_scenario(scenario=scenario, inputs=inputs, settings=settings)
    if prepared.scenario != scenario or prepared.inputs is not inputs:
        raise ValueError("the prepared scenario was prepared for another scenario or other inputs")
    if settings is not None and settings != prepared.settings:
        raise ValueError("the prepared scenario was prepared with other settings")
    settings = prepared.settings
    grid = prepared.grid
    radius = scenario.walk_radius_m
    site_rows, all_sites, xs, ys = evaluate_sites(prepared=prepared, modifiers=modifiers)
    shelters = usable_shelters(rows=site_rows, xs=xs, ys=ys)
    share = scenario.shelter_seeking_share
    ledger = WindowLedger()
    windows = list(grid.windows(block_size=settings.block_size))
    with RasterSink(grid=grid, layers=_raster_layers(prepared, outputs)) as sink:
        for window in windows:
            impact = compute_window(prepared=prepared, window=window, modifiers=modifiers)
            key = window_key(window)
            ledger.sums[key] = impact.sums
            if impact.histogram is not None:
                ledger.histograms[key] = impact.histogram
            x, y = grid.cell_centres(window)
            ledger.demand[key] = shelter_demand(
                need=need_array(impact, share=share), x=x, y=y, shelters=shelters, radius_m=radius
            )
            sink.write(window=window, arrays=_raster_arrays(prepared, outputs, impact))
    ratios = supply_ratios(
        capacity=shelters.capacity,
        demand_quanta=total_demand(per_window=ledger.demand.values(), count=shelters.count),
    )
    with rasterio.open(outputs.impact) as impact_raster:
        for window in windows:
            ledger.sheltered[window_key(window)] = sheltered_sums(
                prepared=prepared,
                window=window,
                need=read_need(dataset=impact_raster, window=window) * share,
                shelters=shelters,
                ratios=ratios,
                radius=radius,
            )
    floor_area = building_floor_area_sums(prepared=prepared, modifiers=modifiers)
    bands = None
    mc_seconds = None
    if ledger.histograms:
        began = time.perf_counter()
        bands = monte_carlo_bands(
            prepared=prepared, ledger=ledger, site_rows=site_rows, sites=all_sites, modifiers=modifiers
        )
        mc_seconds = time.perf_counter() - began
    result = assemble_result(
        bands=bands,
        floor_area=floor_area,
        prepared=prepared,
        sums=add_arrays(arrays=ledger.sums.values(), shape=(len(METRICS), prepared.district_count + 1)),
        sheltered=add_arrays(arrays=ledger.sheltered.values(), shape=(prepared.district_count + 1,)),
        site_rows=site_rows,
        rasters=_raster_descriptions(prepared, outputs),
        inputs_hash=modified_inputs_hash(prepared=prepared, modifiers=modifiers),
    )
    if mc_seconds is not None and result.extra:
        result.extra["uncertainty"]["seconds"] = round(mc_seconds, 4)  # not part of the results hash
    return ScenarioRun(
        result=result,
        prepared=prepared,
        outputs=outputs,
        ledger=ledger,
        site_rows=site_rows,
        shelters=shelters,
        ratios=ratios,
        modifiers=modifiers,
    )


def building_floor_area_sums(*, prepared: PreparedScenario, modifiers: Modifiers) -> dict | None:
    """Floor area (footprint × floors) of the buildings given, exposed and damaged, by district index.

    Damaged floor area: the floor area times the hazard's damage measure at the building (share of
    buildings with extensive or complete damage for an earthquake; the JRC damage ratio for a
    flood); none for landslide susceptibility and industrial zones.
    """
    buildings = prepared.inputs.buildings
    if not buildings:
        return None
    areas, basis = building_floor_areas(buildings)
    x, y = project_sites(buildings)
    intensity = np.asarray(prepared.hazard.intensity(x=x, y=y), dtype=np.float64)
    if modifiers.flood_walls and prepared.hazard.kind == "flood":
        for wall in modifiers.flood_walls:
            intensity = np.where(shapely.contains_xy(wall, x, y), 0.0, intensity)
    impact = prepared.hazard.residential(intensity)
    damage = np.zeros_like(areas) if impact.damage is None else np.nan_to_num(np.asarray(impact.damage))
    index = prepared.population.district_of(x=x, y=y)
    bins = prepared.district_count + 1
    return {
        "floor_area_m2": np.bincount(index, weights=areas, minlength=bins),
        "floor_area_exposed_m2": np.bincount(
            index, weights=areas * np.asarray(impact.exposed), minlength=bins
        ),
        "floor_area_damaged_m2": np.bincount(index, weights=areas * damage, minlength=bins),
        "basis": basis,
    }


def monte_carlo_bands(
    *, prepared: PreparedScenario, ledger: WindowLedger, site_rows: list[dict], sites, modifiers: Modifiers
) -> dict:
    """16th/50th/84th percentiles of the earthquake's headline totals (see uncertainty.py)."""
    bins = prepared.district_count + 1
    histogram = add_arrays(arrays=ledger.histograms.values(), shape=(bins * BIN_COUNT,)) * QUANTUM
    index = {code: i for i, code in enumerate([""] + [d.code for d in prepared.population.districts])}
    tau, phi = prepared.hazard.sigma
    scenario = prepared.scenario
    site_exposure = SiteExposure(
        pga_g=np.array([row["intensity"] for row in site_rows], dtype=np.float64),
        fragility=[site.fragility for site in sites],
        occupants=np.array([row["occupants"] for row in site_rows], dtype=np.float64),
        kind=[row["kind"] for row in site_rows],
        district=np.array([index.get(row["district_code"] or "", 0) for row in site_rows], dtype=np.int64),
    )
    return earthquake_bands(
        histogram=histogram.reshape(bins, BIN_COUNT),
        vulnerability=EarthquakeResidentialVulnerability(stock=prepared.settings.stock),
        tau=tau,
        phi=phi,
        sites=site_exposure,
        shelter_seeking_share=scenario.shelter_seeking_share,
        settings=MonteCarloSettings(realisations=scenario.realisations, seed=scenario.seed),
    )


def read_need(*, dataset: rasterio.io.DatasetReader, window: Window) -> np.ndarray:
    """People needing shelter in a window of the impact raster (0 outside the municipality)."""
    need = dataset.read(1, window=window).astype(np.float64)
    return np.nan_to_num(need, nan=0.0)


def sheltered_sums(
    *,
    prepared: PreparedScenario,
    window: Window,
    need: np.ndarray,
    shelters: ShelterPoints,
    ratios: np.ndarray,
    radius: float,
) -> np.ndarray:
    """People sheltered within walking distance in one window, by district (quanta)."""
    x, y = prepared.grid.cell_centres(window)
    sheltered = sheltered_people(need=need, x=x, y=y, shelters=shelters, ratios=ratios, radius_m=radius)
    index = prepared.population.district_index(window)
    return sum_by_index(index=index, values=sheltered, bins=prepared.district_count + 1)


# --- rasters -------------------------------------------------------------------------------------


def _raster_layers(prepared: PreparedScenario, outputs: RasterOutputs) -> dict[str, RasterLayer]:
    hazard = prepared.hazard
    common = {
        "SCENARIO": json.dumps(prepared.scenario.as_dict(), sort_keys=True),
        "INPUTS_SHA256": prepared.inputs_hash,
        "MODEL": MODEL_VERSION,
        "NOTE": english(prepared.notes),
    }
    if hazard.kind in ("flood", "landslide"):
        common["MODELLED"] = "yes: indicative only (1 km DEM)"
    layers = {
        "hazard": RasterLayer(
            outputs.hazard,
            "uint8" if hazard.categorical else "float32",
            CLASS_NODATA if hazard.categorical else FLOAT_NODATA,
            {**common, "LAYER": f"hazard:{hazard.kind}", "UNITS": hazard.units},
        ),
        "impact": RasterLayer(
            outputs.impact,
            "float32",
            FLOAT_NODATA,
            {**common, "LAYER": "people_affected", "UNITS": "persons per cell"},
        ),
    }
    if outputs.population:
        layers["population"] = RasterLayer(
            outputs.population,
            "float32",
            FLOAT_NODATA,
            {**common, "LAYER": "population", "UNITS": "persons per cell"},
        )
    if outputs.damage and hazard.kind in ("earthquake", "flood"):
        units = (
            "damage ratio (JRC curve)"
            if hazard.kind == "flood"
            else "share of buildings with extensive or complete damage"
        )
        layers["damage"] = RasterLayer(
            outputs.damage, "float32", FLOAT_NODATA, {**common, "LAYER": "damage", "UNITS": units}
        )
    return layers


def _raster_arrays(
    prepared: PreparedScenario, outputs: RasterOutputs, impact: WindowImpact
) -> dict[str, np.ndarray]:
    nodata = CLASS_NODATA if prepared.hazard.categorical else np.nan
    arrays = {
        "hazard": np.where(impact.inside, impact.intensity, nodata),
        "impact": np.where(impact.inside, impact.affected, np.nan),
    }
    if outputs.population:
        arrays["population"] = np.where(impact.inside, impact.population, np.nan)
    if outputs.damage and impact.damage is not None:
        arrays["damage"] = np.where(impact.inside, impact.damage, np.nan)
    return arrays


def _raster_descriptions(prepared: PreparedScenario, outputs: RasterOutputs) -> dict[str, dict]:
    layers = _raster_layers(prepared, outputs)
    return {
        name: {
            "path": layer.path,
            "dtype": layer.dtype,
            "units": layer.tags["UNITS"],
            "sha256": raster_digest(layer.path) if prepared.settings.digest_rasters else None,
        }
        for name, layer in layers.items()
    }
