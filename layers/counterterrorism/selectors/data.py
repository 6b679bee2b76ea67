"""The analyses' inputs read once and kept per process until a layer they come from changes.

Everything is in UTM 34N metres: the street graph (public-transport routes, the street stand-in,
plus the real OSM major roads of the centre from the shared data), the population grid
(GHS-POP 2020, 120 m cells, one point per cell centre), building points, schools, hospitals,
shelters, stops, emergency stations, crowded places and the cameras' fields of view.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import shapely
from django.conf import settings
from pyproj import Transformer

from geo_platform.crs import METRIC_SRID
from layers.counterterrorism import sql
from risk_models.counterterrorism import PointSet, StreetGraph, build_graph

SOURCE_LAYERS = (
    "transit-routes",
    "transit-stops",
    "schools",
    "hospitals",
    "shelters",
    "buildings",
    "emergency-stations",
    "camera-fov",
    "protected-sites",
)
ROADS_FILE = "buildings/sofia_centre_major_roads_osm_2026.geojson"
POPULATION_FILE = "population/ghs_pop_2020_sofia_120m_mollweide.tif"
DORI_LEVELS = ("detect", "observe", "recognise", "identify")


@dataclass
class Inputs:
    graph: StreetGraph
    residents: PointSet
    buildings: PointSet
    schools: PointSet
    hospitals: PointSet
    shelters: PointSet
    stops: PointSet
    stations: dict[str, np.ndarray]
    fov: dict[str, shapely.Geometry]  # DORI level -> union of fields of view (prepared)
    street_sources: tuple[str, ...]


_lock = threading.Lock()
_cache: dict[str, Inputs] = {}


def _population() -> PointSet:
    import rasterio

    path = Path(settings.SHARED_DATA_DIR) / POPULATION_FILE
    if not path.exists():
        return PointSet(np.zeros((0, 2)), (), np.zeros(0))
    with rasterio.open(path) as src:
        band = src.read(1)
        rows, cols = np.nonzero(band > 0)
        xs, ys = rasterio.transform.xy(src.transform, rows, cols)
        crs = src.crs.to_string()
    transformer = Transformer.from_crs(crs, f"EPSG:{METRIC_SRID}", always_xy=True)
    x, y = transformer.transform(np.asarray(xs), np.asarray(ys))
    return PointSet(np.column_stack((x, y)), (), band[rows, cols].astype(float))


def _streets() -> tuple[StreetGraph, tuple[str, ...]]:
    lines = [
        shapely.from_wkb(w)
        for w in sql.metric_lines("infrastructure_transitroute", "route", where="mode <> 'metro'")
    ]
    sources = ["transit-routes (public-transport routes, a street stand-in)"]
    roads = Path(settings.SHARED_DATA_DIR) / ROADS_FILE
    if roads.exists():
        import json

        from risk_models.surveillance import to_metric

        features = json.loads(roads.read_text(encoding="utf-8"))["features"]
        lines += [to_metric(shapely.geometry.shape(f["geometry"])) for f in features if f.get("geometry")]
        sources.append("OSM major roads of the centre (© OpenStreetMap contributors, ODbL)")
    return build_graph(lines), tuple(sources)


def _points(
    table: str,
    geometry: str = "position",
    *,
    label: str = "name",
    value: str | None = None,
    where: str = "TRUE",
) -> PointSet:
    _ids, xy, labels, values = sql.metric_points(table, geometry, label=label, value=value, where=where)
    return PointSet(xy, labels, values)


def _fov() -> dict[str, shapely.Geometry]:
    by_level: dict[str, list] = {level: [] for level in DORI_LEVELS}
    for level, wkb in sql.fields_of_view(DORI_LEVELS):
        by_level[level].append(shapely.from_wkb(wkb))
    result = {}
    for level, shapes in by_level.items():
        union = shapely.union_all(shapes) if shapes else shapely.Polygon()
        shapely.prepare(union)
        result[level] = union
    return result


def load() -> Inputs:
    key = sql.last_change(SOURCE_LAYERS)
    with _lock:
        cached = _cache.get(key)
        if cached is not None:
            return cached
        graph, street_sources = _streets()
        stations = {}
        for service in ("police", "fire", "ambulance"):
            stations[service] = _points("infrastructure_emergencystation", where=f"service = '{service}'").xy
        inputs = Inputs(
            graph=graph,
            residents=_population(),
            buildings=_points("surveillance_building", "footprint"),
            schools=_points("infrastructure_school"),
            hospitals=_points("infrastructure_hospital"),
            shelters=_points("shelters_shelter", value="capacity"),
            stops=_points("infrastructure_transitstop"),
            stations=stations,
            fov=_fov(),
            street_sources=street_sources,
        )
        _cache.clear()
        _cache[key] = inputs
        return inputs
