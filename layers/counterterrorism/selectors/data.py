"""The analyses' inputs read once and kept per process until a layer they come from changes.

Everything is in UTM 34N metres: the street graph (public-transport routes, the street stand-in,
plus the real OSM major roads of the centre from the shared data), the population grid
(GHS-POP 2020, 120 m cells, one point per cell centre), building points, schools, hospitals,
shelters, stops, emergency stations, crowded places and the cameras' fields of view.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import threading
from functools import cached_property
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


class Inputs:
    """The inputs of one state of the layers; each part is read on first use and then kept."""

    def __init__(self, key: str) -> None:
        self.key = key

    @cached_property
    def _street_graph(self) -> tuple[StreetGraph, tuple[str, ...]]:
        return _streets()

    @property
    def graph(self) -> StreetGraph:
        return self._street_graph[0]

    @property
    def street_sources(self) -> tuple[str, ...]:
        return self._street_graph[1]

    @cached_property
    def residents(self) -> PointSet:
        return _population()

    @cached_property
    def buildings(self) -> PointSet:
        return _points("surveillance_building", "footprint")

    @cached_property
    def schools(self) -> PointSet:
        return _points("infrastructure_school")

    @cached_property
    def hospitals(self) -> PointSet:
        return _points("infrastructure_hospital")

    @cached_property
    def shelters(self) -> PointSet:
        return _points("shelters_shelter", value="capacity")

    @cached_property
    def stops(self) -> PointSet:
        return _points("infrastructure_transitstop")

    @cached_property
    def stations(self) -> dict[str, np.ndarray]:
        return {
            service: _points("infrastructure_emergencystation", where=f"service = '{service}'").xy
            for service in ("police", "fire", "ambulance")
        }

    @cached_property
    def fov(self) -> dict[str, shapely.Geometry]:
        """DORI level -> union of the working cameras' fields of view (prepared)."""
        return _fov()


_lock = threading.Lock()
_cache: dict[str, Inputs] = {}


def _disk_cached(name: str, digest: str, build):
    """A pickled result under MEDIA_ROOT/cache/counterterrorism, named by the digest of its inputs,
    so a new process (a gunicorn or Celery worker) does not rebuild the same graph or grid."""
    folder = Path(settings.MEDIA_ROOT) / "cache" / "counterterrorism"
    path = folder / f"{name}-{digest[:24]}.pkl"
    if path.exists():
        try:
            return pickle.loads(path.read_bytes())
        except Exception:  # a truncated or stale file: rebuild it
            path.unlink(missing_ok=True)
    value = build()
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob(f"{name}-*.pkl"):
        old.unlink(missing_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_bytes(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    tmp.replace(path)
    return value


def _population() -> PointSet:
    path = Path(settings.SHARED_DATA_DIR) / POPULATION_FILE
    if not path.exists():
        return PointSet(np.zeros((0, 2)), (), np.zeros(0))
    stat = path.stat()
    return _disk_cached(
        "population",
        hashlib.sha256(f"{path}:{stat.st_size}:{stat.st_mtime}".encode()).hexdigest(),
        lambda: _read_population(path),
    )


def _read_population(path: Path) -> PointSet:
    import rasterio

    with rasterio.open(path) as src:
        band = src.read(1)
        rows, cols = np.nonzero(band > 0)
        xs, ys = rasterio.transform.xy(src.transform, rows, cols)
        crs = src.crs.to_string()
    transformer = Transformer.from_crs(crs, f"EPSG:{METRIC_SRID}", always_xy=True)
    x, y = transformer.transform(np.asarray(xs), np.asarray(ys))
    return PointSet(np.column_stack((x, y)), (), band[rows, cols].astype(float))


def _streets() -> tuple[StreetGraph, tuple[str, ...]]:
    wkbs = sql.metric_lines("infrastructure_transitroute", "route", where="mode <> 'metro'")
    roads = Path(settings.SHARED_DATA_DIR) / ROADS_FILE
    digest = hashlib.sha256()
    for wkb in wkbs:
        digest.update(wkb)
    if roads.exists():
        digest.update(roads.read_bytes())
    return _disk_cached("streets", digest.hexdigest(), lambda: _build_streets(wkbs, roads))


def _build_streets(wkbs: list[bytes], roads: Path) -> tuple[StreetGraph, tuple[str, ...]]:
    lines = [shapely.from_wkb(w) for w in wkbs]
    sources = ["transit-routes (public-transport routes, a street stand-in)"]
    if roads.exists():
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
        if cached is None:
            _cache.clear()
            cached = _cache[key] = Inputs(key)
        return cached
