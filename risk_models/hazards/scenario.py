"""A scenario: what to model (kind and parameters) and what it was modelled from (inputs, data versions)."""

from __future__ import annotations

import math
import numbers
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field

import shapely
from pyproj import Geod

from risk_models.hazards.crs import BULGARIA_BOUNDS
from risk_models.hazards.earthquake import ASB14_MAGNITUDE_RANGE, MECHANISMS, SOIL_CLASSES
from risk_models.hazards.errors import InvalidScenario
from risk_models.hazards.exposure import BuildingFootprint, District, Site
from risk_models.hazards.flood import RETURN_PERIODS_YEARS
from risk_models.hazards.grid import DEFAULT_CELL_SIZE_M, check_cell_size
from risk_models.hazards.hashing import content_hash, file_digest
from risk_models.hazards.industrial import CASES, HazardousSite
from risk_models.hazards.landslide import LandslideZone

HAZARD_KINDS: tuple[str, ...] = ("earthquake", "flood", "landslide", "industrial")
MAX_EPICENTRE_DISTANCE_KM = 300.0
_GEOD = Geod(ellps="WGS84")


@dataclass(frozen=True)
class Scenario:
    """The parameters of one hazard scenario; validate() raises InvalidScenario naming the bad parameter."""

    kind: str
    cell_size_m: float = DEFAULT_CELL_SIZE_M
    magnitude: float | None = None  # earthquake, Mw
    epicentre_lon: float | None = None  # earthquake
    epicentre_lat: float | None = None  # earthquake
    mechanism: str = "normal"  # earthquake; the Sofia graben's faults are normal faults
    soil_class: str | None = None  # earthquake; None: from slope (Allen & Wald 2009)
    return_period_years: int | None = None  # flood
    walk_radius_m: float = 500.0  # ASSUMPTION: accommodation within this straight-line distance counts
    # Earthquake as a finite planar rupture (R_JB model) when strike_deg is given; the epicentre
    # is then the midpoint of the rupture's top edge. Length and width default to Wells &
    # Coppersmith (1994) for the magnitude.
    strike_deg: float | None = None
    dip_deg: float = 60.0
    rupture_length_km: float | None = None
    rupture_width_km: float | None = None
    top_depth_km: float = 0.0
    # Industrial accident: the ERG case and the wind (direction it blows FROM, degrees; m/s).
    industrial_case: str = "fire"
    wind_from_deg: float = 270.0
    wind_speed_ms: float = 3.0
    # "model": the internal model; "imported": the uploaded raster or zones in ScenarioInputs.
    hazard_source: str = "model"
    # Displaced people who seek public temporary accommodation (HAZUS short-term shelter model,
    # see protection.py) and the covered floor area each needs (Sphere).
    shelter_seeking_share: float = 0.3
    space_per_person_m2: float = 3.5
    # Monte Carlo (earthquakes): realisations and seed.
    realisations: int = 100
    seed: int = 20260101
    name: str = ""
    # Labels of the data the scenario was run with (e.g. {"census": "NSI 2011"}); file digests
    # of the inputs are added to the hash separately.
    data_versions: Mapping[str, str] = field(default_factory=dict)

    def validate(self) -> Scenario:
        """Check every parameter the kind needs; returns self so calls chain."""
        if self.kind not in HAZARD_KINDS:
            raise InvalidScenario("kind", f"must be one of {', '.join(HAZARD_KINDS)} (got {self.kind!r})")
        check_cell_size(self.cell_size_m)
        _positive("walk_radius_m", self.walk_radius_m)
        if self.hazard_source not in ("model", "imported"):
            raise InvalidScenario(
                "hazard_source", f"must be 'model' or 'imported' (got {self.hazard_source!r})"
            )
        if not _is_number(self.shelter_seeking_share) or not 0 <= self.shelter_seeking_share <= 1:
            raise InvalidScenario(
                "shelter_seeking_share",
                f"must be a share between 0 and 1 (got {self.shelter_seeking_share!r})",
            )
        if not _is_number(self.space_per_person_m2) or not 1 <= self.space_per_person_m2 <= 20:
            raise InvalidScenario(
                "space_per_person_m2", f"must be 1–20 m² per person (got {self.space_per_person_m2!r})"
            )
        if (
            not isinstance(self.realisations, int)
            or isinstance(self.realisations, bool)
            or not 10 <= self.realisations <= 2000
        ):
            raise InvalidScenario(
                "realisations", f"must be a whole number 10–2000 (got {self.realisations!r})"
            )
        if not isinstance(self.seed, int) or isinstance(self.seed, bool) or self.seed < 0:
            raise InvalidScenario("seed", f"must be a whole number ≥ 0 (got {self.seed!r})")
        if self.kind == "industrial":
            if self.industrial_case not in CASES:
                raise InvalidScenario(
                    "industrial_case", f"must be one of {', '.join(CASES)} (got {self.industrial_case!r})"
                )
            if not _is_number(self.wind_from_deg) or not 0 <= self.wind_from_deg <= 360:
                raise InvalidScenario(
                    "wind_from_deg", f"must be a direction 0–360° (got {self.wind_from_deg!r})"
                )
            if not _is_number(self.wind_speed_ms) or not 0 <= self.wind_speed_ms <= 60:
                raise InvalidScenario("wind_speed_ms", f"must be 0–60 m/s (got {self.wind_speed_ms!r})")
        if self.hazard_source == "imported":
            return self  # the uploaded layer carries the intensity: no model parameters needed
        if self.kind == "earthquake":
            self._validate_earthquake()
        elif self.kind == "flood" and self.return_period_years not in RETURN_PERIODS_YEARS:
            raise InvalidScenario(
                "return_period_years",
                f"must be one of {', '.join(map(str, RETURN_PERIODS_YEARS))} years (got {self.return_period_years!r})",
            )
        return self

    def _validate_earthquake(self) -> None:
        low, high = ASB14_MAGNITUDE_RANGE
        if not _is_number(self.magnitude) or not low <= self.magnitude <= high:
            raise InvalidScenario(
                "magnitude",
                f"must be a moment magnitude between {low:g} and {high:g}, the GMPE's range (got {self.magnitude!r})",
            )
        for name, value, limit in (
            ("epicentre_lon", self.epicentre_lon, 180),
            ("epicentre_lat", self.epicentre_lat, 90),
        ):
            if not _is_number(value) or abs(value) > limit:
                raise InvalidScenario(name, f"must be a number within ±{limit} degrees (got {value!r})")
        distance_km = distance_to_box_km(lon=self.epicentre_lon, lat=self.epicentre_lat, box=BULGARIA_BOUNDS)
        if distance_km > MAX_EPICENTRE_DISTANCE_KM:
            raise InvalidScenario(
                "epicentre",
                f"({self.epicentre_lon}, {self.epicentre_lat}) lies {distance_km:.0f} km from Bulgaria; "
                f"at most {MAX_EPICENTRE_DISTANCE_KM:.0f} km is accepted",
            )
        if self.mechanism not in MECHANISMS:
            raise InvalidScenario(
                "mechanism", f"must be one of {', '.join(MECHANISMS)} (got {self.mechanism!r})"
            )
        if self.soil_class is not None and self.soil_class not in SOIL_CLASSES:
            raise InvalidScenario(
                "soil_class", f"must be one of {', '.join(SOIL_CLASSES)} or empty (got {self.soil_class!r})"
            )
        if self.strike_deg is not None:
            if not _is_number(self.strike_deg) or not 0 <= self.strike_deg <= 360:
                raise InvalidScenario("strike_deg", f"must be a direction 0–360° (got {self.strike_deg!r})")
            if not _is_number(self.dip_deg) or not 10 <= self.dip_deg <= 90:
                raise InvalidScenario("dip_deg", f"must be 10–90° (got {self.dip_deg!r})")
            for name in ("rupture_length_km", "rupture_width_km"):
                value = getattr(self, name)
                if value is not None and (not _is_number(value) or not 0 < value <= 500):
                    raise InvalidScenario(name, f"must be 0–500 km or empty (got {value!r})")
            if not _is_number(self.top_depth_km) or not 0 <= self.top_depth_km <= 30:
                raise InvalidScenario("top_depth_km", f"must be 0–30 km (got {self.top_depth_km!r})")

    def as_dict(self) -> dict:
        """Plain dict of the parameters (JSON-ready)."""
        return asdict(self) | {"data_versions": dict(self.data_versions)}


