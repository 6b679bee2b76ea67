"""Running hot-spot analyses and turning persistent hot spots into prevention-area proposals.

Every result carries its method note — the method, its parameters and their sources — which
the map writes on the layer and the API returns with the numbers.
"""

from __future__ import annotations

import io
import math
from datetime import timedelta

import numpy as np
import shapely
from django.db import transaction
from django.utils.translation import gettext as _

from layers.public_order.errors import core_errors
from layers.public_order.models import (
    AnalysisMethod,
    CrimePreventionArea,
    HotspotAnalysis,
    PreventionAreaProposal,
)
from layers.public_order.permissions import ensure_can_analyse
from layers.public_order.selectors.hotspots import incident_sample, study_area, to_storage_geos
from layers.surveillance.geometry import metric_of
from layers.surveillance.selectors.state import ONLINE, current_state
from risk_models.hotspots import (
    CONFIDENCE_LEVELS,
    HotspotError,
    gi_star,
    hex_grid,
    kernel_density,
    near_repeat_table,
)
from risk_models.surveillance import LEVELS, coverage_of

# Defaults (assumptions, stated with every result): a 250 m grid resolves a few blocks of
# Sofia's centre; 300 m is about a 4-minute walk; near repeats within 200 m and 14 days follow
# the bands commonly used for burglary and street crime (Townsley, Homel & Chaseling 2003).
DEFAULTS = {
    "cell_size_m": 250.0,
    "bandwidth_m": 300.0,
    "density_cell_m": 50.0,
    "distance_m": 200.0,
    "days": 14.0,
}
PERSISTENT_SHARE = 0.5
PROPOSALS_LAYER = "prevention-area-proposals"


def method_note(method: str, parameters: dict, *, incidents: int, area: str, period: tuple) -> str:
    """The method and its parameters in the user's language, written on the result."""
    start, end = (value.date().isoformat() for value in period)
    common = _("%(n)s incidents, %(area)s, %(start)s – %(end)s.") % {
        "n": incidents,
        "area": area,
        "start": start,
        "end": end,
    }
    if method == AnalysisMethod.GI_STAR:
        text = _(
            "Getis-Ord Gi* on hexagons of %(cell)s m (neighbours sharing an edge, the cell itself included), "
            "two-sided p-values corrected for the false discovery rate (Benjamini–Hochberg); "
            "hot and cold at 90, 95 and 99 %% confidence. Computed with PySAL esda."
        ) % {"cell": f"{parameters['cell_size_m']:g}"}
    elif method == AnalysisMethod.DENSITY:
        text = _(
            "Kernel density with the quartic kernel, bandwidth %(bandwidth)s m, on cells of %(cell)s m "
            "(an incident is placed at its cell's centre: up to %(error)s m off); incidents per km²."
        ) % {
            "bandwidth": f"{parameters['bandwidth_m']:g}",
            "cell": f"{parameters['density_cell_m']:g}",
            "error": f"{parameters['density_cell_m'] * math.sqrt(2) / 2:.0f}",
        }
    else:
        text = _(
            "Knox test: pairs of incidents within %(distance)s m and %(days)s days, against 999 random "
            "shuffles of the times (fixed seed); a ratio above 1 with p below 0.05 means near repeats."
        ) % {"distance": f"{parameters['distance_m']:g}", "days": f"{parameters['days']:g}"}
    return f"{text} {common}"


def run_analysis(
    *,
    user,
    method: str,
    period: tuple,
    categories: list[str],
    district: str = "",
    geometry: dict | None = None,
    parameters: dict | None = None,
) -> HotspotAnalysis:
    """Compute one analysis and keep it with its note; errors of the input are 400s that say what to change."""
    chosen = {**DEFAULTS, **{k: float(v) for k, v in (parameters or {}).items() if v is not None}}
    area = study_area(district=district, geometry=geometry)
    sample = incident_sample(period=period, categories=categories, area=area)
    analysis = HotspotAnalysis(
        method=method,
        period_start=period[0],
        period_end=period[1],
        categories=categories,
        area_label=area.label,
        area=area.storage,
        parameters=chosen,
        incidents=sample.count,
        created_by=user,
    )
    with core_errors():
        if method == AnalysisMethod.GI_STAR:
            analysis.result = _gi_star_result(sample, area, chosen)
        elif method == AnalysisMethod.DENSITY:
            analysis.result, analysis.raster = _density_result(sample, area, chosen)
        else:
            analysis.result = _near_repeat_result(sample, chosen)
    analysis.result["note"] = method_note(
        method, chosen, incidents=sample.count, area=area.label, period=period
    )
    analysis.save()
    return analysis


