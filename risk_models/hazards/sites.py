"""Point assets under a scenario: each site's intensity, damage and whether it is hit; usable shelters."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import shapely

from risk_models.hazards.exposure import Site, project_sites
from risk_models.hazards.prepared import NO_MODIFIERS, Modifiers, PreparedScenario
from risk_models.hazards.protection import ShelterPoints
from risk_models.hazards.vulnerability import OCCUPANCY


def evaluate_sites(
    *, prepared: PreparedScenario, modifiers: Modifiers = NO_MODIFIERS
) -> tuple[list[dict], list[Site], np.ndarray, np.ndarray]:
    """Site rows, plus all sites including extra shelters and their METRIC_CRS coordinates."""
    sites = list(prepared.sites) + list(modifiers.extra_shelters)
    if modifiers.extra_shelters:
        extra_x, extra_y = project_sites(modifiers.extra_shelters)
        xs = np.concatenate([prepared.site_x, extra_x])
        ys = np.concatenate([prepared.site_y, extra_y])
        districts = np.concatenate(
            [prepared.site_district, prepared.population.district_of(x=extra_x, y=extra_y)]
        )
    else:
        xs, ys, districts = prepared.site_x, prepared.site_y, prepared.site_district
    hazard = prepared.hazard
    intensity = np.asarray(hazard.intensity(x=xs, y=ys), dtype=np.float64) if sites else np.zeros(0)
    if sites and modifiers.flood_walls and hazard.kind == "flood":
        behind = np.zeros(len(sites), dtype=bool)
        for wall in modifiers.flood_walls:
            behind |= shapely.contains_xy(wall, xs, ys)
        intensity = np.where(behind, 0.0, intensity)
    codes = [""] + [district.code for district in prepared.population.districts]
    space = prepared.scenario.space_per_person_m2
    rows = []
    for position, site in enumerate(sites):
        factor = float(modifiers.site_median_factors.get(site.site_id, 1.0))
        impact = hazard.site(float(intensity[position]), site, median_factor=factor)
        capacity = site.capacity
        if site.kind == "accommodation" and site.floor_area_m2 > 0:
            capacity = float(int(site.floor_area_m2 / space))  # Sphere: covered floor area per person
        rates = impact.casualties or (0.0, 0.0, 0.0, 0.0)
        casualties = {
            time: [site.occupants * OCCUPANCY[time].get(site.kind, 0.0) * rate for rate in rates]
            for time in ("night", "day")
        }
        rows.append(
            {
                "site_id": site.site_id,
                "kind": site.kind,
                "district_code": codes[int(districts[position])] or None,
                "intensity": impact.intensity,
                "damage": impact.damage,
                "hit": impact.hit,
                "occupants": site.occupants,
                "people_affected": site.occupants * impact.affected_share,
                "capacity": capacity,
                "usable_capacity": capacity if impact.can_house else 0.0,
                "demo": site.demo,
                "casualties": casualties,
            }
        )
    return rows, sites, xs, ys


def usable_shelters(*, rows: Sequence[dict], xs: np.ndarray, ys: np.ndarray) -> ShelterPoints:
    """Temporary accommodation (in site order) with the places that survive the hazard.

    Civil-defence shelters (КСЗ) are not counted: they protect people during an attack and are
    not where people displaced by an earthquake, a flood or an accident are housed.
    """
    positions = [i for i, row in enumerate(rows) if row["kind"] == "accommodation"]
    return ShelterPoints(
        x=xs[positions] if positions else np.zeros(0),
        y=ys[positions] if positions else np.zeros(0),
        capacity=np.array([rows[i]["usable_capacity"] for i in positions], dtype=np.float64),
    )
