"""What the risk app assumes about its inputs: data files, site occupants and fragility, limits, sources.

Numbers marked ASSUMPTION have no source in the data and are for the directorate to replace
(the municipal disaster protection plan, the building census, the shelter register).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy

from layers.shelters.models import ShelterStatus

# Files under SHARED_DATA_DIR (see ../shared/data/SOURCES.md), frozen into each scenario's folder.
DATA_FILES = {
    "districts": "boundaries/sofia_districts.geojson",
    "population_csv": "population/sofia_districts_population.csv",
    "dem": "elevation/sofia_dem_globe_1km.tif",
    "ghs_pop": "population/ghs_pop_2020_sofia_120m_mollweide.tif",
}
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