def _gi_star_result(sample, area, parameters: dict) -> dict:
    grid = hex_grid(area.metric, size_m=parameters["cell_size_m"])
    counts = grid.counts(sample.x, sample.y)
    result = gi_star(counts, grid.neighbours())
    significant = np.flatnonzero(result.bins != 0)
    polygons = grid.polygons()[significant]
    cells = [
        {
            "geometry": to_storage_geos(polygon).json,
            "bin": int(result.bins[i]),
            "z": round(float(result.z[i]), 3),
            "p": float(f"{result.p[i]:.3g}"),
            "incidents": int(counts[i]),
        }
        for i, polygon in zip(significant, polygons, strict=True)
    ]
    return {
        "cells": cells,
        "grid_cells": grid.count,
        "hot": {
            f"{int(c * 100)}": int((result.bins >= level).sum())
            for level, c in enumerate(CONFIDENCE_LEVELS, 1)
        },
        "cold": {
            f"{int(c * 100)}": int((result.bins <= -level).sum())
            for level, c in enumerate(CONFIDENCE_LEVELS, 1)
        },
        "fdr_thresholds": {f"{int(c * 100)}": t for c, t in result.thresholds.items()},
    }


def _density_result(sample, area, parameters: dict) -> tuple[dict, bytes]:
    from PIL import Image

    raster = kernel_density(
        sample.x,
        sample.y,
        bounds=area.metric.bounds,
        cell_m=parameters["density_cell_m"],
        bandwidth_m=parameters["bandwidth_m"],
    )
    density = raster.density_per_km2
    peak = float(density.max())
    # A white-to-red ramp with transparency where there is nothing.
    share = np.clip(density / peak, 0, 1) if peak > 0 else density
    rgba = np.zeros((*density.shape, 4), dtype=np.uint8)
    rgba[..., 0] = 200 + (55 * share).astype(np.uint8)
    rgba[..., 1] = (220 * (1 - share)).astype(np.uint8)
    rgba[..., 2] = (160 * (1 - share)).astype(np.uint8)
    rgba[..., 3] = np.where(share > 0.02, (60 + 170 * share).astype(np.uint8), 0)
    buffer = io.BytesIO()
    Image.fromarray(rgba, "RGBA").save(buffer, "PNG", optimize=True)
    west, north = raster.west, raster.north
    east = west + density.shape[1] * raster.cell_m
    south = north - density.shape[0] * raster.cell_m
    corners = to_storage_geos(shapely.box(west, south, east, north)).extent
    return {
        "bounds": [round(v, 6) for v in corners],
        "peak_per_km2": round(peak, 1),
        "legend": [{"share": s, "per_km2": round(peak * s, 1)} for s in (0.25, 0.5, 0.75, 1.0)],
    }, buffer.getvalue()


def _near_repeat_result(sample, parameters: dict) -> dict:
    distance, days = parameters["distance_m"], parameters["days"]
    table = near_repeat_table(
        sample.x,
        sample.y,
        sample.days,
        distance_bands_m=(0.0, distance, 2 * distance, 4 * distance),
        day_bands=(0.0, days, 2 * days, 4 * days),
    )
    rows = [
        {
            "metres": list(cell.distance_band_m),
            "days": list(cell.day_band),
            "observed": cell.observed,
            "expected": round(cell.expected, 2),
            "ratio": round(cell.observed / cell.expected, 2) if cell.expected else None,
            "p": round(cell.p_value, 4),
        }
        for cell in table
    ]
    first = rows[0]
    return {
        "table": rows,
        "knox": first,
        "near_repeats": bool(first["p"] < 0.05 and (first["ratio"] or 0) > 1),
    }


