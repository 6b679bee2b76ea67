"""Exposure on the grid: census population spread by GHS-POP density, and point assets with their district."""

from __future__ import annotations

import csv
import json
import math
import os
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import rasterio
import shapely
from rasterio.enums import Resampling
from rasterio.features import rasterize
from rasterio.warp import reproject
from rasterio.windows import Window

from risk_models.hazards.crs import METRIC_CRS, geometry_to_metric, lonlat_to_metric
from risk_models.hazards.errors import InputDataError
from risk_models.hazards.field import CoarseField
from risk_models.hazards.grid import GridSpec, window_key
from risk_models.hazards.vulnerability import HAZUS_PGA_FRAGILITY

# GHS-POP comes at 120 m in Mollweide; its density (persons/m²) is reprojected once to this
# metric grid, and grid cells take the density of the cell they fall in.
DENSITY_CELL_M = 100.0
# Cell weights are GHS persons per cell counted in units of 1e-9 persons, as integers held in
# float64: district sums are then exact and independent of how the grid is cut into windows.
WEIGHT_QUANTUM = 1e-9
# Windows of the preparation pass; fixed so that the district weight totals never depend on
# the block size a scenario later runs with.
_PREPARATION_BLOCK = 1024
# "accommodation": temporary accommodation for displaced people (schools' halls, sports halls,
# tents); "civil_defence": collective protection facilities (КСЗ: скривалища, ПРУ), which protect
# people during an attack and take nobody displaced by an earthquake or a flood.
SITE_KINDS = ("school", "hospital", "critical_infrastructure", "accommodation", "civil_defence")


@dataclass(frozen=True)
class District:
    """A district (район): official code, name, census population and lon/lat boundary."""

    code: str
    name: str
    census_population: float
    geometry: shapely.Geometry


def load_districts(
    *,
    boundaries_path: str | os.PathLike[str],
    population_csv_path: str | os.PathLike[str],
    census_column: str = "census_2011",
) -> list[District]:
    """Districts from the boundary GeoJSON (`code`, `name_en`) joined to a census column of the population CSV.

    The 2011 census is the default: it is the only complete count of all 24 districts in the
    data (the 2021 one is known for four districts only).
    """
    with open(population_csv_path, encoding="utf-8") as handle:
        rows = {row["code"]: row for row in csv.DictReader(handle)}
    with open(boundaries_path, encoding="utf-8") as handle:
        collection = json.load(handle)
    districts = []
    for feature in collection["features"]:
        code = str(feature["properties"]["code"])
        row = rows.get(code)
        value = (row or {}).get(census_column, "")
        if not value:
            raise InputDataError(f"district {code}: no {census_column!r} value in {population_csv_path}")
        districts.append(
            District(
                code=code,
                name=feature["properties"].get("name_en") or code,
                census_population=float(value),
                geometry=shapely.geometry.shape(feature["geometry"]),
            )
        )
    if not districts:
        raise InputDataError(f"{boundaries_path}: no districts")
    return sorted(districts, key=lambda district: district.code)


def distribute_population(
    *, census: np.ndarray, district_index: np.ndarray, weights: np.ndarray, weight_totals: np.ndarray
) -> np.ndarray:
    """Persons per cell: each district's census total times the cell's share of the district's weight.

    census[d] and weight_totals[d] are indexed by district index (0 = outside every district);
    a district whose weights sum to 0 must be handed uniform weights instead.
    """
    share = np.divide(
        census, weight_totals, out=np.zeros_like(census, dtype=np.float64), where=weight_totals > 0
    )
    return share[district_index] * weights


@dataclass(frozen=True)
class Site:
    """A point asset: school, hospital, critical infrastructure or shelter (lon/lat)."""

    site_id: str
    kind: str
    lon: float
    lat: float
    fragility: str = "C1M-moderate"
    occupants: float = 0.0
    capacity: float = 0.0  # places for displaced people (accommodation); 0 for other kinds
    demo: bool = False  # True where the platform generated the asset (no real source)
    floor_area_m2: float = 0.0  # accommodation: usable floor area; places = area / space per person

    def __post_init__(self) -> None:
        if self.kind not in SITE_KINDS:
            raise InputDataError(
                f"site {self.site_id!r}: kind must be one of {SITE_KINDS}, got {self.kind!r}"
            )
        if self.fragility not in HAZUS_PGA_FRAGILITY:
            raise InputDataError(f"site {self.site_id!r}: unknown fragility {self.fragility!r}")
        if self.capacity < 0 or self.occupants < 0 or self.floor_area_m2 < 0:
            raise InputDataError(f"site {self.site_id!r}: capacity and occupants must be ≥ 0")


