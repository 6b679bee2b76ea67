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
from risk_models.hazards.exposure import District, Site
from risk_models.hazards.flood import RETURN_PERIODS_YEARS
from risk_models.hazards.grid import DEFAULT_CELL_SIZE_M, check_cell_size
from risk_models.hazards.hashing import content_hash, file_digest
from risk_models.hazards.industrial import HazardousSite
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
    walk_radius_m: float = 500.0  # shelters within this straight-line distance count
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