@dataclass(frozen=True)
class ScenarioInputs:
    """Everything a scenario is computed from: file paths (read only) and collections in lon/lat."""

    dem_path: str
    population_raster_path: str
    districts: Sequence[District]
    rivers: Sequence[shapely.Geometry] = ()
    sites: Sequence[Site] = ()  # schools, hospitals, critical infrastructure, shelters
    hazardous_sites: Sequence[HazardousSite] = ()
    landslide_zones: Sequence[LandslideZone] = ()
    fine_dem_path: str | None = None  # a finer DEM used where it covers (Terrain.composite)
    river_names: Sequence[str | None] = ()  # one per river line, for the flood reach table
    imported_raster_path: str | None = None  # hazard_source "imported": a GeoTIFF of intensities …
    imported_zones: Sequence[tuple[shapely.Geometry, float]] = ()  # … or lon/lat polygons with values
    imported_label: str = ""
    buildings: Sequence[BuildingFootprint] = ()  # footprints with floors/heights: floor area exposed

    def fingerprint(self) -> dict:
        """Digests of the files and of the collections, for the scenario hash."""
        return {
            "dem": file_digest(self.dem_path),
            "population_raster": file_digest(self.population_raster_path),
            "districts": content_hash(
                [
                    [d.code, d.name, d.census_population, shapely.to_wkb(d.geometry, hex=True)]
                    for d in self.districts
                ]
            ),
            "rivers": content_hash([shapely.to_wkb(line, hex=True) for line in self.rivers]),
            "sites": content_hash([asdict(site) for site in self.sites]),
            "hazardous_sites": content_hash([asdict(site) for site in self.hazardous_sites]),
            "fine_dem": file_digest(self.fine_dem_path) if self.fine_dem_path else None,
            "river_names": content_hash(list(self.river_names)),
            "imported_raster": file_digest(self.imported_raster_path) if self.imported_raster_path else None,
            "imported_zones": content_hash(
                [[shapely.to_wkb(g, hex=True), float(v)] for g, v in self.imported_zones]
            ),
            "buildings": content_hash([asdict(b) for b in self.buildings]),
            "landslide_zones": content_hash(
                [
                    [z.zone_id, z.susceptibility, shapely.to_wkb(z.geometry, hex=True)]
                    for z in self.landslide_zones
                ]
            ),
        }


def scenario_hash(*, scenario: Scenario, inputs: ScenarioInputs, model_version: str) -> str:
    """Stable hash of a scenario's parameters, its inputs' contents and the model code version.

    The scenario's display name is left out: two runs that compute the same thing share a hash.
    """
    parameters = {key: value for key, value in scenario.as_dict().items() if key != "name"}
    return content_hash({"scenario": parameters, "inputs": inputs.fingerprint(), "model": model_version})


def distance_to_box_km(*, lon: float, lat: float, box: tuple[float, float, float, float]) -> float:
    """Geodesic distance (km) from a point to the nearest point of a lon/lat box (0 inside)."""
    west, south, east, north = box
    nearest_lon = min(max(lon, west), east)
    nearest_lat = min(max(lat, south), north)
    _, _, metres = _GEOD.inv(lon, lat, nearest_lon, nearest_lat)
    return metres / 1000.0


def _is_number(value) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool) and math.isfinite(value)


def _positive(name: str, value) -> None:
    if not _is_number(value) or value <= 0:
        raise InvalidScenario(name, f"must be a positive number (got {value!r})")