def persistent_hotspots(
    *,
    user,
    end,
    periods: int,
    period_days: int,
    categories: list[str],
    district: str = "",
    geometry: dict | None = None,
    cell_size_m: float = 250.0,
) -> dict:
    """Cells hot at 95 % in most of the last `periods` periods, merged into candidate areas with their reasons."""
    area = study_area(district=district, geometry=geometry)
    analysed = 0
    with core_errors():
        grid = hex_grid(area.metric, size_m=cell_size_m)
        hot_counts = np.zeros(grid.count, dtype=int)
        neighbours = grid.neighbours()
        for k in range(periods):
            period = (end - timedelta(days=period_days * (k + 1)), end - timedelta(days=period_days * k))
            sample = incident_sample(period=period, categories=categories, area=area)
            try:
                result = gi_star(grid.counts(sample.x, sample.y), neighbours)
            except HotspotError:
                continue  # a quiet period: too few incidents to call anything hot
            analysed += 1
            hot_counts += result.bins >= 2
    needed = max(1, math.ceil(periods * PERSISTENT_SHARE))
    persistent = np.flatnonzero(hot_counts >= needed)
    if persistent.size == 0:
        return {"proposals": [], "periods_analysed": analysed, "needed": needed}
    cells = grid.polygons()[persistent]
    merged = shapely.union_all(cells).buffer(1).buffer(-1)
    parts = list(getattr(merged, "geoms", [merged]))
    existing = [metric_of(stored) for stored in CrimePreventionArea.objects.values_list("area", flat=True)]
    view = current_state().view(ONLINE)
    proposals = []
    for number, part in enumerate(sorted(parts, key=lambda g: -g.area), start=1):
        inside = persistent[shapely.intersects(cells, part)]
        overlap = sum(part.intersection(e).area for e in existing) / part.area if existing else 0.0
        report = coverage_of(target=part, fields=view.field_set, levels=LEVELS)
        coverage = {str(level): round(report.share(level), 3) for level in LEVELS}
        worst = int(hot_counts[inside].max())
        proposals.append(
            {
                "number": number,
                "geometry": to_storage_geos(part).json,
                "area_km2": round(part.area / 1e6, 3),
                "hot_in_periods": f"{worst}/{periods}",
                "existing_overlap_share": round(overlap, 3),
                "camera_coverage": coverage,
                "unobserved": coverage.get("detect", 0) < 0.05,
                "reasons": _(
                    "Hot at 95 %% confidence in %(hot)s of the last %(periods)s periods of %(days)s days; "
                    "%(covered)s %% seen by cameras (detect); %(overlap)s %% inside existing prevention areas."
                )
                % {
                    "hot": worst,
                    "periods": periods,
                    "days": period_days,
                    "covered": round(coverage.get("detect", 0) * 100),
                    "overlap": round(overlap * 100),
                },
            }
        )
    return {"proposals": proposals, "periods_analysed": analysed, "needed": needed}


@transaction.atomic
def save_proposal(
    *,
    user,
    name: str,
    geometry: dict,
    reasons: str,
    persistence: str = "",
    camera_coverage: dict | None = None,
) -> PreventionAreaProposal:
    """Keep a proposal as a polygon of the proposals layer, with its history.

    Analysts may save proposals (it is their finding), though they edit no other layer; the
    proposal is then edited by planners like any feature.
    """
    from layers import services as layer_services
    from layers.geometry import check_geometry
    from layers.models import Layer
    from layers.registry import get_spec

    ensure_can_analyse(user)
    layer = Layer.objects.get(slug=PROPOSALS_LAYER)
    checked = check_geometry(geometry, accepted_types=("Polygon", "MultiPolygon"), store_as_multi=True)
    proposal = PreventionAreaProposal(
        name=name or _("Proposed prevention area"),
        source="user",
        reasons=reasons,
        persistence=persistence,
        camera_coverage=camera_coverage or {},
        area=checked.geometry,
    )
    proposal.full_clean()
    proposal.save()
    layer_services.record_feature_change(
        layer=layer,
        feature_id=proposal.pk,
        user=user,
        before=None,
        after=layer_services.feature_snapshot(get_spec(PROPOSALS_LAYER), proposal),
    )
    return proposal
