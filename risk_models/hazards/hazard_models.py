"""Each hazard behind one small interface: intensity at points, and what that intensity does."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import numpy as np

from risk_models.hazards.earthquake import EarthquakeModel
from risk_models.hazards.exposure import Site
from risk_models.hazards.flood import FloodModel
from risk_models.hazards.industrial import IndustrialModel
from risk_models.hazards.landslide import NOT_ASSESSED, LandslideModel
from risk_models.hazards.notes import Note, english
from risk_models.hazards.vulnerability import (
    CASUALTY_SEVERITIES,
    DAMAGE_STATES,
    EXPOSURE_PGA_G,
    INDUSTRIAL_EVACUATION_ZONE,
    JRC_EUROPE_RESIDENTIAL,
    LANDSLIDE_EXPOSED_MIN_CLASS,
    SHELTER_UNUSABLE_DAMAGE_STATE,
    SITE_HIT_DAMAGE_STATE,
    BuildingStock,
    EarthquakeResidentialVulnerability,
    casualties_per_occupant,
    flood_curve_for,
    site_earthquake_damage,
)


@dataclass(frozen=True)
class ResidentialImpact:
    """Per-cell shares: who is exposed, which share of residents is affected, damaged buildings per resident."""

    exposed: np.ndarray  # bool
    affected_share: np.ndarray
    damaged_per_resident: np.ndarray
    damage: np.ndarray | None  # the damage raster's value (flood damage ratio, P(≥ extensive)), if any
    casualties: np.ndarray | None = None  # (4 severities, …) per resident indoors (earthquake)
    assessed: np.ndarray | None = None  # bool: where the model can resolve the hazard (None: everywhere)


@dataclass(frozen=True)
class SiteImpact:
    """What the hazard does to one site: its intensity, damage measure, share of occupants affected, hit or not."""

    intensity: float
    damage: float
    affected_share: float
    hit: bool
    casualties: tuple[float, float, float, float] | None = None  # per occupant indoors, severities 1–4
    # Whether accommodation there can still house people; None: usable unless hit.
    usable: bool | None = None

    @property
    def can_house(self) -> bool:
        return (not self.hit) if self.usable is None else self.usable


class HazardModel(Protocol):
    """What every hazard offers the risk run: intensity at points and its effect on residents and sites."""

    kind: str
    units: str
    categorical: bool
    notes: tuple[Note, ...]

    def intensity(self, *, x: np.ndarray, y: np.ndarray, transform=None, shape=None) -> np.ndarray:
        """Intensity at METRIC_CRS points; a grid window passes its transform and shape too."""
        ...

    def residential(self, intensity: np.ndarray, *, median_factor: float = 1.0) -> ResidentialImpact:
        """Shares of residents exposed and affected and damaged buildings per resident, per cell."""
        ...

    def site(self, intensity: float, site: Site, *, median_factor: float = 1.0) -> SiteImpact:
        """The effect of the intensity at a site on that site."""
        ...


@dataclass(frozen=True, eq=False)
class EarthquakeHazard:
    """Median surface PGA (g) and HAZUS-style building damage."""

    model: EarthquakeModel
    stock: BuildingStock
    kind: str = "earthquake"
    units: str = "g (PGA, median)"
    categorical: bool = False

    @property
    def notes(self) -> tuple[Note, ...]:
        rupture = getattr(self.model, "rupture", None)
        if not isinstance(self.model, EarthquakeModel):
            return self.model.notes
        if rupture is None:
            gmpe = Note("earthquake.gmpe_point")
        else:
            gmpe = Note(
                "earthquake.gmpe_rupture",
                {
                    "length_km": round(rupture.length_km, 1),
                    "width_km": round(rupture.width_km, 1),
                    "strike_deg": rupture.strike_deg,
                    "dip_deg": rupture.dip_deg,
                    "top_depth_km": rupture.top_depth_km,
                },
            )
        return (gmpe, *self.model.notes)

    @property
    def note(self) -> str:
        """The notes in the core's English."""
        return english(self.notes)

    @property
    def sigma(self) -> tuple[float, float]:
        """(τ between-event, φ within-event) of the GMPE used; 0 for an imported PGA layer."""
        if not isinstance(self.model, EarthquakeModel):
            return 0.0, 0.0
        c = self.model.coefficients
        return c["tau"], c["sigma"]

    def intensity(self, *, x, y, transform=None, shape=None) -> np.ndarray:
        return self.model.pga(x=x, y=y)

    def residential(self, intensity, *, median_factor: float = 1.0) -> ResidentialImpact:
        vulnerability = _earthquake_vulnerability(self.stock, median_factor)
        ln_pga = np.log(np.maximum(np.asarray(intensity, dtype=np.float64), 1e-12))
        tables = vulnerability.tables_at_ln_pga(ln_pga)
        damaged = tables["damaged"]
        return ResidentialImpact(
            exposed=intensity >= EXPOSURE_PGA_G,
            affected_share=tables["displaced"],
            damaged_per_resident=damaged,
            damage=damaged
            / self.stock.buildings_per_resident,  # share of buildings extensively damaged or worse
            casualties=np.stack([tables[name] for name in CASUALTY_SEVERITIES]),
        )

    def site(self, intensity, site, *, median_factor: float = 1.0) -> SiteImpact:
        exceedance = site_earthquake_damage(
            pga_g=intensity, fragility=site.fragility, median_factor=median_factor
        )
        extensive = exceedance["extensive"]
        rates = casualties_per_occupant(
            pga_g=intensity, fragility=site.fragility, median_factor=median_factor
        )
        return SiteImpact(
            intensity=float(intensity),
            damage=extensive,
            affected_share=extensive,
            hit=exceedance[SITE_HIT_DAMAGE_STATE] >= 0.5,
            casualties=tuple(float(v) for v in np.ravel(rates)),
            usable=bool(exceedance[SHELTER_UNUSABLE_DAMAGE_STATE] < 0.5),
        )