def sites_from_arrays(
    *,
    kind: str,
    lon: Sequence[float] | np.ndarray,
    lat: Sequence[float] | np.ndarray,
    ids: Sequence[str] | None = None,
    fragility: str | Sequence[str] = "C1M-moderate",
    occupants: float | Sequence[float] = 0.0,
    capacity: float | Sequence[float] = 0.0,
    demo: bool = False,
) -> list[Site]:
    """Sites of one kind from coordinate arrays; scalars apply to every site."""
    count = len(lon)
    if len(lat) != count:
        raise InputDataError("lon and lat must have the same length")

    def column(value, name):
        if isinstance(value, str | int | float):
            return [value] * count
        if len(value) != count:
            raise InputDataError(f"{name} must have one value per site")
        return list(value)

    identifiers = list(ids) if ids is not None else [f"{kind}-{i + 1}" for i in range(count)]
    return [
        Site(
            site_id=str(i),
            kind=kind,
            lon=float(x),
            lat=float(y),
            fragility=f,
            occupants=float(o),
            capacity=float(c),
            demo=demo,
        )
        for i, x, y, f, o, c in zip(
            identifiers,
            lon,
            lat,
            column(fragility, "fragility"),
            column(occupants, "occupants"),
            column(capacity, "capacity"),
            strict=True,
        )
    ]


