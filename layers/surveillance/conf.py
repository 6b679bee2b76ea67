"""The surveillance app's settings, with their defaults, checked once at start-up.

A deployment overrides them in Django settings (values below are the defaults):

    SURVEILLANCE = {
        "max_range_m": 300.0,         # no DORI level is credited beyond this ground distance
        "vertical_model": True,       # mount height and tilt leave a blind zone under the camera
        "target_height_m": 1.6,       # the face of a standing adult
        "placement_max_k": 50,
        "placement_max_sites": 5000,
        "placement_cell_m": 20.0,     # default demand grid cell
        "import_max_bytes": 5242880,
        "import_max_rows": 10000,
        "state_ttl_s": 30.0,          # re-check stored fields of view at least this often
        # Work that may take more than ~2 s runs as a Celery job (layers.surveillance.jobs);
        # requests within all of these bounds are answered inline:
        "inline_max_area_km2": 25.0,  # coverage, outage and placement targets (areas)
        "inline_max_line_km": 50.0,   # ... and lines
        "inline_max_outage_cameras": 100,
        "inline_max_placement_k": 5,
        "inline_max_placement_directions": 8,
        "inline_max_demand_cells": 50000,  # placement: target area / cell size²
        "inline_max_import_bytes": 262144,
        "job_time_limit_s": 600,      # a job is stopped after this long (Celery soft limit)
        "job_memory_mb": 2048,        # and may grow its worker's address space by this much
    }

Stored fields of view follow `max_range_m`, `vertical_model` and `target_height_m`: after
changing them run `manage.py recompute_fields_of_view`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields
from functools import cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from risk_models.surveillance import FovSettings


@dataclass(frozen=True)
class SurveillanceSettings:
    max_range_m: float = 300.0
    vertical_model: bool = True
    target_height_m: float = 1.6
    placement_max_k: int = 50
    placement_max_sites: int = 5000
    placement_cell_m: float = 20.0
    import_max_bytes: int = 5 * 1024 * 1024
    import_max_rows: int = 10_000
    state_ttl_s: float = 30.0
    inline_max_area_km2: float = 25.0
    inline_max_line_km: float = 50.0
    inline_max_outage_cameras: int = 100
    inline_max_placement_k: int = 5
    inline_max_placement_directions: int = 8
    inline_max_demand_cells: int = 50_000
    inline_max_import_bytes: int = 256 * 1024
    job_time_limit_s: int = 600
    job_memory_mb: int = 2048

    def __post_init__(self) -> None:
        for item in fields(self):
            value = getattr(self, item.name)
            if item.type == "bool":
                if not isinstance(value, bool):
                    raise ImproperlyConfigured(f"SURVEILLANCE[{item.name!r}] must be true or false.")
                continue
            if not isinstance(value, (int, float)) or not math.isfinite(value) or value <= 0:
                raise ImproperlyConfigured(
                    f"SURVEILLANCE[{item.name!r}] must be a positive number, got {value!r}."
                )

    def fov_settings(self) -> FovSettings:
        """How stored fields of view are drawn (the analysis core's settings)."""
        return FovSettings(
            max_range=self.max_range_m, vertical=self.vertical_model, target_height=self.target_height_m
        )


@cache
def _cached(overrides: tuple) -> SurveillanceSettings:
    return SurveillanceSettings(**dict(overrides))


def surveillance_settings() -> SurveillanceSettings:
    overrides = getattr(settings, "SURVEILLANCE", {}) or {}
    unknown = set(overrides) - {item.name for item in fields(SurveillanceSettings)}
    if unknown:
        raise ImproperlyConfigured(f"SURVEILLANCE has unknown keys: {sorted(unknown)}.")
    return _cached(tuple(sorted(overrides.items())))


def check_settings() -> None:
    """Fail at start-up on bad settings, not at the first camera saved."""
    surveillance_settings()
