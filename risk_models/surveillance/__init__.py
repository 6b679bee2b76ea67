"""Video-surveillance analyses: DORI fields of view cut by buildings, coverage, who-sees, placement.

Pure functions over shapely 2 geometries and numpy arrays, all in metres (UTM 34N, METRIC_SRID);
`projection` converts from and to WGS 84 storage coordinates at the edge. For the caller:

- cameras: `camera_to_metric(lon=, lat=, azimuth=<true, ° from north>, ...)` gives a CameraGeometry
  in metres with the azimuth turned to grid north (≈ −1.6° in Sofia);
- buildings: `BuildingIndex(footprints_in_metres)`, built once per analysis batch;
- stored fields of view: `{camera_id: {DoriLevel or "detect"/…: Polygon in metres}}`, or a
  `FieldSet` built once from it when several coverages / who-sees queries follow;
- targets: a Polygon / MultiPolygon (area shares) or LineString / MultiLineString (length
  shares), in metres; street networks via `coverage_of_network(streets=..., within=...)`;
- results hold geometries in metres: `to_storage(...)` before saving or serialising.
"""

from .buildings import BuildingIndex
from .coverage import (
    CoverageReport,
    LevelCoverage,
    LevelOutage,
    OutageImpact,
    coverage_of,
    coverage_of_line,
    coverage_of_network,
    coverage_of_polygon,
    outage_impact,
    street_network,
)
from .demand import DemandGrid, covered_cells, demand_grid, point_counts, weighted
from .dori import LEVELS, DoriLevel, level_at, pixel_density, range_for
from .errors import InvalidCameraParameters, InvalidPlacementRequest, InvalidTarget, SurveillanceError
from .fieldset import FieldSet
from .fov import (
    CameraGeometry,
    CameraModel,
    FovSettings,
    Reach,
    fields_of_view,
    fields_of_view_many,
    reach,
    sector,
)
from .placement import PlacedCamera, PlacementResult, brute_force, candidate_cells, lazy_greedy, place_cameras
from .projection import (
    camera_to_metric,
    grid_azimuth,
    meridian_convergence,
    to_metric,
    to_storage,
    true_azimuth,
    xy_to_metric,
    xy_to_storage,
)
from .who_sees import Sighting, WhoSeesIndex

__all__ = [
    "LEVELS",
    "BuildingIndex",
    "CameraGeometry",
    "CameraModel",
    "CoverageReport",
    "DemandGrid",
    "DoriLevel",
    "FieldSet",
    "FovSettings",
    "InvalidCameraParameters",
    "InvalidPlacementRequest",
    "InvalidTarget",
    "LevelCoverage",
    "LevelOutage",
    "OutageImpact",
    "PlacedCamera",
    "PlacementResult",
    "Reach",
    "Sighting",
    "SurveillanceError",
    "WhoSeesIndex",
    "brute_force",
    "camera_to_metric",
    "candidate_cells",
    "coverage_of",
    "coverage_of_line",
    "coverage_of_network",
    "coverage_of_polygon",
    "covered_cells",
    "demand_grid",
    "fields_of_view",
    "fields_of_view_many",
    "grid_azimuth",
    "lazy_greedy",
    "level_at",
    "meridian_convergence",
    "outage_impact",
    "pixel_density",
    "place_cameras",
    "point_counts",
    "range_for",
    "reach",
    "sector",
    "street_network",
    "to_metric",
    "to_storage",
    "true_azimuth",
    "weighted",
    "xy_to_metric",
    "xy_to_storage",
]
