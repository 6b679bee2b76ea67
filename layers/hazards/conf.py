"""What the risk app assumes about its inputs: data files, site occupants and fragility, limits, sources.

Numbers marked ASSUMPTION have no source in the data and are for the directorate to replace
(the municipal disaster protection plan, the building census, the shelter register).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.utils.translation import gettext_lazy

from layers.shelters.models import ShelterStatus

# Files under SHARED_DATA_DIR (see ../shared/data/SOURCES.md), frozen into each scenario's folder.
DATA_FILES = {
    "districts": "boundaries/sofia_districts.geojson",
    "population_csv": "population/sofia_districts_population.csv",
    "dem": "elevation/sofia_dem_globe_1km.tif",
    "ghs_pop": "population/ghs_pop_2020_sofia_120m_mollweide.tif",
    # Used where present (older data folders lack them): the 160 m DEM and the OSM rivers.
    "fine_dem": "elevation/sofia_south_vitosha_dem_srtm_160m.tif",
    "rivers_osm": "hydrology/sofia_rivers_osm_2026.geojson",
}
OPTIONAL_DATA_FILES = ("fine_dem", "rivers_osm")
# Known landslide areas shipped as DEMO polygons until a register is loaded.
DEMO_LANDSLIDE_ZONES = Path(__file__).resolve().parent / "data" / "landslide_zones_demo.geojson"

# Bulgaria has used the euro since 1 January 2026; amounts in leva convert at the fixed rate.
BGN_PER_EUR = Decimal("1.95583")

# ASSUMPTION: the median factor of a seismic retrofit when the measure does not give one (HAZUS
# code levels differ by ~1.3–2× in their medians; 1.5 ≈ one code level up).
RETROFIT_MEDIAN_FACTOR = 1.5
# ASSUMPTION (demo): usable floor area of a school's hall and gym as temporary accommodation,
# until the municipality's accommodation plan gives each building's area.
SCHOOL_ACCOMMODATION_M2 = 600.0
# The only complete count of all 24 districts in the data (2021 is known for four only).
CENSUS_COLUMN = "census_2011"

# The app's own bounds on the core's parameters: the core accepts any cell of 5 m or more,
# but a cell coarser than 1 km drops the smallest districts (Sredets, 3 km²) off the grid.
MAX_CELL_SIZE_M = 1000.0
MAX_WALK_RADIUS_M = 5000.0


@dataclass(frozen=True)
class SiteDefaults:
    """Occupants and HAZUS fragility class assumed for every site of a layer (ASSUMPTION)."""

    occupants: float
    fragility: str


# ASSUMPTION: typical occupants by day and the HAZUS class nearest to the usual building.
SCHOOL = SiteDefaults(occupants=300.0, fragility="URMM-low")  # brick schools of the 1950s–1970s
KINDERGARTEN = SiteDefaults(occupants=100.0, fragility="URML-low")
HOSPITAL = SiteDefaults(occupants=150.0, fragility="C1M-low")  # RC frame, 1960s–1980s
CRITICAL_SITE = SiteDefaults(occupants=20.0, fragility="C1M-moderate")
SHELTER = SiteDefaults(occupants=0.0, fragility="C2M-moderate")  # reinforced-concrete basements
ACCOMMODATION = SiteDefaults(occupants=0.0, fragility="URMM-low")  # the school building itself
# Shelters out of service offer no places; those needing repair are counted (the plan's usual
# practice is to open them in an emergency). Change here if the directorate decides otherwise.
USABLE_SHELTER_STATUSES = (ShelterStatus.READY, ShelterStatus.NEEDS_REPAIR)

# Layers whose features become sites (and whose catalogue attribution goes on the PDF map).
SITE_LAYERS = ("schools", "hospitals", "critical-sites", "shelters")
INPUT_LAYERS = ("districts", "rivers", *SITE_LAYERS)

# Attributions of the files read directly (SOURCES.md); layer attributions come from the catalogue.
FILE_ATTRIBUTIONS = (
    gettext_lazy("Districts: Sofiaplan / Sofia Municipality (urbandata.sofia.bg); B. Yurukov (EUPL-1.2)"),
    gettext_lazy("Population by district: NSI census 2011"),
    gettext_lazy("Population density: GHS-POP © European Union, JRC (CC BY 4.0); D. Markova (MIT)"),
    gettext_lazy("Elevation: GLOBE Task Team et al. (1999), NOAA National Geophysical Data Center (1 km)"),
)

# Readable names of the equipment items the core's default norms use.
EQUIPMENT_ITEMS = ("emergency_kit", "respirator")


def app_assumptions() -> list[dict]:
    """The app's own constants with their basis, for the API, the options endpoint, the panel and the PDF."""
    from risk_models.hazards.assumptions import ASSUMPTION, note

    def site(key, defaults, label):
        return note(
            f"site_defaults.{key}",
            {"occupants": defaults.occupants, "fragility": defaults.fragility},
            "persons, HAZUS class",
            ASSUMPTION,
            f"{label}: typical day occupants and the nearest HAZUS building class.",
        )

    return [
        site("school", SCHOOL, "Schools"),
        site("kindergarten", KINDERGARTEN, "Kindergartens"),
        site(
            "hospital",
            HOSPITAL,
            "Hospitals — applied to every medical establishment in the data, clinics included (the data "
            "does not tell a hospital from a clinic), so clinics carry hospital occupants",
        ),
        site("critical_site", CRITICAL_SITE, "Critical sites (banks, fuel stations, post offices, metro)"),
        note(
            "criticality",
            {"bank": 2, "fuel": 3, "post_office": 2, "metro_station": 4},
            "1–5",
            ASSUMPTION,
            "Criticality scores of the critical-sites layer are the loader's assumption, not an official "
            "categorisation; 'fuel' are retail filling stations, not fuel depots.",
        ),
        note(
            "retrofit_median_factor",
            RETROFIT_MEDIAN_FACTOR,
            "×",
            ASSUMPTION,
            "Default rise of fragility medians by a seismic retrofit (about one HAZUS code level).",
        ),
        note(
            "school_accommodation_m2",
            SCHOOL_ACCOMMODATION_M2,
            "m²",
            ASSUMPTION,
            "DEMO: usable floor area of each school as temporary accommodation (hall, gym), until the "
            "accommodation plan gives real areas.",
        ),
        note(
            "bgn_per_eur",
            str(BGN_PER_EUR),
            "лв./€",
            "source",
            "Fixed conversion rate of the lev to the euro (fixed by the Council of the EU, July 2025); amounts "
            "entered in leva are converted.",
        ),
    ]