@dataclass(eq=False)
class PopulationModel:
    """Districts rasterised on the grid and GHS-POP density, with each district's weight total."""

    grid: GridSpec
    districts: tuple[District, ...]
    density: CoarseField
    district_shapes: tuple[tuple[shapely.Geometry, int], ...]
    census: np.ndarray  # by district index, 0 = outside
    weight_totals: np.ndarray  # quantised GHS weight per district index
    uniform: np.ndarray  # districts with no GHS population: spread evenly over their cells
    _district_cache: dict = field(default_factory=dict, repr=False)

    @classmethod
    def prepare(
        cls, *, grid: GridSpec, districts: Sequence[District], ghs_pop_path: str | os.PathLike[str]
    ) -> PopulationModel:
        """Reproject GHS-POP to density, rasterise the districts and total each district's weights."""
        if len(districts) > 254:
            raise InputDataError("at most 254 districts fit the uint8 district raster")
        ordered = tuple(districts)
        shapes = tuple(
            (geometry_to_metric(district.geometry), index) for index, district in enumerate(ordered, start=1)
        )
        census = np.array([0.0] + [district.census_population for district in ordered])
        model = cls(
            grid=grid,
            districts=ordered,
            density=_density_field(ghs_pop_path=ghs_pop_path, grid=grid),
            district_shapes=shapes,
            census=census,
            weight_totals=np.zeros(len(ordered) + 1),
            uniform=np.zeros(len(ordered) + 1, dtype=bool),
        )
        totals = np.zeros(len(ordered) + 1)
        cells = np.zeros(len(ordered) + 1)
        for window in grid.windows(block_size=_PREPARATION_BLOCK):
            index = model.district_index(window)
            weights = model._ghs_weights(window)
            totals += np.bincount(index.ravel(), weights=weights.ravel(), minlength=len(ordered) + 1)
            cells += np.bincount(index.ravel(), minlength=len(ordered) + 1)
        if totals.sum() >= 2.0**53:
            raise InputDataError("GHS-POP total too large for exact weight sums; raise WEIGHT_QUANTUM")
        uniform = (totals == 0) & (cells > 0)
        model.weight_totals = np.where(uniform, cells, totals)
        model.uniform = uniform
        model.weight_totals[0] = 0.0  # nobody lives outside the districts
        missing = [d.code for i, d in enumerate(ordered, start=1) if cells[i] == 0]
        if missing:
            raise InputDataError(f"districts {missing} have no cell on the grid")
        return model

    def district_index(self, window: Window) -> np.ndarray:
        """District index (1…n, 0 outside) of every cell of a window; rasterised once, then cached compressed."""
        key = window_key(window)
        packed = self._district_cache.get(key)
        if packed is None:
            index = rasterize(
                self.district_shapes,
                out_shape=(int(window.height), int(window.width)),
                transform=self.grid.window_transform(window),
                fill=0,
                dtype="uint8",
            )
            # A window's district raster compresses ~100:1, so caching all of them costs little.
            self._district_cache[key] = zlib.compress(index.tobytes(), 1)
            return index
        return np.frombuffer(zlib.decompress(packed), dtype=np.uint8).reshape(
            int(window.height), int(window.width)
        )

    def _ghs_weights(self, window: Window) -> np.ndarray:
        x, y = self.grid.cell_centres(window)
        persons = self.density.nearest(x, y) * self.grid.cell_area_m2
        return np.rint(persons / WEIGHT_QUANTUM)

    def population(self, window: Window, *, district_index: np.ndarray | None = None) -> np.ndarray:
        """Persons per cell (float64) in a window; each district sums to its census total."""
        index = self.district_index(window) if district_index is None else district_index
        weights = self._ghs_weights(window)
        if self.uniform.any():
            weights = np.where(self.uniform[index], 1.0, weights)
        return distribute_population(
            census=self.census, district_index=index, weights=weights, weight_totals=self.weight_totals
        )

    def district_of(self, *, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        """District index (0 outside) of METRIC_CRS points."""
        index = np.zeros(np.shape(x), dtype=np.int64)
        for geometry, code in self.district_shapes:
            inside = shapely.contains_xy(geometry, x, y)
            index = np.where((index == 0) & inside, code, index)
        return index


def _density_field(*, ghs_pop_path: str | os.PathLike[str], grid: GridSpec) -> CoarseField:
    """GHS-POP persons per m² on a METRIC_CRS grid around the analysis grid."""
    density_grid = GridSpec.from_metric_bounds(
        bounds=(grid.left, grid.bottom, grid.right, grid.top), cell_size_m=DENSITY_CELL_M
    )
    with rasterio.open(ghs_pop_path) as src:
        if src.crs is None:
            raise InputDataError(f"{ghs_pop_path}: the population raster has no CRS")
        # GHS-POP as shipped declares no nodata but has NaN cells (all outside Sofia): no people.
        counts = np.nan_to_num(src.read(1, masked=True).astype(np.float64).filled(0.0), nan=0.0)
        source_area = abs(src.transform.a * src.transform.e)
        if src.crs.is_geographic:
            raise InputDataError(f"{ghs_pop_path}: expected an equal-area grid (GHS-POP is in Mollweide)")
        density = np.zeros(density_grid.shape, dtype=np.float64)
        # Density, not counts, is resampled: it does not depend on the cell size. Absolute
        # numbers come from the census, so GHS only has to be right about where people live.
        reproject(
            source=np.maximum(counts, 0.0) / source_area,
            destination=density,
            src_transform=src.transform,
            src_crs=src.crs,
            dst_transform=density_grid.transform,
            dst_crs=METRIC_CRS,
            resampling=Resampling.average,
            src_nodata=None,
            dst_nodata=0.0,
        )
    if not math.isfinite(density.sum()) or density.sum() <= 0:
        raise InputDataError(f"{ghs_pop_path}: no population on the analysis grid")
    return CoarseField(density, density_grid.left, density_grid.top, DENSITY_CELL_M)


def project_sites(sites: Sequence) -> tuple[np.ndarray, np.ndarray]:
    """METRIC_CRS (x, y) of objects with lon and lat attributes."""
    if not sites:
        return np.zeros(0), np.zeros(0)
    return lonlat_to_metric([site.lon for site in sites], [site.lat for site in sites])


# A building's floors from its height where only the height is known: the inverse of the OSM
# extract's own rule (levels × 3.1 m + 1.5 m roof allowance).
STOREY_HEIGHT_M = 3.1
ROOF_ALLOWANCE_M = 1.5


@dataclass(frozen=True)
class BuildingFootprint:
    """A building as the risk model uses it: centroid (lon/lat), footprint area, floors and/or height."""

    lon: float
    lat: float
    footprint_m2: float
    levels: int | None = None
    height_m: float | None = None

    def floors(self) -> tuple[float, str]:
        """(floors, basis): OSM levels, else from the height, else 1 (assumed)."""
        if self.levels:
            return float(self.levels), "levels"
        if self.height_m:
            return max(1.0, round((self.height_m - ROOF_ALLOWANCE_M) / STOREY_HEIGHT_M)), "height"
        return 1.0, "assumed"

    @property
    def floor_area_m2(self) -> float:
        return self.footprint_m2 * self.floors()[0]


def building_floor_areas(buildings: Sequence[BuildingFootprint]) -> tuple[np.ndarray, dict[str, int]]:
    """Floor area (m²) of each building and how many got their floors from levels, height or assumption."""
    areas = np.zeros(len(buildings))
    basis = {"levels": 0, "height": 0, "assumed": 0}
    for i, building in enumerate(buildings):
        floors, how = building.floors()
        areas[i] = building.footprint_m2 * floors
        basis[how] += 1
    return areas, basis
