"""Public-order analyses: hot spots, kernel density, near repeats, and inspection schedules.

Pure functions over numpy arrays and shapely geometries, all in metres (UTM 34N); the caller
projects incidents and areas at the edge. Every method and number is named with its source
or marked as an assumption, so the map can write it on the result:

- `hex_grid(area, size_m=250)` and `HexGrid.counts(x, y)`: incidents per hexagonal cell;
- `gi_star(counts, grid.neighbours())`: Getis-Ord Gi* with the false discovery rate (esda);
- `kernel_density(x, y, bounds=..., cell_m=50, bandwidth_m=...)`: quartic-kernel density;
- `knox_test(...)`, `near_repeat_table(...)`: space-time clustering against shuffled times;
- `annual_schedule(sites, working_days=..., inspectors=...)`: inspections of guarded sites;
- `propose_route(hot_cells, start=..., max_length_m=...)`: a patrol through the hottest cells
  within a length (orienteering, by a heuristic).
"""

from .errors import HotspotError, InvalidParameter, TooFewIncidents
from .gistar import CONFIDENCE_LEVELS, MIN_INCIDENTS, GiStarResult, gi_star, gi_star_z
from .grid import HexGrid, hex_grid
from .kde import DensityRaster, kernel_density, quartic
from .knox import KnoxResult, NearRepeatCell, knox_test, near_repeat_table
from .patrol import HotCell, PatrolRoute, propose_route
from .schedule import (
    DETOUR_FACTOR,
    VISIT_RULES,
    Schedule,
    ScheduleRules,
    SiteToInspect,
    Visit,
    annual_schedule,
    visits_needed,
)

__all__ = [
    "CONFIDENCE_LEVELS",
    "DETOUR_FACTOR",
    "MIN_INCIDENTS",
    "VISIT_RULES",
    "DensityRaster",
    "GiStarResult",
    "HexGrid",
    "HotCell",
    "HotspotError",
    "InvalidParameter",
    "KnoxResult",
    "NearRepeatCell",
    "PatrolRoute",
    "Schedule",
    "ScheduleRules",
    "SiteToInspect",
    "TooFewIncidents",
    "Visit",
    "annual_schedule",
    "gi_star",
    "gi_star_z",
    "hex_grid",
    "kernel_density",
    "knox_test",
    "near_repeat_table",
    "propose_route",
    "quartic",
    "visits_needed",
]
