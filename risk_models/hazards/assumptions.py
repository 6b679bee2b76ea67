"""Every constant the risk results rest on that is not read from data, with its source or marked as an assumption.

Each note: key, value, unit, basis ("source" or "assumption") and a sentence naming the source
or saying why the number was chosen. The API, the options endpoint, the risk panel and the PDF
show these notes next to the results.
"""

from __future__ import annotations

from risk_models.hazards.flood import DEFAULT_RATING_CURVE, STAGE_NOTE
from risk_models.hazards.landslide import MAX_ASSESSABLE_DEM_RESOLUTION_M
from risk_models.hazards.uncertainty import FRAGILITY_CAPACITY_BETA
from risk_models.hazards.vulnerability import (
    EXPOSURE_PGA_G,
    HAZUS_CASUALTY_SOURCE,
    NEW_SHELTER_FRAGILITY,
    OCCUPANCY,
    SHELTER_UNUSABLE_DAMAGE_STATE,
)

SOURCE = "source"
ASSUMPTION = "assumption"

SHELTER_SEEKING_TEXT = (
    "Share of displaced people who seek public temporary accommodation. HAZUS-MH MR5 §14.3 "
    "(short-term shelter needs) weights displaced households by income (0.62 below the lowest "
    "income band … 0.13 in the highest), age and tenure; without those data for Sofia, 0.3 is "
    "taken (ASSUMPTION within HAZUS's range). Editable per scenario."
)
SPHERE_TEXT = (
    "Covered living space per person: 3.5 m² (Sphere Handbook 2018, Shelter and settlement "
    "standard 3); 4.5–5.5 m² in a cold climate, where people spend more time indoors — Sofia's "
    "winters qualify. Editable per scenario."
)


def note(key: str, value, unit: str, basis: str, text: str, hazards: tuple[str, ...] = ()) -> dict:
    return {"key": key, "value": value, "unit": unit, "basis": basis, "text": text, "hazards": list(hazards)}


def general_notes(
    *, walk_radius_m: float = 500.0, shelter_seeking_share: float = 0.3, space_per_person_m2: float = 3.5
) -> list[dict]:
    """The notes that hold whatever the scenario (with the scenario's own values where it has them)."""
    c = DEFAULT_RATING_CURVE
    return [
        note(
            "walk_radius_m",
            walk_radius_m,
            "m",
            ASSUMPTION,
            "Straight-line walking distance within which accommodation counts as reachable (no street "
            "network with names is in reach); ASSUMPTION, editable per scenario.",
        ),
        note("shelter_seeking_share", shelter_seeking_share, "share", ASSUMPTION, SHELTER_SEEKING_TEXT),
        note("space_per_person_m2", space_per_person_m2, "m²/person", SOURCE, SPHERE_TEXT),
        note(
            "exposure_pga_g",
            EXPOSURE_PGA_G,
            "g",
            SOURCE,
            "Residents count as exposed from MMI VI: PGA ≥ 0.092 g (Wald et al. 1999, Earthquake Spectra 15(3)).",
            ("earthquake",),
        ),
        note(
            "building_stock",
            "40 % PC2M, 20 % C1M-moderate, 10 % C1M-low, 20 % URMM, 10 % URML",
            "share of residents",
            ASSUMPTION,
            "Illustrative split of Sofia's residents by HAZUS building class, pending the NSI 2021 "
            "building census by district.",
            ("earthquake",),
        ),
        note(
            "casualty_rates",
            "HAZUS Tables 13.3–13.7",
            "share of occupants",
            SOURCE,
            HAZUS_CASUALTY_SOURCE,
            ("earthquake",),
        ),
        note(
            "occupancy",
            {time: dict(values) for time, values in OCCUPANCY.items()},
            "share at the place",
            ASSUMPTION,
            "Night: 0.99 of residents at home (HAZUS Table 13.2). Day: 0.45 of residents at home "
            "(ASSUMPTION), schools, hospitals and critical sites at their day occupants; at night "
            "hospitals full, critical sites a quarter, schools empty (ASSUMPTION).",
            ("earthquake",),
        ),
        note(
            "shelter_usable_until",
            SHELTER_UNUSABLE_DAMAGE_STATE,
            "damage state",
            ASSUMPTION,
            "Temporary accommodation keeps its places unless its building is more likely than not "
            "extensively damaged: the line the displacement model draws for homes (HAZUS-MH MR5 §14.2 "
            "counts no dwelling with moderate damage as uninhabitable).",
            ("earthquake",),
        ),
        note(
            "new_shelter_fragility",
            NEW_SHELTER_FRAGILITY,
            "HAZUS class",
            ASSUMPTION,
            "A new shelter proposed as a measure is new construction to the current seismic code "
            "(Eurocode 8, importance factor for emergency buildings): HAZUS concrete shear wall, "
            "mid-rise, high-code.",
            ("earthquake",),
        ),
        note(
            "fragility_capacity_beta",
            FRAGILITY_CAPACITY_BETA,
            "ln units",
            ASSUMPTION,
            "Capacity part of the HAZUS fragility dispersion (total β = 0.64) sampled in the Monte Carlo.",
            ("earthquake",),
        ),
        note(
            "within_event_correlation",
            "one draw per district",
            "",
            ASSUMPTION,
            "Within-event ground-motion residual fully correlated inside a district, independent between "
            "districts (PGA correlation lengths ~10 km: Jayaram & Baker 2009).",
            ("earthquake",),
        ),
        note(
            "rating_curve",
            {
                "q100_m3s_per_km2": c.q100_m3s_per_km2,
                "area_exponent": c.area_exponent,
                "growth": {str(k): v for k, v in c.growth.items()},
                "width_coefficient": c.width_coefficient,
                "manning_n": c.manning_n,
            },
            "",
            ASSUMPTION,
            f"Flood stage per reach from a synthetic rating curve ({STAGE_NOTE}): {c.describe()}",
            ("flood",),
        ),
        note(
            "landslide_max_dem_resolution_m",
            MAX_ASSESSABLE_DEM_RESOLUTION_M,
            "m",
            ASSUMPTION,
            "Landslide susceptibility from slope only where the DEM is this fine or finer; elsewhere not assessed.",
            ("landslide",),
        ),
        note(
            "erg_distances",
            "ERG 2024 guides 112/115/128 and Table 1",
            "m",
            SOURCE,
            "Isolation, fire evacuation and downwind distances of the Emergency Response Guidebook 2024; "
            "operator's safety-report zones replace them where given.",
            ("industrial",),
        ),
    ]


def assumption_notes(prepared) -> list[dict]:
    """The notes for one prepared scenario (its own walking radius, shelter share, space per person)."""
    scenario = prepared.scenario
    notes = general_notes(
        walk_radius_m=scenario.walk_radius_m,
        shelter_seeking_share=scenario.shelter_seeking_share,
        space_per_person_m2=scenario.space_per_person_m2,
    )
    return [item for item in notes if not item["hazards"] or scenario.kind in item["hazards"]]
