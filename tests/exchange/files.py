"""Test files for imports, made with the same GDAL the platform reads them with."""

from __future__ import annotations

import random
from pathlib import Path

import geopandas
import pyogrio
from shapely.geometry import Point

from geo_platform.crs import SOFIA_BOUNDS

SECTORS = ("energy", "water", "transport", "health", "communications")


def sites_geopackage(path: Path, *, count: int, bad: int, seed: int = 11, prefix: str = "site") -> list[int]:
    """A GeoPackage of `count` critical sites in Sofia, `bad` of them wrong in one way each.

    Returns the 1-based row numbers of the bad rows. Kinds of bad rows, in turn: outside
    Sofia, an unknown sector, criticality out of range, no geometry, a repeated external id.
    """
    rng = random.Random(seed)
    minx, miny, maxx, maxy = SOFIA_BOUNDS
    rows, geometries = [], []
    bad_rows = sorted(rng.sample(range(2, count + 1), bad))
    for number in range(1, count + 1):
        # Inside the city proper, well within the municipality's boundary.
        lon, lat = rng.uniform(23.25, 23.40), rng.uniform(42.64, 42.72)
        row = {
            "external_id": f"{prefix}-{number}",
            "name": f"Обект {number}",
            "sector": SECTORS[number % len(SECTORS)],
            "criticality": 1 + number % 5,
            "owner": "Столична община",
        }
        geometry = Point(lon, lat)
        if number in bad_rows:
            kind = bad_rows.index(number) % 5
            if kind == 0:
                geometry = Point(24.75, 42.15)  # Plovdiv
            elif kind == 1:
                row["sector"] = "bakery"
            elif kind == 2:
                row["criticality"] = 9
            elif kind == 3:
                geometry = None
            else:
                row["external_id"] = f"{prefix}-{number - 1}"
        rows.append(row)
        geometries.append(geometry)
    frame = geopandas.GeoDataFrame(rows, geometry=geometries, crs="EPSG:4326")
    pyogrio.write_dataframe(frame, path, driver="GPKG", layer="sites", geometry_type="Point")
    return bad_rows