@dataclass(frozen=True, eq=False)
class FloodHazard:
    """Modelled flood depth (m) for one return period and JRC depth–damage curves."""

    model: FloodModel
    return_period_years: int
    stock: BuildingStock
    kind: str = "flood"
    units: str = "m (water depth, modelled)"
    categorical: bool = False

    @property
    def notes(self) -> tuple[Note, ...]:
        period = (Note("flood.return_period", {"years": self.return_period_years}),)
        return (period if self.return_period_years else ()) + tuple(self.model.notes)

    @property
    def note(self) -> str:
        """The notes in the core's English."""
        return english(self.notes)

    def intensity(self, *, x, y, transform=None, shape=None) -> np.ndarray:
        if isinstance(self.model, FloodModel):
            return self.model.depth(x=x, y=y, return_period_years=self.return_period_years)
        return self.model.depth(x=x, y=y, transform=transform, shape=shape)

    def residential(self, intensity, *, median_factor: float = 1.0) -> ResidentialImpact:
        flooded = intensity > 0.0
        ratio = JRC_EUROPE_RESIDENTIAL.damage_ratio(intensity)
        return ResidentialImpact(
            exposed=flooded,
            affected_share=flooded.astype(np.float64),
            damaged_per_resident=ratio * self.stock.buildings_per_resident,
            damage=ratio,
        )

    def site(self, intensity, site, *, median_factor: float = 1.0) -> SiteImpact:
        flooded = intensity > 0.0
        return SiteImpact(
            intensity=float(intensity),
            damage=float(flood_curve_for(site.kind).damage_ratio(intensity)),
            affected_share=1.0 if flooded else 0.0,
            hit=bool(flooded),
        )


@dataclass(frozen=True, eq=False)
class LandslideHazard:
    """Susceptibility class (1 very low … 5 very high)."""

    model: LandslideModel
    kind: str = "landslide"
    units: str = "susceptibility class 1–5"
    categorical: bool = True

    @property
    def notes(self) -> tuple[Note, ...]:
        return self.model.notes

    @property
    def note(self) -> str:
        """The notes in the core's English."""
        return english(self.notes)

    def intensity(self, *, x, y, transform=None, shape=None) -> np.ndarray:
        return self.model.susceptibility(x=x, y=y, window_transform=transform, shape=shape)

    def residential(self, intensity, *, median_factor: float = 1.0) -> ResidentialImpact:
        zeros = np.zeros(np.shape(intensity))
        return ResidentialImpact(
            intensity >= LANDSLIDE_EXPOSED_MIN_CLASS, zeros, zeros, None, assessed=intensity != NOT_ASSESSED
        )

    def site(self, intensity, site, *, median_factor: float = 1.0) -> SiteImpact:
        return SiteImpact(float(intensity), 0.0, 0.0, bool(intensity >= LANDSLIDE_EXPOSED_MIN_CLASS))


@dataclass(frozen=True, eq=False)
class IndustrialHazard:
    """Zone level around hazardous sites (0 outside, 1 protective action, 2 isolation)."""

    model: IndustrialModel
    kind: str = "industrial"
    units: str = "zone level 0–2"
    categorical: bool = True

    @property
    def notes(self) -> tuple[Note, ...]:
        return self.model.notes

    @property
    def note(self) -> str:
        """The notes in the core's English."""
        return english(self.notes)

    def intensity(self, *, x, y, transform=None, shape=None) -> np.ndarray:
        return self.model.zone_level(x=x, y=y, transform=transform, shape=shape)

    def residential(self, intensity, *, median_factor: float = 1.0) -> ResidentialImpact:
        zeros = np.zeros(np.shape(intensity))
        evacuated = (intensity >= INDUSTRIAL_EVACUATION_ZONE).astype(np.float64)
        return ResidentialImpact(intensity >= 1, evacuated, zeros, None)

    def site(self, intensity, site, *, median_factor: float = 1.0) -> SiteImpact:
        evacuated = intensity >= INDUSTRIAL_EVACUATION_ZONE
        return SiteImpact(float(intensity), 0.0, 1.0 if evacuated else 0.0, bool(intensity >= 1))


_VULNERABILITY_CACHE: dict[tuple[BuildingStock, float], EarthquakeResidentialVulnerability] = {}


def _earthquake_vulnerability(
    stock: BuildingStock, median_factor: float
) -> EarthquakeResidentialVulnerability:
    # The lookup tables take a few tens of ms to build: keep one per stock and retrofit factor.
    key = (stock, float(median_factor))
    if key not in _VULNERABILITY_CACHE:
        _VULNERABILITY_CACHE[key] = EarthquakeResidentialVulnerability(
            stock=stock, median_factor=median_factor
        )
    return _VULNERABILITY_CACHE[key]


__all__ = [
    "DAMAGE_STATES",
    "EarthquakeHazard",
    "FloodHazard",
    "HazardModel",
    "IndustrialHazard",
    "LandslideHazard",
]
