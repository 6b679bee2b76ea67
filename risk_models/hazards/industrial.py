"""Industrial accident zones around hazardous sites: ERG 2024 distances, downwind zones, or the operator's own.

Emergency Response Guidebook 2024 (US DOT PHMSA, Transport Canada, SCT Mexico, CIQUIME), the
orange guide pages and Table 1. Zone levels:

- 2, evacuate: the immediate isolation distance ("isolate spill or leak area in all
  directions"), and for a FIRE case the guide's distance to "isolate ... in all directions; also
  consider initial evacuation ... in all directions" (1,600 m for flammable gases, guide 115):
  everyone there is evacuated, i.e. displaced; for a large SPILL of a flammable substance, the
  guide's "initial downwind evacuation" distance, drawn downwind.
- 1, protective action: a toxic-by-inhalation release's protective action distance (Table 1 /
  Table 3 for the substance's UN number), drawn downwind as ERG draws it: a square whose length
  and width equal the downwind distance, with the source in the middle of its upwind side.
  People there shelter in place or evacuate as the incident commander decides; they are counted
  as exposed and given protective equipment, not as displaced.

A site may instead carry its own zones from the operator's safety report (Seveso III
Directive 2012/18/EU, Art. 10; ЗООС чл. 109): polygons that replace the ERG distances.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

import numpy as np
import shapely
from rasterio.enums import MergeAlg
from rasterio.features import rasterize

from risk_models.hazards.errors import InvalidScenario
from risk_models.hazards.notes import Note, english

ERG_2024 = "Emergency Response Guidebook 2024 (US DOT PHMSA / Transport Canada / SCT / CIQUIME)"
CASES = ("fire", "spill")
# ERG 2024 wind-speed bands of Table 3 (large toxic spills): low < 10 km/h, moderate 10–20 km/h, high > 20 km/h.
WIND_BANDS_MS = (10 / 3.6, 20 / 3.6)
WIND_BAND_NAMES = ("low", "moderate", "high")


@dataclass(frozen=True)
class SubstanceClass:
    """ERG distances (m) of one guide: isolation, fire evacuation (all directions), large-spill evacuation (downwind)."""

    name: str
    isolation_m: float | None
    fire_evacuation_m: float | None
    spill_downwind_evacuation_m: float | None
    source: str


SUBSTANCE_CLASSES: Mapping[str, SubstanceClass] = MappingProxyType(
    {
        item.name: item
        for item in (
            SubstanceClass(
                "explosive", 500.0, 1600.0, 800.0, f"{ERG_2024}, guide 112 (explosives, division 1.1)"
            ),
            SubstanceClass(
                "flammable_gas", 100.0, 1600.0, 800.0, f"{ERG_2024}, guide 115 (flammable gases, e.g. LPG)"
            ),
            SubstanceClass(
                "flammable_liquid",
                50.0,
                800.0,
                300.0,
                f"{ERG_2024}, guide 128 (flammable liquids, e.g. fuels)",
            ),
            SubstanceClass(
                "toxic_gas",
                None,
                None,
                None,
                f"{ERG_2024}, Table 1 (and Table 3 for large spills) for the substance's UN number",
            ),
        )
    }
)


def wind_band(speed_ms: float) -> int:
    """ERG Table 3 wind band: 0 low, 1 moderate, 2 high."""
    return int(np.searchsorted(np.asarray(WIND_BANDS_MS), speed_ms, side="right"))


@dataclass(frozen=True)
class HazardousSite:
    """A site handling dangerous substances (lon/lat) and what overrides its guide's distances.

    inner_radius_m: isolation distance; outer_radius_m: the fire case's evacuation distance;
    protective_action_m: a toxic release's downwind distance (or protective_action_by_wind_m,
    three distances for ERG's low / moderate / high wind); evacuation_zone and
    protective_action_zone: GeoJSON polygons (lon/lat) from the operator's safety report.
    """

    site_id: str
    lon: float
    lat: float
    substance_class: str
    inner_radius_m: float | None = None
    outer_radius_m: float | None = None
    protective_action_m: float | None = None
    protective_action_by_wind_m: tuple[float, float, float] | None = None
    evacuation_zone: dict | None = None
    protective_action_zone: dict | None = None
    un_number: str = ""
    name: str = ""

    def __post_init__(self) -> None:
        if isinstance(self.protective_action_by_wind_m, list):
            object.__setattr__(self, "protective_action_by_wind_m", tuple(self.protective_action_by_wind_m))

    @property
    def has_report_zones(self) -> bool:
        return self.evacuation_zone is not None or self.protective_action_zone is not None

    def report_zones(self) -> tuple[shapely.Geometry | None, shapely.Geometry | None]:
        """(evacuation, protective action) polygons in lon/lat, checked."""
        out = []
        for name, value in (
            ("evacuation_zone", self.evacuation_zone),
            ("protective_action_zone", self.protective_action_zone),
        ):
            if value is None:
                out.append(None)
                continue
            try:
                geometry = shapely.geometry.shape(value)
            except (AttributeError, KeyError, TypeError, ValueError, shapely.errors.GEOSException):
                raise InvalidScenario(name, f"site {self.site_id!r}: not a GeoJSON polygon") from None
            if geometry.geom_type not in ("Polygon", "MultiPolygon") or not geometry.is_valid:
                raise InvalidScenario(name, f"site {self.site_id!r}: needs a valid polygon")
            out.append(geometry)
        return out[0], out[1]

    def distances_m(self, *, case: str, wind_speed_ms: float) -> dict[str, float]:
        """The ERG distances that apply: isolation, evacuation_all (all directions), evacuation_downwind, protective_action."""
        if self.substance_class not in SUBSTANCE_CLASSES:
            raise InvalidScenario(
                "substance_class", f"{self.substance_class!r} is not one of {', '.join(SUBSTANCE_CLASSES)}"
            )
        if case not in CASES:
            raise InvalidScenario("industrial_case", f"must be one of {', '.join(CASES)} (got {case!r})")
        guide = SUBSTANCE_CLASSES[self.substance_class]
        isolation = self.inner_radius_m if self.inner_radius_m is not None else guide.isolation_m
        distances = {
            "isolation": 0.0,
            "evacuation_all": 0.0,
            "evacuation_downwind": 0.0,
            "protective_action": 0.0,
        }
        if self.substance_class == "toxic_gas":
            action = self.protective_action_m
            if self.protective_action_by_wind_m is not None:
                if len(self.protective_action_by_wind_m) != 3:
                    raise InvalidScenario(
                        "hazardous_sites",
                        f"site {self.site_id!r}: give three distances (low, moderate, high wind)",
                    )
                action = self.protective_action_by_wind_m[wind_band(wind_speed_ms)]
            if isolation is None or action is None:
                raise InvalidScenario(
                    "hazardous_sites",
                    f"site {self.site_id!r} (toxic gas) needs its isolation distance (inner_radius_m) and "
                    "protective action distance from ERG 2024 Table 1 for its UN number",
                )
            distances["protective_action"] = float(action)
        elif case == "fire":
            outer = self.outer_radius_m if self.outer_radius_m is not None else guide.fire_evacuation_m
            distances["evacuation_all"] = float(outer)
        else:
            distances["evacuation_downwind"] = float(guide.spill_downwind_evacuation_m)
        distances["isolation"] = float(isolation)
        for value in distances.values():
            if not (math.isfinite(value) and 0 <= value <= 50_000):
                raise InvalidScenario(
                    "hazardous_sites", f"site {self.site_id!r}: distances must be 0–50,000 m"
                )
        if distances["evacuation_all"] and distances["evacuation_all"] < distances["isolation"]:
            raise InvalidScenario(
                "hazardous_sites", f"site {self.site_id!r}: need isolation ≤ evacuation distance"
            )
        return distances

    def radii_m(self) -> tuple[float, float]:
        """Kept for callers that check a site: the fire case's (isolation, evacuation) distances."""
        if self.has_report_zones:
            self.report_zones()
            return (0.0, 0.0)
        d = self.distances_m(case="fire", wind_speed_ms=3.0)
        return d["isolation"], max(d["evacuation_all"], d["protective_action"], d["isolation"])


