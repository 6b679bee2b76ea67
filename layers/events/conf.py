"""The events app's settings, with their defaults, checked once at start-up.

A deployment overrides them in Django settings:

    EVENTS_ASSESSMENT = {"conflict_distance_m": 300, "proximity_distance_m": 500}
    EVENTS_UPLOAD_MAX_BYTES = 5 * 1024 * 1024
    EVENTS_EXTRA_NON_WORKING_DAYS = ["2026-12-31"]   # Council of Ministers' decisions
    EVENTS_EXTRA_WORKING_DAYS = ["2026-12-19"]       # Saturdays made working days
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields
from datetime import date

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class AssessmentSettings:
    # (a) other events and closures this close, overlapping in time, are conflicts.
    conflict_distance_m: float = 200.0
    # (b) persons/m²: ≤ comfortable is comfortable, above dangerous is dangerous (HSG195, Fruin).
    comfortable_density: float = 2.0
    dangerous_density: float = 4.0
    egress_flow_per_m_per_min: float = 82.0
    egress_target_minutes: float = 8.0  # Green Guide (SGSA 2018): exit time normally ≤ 8 minutes
    # (c) procession pace; street stretches within this distance of the route are "along" it.
    walking_pace_kmh: float = 3.0
    street_tolerance_m: float = 15.0
    # (b) assembly and dispersal: the street area within this radius of the point holds the
    # crowd (assumption; squares and parks are not counted, transit routes taken 7 m wide).
    gathering_radius_m: float = 100.0
    transit_street_width_m: float = 7.0
    # (d) critical sites, hospitals, schools and government sites within this distance.
    proximity_distance_m: float = 300.0
    # (g) stations farther than this are not searched for.
    station_search_m: float = 30_000.0
    # (f) cameras: the check is "ok" when online cameras see at least this share of the perimeter
    # and of the route (assumption: half, the directorate's working rule, not a standard).
    camera_share_ok: float = 0.5

    def __post_init__(self) -> None:
        for item in fields(self):
            value = getattr(self, item.name)
            if not isinstance(value, (int, float)) or not math.isfinite(value) or value <= 0:
                raise ImproperlyConfigured(
                    f"EVENTS_ASSESSMENT[{item.name!r}] must be a positive number, got {value!r}."
                )
        if self.camera_share_ok > 1:
            raise ImproperlyConfigured("EVENTS_ASSESSMENT: camera_share_ok is a share, at most 1.")
        if self.comfortable_density > self.dangerous_density:
            raise ImproperlyConfigured(
                "EVENTS_ASSESSMENT: comfortable_density must not exceed dangerous_density."
            )

    def as_dict(self) -> dict:
        return {item.name: getattr(self, item.name) for item in fields(self)}


def assessment_settings() -> AssessmentSettings:
    overrides = getattr(settings, "EVENTS_ASSESSMENT", {}) or {}
    unknown = set(overrides) - {item.name for item in fields(AssessmentSettings)}
    if unknown:
        raise ImproperlyConfigured(f"EVENTS_ASSESSMENT has unknown keys: {sorted(unknown)}.")
    return AssessmentSettings(**overrides)


def upload_max_bytes() -> int:
    return int(getattr(settings, "EVENTS_UPLOAD_MAX_BYTES", 5 * 1024 * 1024))


def _dates(name: str) -> frozenset[date]:
    try:
        return frozenset(date.fromisoformat(str(text)) for text in getattr(settings, name, ()) or ())
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must list dates as YYYY-MM-DD: {exc}") from None


def extra_non_working_days() -> frozenset[date]:
    """Days the Council of Ministers declared non-working (чл. 154, ал. 3 КТ)."""
    return _dates("EVENTS_EXTRA_NON_WORKING_DAYS")


def extra_working_days() -> frozenset[date]:
    """Saturdays declared working days in exchange."""
    return _dates("EVENTS_EXTRA_WORKING_DAYS")


def check_settings() -> None:
    """Fail at start-up on contradictory settings, not at the first submission."""
    assessment_settings()
    if upload_max_bytes() <= 0:
        raise ImproperlyConfigured("EVENTS_UPLOAD_MAX_BYTES must be positive.")
    both = extra_non_working_days() & extra_working_days()
    if both:
        raise ImproperlyConfigured(f"Days both working and non-working: {sorted(both)}.")


def boundary_tolerance_m() -> int:
    """How far past the municipality's boundary an event's geometry may reach (drawing slack)."""
    return int(getattr(settings, "EVENTS_BOUNDARY_TOLERANCE_M", 200))
