"""Where to put k new cameras: candidate sites and demand from the platform's layers, lazy greedy in the core.

Runs synchronously: the core places 20 cameras among 2,000 sites × 8 directions over a
district in a few seconds (bench/coverage.py), well under a request's patience; nothing
is saved here (see services.cameras.save_planned_cameras).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np
import shapely
from django.utils.translation import gettext as _

from geo_platform.crs import METRIC_SRID, STORAGE_SRID, UnknownCRS, parse_crs
from geo_platform.errors import InvalidParameter
from layers import selectors as layer_selectors
from layers.surveillance import queries
from layers.surveillance.conf import surveillance_settings
from layers.surveillance.errors import core_errors
from layers.surveillance.geometry import grown, storage_geos
from layers.surveillance.permissions import ensure_can_plan
from layers.surveillance.selectors.coverage import statuses
from layers.surveillance.selectors.state import current_state
from layers.surveillance.selectors.targets import Target, resolve_target
from risk_models.surveillance import (
    BuildingIndex,
    CameraModel,
    DoriLevel,
    PlacementResult,
    demand_grid,
    place_cameras,
    point_counts,
    reach,
    weighted,
)
from risk_models.surveillance.projection import transformer


@dataclass
class PlacementOutcome:
    target: Target
    result: PlacementResult
    sites: np.ndarray  # (n, 2) metres: the candidate sites considered
    model: CameraModel
    weighted: bool
    elapsed_s: float
    notes: list[str] = field(default_factory=list)


def _points_to_metric(points: list, crs: str | None, parameter: str) -> np.ndarray:
    try:
        srid = parse_crs(crs, default=STORAGE_SRID)
    except UnknownCRS as error:
        raise InvalidParameter(str(error), parameter=parameter) from None
    xy = np.array([p[:2] for p in points], dtype=float)
    x, y = transformer(source_srid=srid, target_srid=METRIC_SRID).transform(xy[:, 0], xy[:, 1])
    return np.column_stack((np.asarray(x, dtype=float), np.asarray(y, dtype=float)))


def _layer_geometries(user, slug: str, area) -> np.ndarray:
    _layer, spec = layer_selectors.get_visible_layer(user, slug)
    rows = spec.queryset_for(user).filter(**{f"{spec.geometry_field}__intersects": storage_geos(area)})
    return queries.positions_wkb(rows, spec.geometry_field)


def _sample_lines(lines: np.ndarray, spacing: float) -> np.ndarray:
    parts = shapely.get_parts(shapely.get_parts(lines))
    points = [
        shapely.line_interpolate_point(part, np.arange(0.0, part.length + 1e-9, spacing))
        for part in parts
        if part.length > 0
    ]
    return shapely.get_coordinates(np.concatenate(points)) if points else np.empty((0, 2))


def _sites_of(geometries: np.ndarray, spacing: float) -> np.ndarray:
    """Points as they are; polygons (buildings) by their corners; lines sampled every `spacing` m."""
    kinds = shapely.get_type_id(geometries)
    points = shapely.get_coordinates(geometries[np.isin(kinds, (0, 4))])
    polygons = shapely.get_parts(geometries[np.isin(kinds, (3, 6))])
    corners = (
        shapely.get_coordinates(shapely.get_exterior_ring(polygons)) if len(polygons) else np.empty((0, 2))
    )
    lines = _sample_lines(geometries[np.isin(kinds, (1, 5))], spacing)
    return np.concatenate((points, corners, lines))


def candidate_sites(user, target: Target, sites: dict, *, radius: float) -> tuple[np.ndarray, list[str]]:
    """Candidate camera sites in metres within reach of the target, deduplicated and capped."""
    area = target.geometry.buffer(radius, quad_segs=4)
    notes = []
    if sites.get("points"):
        xy = _points_to_metric(sites["points"], sites.get("crs"), "sites.crs")
    elif sites.get("layer"):
        xy = _sites_of(_layer_geometries(user, sites["layer"], area), sites["spacing_m"])
    else:
        xy = _sample_lines(queries.street_lines(within=storage_geos(area)), sites["spacing_m"])
        notes.append(
            _("Sites along streets: points every %(spacing)s m on the surface public-transport routes.")
            % {"spacing": f"{sites['spacing_m']:g}"}
        )
    if len(xy):
        xy = np.unique(np.round(xy, 1), axis=0)
        xy = xy[shapely.contains_xy(area, xy[:, 0], xy[:, 1])]
    if not len(xy):
        raise InvalidParameter(_("No candidate site lies within reach of the target."), parameter="sites")
    limit = surveillance_settings().placement_max_sites
    if len(xy) > limit:
        notes.append(
            _("%(count)s candidate sites, thinned evenly to %(limit)s.") % {"count": len(xy), "limit": limit}
        )
        xy = xy[np.linspace(0, len(xy) - 1, limit).round().astype(int)]
    return xy, notes


def _box_sum(counts: np.ndarray, radius_cells: int) -> np.ndarray:
    """Sum of each cell's (2r+1)² neighbourhood, with summed-area tables (no SciPy needed)."""
    if radius_cells <= 0:
        return counts
    r = radius_cells
    table = np.pad(np.pad(counts, r).cumsum(0).cumsum(1), ((1, 0), (1, 0)))
    rows, cols = counts.shape
    size = 2 * r + 1
    return (
        table[size : size + rows, size : size + cols]
        - table[0:rows, size : size + cols]
        - table[size : size + rows, 0:cols]
        + table[0:rows, 0:cols]
    )


