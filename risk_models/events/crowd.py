"""Crowd density against usable area, and the time a fenced site takes to empty.

Numbers from the UK Event Safety Guide (HSG195) and Fruin's and Still's levels of service:
0.5 m² a person (2 persons/m²) is the design density of a standing crowd; above about
4 persons/m² a crowd becomes unstable. Exits pass about 82 persons per metre of width per
minute on the level, and the largest exit is discounted (it may be blocked), so a site
empties in participants / (82 · W) minutes; the time through all exits is reported beside
it. Target: 8 minutes (Guide to Safety at Sports Grounds, "Green Guide", 6th ed., SGSA 2018:
the exit time of a ground should normally not exceed 8 minutes).

A procession is a moving column, not a crowd spread over the whole route: at the design
density d on a street of width w, P participants form a column P / (w · d) metres long;
only if that is longer than the route does the crowd get denser than d.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from shapely.geometry.base import BaseGeometry

from .errors import InvalidCrowdInput


class DensityLevel(StrEnum):
    COMFORTABLE = "comfortable"
    DENSE = "dense"
    DANGEROUS = "dangerous"


@dataclass(frozen=True)
class DensityThresholds:
    """Persons per m²: up to `comfortable` is comfortable, above `dangerous` is dangerous."""

    comfortable: float = 2.0
    dangerous: float = 4.0

    def __post_init__(self) -> None:
        if not (0 < self.comfortable <= self.dangerous) or not math.isfinite(self.dangerous):
            raise InvalidCrowdInput(
                parameter="thresholds",
                value=(self.comfortable, self.dangerous),
                expected="0 < comfortable ≤ dangerous",
            )


@dataclass(frozen=True)
class UsableArea:
    area_m2: float
    basis: str  # "declared", "perimeter" or "route"


@dataclass(frozen=True)
class DensityResult:
    participants: int
    usable_area_m2: float
    persons_per_m2: float
    level: DensityLevel
    capacity: int  # persons the area holds at the comfortable (design) density


@dataclass(frozen=True)
class EgressResult:
    participants: int
    exit_widths_m: tuple[float, ...]
    usable_width_m: float  # total width less the largest exit, when discounted
    minutes: float | None  # None: no width is left once the largest exit is discounted
    target_minutes: float
    meets_target: bool
    largest_discounted: bool
    minutes_all_exits: float | None = None  # every exit open (None: no exit at all)


GREEN_GUIDE_EGRESS_MINUTES = 8.0


@dataclass(frozen=True)
class ColumnResult:
    """A procession as a moving column on a street of the given width."""

    participants: int
    width_m: float
    route_length_m: float
    design_density: float  # persons/m² the column is assumed to walk at
    column_length_m: float  # participants / (width × design density)
    fits: bool  # the column is no longer than the route
    persons_per_m2: float  # the design density, or more if the column does not fit
    passing_minutes: float  # how long the column takes to pass one point at the pace
    level: DensityLevel


@dataclass(frozen=True)
class GatheringResult:
    """Whether an assembly or dispersal area holds everyone at the design density."""

    participants: int
    area_m2: float
    capacity: int
    fits: bool


def procession_column(
    *,
    participants: int,
    width_m: float,
    route_length_m: float,
    pace_kmh: float,
    thresholds: DensityThresholds = DensityThresholds(),
) -> ColumnResult:
    """Column length, its density and the time it takes to pass a point."""
    if participants < 0:
        raise InvalidCrowdInput(parameter="participants", value=participants, expected="≥ 0")
    for name, value in (("route_width_m", width_m), ("route length", route_length_m), ("pace", pace_kmh)):
        if not (value > 0 and math.isfinite(value)):
            raise InvalidCrowdInput(parameter=name, value=value, expected="> 0")
    design = thresholds.comfortable
    column = participants / (width_m * design)
    fits = column <= route_length_m
    density = design if fits else participants / (width_m * route_length_m)
    if density <= thresholds.comfortable:
        level = DensityLevel.COMFORTABLE
    elif density <= thresholds.dangerous:
        level = DensityLevel.DENSE
    else:
        level = DensityLevel.DANGEROUS
    return ColumnResult(
        participants=participants,
        width_m=width_m,
        route_length_m=route_length_m,
        design_density=design,
        column_length_m=column,
        fits=fits,
        persons_per_m2=density,
        passing_minutes=min(column, route_length_m) / (pace_kmh * 1000.0 / 60.0),
        level=level,
    )


def gathering_capacity(
    *, participants: int, area_m2: float, thresholds: DensityThresholds = DensityThresholds()
) -> GatheringResult:
    """Capacity of an assembly or dispersal area at the design density, against the crowd."""
    if participants < 0:
        raise InvalidCrowdInput(parameter="participants", value=participants, expected="≥ 0")
    if not (area_m2 >= 0 and math.isfinite(area_m2)):
        raise InvalidCrowdInput(parameter="area_m2", value=area_m2, expected="≥ 0")
    capacity = math.floor(area_m2 * thresholds.comfortable)
    return GatheringResult(participants, area_m2, capacity, participants <= capacity)


def usable_area(
    *,
    perimeter: BaseGeometry | None = None,
    route: BaseGeometry | None = None,
    route_width_m: float | None = None,
    declared_m2: float | None = None,
) -> UsableArea | None:
    """The area a crowd may stand on: declared, else the perimeter's, else route length × width.

    A declared area larger than the perimeter is capped at the perimeter's area: the
    organizer cannot declare more ground than they drew.
    """
    perimeter_area = perimeter.area if perimeter is not None and not perimeter.is_empty else None
    if declared_m2 is not None:
        if not declared_m2 > 0:
            raise InvalidCrowdInput(parameter="usable_area_m2", value=declared_m2, expected="> 0")
        if perimeter_area is not None and declared_m2 > perimeter_area:
            return UsableArea(perimeter_area, "perimeter")
        return UsableArea(float(declared_m2), "declared")
    if perimeter_area:
        return UsableArea(perimeter_area, "perimeter")
    if route is not None and not route.is_empty and route_width_m:
        if not route_width_m > 0:
            raise InvalidCrowdInput(parameter="route_width_m", value=route_width_m, expected="> 0")
        return UsableArea(route.length * route_width_m, "route")
    return None


def crowd_density(
    *, participants: int, usable_area_m2: float, thresholds: DensityThresholds = DensityThresholds()
) -> DensityResult:
    """Persons per m² over the usable area, its level, and the capacity at design density."""
    if participants < 0:
        raise InvalidCrowdInput(parameter="participants", value=participants, expected="≥ 0")
    if not (usable_area_m2 > 0 and math.isfinite(usable_area_m2)):
        raise InvalidCrowdInput(parameter="usable_area_m2", value=usable_area_m2, expected="> 0")
    density = participants / usable_area_m2
    if density <= thresholds.comfortable:
        level = DensityLevel.COMFORTABLE
    elif density <= thresholds.dangerous:
        level = DensityLevel.DENSE
    else:
        level = DensityLevel.DANGEROUS
    return DensityResult(
        participants=participants,
        usable_area_m2=usable_area_m2,
        persons_per_m2=density,
        level=level,
        capacity=math.floor(usable_area_m2 * thresholds.comfortable),
    )


def egress_time(
    *,
    participants: int,
    exit_widths_m: Sequence[float],
    flow_per_m_per_min: float = 82.0,
    target_minutes: float = GREEN_GUIDE_EGRESS_MINUTES,
    discount_largest: bool = True,
) -> EgressResult:
    """Minutes for `participants` to leave through exits of the given widths."""
    if participants < 0:
        raise InvalidCrowdInput(parameter="participants", value=participants, expected="≥ 0")
    if not flow_per_m_per_min > 0:
        raise InvalidCrowdInput(parameter="flow_per_m_per_min", value=flow_per_m_per_min, expected="> 0")
    widths = tuple(float(w) for w in exit_widths_m)
    for width in widths:
        if not (width > 0 and math.isfinite(width)):
            raise InvalidCrowdInput(parameter="exit width", value=width, expected="> 0 metres")
    usable = total = sum(widths)
    all_exits = participants / (flow_per_m_per_min * total) if total > 0 else None
    discounted = discount_largest and bool(widths)
    if discounted:
        usable -= max(widths)
    if usable <= 0:
        return EgressResult(
            participants, widths, 0.0, None, target_minutes, participants == 0, discounted, all_exits
        )
    minutes = participants / (flow_per_m_per_min * usable)
    return EgressResult(
        participants=participants,
        exit_widths_m=widths,
        usable_width_m=usable,
        minutes=minutes,
        target_minutes=target_minutes,
        meets_target=minutes <= target_minutes,
        largest_discounted=discounted,
        minutes_all_exits=all_exits,
    )
