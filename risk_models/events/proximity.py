"""What lies near an event: sites within a distance, the nearest station of each service,
the risk zones it enters, and the share of it that cameras see."""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass

from shapely.geometry.base import BaseGeometry
from shapely.ops import unary_union


@dataclass(frozen=True)
class Site:
    """A feature of another layer: a hospital, a school, a station, a risk zone."""

    key: Hashable
    name: str
    kind: str
    geometry: BaseGeometry


@dataclass(frozen=True)
class NearSite:
    key: Hashable
    name: str
    kind: str
    distance_m: float


@dataclass(frozen=True)
class ZoneHit:
    key: Hashable
    name: str
    kind: str
    # The part of the footprint inside the zone: m² of its area, or m of its length for a route.
    shared_area_m2: float
    shared_length_m: float


@dataclass(frozen=True)
class Coverage:
    measure: str  # "area" (m²) for a perimeter, "length" (m) for a route
    total: float
    covered: float

    @property
    def share(self) -> float:
        return self.covered / self.total if self.total > 0 else 0.0


def sites_within(footprint: BaseGeometry, sites: Iterable[Site], *, distance_m: float) -> list[NearSite]:
    """Sites no farther than `distance_m` from the footprint (0 inside it), nearest first."""
    near = []
    for site in sites:
        distance = footprint.distance(site.geometry)
        if distance <= distance_m:
            near.append(NearSite(site.key, site.name, site.kind, distance))
    return sorted(near, key=lambda s: (s.distance_m, s.name))


def nearest_per_kind(
    footprint: BaseGeometry, sites: Iterable[Site], *, kinds: Iterable[str]
) -> dict[str, NearSite | None]:
    """The nearest site of each kind (None where a kind has no site at all)."""
    nearest: dict[str, NearSite | None] = dict.fromkeys(kinds)
    for site in sites:
        if site.kind not in nearest:
            continue
        distance = footprint.distance(site.geometry)
        best = nearest[site.kind]
        if best is None or (distance, site.name) < (best.distance_m, best.name):
            nearest[site.kind] = NearSite(site.key, site.name, site.kind, distance)
    return nearest


def zones_intersecting(footprint: BaseGeometry, zones: Iterable[Site]) -> list[ZoneHit]:
    """Zones the footprint enters, with how much of its area and length lies inside each."""
    hits = []
    for zone in zones:
        if not footprint.intersects(zone.geometry):
            continue
        shared = footprint.intersection(zone.geometry)
        hits.append(
            ZoneHit(zone.key, zone.name, zone.kind, shared.area, shared.length if shared.area == 0 else 0.0)
        )
    return sorted(hits, key=lambda z: (-z.shared_area_m2, -z.shared_length_m, z.name))


def coverage(target: BaseGeometry, seen: Iterable[BaseGeometry]) -> Coverage:
    """How much of a perimeter (by area) or a route (by length) lies inside the seen areas."""
    seen_area = unary_union([geometry for geometry in seen if not geometry.is_empty])
    if target.area > 0:
        covered = target.intersection(seen_area).area if not seen_area.is_empty else 0.0
        return Coverage("area", target.area, covered)
    covered = target.intersection(seen_area).length if not seen_area.is_empty else 0.0
    return Coverage("length", target.length, covered)
