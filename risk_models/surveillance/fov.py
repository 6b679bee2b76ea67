"""A camera's field of view at each DORI level, as a sector cut by building footprints (metres)."""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import shapely
import shapely.affinity
from shapely.geometry import MultiPolygon, Polygon

from . import visibility
from .buildings import NO_EDGES, BuildingIndex
from .dori import LEVELS, DoriLevel, check_fov, check_resolution, range_for
from .errors import InvalidCameraParameters

FieldsOfView = dict[DoriLevel, Polygon | MultiPolygon]


def _check_number(name: str, value: float, *, low: float, high: float, expected: str) -> None:
    if not (isinstance(value, numbers.Real) and math.isfinite(value) and low <= value <= high):
        raise InvalidCameraParameters(parameter=name, value=value, expected=expected)


@dataclass(frozen=True, slots=True, kw_only=True)
class CameraModel:
    """What a camera is, wherever it hangs: mount height, horizontal FOV, tilt and resolution."""

    height: float  # mount height above the ground, m
    fov: float  # horizontal field of view, degrees, 0 < fov < 180
    resolution: int  # horizontal pixels
    tilt: float = 0.0  # degrees below the horizon (negative: looking up)

    def __post_init__(self) -> None:
        _check_number("height", self.height, low=0.0, high=1000.0, expected="0 ≤ height ≤ 1000 m")
        check_fov(self.fov)
        check_resolution(self.resolution)
        _check_number("tilt", self.tilt, low=-90.0, high=90.0, expected="-90 ≤ tilt ≤ 90 degrees")

    def at(self, *, x: float, y: float, azimuth: float) -> CameraGeometry:
        """This camera model mounted at (x, y) metres, looking towards `azimuth`."""
        return CameraGeometry(
            x=x,
            y=y,
            azimuth=azimuth,
            height=self.height,
            fov=self.fov,
            resolution=self.resolution,
            tilt=self.tilt,
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class CameraGeometry(CameraModel):
    """A mounted camera: position in metres (UTM 34N) and azimuth in degrees clockwise from north."""

    x: float
    y: float
    azimuth: float

    def __post_init__(self) -> None:
        CameraModel.__post_init__(self)
        for name in ("x", "y"):
            _check_number(
                name, getattr(self, name), low=-1e8, high=1e8, expected="a finite coordinate in metres"
            )
        _check_number("azimuth", self.azimuth, low=0.0, high=360.0, expected="0 ≤ azimuth ≤ 360 degrees")


@dataclass(frozen=True, slots=True, kw_only=True)
class FovSettings:
    """How fields of view are drawn; one instance is shared by all cameras of an analysis."""

    max_range: float = 300.0  # m on the ground: no purpose is credited beyond this, whatever the optics
    # Arcs are drawn with chords straying at most arc_tolerance m from the true arc (a 1/20 m
    # sagitta is far below position accuracy), and no chord spans more than max_arc_step degrees.
    # Coarser arcs mean fewer vertices, and unions over thousands of fields cost by the vertex.
    arc_tolerance: float = 0.05
    max_arc_step: float = 5.0
    # The vertical model: pixel density is computed on the slant distance from the lens to a target
    # at target_height, and the tilt with the vertical FOV (from the aspect ratio) leaves a blind
    # zone under the camera and, when tilted steeply, a far limit. vertical=False gives flat sectors.
    vertical: bool = True
    target_height: float = 1.6  # m: a face of a standing adult
    aspect_ratio: float = 16 / 9
    mount_tolerance: float = 1.0  # m: buildings this close are the camera's own mount, not occluders

    def __post_init__(self) -> None:
        for name in ("max_range", "arc_tolerance", "max_arc_step", "aspect_ratio"):
            value = getattr(self, name)
            if not (math.isfinite(value) and value > 0):
                raise ValueError(f"FovSettings.{name} must be a positive number, got {value!r}")


DEFAULT_SETTINGS = FovSettings()


@dataclass(frozen=True, slots=True)
class Reach:
    """Ground distances (m) that bound what a camera sees: the blind radius and each level's radius."""

    inner: float
    radii: dict[DoriLevel, float]

    @property
    def outer(self) -> float:
        """The largest level radius (the detect radius), 0 when nothing is seen."""
        return max((r for r in self.radii.values() if r > self.inner), default=0.0)


def reach(*, camera: CameraModel, settings: FovSettings = DEFAULT_SETTINGS) -> Reach:
    """Blind radius and per-level ground radii of a camera model (before occlusion)."""
    drop = max(camera.height - settings.target_height, 0.0) if settings.vertical else 0.0
    inner, far = 0.0, math.inf
    if drop > 0:
        half_vertical = math.degrees(
            math.atan(math.tan(math.radians(camera.fov) / 2) / settings.aspect_ratio)
        )
        lower, upper = camera.tilt + half_vertical, camera.tilt - half_vertical
        # The lower edge of the image meets the target plane at drop / tan(lower): nearer is unseen.
        inner = 0.0 if lower >= 90 else (drop / math.tan(math.radians(lower)) if lower > 0 else math.inf)
        # Tilted down more than half the vertical FOV, the upper edge meets the plane too.
        far = drop / math.tan(math.radians(upper)) if upper > 0 else math.inf
    radii = {}
    for level in LEVELS:
        slant = range_for(level=level, resolution=camera.resolution, fov=camera.fov)
        ground = math.sqrt(slant * slant - drop * drop) if slant > drop else 0.0
        radii[level] = min(ground, far, settings.max_range)
    return Reach(inner=inner, radii=radii)


def _start_angle(camera: CameraGeometry) -> float:
    # Compass azimuths run clockwise from north; the sweep runs counter-clockwise from east, so it
    # starts at the clockwise edge of the view, azimuth + FOV/2.
    return math.radians(90.0 - camera.azimuth - camera.fov / 2.0)


def _bounds(camera: CameraGeometry, radius: float) -> tuple[float, float, float, float]:
    """Bounding box of the sector of `radius` (apex, both edges and any compass extreme in the span)."""
    start, span = _start_angle(camera), math.radians(camera.fov)
    angles = [start, start + span] + [
        k * math.pi / 2 for k in range(-8, 9) if 0 < (k * math.pi / 2 - start) % (2 * math.pi) < span
    ]
    xs = [0.0] + [radius * math.cos(a) for a in angles]
    ys = [0.0] + [radius * math.sin(a) for a in angles]
    return camera.x + min(xs), camera.y + min(ys), camera.x + max(xs), camera.y + max(ys)


def _step(radius: float, settings: FovSettings) -> float:
    return visibility.arc_step(
        radius=radius, tolerance=settings.arc_tolerance, max_step=math.radians(settings.max_arc_step)
    )


def sector(
    *,
    camera: CameraGeometry,
    radius: float,
    inner_radius: float = 0.0,
    settings: FovSettings = DEFAULT_SETTINGS,
) -> Polygon:
    """The open (unoccluded) sector, or annular sector, of `radius` m around the camera's azimuth."""
    start, span = _start_angle(camera), math.radians(camera.fov)
    angles, ordinal = visibility.sweep_angles(
        start=start, span=span, step=_step(radius, settings), starts=NO_EDGES[0], edges=NO_EDGES[1]
    )
    geometry = visibility.fan_polygon(
        x=camera.x,
        y=camera.y,
        angles=angles,
        hits=np.full(len(angles), np.inf),
        arc_ordinal=ordinal,
        radius=radius,
        inner_radius=inner_radius,
    )
    return geometry if isinstance(geometry, Polygon) else Polygon()


def fields_of_view(
    *,
    camera: CameraGeometry,
    buildings: BuildingIndex | None = None,
    settings: FovSettings = DEFAULT_SETTINGS,
    method: Literal["rays", "shadows"] = "rays",
) -> FieldsOfView:
    """The ground seen at each DORI level, nested detect ⊇ … ⊇ identify, cut by building footprints."""
    bounds = reach(camera=camera, settings=settings)
    outer = bounds.outer
    if outer <= 0:
        return {level: Polygon() for level in LEVELS}
    # Buildings at least as tall as the lens hide all the ground behind them (the sweep); lower
    # ones hide only a bounded shadow (visibility.low_shadows), cut out afterwards.
    box = _bounds(camera, outer)
    starts, edges = (
        buildings.edges_near(
            x=camera.x,
            y=camera.y,
            radius=outer,
            bounds=box,
            mount_tolerance=settings.mount_tolerance,
            viewer_height=camera.height,
        )
        if buildings is not None
        else NO_EDGES
    )
    low_hidden = Polygon()
    if buildings is not None:
        parts, heights = buildings.low_parts_near(
            x=camera.x,
            y=camera.y,
            bounds=box,
            mount_tolerance=settings.mount_tolerance,
            viewer_height=camera.height,
        )
        if len(parts):
            low_hidden = shapely.affinity.translate(
                visibility.low_shadows(
                    parts=parts, heights=heights, viewer_height=camera.height, radius=outer
                ),
                camera.x,
                camera.y,
            )
    fields = (
        _by_shadows(camera, bounds, starts, edges, settings)
        if method == "shadows"
        else _by_rays(camera, bounds, starts, edges, settings)
    )
    if low_hidden.is_empty:
        return fields
    return {level: _polygonal(field.difference(low_hidden)) for level, field in fields.items()}


def _polygonal(geometry: shapely.Geometry) -> Polygon | MultiPolygon:
    """The areal part of an overlay result (a difference can leave lines where edges touch)."""
    if geometry.is_empty or isinstance(geometry, (Polygon, MultiPolygon)):
        return geometry
    parts = [p for p in shapely.get_parts(geometry) if isinstance(p, Polygon) and not p.is_empty]
    if not parts:
        return Polygon()
    return parts[0] if len(parts) == 1 else MultiPolygon(parts)


def _by_rays(
    camera: CameraGeometry, bounds: Reach, starts: np.ndarray, edges: np.ndarray, settings: FovSettings
) -> FieldsOfView:
    outer = bounds.outer
    start, span = _start_angle(camera), math.radians(camera.fov)
    step = _step(outer, settings)
    angles, ordinal = visibility.sweep_angles(start=start, span=span, step=step, starts=starts, edges=edges)
    hits, which = visibility.ray_hits(angles=angles, starts=starts, edges=edges)
    return {
        level: visibility.fan_polygon(
            x=camera.x,
            y=camera.y,
            angles=angles,
            hits=hits,
            arc_ordinal=ordinal,
            radius=bounds.radii[level],
            inner_radius=bounds.inner,
            which=which,
            starts=starts,
            edges=edges,
            # Nearer levels need fewer arc points for the same chord tolerance.
            arc_every=max(1, int(_step(bounds.radii[level], settings) / step)),
        )
        for level in LEVELS
    }


def _by_shadows(
    camera: CameraGeometry, bounds: Reach, starts: np.ndarray, edges: np.ndarray, settings: FovSettings
) -> FieldsOfView:
    # The alternative algorithm: open sectors minus the union of every edge's shadow. Exact for
    # any footprint, but GEOS overlays cost more than the sweep; kept as an independent check.
    hidden = shapely.affinity.translate(
        visibility.shadows(starts=starts, edges=edges, radius=bounds.outer), camera.x, camera.y
    )
    result: FieldsOfView = {}
    for level in LEVELS:
        radius = bounds.radii[level]
        if radius <= bounds.inner:
            result[level] = Polygon()
            continue
        open_sector = sector(camera=camera, radius=radius, inner_radius=bounds.inner, settings=settings)
        result[level] = open_sector.difference(hidden) if not hidden.is_empty else open_sector
    return result


def fields_of_view_many(
    *,
    cameras: Sequence[CameraGeometry],
    buildings: BuildingIndex | None = None,
    settings: FovSettings = DEFAULT_SETTINGS,
) -> list[FieldsOfView]:
    """fields_of_view for each camera, in order (one shared building index)."""
    return [fields_of_view(camera=camera, buildings=buildings, settings=settings) for camera in cameras]
