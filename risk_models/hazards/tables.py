"""District and site tables of a run, their totals and the results hash."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from risk_models.hazards.accounting import QUANTUM
from risk_models.hazards.assumptions import assumption_notes
from risk_models.hazards.exposure import SITE_KINDS
from risk_models.hazards.hashing import content_hash
from risk_models.hazards.notes import Note
from risk_models.hazards.prepared import PreparedScenario
from risk_models.hazards.protection import equipment_needed
from risk_models.hazards.uncertainty import FRAGILITY_CAPACITY_BETA, MONTE_CARLO_NOTE, PERCENTILES
from risk_models.hazards.vulnerability import OCCUPANCY

CASUALTY_TIMES = ("night", "day")
# Per-district sums accumulated in the window pass, in this order: then residents' casualties by
# severity 1–4 as if all were at home (scaled by the occupancy share of each time of day).
METRICS = (
    "population",
    "people_exposed",
    "people_affected",
    "buildings_damaged",
    "people_not_assessed",
    *(f"casualties_at_home_{k}" for k in range(1, 5)),
)
HEADLINES = (
    "people_affected",
    "shelter_need",
    "buildings_damaged",
    "deaths_night",
    "injuries_night",
    "deaths_day",
    "injuries_day",
)

# What each district column means, for exports and the API's documentation.
DISTRICT_COLUMNS = {
    "code": "official district number (01–24)",
    "name": "district name (English)",
    "population": "residents on the grid: the census total spread by GHS-POP density",
    "people_exposed": "residents where the hazard is present: flood depth > 0; PGA ≥ 0.092 g (MMI VI); "
    "landslide class high or very high; inside an industrial zone",
    "people_affected": "residents displaced, needing shelter: all of a flooded cell; HAZUS uninhabitable share "
    "(earthquake); the isolation zone (industrial); none for landslide susceptibility",
    "buildings": "residential buildings, from residents and the stock's persons per building",
    "buildings_damaged": "earthquake: expected buildings with extensive or complete damage; flood: buildings × "
    "JRC damage ratio (building equivalents lost)",
    "sites_hit": "sites of each kind hit (flooded; P(≥ moderate damage) ≥ 0.5; in a zone; high susceptibility)",
    "critical_sites_hit": "all sites hit",
    "site_people_affected": "occupants of hit sites expected to be affected",
    "people_not_assessed": "residents where the inputs cannot resolve the hazard (landslide on the 1 km DEM): "
    "NOT ASSESSED, which is not 'no risk'",
    "casualties": "earthquake: expected casualties by HAZUS severity (1 light … 4 deaths), residents at home "
    "and occupants of sites, at night (2 a.m.) and by day (2 p.m.)",
    "deaths_night": "earthquake: expected deaths (severity 4), night occupancy",
    "injuries_night": "earthquake: expected injured (severities 1–3), night occupancy",
    "deaths_day": "earthquake: expected deaths (severity 4), day occupancy",
    "injuries_day": "earthquake: expected injured (severities 1–3), day occupancy",
    "floor_area_m2": "floor area of the buildings given (footprint × floors: OSM levels, else from the height, "
    "else 1 floor assumed)",
    "floor_area_exposed_m2": "floor area where the hazard is present",
    "floor_area_damaged_m2": "floor area × damage (earthquake: share with extensive or complete damage; flood: "
    "JRC damage ratio)",
    "shelter_need": "displaced people seeking public temporary accommodation: people_affected × the "
    "shelter-seeking share",
    "shelter_capacity": "places in the district's temporary accommodation that the hazard leaves usable "
    "(floor area ÷ Sphere space per person, or the given capacity)",
    "sheltered_within_walk": "people in need who find a place within walking distance (2SFCA)",
    "shelter_deficit": "shelter_need − sheltered_within_walk",
    "equipment": "items of protective equipment by the norms for the hazard kind",
}


@dataclass(frozen=True)
class ScenarioResult:
    """What a run produced: per-district and per-site tables, totals, rasters and the two hashes."""

    scenario: dict
    inputs_hash: str
    results_hash: str
    districts: list[dict]
    sites: list[dict]
    totals: dict
    rasters: dict[str, dict]
    notes: list[dict]  # Note.as_dict(): key, params and the English text
    bands: dict | None = None  # headline → {p16, p50, p84} (earthquake Monte Carlo), else None
    extra: dict | None = None  # flood reaches, uncertainty method, assumptions

    def as_dict(self) -> dict:
        """The whole result as JSON-ready data."""
        return {
            "scenario": self.scenario,
            "inputs_hash": self.inputs_hash,
            "results_hash": self.results_hash,
            "districts": self.districts,
            "sites": self.sites,
            "totals": self.totals,
            "rasters": self.rasters,
            "notes": self.notes,
            "bands": self.bands,
            **(self.extra or {}),
        }


def assemble_result(
    *,
    prepared: PreparedScenario,
    sums: np.ndarray,
    sheltered: np.ndarray,
    site_rows: list[dict],
    rasters: dict[str, dict],
    inputs_hash: str,
    bands: dict | None = None,
    floor_area: dict | None = None,
) -> ScenarioResult:
    """District rows, totals and the results hash from the summed quanta and the site rows."""
    values = sums * QUANTUM
    sheltered_people_by_district = sheltered * QUANTUM
    buildings_per_resident = prepared.settings.stock.buildings_per_resident
    norms = prepared.settings.equipment_norms.get(prepared.scenario.kind, ())
    districts = []
    for index, district in enumerate(prepared.population.districts, start=1):
        here = [site for site in site_rows if site["district_code"] == district.code]
        hits = {kind: sum(1 for site in here if site["kind"] == kind and site["hit"]) for kind in SITE_KINDS}
        displaced = float(values[2, index])
        need = displaced * prepared.scenario.shelter_seeking_share
        casualties = {
            time: [float(values[5 + k, index]) * OCCUPANCY[time]["residential"] for k in range(4)]
            for time in CASUALTY_TIMES
        }
        for site in here:
            for time in CASUALTY_TIMES:
                for k in range(4):
                    casualties[time][k] += site["casualties"][time][k]
        row = {
            "code": district.code,
            "name": district.name,
            "population": float(values[0, index]),
            "people_exposed": float(values[1, index]),
            "people_affected": displaced,
            "people_not_assessed": float(values[4, index]),
            "buildings": float(values[0, index]) * buildings_per_resident,
            "buildings_damaged": float(values[3, index]),
            "sites_hit": hits,
            "critical_sites_hit": sum(hits.values()),
            "site_people_affected": float(sum(site["people_affected"] for site in here)),
            "shelter_need": need,
            "shelter_capacity": float(
                sum(site["usable_capacity"] for site in here if site["kind"] == "accommodation")
            ),
            "sheltered_within_walk": float(sheltered_people_by_district[index]),
            "shelter_deficit": max(0.0, need - float(sheltered_people_by_district[index])),
        }
        row["casualties"] = casualties
        for time in CASUALTY_TIMES:
            row[f"deaths_{time}"] = casualties[time][3]
            row[f"injuries_{time}"] = sum(casualties[time][:3])
        if floor_area is not None:
            for key in ("floor_area_m2", "floor_area_exposed_m2", "floor_area_damaged_m2"):
                row[key] = float(floor_area[key][index])
        row["equipment"] = equipment_needed(row=row, norms=norms)
        districts.append(row)
    totals = _totals(districts)
    if floor_area is not None:
        totals["floor_area_basis"] = dict(floor_area["basis"])
    if prepared.scenario.kind == "landslide":
        totals["assessed_share"] = (
            1.0 - totals["people_not_assessed"] / totals["population"] if totals["population"] else 0.0
        )
    tables = {"districts": districts, "sites": site_rows, "totals": totals}
    extra = {
        "flood_reaches": list(getattr(getattr(prepared.hazard, "model", None), "reaches", ()) or ()),
        "uncertainty": _uncertainty(prepared, bands),
        "assumptions": assumption_notes(prepared),
    }
    return ScenarioResult(
        bands=bands,
        extra=extra,
        scenario=prepared.scenario.as_dict(),
        inputs_hash=inputs_hash,
        results_hash=content_hash({"inputs": inputs_hash, **tables}),
        districts=districts,
        sites=site_rows,
        totals=totals,
        rasters=rasters,
        notes=[note.as_dict() for note in prepared.notes],
    )


def _totals(districts: list[dict]) -> dict:
    numeric = [
        key for key, value in districts[0].items() if isinstance(value, float | int) and key not in ("code",)
    ]
    totals: dict = {key: sum(row[key] for row in districts) for key in numeric}
    totals["sites_hit"] = {kind: sum(row["sites_hit"][kind] for row in districts) for kind in SITE_KINDS}
    totals["casualties"] = {
        time: [sum(row["casualties"][time][k] for row in districts) for k in range(4)]
        for time in CASUALTY_TIMES
    }
    items = sorted({item for row in districts for item in row["equipment"]})
    totals["equipment"] = {item: sum(row["equipment"].get(item, 0) for row in districts) for item in items}
    return totals


def _uncertainty(prepared: PreparedScenario, bands: dict | None) -> dict:
    scenario = prepared.scenario
    if bands is None:
        return {
            "method": None,
            "note": Note("uncertainty.none").as_dict(),
        }
    tau, phi = prepared.hazard.sigma
    return {
        "method": "monte_carlo",
        "realisations": scenario.realisations,
        "seed": scenario.seed,
        "tau": tau,
        "phi": phi,
        "fragility_beta": FRAGILITY_CAPACITY_BETA,
        "percentiles": list(PERCENTILES),
        "note": MONTE_CARLO_NOTE.as_dict(),
    }