def _incident_weights(user, grid, weights: dict, area) -> np.ndarray:
    if weights.get("points"):
        xy = _points_to_metric(weights["points"], weights.get("crs"), "weights.crs")
    else:
        geometries = _layer_geometries(user, weights["layer"], area)
        xy = shapely.get_coordinates(shapely.centroid(geometries)) if len(geometries) else np.empty((0, 2))
    counts = point_counts(grid=grid, x=xy[:, 0], y=xy[:, 1])
    # Demand of a cell = its area (or street length) × (1 + incidents within radius_m of it).
    return 1.0 + _box_sum(counts, int(round(weights["radius_m"] / grid.cell_size)))


def plan_placement(*, user, request: dict) -> PlacementOutcome:
    """Choose k new cameras (site and azimuth) that add the most covered demand; nothing is saved."""
    started = time.perf_counter()
    ensure_can_plan(user)
    target = resolve_target(user, request["target"])
    settings = surveillance_settings().fov_settings()
    level = DoriLevel(request["level"])
    optics = request["camera"]
    with core_errors():
        model = CameraModel(
            height=optics["mount_height"],
            fov=optics["fov"],
            resolution=optics["resolution"],
            tilt=optics["tilt"],
        )
        radius = reach(camera=model, settings=settings).radii[level]
    if radius <= 0:
        raise InvalidParameter(
            _(
                "This camera reaches the %(level)s level nowhere beyond its blind zone; change its optics or tilt."
            )
            % {"level": level.value},
            parameter="camera",
        )
    sites, notes = candidate_sites(user, target, request["sites"], radius=radius)
    with core_errors():
        grid = demand_grid(target=target.geometry, cell_size=request["cell_size_m"])
        if request.get("weights"):
            grid = weighted(
                grid=grid,
                weights=_incident_weights(user, grid, request["weights"], target.geometry.buffer(radius)),
            )
    view = current_state().view(statuses(request["include_planned"]))
    existing = view.fields_at(level)[view.field_set.meeting(level=level, geometry=target.geometry)]
    footprints, heights = queries.buildings(within=storage_geos(grown(target.geometry, radius + 1.0)))
    with core_errors():
        result = place_cameras(
            demand=grid,
            sites=sites,
            k=request["k"],
            camera=model,
            directions=request["directions"],
            level=level,
            buildings=BuildingIndex(footprints, heights) if len(footprints) else None,
            existing=list(existing),
            one_camera_per_site=request["one_per_site"],
            settings=settings,
        )
    if len(result.cameras) < request["k"]:
        notes.append(
            _("Only %(count)s cameras add any coverage; more would see nothing new.")
            % {"count": len(result.cameras)}
        )
    return PlacementOutcome(
        target=target,
        result=result,
        sites=sites,
        model=model,
        weighted=bool(request.get("weights")),
        elapsed_s=time.perf_counter() - started,
        notes=target.notes + notes,
    )
