"""Industrial accident zones: circles around hazardous sites, sized by substance class.

Radii follow the US DOT / Transport Canada / SCT Emergency Response Guidebook 2020 (ERG2020),
orange guide pages: the inner circle is the immediate isolation distance ("isolate spill or
leak area ... in all directions"), the outer circle the distance to isolate when a tank or
vehicle is involved in a fire. Toxic-by-inhalation gases have substance-specific distances
(ERG2020 Table 1, by UN number), so their radii must be handed in with the site.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np

from risk_models.hazards.errors import InvalidScenario


@dataclass(frozen=True)
class SubstanceClass:
    """Inner (isolation) and outer (fire / protective action) radii in metres, with their ERG guide."""

    name: str
    inner_radius_m: float | None
    outer_radius_m: float | None
    source: str


SUBSTANCE_CLASSES: Mapping[str, SubstanceClass] = MappingProxyType(
    {
        item.name: item
        for item in (
            SubstanceClass("explosive", 500.0, 1600.0, "ERG2020 guide 112 (explosives, division 1.1)"),
            SubstanceClass("flammable_gas", 100.0, 1600.0, "ERG2020 guide 115 (flammable gases, e.g. LPG)"),
            SubstanceClass(
                "flammable_liquid", 50.0, 800.0, "ERG2020 guide 128 (flammable liquids, e.g. fuels)"
            ),
            SubstanceClass(
                "toxic_gas",
                None,
                None,
                "ERG2020 Table 1 for the substance's UN number (e.g. chlorine, ammonia)",
            ),
        )
    }
)

ZONE_LEVELS = {0: "outside", 1: "protective_action", 2: "isolation"}


@dataclass(frozen=True)
class HazardousSite:
    """A site handling dangerous substances (lon/lat), with optional radii overriding its class defaults."""

    site_id: str
    lon: float
    lat: float
    substance_class: str
    inner_radius_m: float | None = None
    outer_radius_m: float | None = None

    def radii_m(self) -> tuple[float, float]:
        """(inner, outer) radius in metres; raises InvalidScenario when neither the site nor its class gives them."""
        if self.substance_class not in SUBSTANCE_CLASSES:
            raise InvalidScenario(
                "substance_class", f"{self.substance_class!r} is not one of {', '.join(SUBSTANCE_CLASSES)}"
            )
        defaults = SUBSTANCE_CLASSES[self.substance_class]
        inner = self.inner_radius_m if self.inner_radius_m is not None else defaults.inner_radius_m
        outer = self.outer_radius_m if self.outer_radius_m is not None else defaults.outer_radius_m
        if inner is None or outer is None:
            raise InvalidScenario(
                "hazardous_sites",
                f"site {self.site_id!r} ({self.substance_class}) needs inner_radius_m and outer_radius_m "
                "from ERG2020 Table 1 for its substance",
            )
        if not 0 < inner <= outer:
            raise InvalidScenario(
                "hazardous_sites", f"site {self.site_id!r}: need 0 < inner radius ≤ outer radius"
            )
        return float(inner), float(outer)


@dataclass(frozen=True, eq=False)
class IndustrialModel:
    """Hazardous sites as METRIC_CRS centres with their two radii."""

    x: np.ndarray
    y: np.ndarray
    inner_m: np.ndarray
    outer_m: np.ndarray
    note: str = "Circular zones by substance class (ERG2020); no dispersion modelling, wind not considered."

    @classmethod
    def from_sites(cls, *, sites: Sequence[HazardousSite], x: np.ndarray, y: np.ndarray) -> IndustrialModel:
        """Zones for sites whose METRIC_CRS coordinates are x, y."""
        radii = np.array([site.radii_m() for site in sites], dtype=np.float64).reshape(-1, 2)
        return cls(
            x=np.asarray(x, dtype=np.float64),
            y=np.asarray(y, dtype=np.float64),
            inner_m=radii[:, 0],
            outer_m=radii[:, 1],
        )

    def zone_level(self, *, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        """0 outside every zone, 1 in a protective-action ring, 2 in an isolation circle (the highest wins)."""
        x = np.asarray(x, dtype=np.float64)
        y = np.asarray(y, dtype=np.float64)
        shape = np.broadcast_shapes(x.shape, y.shape)
        level = np.zeros(shape, dtype=np.uint8)
        if level.size == 0:
            return level
        # A grid window comes as a (1, w) row of x and an (h, 1) column of y: each circle then
        # only touches the rows and columns of its bounding box.
        is_window = x.ndim == 2 and y.ndim == 2 and x.shape[0] == 1 and y.shape[1] == 1
        xs, ys = (x[0], y[:, 0]) if is_window else (None, None)
        for cx, cy, inner, outer in zip(self.x, self.y, self.inner_m, self.outer_m, strict=True):
            if is_window:
                cols = np.flatnonzero(np.abs(xs - cx) <= outer)
                rows = np.flatnonzero(np.abs(ys - cy) <= outer)
                if cols.size == 0 or rows.size == 0:
                    continue
                block = (slice(rows[0], rows[-1] + 1), slice(cols[0], cols[-1] + 1))
                distance_sq = (xs[block[1]][np.newaxis, :] - cx) ** 2 + (
                    ys[block[0]][:, np.newaxis] - cy
                ) ** 2
                level[block] = np.maximum(level[block], _ring_level(distance_sq, inner, outer))
            else:
                distance_sq = (x - cx) ** 2 + (y - cy) ** 2
                level = np.maximum(level, _ring_level(np.broadcast_to(distance_sq, shape), inner, outer))
        return level


def _ring_level(distance_sq: np.ndarray, inner: float, outer: float) -> np.ndarray:
    return np.where(distance_sq <= inner * inner, 2, np.where(distance_sq <= outer * outer, 1, 0)).astype(
        np.uint8
    )
