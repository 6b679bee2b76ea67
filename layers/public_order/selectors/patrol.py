"""What patrol planning reads: the police stations to start from, the hot cells of an analysis
(in metres), and the saved plans."""

from __future__ import annotations

import json

import numpy as np
import shapely
from django.contrib.gis.db.models.functions import Distance
from django.contrib.gis.geos import GEOSGeometry, Point
from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from geo_platform.crs import METRIC_SRID, STORAGE_SRID
from geo_platform.errors import InvalidParameter, NotFound
from layers.infrastructure.models import EmergencyStation, Service
from layers.public_order.models import AnalysisMethod, HotspotAnalysis, PatrolArea, PatrolPlan, PatrolRoute
from layers.public_order.selectors.hotspots import StudyArea, incident_sample
from layers.surveillance.geometry import metric_of
from risk_models.hotspots import HotCell, kernel_density
from risk_models.surveillance.projection import transformer

# Density cells are pooled into blocks of this size, and blocks at or above this share of the
# densest block count as hot (assumptions: a block is about a street corner's surroundings).
DENSITY_BLOCK_M = 250.0
DENSITY_HOT_SHARE = 0.5


def police_stations() -> QuerySet[EmergencyStation]:
    return EmergencyStation.objects.filter(service=Service.POLICE).order_by("name")


def police_station(station_id: int) -> EmergencyStation:
    found = police_stations().filter(pk=station_id).first()
    if found is None:
        raise InvalidParameter(_("There is no police station with this number; choose one from the list."))
    return found


def nearest_police_station(point: Point) -> EmergencyStation:
    found = police_stations().annotate(d=Distance("position", point)).order_by("d").first()
    if found is None:
        raise InvalidParameter(_("No police station is loaded to start the patrol from."))
    return found


def to_metric_xy(lon: float, lat: float) -> tuple[float, float]:
    x, y = transformer(source_srid=STORAGE_SRID, target_srid=METRIC_SRID).transform(lon, lat)
    return float(x), float(y)


def to_lonlat(x: float, y: float) -> tuple[float, float]:
    lon, lat = transformer(source_srid=METRIC_SRID, target_srid=STORAGE_SRID).transform(x, y)
    return float(lon), float(lat)


def hot_cells(analysis: HotspotAnalysis) -> tuple[list[HotCell], list, str]:
    """The hot cells of an analysis in metres, their polygons (metric, or None) and what the gain is."""
    if analysis.method == AnalysisMethod.GI_STAR:
        cells, polygons = [], []
        for index, cell in enumerate(analysis.result.get("cells", [])):
            if cell.get("bin", 0) <= 0:
                continue
            polygon = metric_of(GEOSGeometry(cell["geometry"]))
            centre = polygon.centroid
            cells.append(HotCell(key=index, x=centre.x, y=centre.y, gain=float(cell["z"])))
            polygons.append(polygon)
        return cells, polygons, _("Gi* z-score of the hot cells (hot at 90, 95 or 99 per cent confidence)")
    if analysis.method == AnalysisMethod.DENSITY:
        return (
            _density_blocks(analysis),
            [],
            _("kernel density (incidents per km²) of %(block)s m blocks at least %(share)s %% of the densest")
            % {"block": f"{DENSITY_BLOCK_M:g}", "share": round(DENSITY_HOT_SHARE * 100)},
        )
    raise InvalidParameter(
        _("A patrol is proposed from hot spots (Gi*) or a density analysis, not from near repeats.")
    )


def _density_blocks(analysis: HotspotAnalysis) -> list[HotCell]:
    """The analysis' density raster again (the stored image has colours, not numbers), pooled into blocks."""
    area = StudyArea(label=analysis.area_label, storage=analysis.area, metric=metric_of(analysis.area))
    sample = incident_sample(
        period=(analysis.period_start, analysis.period_end), categories=analysis.categories, area=area
    )
    if sample.count == 0:
        return []
    parameters = analysis.parameters
    raster = kernel_density(
        sample.x,
        sample.y,
        bounds=area.metric.bounds,
        cell_m=parameters["density_cell_m"],
        bandwidth_m=parameters["bandwidth_m"],
    )
    density = raster.density_per_km2
    k = max(1, int(round(DENSITY_BLOCK_M / raster.cell_m)))
    rows, cols = density.shape[0] // k, density.shape[1] // k
    if rows == 0 or cols == 0:
        return []
    blocks = density[: rows * k, : cols * k].reshape(rows, k, cols, k).mean(axis=(1, 3))
    peak = float(blocks.max())
    if peak <= 0:
        return []
    hot = np.argwhere(blocks >= peak * DENSITY_HOT_SHARE)
    size = k * raster.cell_m
    return [
        HotCell(
            key=int(r * cols + c),
            x=raster.west + (c + 0.5) * size,
            y=raster.north - (r + 0.5) * size,
            gain=float(blocks[r, c]),
        )
        for r, c in hot
    ]


def hotspot_analysis(analysis_id: int) -> HotspotAnalysis:
    found = HotspotAnalysis.objects.filter(pk=analysis_id).first()
    if found is None:
        raise InvalidParameter(_("This hot-spot analysis no longer exists; run the analysis again."))
    return found


def plans() -> QuerySet[PatrolPlan]:
    return PatrolPlan.objects.select_related("created_by", "updated_by").prefetch_related(
        Prefetch("areas", queryset=PatrolArea.objects.order_by("number")),
        Prefetch("routes", queryset=PatrolRoute.objects.order_by("number")),
    )


def plan(plan_id: int) -> PatrolPlan:
    found = plans().filter(pk=plan_id).first()
    if found is None:
        raise NotFound(_("There is no patrol plan with this number."))
    return found


def geojson(geometry) -> dict:
    return json.loads(geometry.json)


def shapely_lonlat(geometry) -> shapely.Geometry:
    return shapely.from_wkb(bytes(geometry.wkb))
