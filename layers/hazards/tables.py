"""A scenario's district and site tables as flat rows with fixed columns, for the API, CSV, GeoPackage and PDF."""

from __future__ import annotations

from risk_models.hazards.exposure import SITE_KINDS

DISTRICT_COLUMNS = (
    "code",
    "name",
    "name_en",
    "population",
    "people_exposed",
    "people_affected",
    "buildings",
    "buildings_damaged",
    "critical_sites_hit",
    *(f"hit_{kind}" for kind in SITE_KINDS),
    "site_people_affected",
    "shelter_need",
    "shelter_capacity",
    "sheltered_within_walk",
    "shelter_deficit",
    "sheltered_share",
    "shelters_demo",
)
SITE_COLUMNS = (
    "site_id",
    "layer",
    "name",
    "kind",
    "subkind",
    "district_code",
    "lon",
    "lat",
    "intensity",
    "damage",
    "hit",
    "occupants",
    "people_affected",
    "capacity",
    "usable_capacity",
    "demo",
)


def equipment_items(scenario) -> list[str]:
    totals = (scenario.result or {}).get("totals", {})
    return sorted(totals.get("equipment", {}))


def district_columns(scenario) -> list[str]:
    return [*DISTRICT_COLUMNS, *(f"equipment_{item}" for item in equipment_items(scenario))]


def flat_district_rows(scenario) -> list[dict]:
    """One row per district with the columns of district_columns(scenario)."""
    result = scenario.result or {}
    names = result.get("district_names", {})
    # Places for the displaced come from temporary accommodation, whose floor areas are demo.
    shelters_demo = "temporary-accommodation" in result.get("demo_layers", [])
    rows = []
    for row in result.get("districts", []):
        flat = {key: value for key, value in row.items() if key not in ("sites_hit", "equipment", "name")}
        flat["name"] = names.get(row["code"], {}).get("bg") or row["name"]
        flat["name_en"] = names.get(row["code"], {}).get("en") or row["name"]
        for kind in SITE_KINDS:
            flat[f"hit_{kind}"] = row["sites_hit"].get(kind, 0)
        for item, count in row["equipment"].items():
            flat[f"equipment_{item}"] = count
        need = row["shelter_need"]
        flat["sheltered_share"] = row["sheltered_within_walk"] / need if need > 0 else None
        flat["shelters_demo"] = shelters_demo
        rows.append(flat)
    return rows


def flat_site_rows(scenario) -> list[dict]:
    return [{key: row.get(key) for key in SITE_COLUMNS} for row in scenario.site_rows or []]