@dataclass(frozen=True)
class _Zone:
    cx: float
    cy: float
    isolation: float
    evacuation_all: float
    evacuation_downwind: float
    protective_action: float
    polygons: tuple = ()  # (METRIC_CRS polygon, level)

    @property
    def reach(self) -> float:
        return max(self.isolation, self.evacuation_all, self.evacuation_downwind, self.protective_action)


@dataclass(frozen=True, eq=False)
class IndustrialModel:
    """Zones of hazardous sites in METRIC_CRS for one case and wind."""

    zones: tuple[_Zone, ...]
    case: str = "fire"
    wind_from_deg: float = 270.0
    wind_speed_ms: float = 3.0
    notes: tuple[Note, ...] = ()
    sources: tuple[str, ...] = field(default_factory=tuple)

    @classmethod
    def from_sites(
        cls,
        *,
        sites: Sequence[HazardousSite],
        x: np.ndarray,
        y: np.ndarray,
        case: str = "fire",
        wind_from_deg: float = 270.0,
        wind_speed_ms: float = 3.0,
        to_metric=None,
    ) -> IndustrialModel:
        """Zones for sites whose METRIC_CRS coordinates are x, y; `to_metric` projects report polygons."""
        zones = []
        sources = set()
        for site, cx, cy in zip(sites, np.asarray(x, float), np.asarray(y, float), strict=True):
            if site.has_report_zones:
                evacuation, action = site.report_zones()
                polygons = tuple(
                    (to_metric(geometry), level)
                    for geometry, level in ((action, 1), (evacuation, 2))
                    if geometry is not None
                )
                zones.append(_Zone(cx, cy, 0.0, 0.0, 0.0, 0.0, polygons))
                sources.add("operator's safety report (Seveso III Art. 10)")
                continue
            d = site.distances_m(case=case, wind_speed_ms=wind_speed_ms)
            zones.append(
                _Zone(
                    cx,
                    cy,
                    d["isolation"],
                    d["evacuation_all"],
                    d["evacuation_downwind"],
                    d["protective_action"],
                )
            )
            sources.add(SUBSTANCE_CLASSES[site.substance_class].source)
        downwind = (wind_from_deg + 180.0) % 360.0
        note = Note(
            "industrial.erg_zones",
            {
                "case": case,
                "downwind_deg": round(downwind),
                "wind_from_deg": round(float(wind_from_deg)),
                "wind_speed_ms": float(wind_speed_ms),
                "wind_band": WIND_BAND_NAMES[wind_band(wind_speed_ms)],
            },
        )
        return cls(
            zones=tuple(zones),
            case=case,
            wind_from_deg=float(wind_from_deg),
            wind_speed_ms=float(wind_speed_ms),
            notes=(note,),
            sources=tuple(sorted(sources)),
        )

    @property
    def note(self) -> str:
        """The notes in the core's English."""
        return english(self.notes)

    def _levels(self, zone: _Zone, dx: np.ndarray, dy: np.ndarray) -> np.ndarray:
        level = np.zeros(np.broadcast_shapes(dx.shape, dy.shape), dtype=np.uint8)
        distance_sq = dx * dx + dy * dy
        to = math.radians((self.wind_from_deg + 180.0) % 360.0)
        along = dx * math.sin(to) + dy * math.cos(to)
        across = dx * math.cos(to) - dy * math.sin(to)
        if zone.protective_action:
            d = zone.protective_action
            level = np.where((along >= 0) & (along <= d) & (np.abs(across) <= d / 2), 1, level)
        if zone.evacuation_downwind:
            d = zone.evacuation_downwind
            level = np.where((along >= 0) & (along <= d) & (np.abs(across) <= d / 2), 2, level)
        radius = max(zone.isolation, zone.evacuation_all)
        level = np.where(distance_sq <= radius * radius, 2, level)
        return level.astype(np.uint8)

    def zone_level(self, *, x: np.ndarray, y: np.ndarray, transform=None, shape=None) -> np.ndarray:
        """0 outside every zone, 1 protective action, 2 evacuation (the highest wins)."""
        x = np.asarray(x, dtype=np.float64)
        y = np.asarray(y, dtype=np.float64)
        out_shape = np.broadcast_shapes(x.shape, y.shape)
        level = np.zeros(out_shape, dtype=np.uint8)
        if level.size == 0:
            return level
        is_window = x.ndim == 2 and y.ndim == 2 and x.shape[0] == 1 and y.shape[1] == 1
        xs, ys = (x[0], y[:, 0]) if is_window else (None, None)
        for zone in self.zones:
            if zone.polygons:
                if is_window and transform is not None:
                    burnt = rasterize(
                        [(geometry, lvl) for geometry, lvl in zone.polygons],
                        out_shape=out_shape,
                        transform=transform,
                        fill=0,
                        dtype="uint8",
                        merge_alg=MergeAlg.replace,
                    )
                    level = np.maximum(level, burnt)
                else:
                    xb, yb = np.broadcast_arrays(x, y)
                    for geometry, lvl in zone.polygons:
                        level = np.where(shapely.contains_xy(geometry, xb, yb), np.maximum(level, lvl), level)
                continue
            reach = zone.reach
            if is_window:
                cols = np.flatnonzero(np.abs(xs - zone.cx) <= reach)
                rows = np.flatnonzero(np.abs(ys - zone.cy) <= reach)
                if cols.size == 0 or rows.size == 0:
                    continue
                block = (slice(rows[0], rows[-1] + 1), slice(cols[0], cols[-1] + 1))
                dx = xs[block[1]][np.newaxis, :] - zone.cx
                dy = ys[block[0]][:, np.newaxis] - zone.cy
                level[block] = np.maximum(level[block], self._levels(zone, dx, dy))
            else:
                level = np.maximum(level, self._levels(zone, x - zone.cx, y - zone.cy)).astype(np.uint8)
        return level.astype(np.uint8)
