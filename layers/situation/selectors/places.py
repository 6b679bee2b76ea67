"""The city as the ingestion sees it: the allowed area, the districts, and named places to geocode.

Loaded once per process (a few thousand names) and kept for ten minutes, so a batch of
thousands of incidents checks its points with one vectorised shapely call.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from threading import Lock

import numpy as np
import shapely
from django.conf import settings
from django.db import connection
from django.utils.translation import gettext as _

from geo_platform.crs import METRIC_SRID, STORAGE_SRID
from layers.situation import sql
from risk_models.situation import best_match

TTL_S = 600
# How precise a matched place's point is (assumption: a stop or a site is where the caller
# stands within ~100 m; a neighbourhood ~1 km; a district several km). The match confidence
# shown to the operator is the text similarity times this.
PRECISION = {"stop": 1.0, "site": 1.0, "neighbourhood": 0.6, "district": 0.35}
KIND_LABELS = {
    "stop": "transit stop",
    "site": "named site",
    "neighbourhood": "neighbourhood",
    "district": "district",
}


@dataclass(frozen=True)
class Geocoded:
    lon: float
    lat: float
    label: str
    confidence: float


@dataclass
class City:
    area: shapely.Geometry
    district_codes: list[str]
    district_names: list[str]
    districts: np.ndarray
    place_kinds: list[str]
    place_names: list[str]
    place_xy: np.ndarray
    loaded_at: float

    def inside(self, lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
        return shapely.contains_xy(self.area, lon, lat)

    def district_of(self, lon: np.ndarray, lat: np.ndarray) -> list[str]:
        codes = [""] * len(lon)
        remaining = np.ones(len(lon), dtype=bool)
        for code, geometry in zip(self.district_codes, self.districts, strict=True):
            hit = remaining & shapely.contains_xy(geometry, lon, lat)
            for index in np.flatnonzero(hit):
                codes[index] = code
            remaining &= ~hit
        return codes

    def geocode(self, address: str) -> Geocoded | None:
        match = best_match(address, self.place_names)
        if match is None:
            return None
        kind = self.place_kinds[match.index]
        lon, lat = self.place_xy[match.index]
        return Geocoded(
            lon=float(lon),
            lat=float(lat),
            label=f"{self.place_names[match.index]} ({_(KIND_LABELS[kind])})",
            confidence=round(match.confidence * PRECISION[kind], 2),
        )


_lock = Lock()
_city: City | None = None


def _load() -> City:
    with connection.cursor() as cursor:
        cursor.execute(
            sql.CITY_AREA,
            {"metric": METRIC_SRID, "storage": STORAGE_SRID, "margin": settings.SOFIA_BOUNDARY_MARGIN_M},
        )
        row = cursor.fetchone()
        area = shapely.from_wkb(bytes(row[0])) if row else shapely.box(23.05, 42.41, 23.68, 42.90)
        cursor.execute(sql.DISTRICTS)
        districts = cursor.fetchall()
        cursor.execute(sql.PLACES)
        places = cursor.fetchall()
    shapely.prepare(area)
    geometries = np.array([shapely.from_wkb(bytes(wkb)) for _c, _n, wkb in districts])
    shapely.prepare(geometries)
    return City(
        area=area,
        district_codes=[code for code, _n, _w in districts],
        district_names=[name for _c, name, _w in districts],
        districts=geometries,
        place_kinds=[kind for kind, *_rest in places],
        place_names=[name for _k, name, _x, _y in places],
        place_xy=np.array([(x, y) for _k, _n, x, y in places], dtype=float).reshape(-1, 2),
        loaded_at=time.monotonic(),
    )


def city() -> City:
    global _city
    with _lock:
        if _city is None or time.monotonic() - _city.loaded_at > TTL_S:
            _city = _load()
        return _city


def forget_city() -> None:
    global _city
    with _lock:
        _city = None
