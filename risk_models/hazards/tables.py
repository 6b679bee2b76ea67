"""District and site tables of a run, their totals and the results hash."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from risk_models.hazards.accounting import QUANTUM
from risk_models.hazards.exposure import SITE_KINDS
from risk_models.hazards.hashing import content_hash
from risk_models.hazards.prepared import PreparedScenario
from risk_models.hazards.protection import equipment_needed

# Per-district sums accumulated in the window pass, in this order.
METRICS = ("population", "people_exposed", "people_affected", "buildings_damaged")

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
    "shelter_need": "people needing shelter (= people_affected)",
    "shelter_capacity": "places in the district's shelters that the hazard leaves usable",
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
    notes: list[str]

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
        }


def assemble_result(
    *,
    prepared: PreparedScenario,
    sums: np.ndarray,
    sheltered: np.ndarray,
    site_rows: list[dict],
    rasters: dict[str, dict],
    inputs_hash: str,
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
        need = float(values[2, index])
        row = {
            "code": district.code,
            "name": district.name,
            "population": float(values[0, index]),
            "people_exposed": float(values[1, index]),
            "people_affected": need,
            "buildings": float(values[0, index]) * buildings_per_resident,
            "buildings_damaged": float(values[3, index]),
            "sites_hit": hits,
            "critical_sites_hit": sum(hits.values()),
            "site_people_affected": float(sum(site["people_affected"] for site in here)),
            "shelter_need": need,
            "shelter_capacity": float(
                sum(site["usable_capacity"] for site in here if site["kind"] == "shelter")
            ),
            "sheltered_within_walk": float(sheltered_people_by_district[index]),
            "shelter_deficit": max(0.0, need - float(sheltered_people_by_district[index])),
        }
        row["equipment"] = equipment_needed(row=row, norms=norms)
        districts.append(row)
    totals = _totals(districts)
    tables = {"districts": districts, "sites": site_rows, "totals": totals}
    return ScenarioResult(
        scenario=prepared.scenario.as_dict(),
        inputs_hash=inputs_hash,
        results_hash=content_hash({"inputs": inputs_hash, **tables}),
        districts=districts,
        sites=site_rows,
        totals=totals,
        rasters=rasters,
        notes=list(prepared.notes),
    )


def _totals(districts: list[dict]) -> dict:
    numeric = [
        key for key, value in districts[0].items() if isinstance(value, float | int) and key not in ("code",)
    ]
    totals: dict = {key: sum(row[key] for row in districts) for key in numeric}
    totals["sites_hit"] = {kind: sum(row["sites_hit"][kind] for row in districts) for kind in SITE_KINDS}
    items = sorted({item for row in districts for item in row["equipment"]})
    totals["equipment"] = {item: sum(row["equipment"].get(item, 0) for row in districts) for item in items}
    return totals
