"""Scenario earthquake ground shaking: PGA from a published GMPE, amplified by soil class.

GMPE: Akkar, S., Sandıkkaya, M. A. & Bommer, J. J. (2014), "Empirical ground-motion models
for point- and extended-source crustal earthquake scenarios in Europe and the Middle East",
Bulletin of Earthquake Engineering 12(1): 359–387, doi:10.1007/s10518-013-9461-4
(hereafter ASB14). It is derived from the RESORCE strong-motion databank, which includes
Balkan records, and it has an epicentral-distance version: a scenario given as magnitude and
epicentre needs no invented fault plane. Equations (1)–(3) of the paper, PGA row of the
R_epi coefficient table.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np

from risk_models.hazards.dem import Terrain
from risk_models.hazards.field import CoarseField
from risk_models.hazards.notes import Note, english

# ASB14, PGA, epicentral-distance model (PGA in g, distance in km).
ASB14_REPI_PGA: Mapping[str, float] = MappingProxyType(
    {
        "a1": 2.52977,
        "a2": 0.0029,
        "a3": -0.05496,
        "a4": -1.31001,
        "a5": 0.2529,
        "a6": 7.5,
        "a7": -0.5096,
        "a8": -0.1091,  # normal faulting
        "a9": 0.0937,  # reverse faulting
        "c1": 6.75,  # hinge magnitude
        "v_ref": 750.0,  # reference rock Vs30 (m/s)
        "v_con": 1000.0,  # Vs30 above which amplification is constant
        "c": 2.5,
        "n": 3.2,
        "b1": -0.41997,
        "b2": -0.28846,
        "sigma": 0.6375,  # within-event, ln units
        "tau": 0.3581,  # between-event, ln units
    }
)
# ASB14, PGA, Joyner–Boore distance model (Table 4a of the paper), as tabulated in OpenQuake's
# hazardlib, class AkkarEtAlRjb2014 (openquake/hazardlib/gsim/akkar_2014.py, COEFFS row "pga").
# Same functional form as the R_epi model, with R_JB in place of R_epi.
ASB14_RJB_PGA: Mapping[str, float] = MappingProxyType(
    dict(ASB14_REPI_PGA) | {"a1": 1.85329, "a3": -0.02807, "a4": -1.23452, "sigma": 0.6201, "tau": 0.3501}
)
ASB14_SOURCE = (
    "Akkar, Sandıkkaya & Bommer (2014), Bull. Earthquake Eng. 12: 359–387, R_JB model (Table 4a); "
    "coefficients as in OpenQuake hazardlib AkkarEtAlRjb2014"
)
# ASB14's magnitude range of applicability (enforced by the scenario's validation). Its distance
# range, up to 200 km, is not enforced: epicentres up to 300 km outside Bulgaria are accepted, so
# the far cells of a distant scenario extrapolate the model (where its PGA is already small).
ASB14_MAGNITUDE_RANGE = (4.0, 8.0)

MECHANISMS = ("normal", "reverse", "strike_slip")

# Soil classes of EN 1998-1:2004 (Eurocode 8), Table 3.1, by Vs30 (m/s): A > 800 (rock),
# B 360–800, C 180–360, D < 180. Each class is represented by a Vs30 inside its range (mid-
# range for B and C), which ASB14's own site term turns into an amplification of rock PGA.
SOIL_CLASSES = ("A", "B", "C", "D")
SOIL_CLASS_CODES: Mapping[str, int] = MappingProxyType(
    {name: code for code, name in enumerate(SOIL_CLASSES, start=1)}
)
SOIL_CLASS_VS30: Mapping[str, float] = MappingProxyType({"A": 900.0, "B": 580.0, "C": 270.0, "D": 150.0})
_CLASS_UPPER_VS30 = ((180.0, "D"), (360.0, "C"), (800.0, "B"))

# Vs30 from topographic slope, active tectonic regions: Allen, T. I. & Wald, D. J. (2009),
# "On the use of high-resolution topographic data as a proxy for seismic site conditions
# (VS30)", BSSA 99(2A): 935–943, Table 2; calibrated on 30″ slopes, the GLOBE DEM's own
# resolution. Rows: (Vs30 low, Vs30 high, slope low, slope high), slope in m/m; log-log
# interpolation inside a row, capped to 180–900 m/s as in the USGS global Vs30 map.
ALLEN_WALD_ACTIVE = (
    (180.0, 240.0, 3.0e-4, 3.5e-3),
    (240.0, 300.0, 3.5e-3, 0.010),
    (300.0, 360.0, 0.010, 0.018),
    (360.0, 490.0, 0.018, 0.050),
    (490.0, 620.0, 0.050, 0.10),
    (620.0, 760.0, 0.10, 0.14),
)
VS30_PROXY_RANGE = (180.0, 900.0)

SITE_NOTE = Note("earthquake.site_slope")


def asb14_ln_pga_rock(
    *,
    magnitude: float,
    repi_km: np.ndarray,
    mechanism: str,
    coefficients: Mapping[str, float] = ASB14_REPI_PGA,
) -> np.ndarray:
    """ln PGA (g) on reference rock (Vs30 = 750 m/s): ASB14 equation (2a)/(2b).

    `repi_km` is the distance of the coefficient set: R_epi for ASB14_REPI_PGA, R_JB for
    ASB14_RJB_PGA.
    """
    c = coefficients
    if mechanism not in MECHANISMS:
        raise ValueError(f"mechanism must be one of {MECHANISMS}, got {mechanism!r}")
    dm = magnitude - c["c1"]
    # Below the hinge magnitude the linear magnitude term uses a2, above it a7.
    linear = c["a2"] * dm if magnitude <= c["c1"] else c["a7"] * dm
    quadratic = c["a3"] * (8.5 - magnitude) ** 2
    style = c["a8"] if mechanism == "normal" else c["a9"] if mechanism == "reverse" else 0.0
    slope = c["a4"] + c["a5"] * dm
    r = np.asarray(repi_km, dtype=np.float64)
    return c["a1"] + linear + quadratic + style + slope * np.log(np.sqrt(r * r + c["a6"] ** 2))


def asb14_ln_site_amplification(*, vs30: np.ndarray | float, pga_rock: np.ndarray | float) -> np.ndarray:
    """ln S of ASB14 equation (3a)–(3c): nonlinear below V_ref, linear up to V_con, constant above."""
    c = ASB14_REPI_PGA
    vs30 = np.asarray(vs30, dtype=np.float64)
    pga_rock = np.asarray(pga_rock, dtype=np.float64)
    ratio = np.minimum(vs30, c["v_con"]) / c["v_ref"]
    linear = c["b1"] * np.log(ratio)
    ratio_n = ratio ** c["n"]
    # Soft soil amplifies weak shaking more than strong shaking: the b2 term shrinks S as
    # rock PGA grows.
    nonlinear = c["b2"] * np.log((pga_rock + c["c"] * ratio_n) / ((pga_rock + c["c"]) * ratio_n))
    return np.where(vs30 < c["v_ref"], linear + nonlinear, linear)


def pga_g(
    *,
    magnitude: float,
    repi_km: np.ndarray,
    mechanism: str,
    vs30: np.ndarray | float,
    coefficients: Mapping[str, float] = ASB14_REPI_PGA,
) -> np.ndarray:
    """Median PGA (g) at the surface: rock PGA times the site amplification for Vs30."""
    ln_rock = asb14_ln_pga_rock(
        magnitude=magnitude, repi_km=repi_km, mechanism=mechanism, coefficients=coefficients
    )
    rock = np.exp(ln_rock)
    return np.exp(ln_rock + asb14_ln_site_amplification(vs30=vs30, pga_rock=rock))


def site_amplification(*, soil_class: str, pga_rock: np.ndarray | float) -> np.ndarray:
    """PGA amplification factor of an EC8 soil class at a given rock PGA (g)."""
    return np.exp(asb14_ln_site_amplification(vs30=SOIL_CLASS_VS30[soil_class], pga_rock=pga_rock))


def vs30_from_slope(slope: np.ndarray) -> np.ndarray:
    """Vs30 (m/s) from slope (m/m) by the Allen & Wald (2009) active-tectonic table."""
    slope = np.maximum(np.asarray(slope, dtype=np.float64), 1e-6)
    log_slope = np.log(slope)
    rows = np.log(np.array(ALLEN_WALD_ACTIVE))
    # Rows are contiguous in slope, so the row is found by the upper slope bound; beyond the
    # first and last rows the end rows are extrapolated, then capped.
    index = np.clip(np.searchsorted(rows[:, 3], log_slope), 0, len(rows) - 1)
    v_low, v_high, s_low, s_high = (rows[index, k] for k in range(4))
    ln_vs30 = v_low + (v_high - v_low) * (log_slope - s_low) / (s_high - s_low)
    return np.clip(np.exp(ln_vs30), *VS30_PROXY_RANGE)


def soil_class_from_vs30(vs30: np.ndarray) -> np.ndarray:
    """EC8 soil class code (1 = A … 4 = D) for Vs30 values."""
    vs30 = np.asarray(vs30, dtype=np.float64)
    codes = np.full(vs30.shape, SOIL_CLASS_CODES["A"], dtype=np.uint8)
    for upper, name in reversed(_CLASS_UPPER_VS30):
        codes[vs30 < upper] = SOIL_CLASS_CODES[name]
    return codes


# Wells, D. L. & Coppersmith, K. J. (1994), "New empirical relationships among magnitude,
# rupture length, rupture width, rupture area and surface displacement", BSSA 84(4): 974–1002,
# Table 2A, normal faults: log10(RLD km) = −1.88 + 0.50 M (subsurface rupture length),
# log10(RW km) = −1.14 + 0.35 M (down-dip rupture width).
WELLS_COPPERSMITH_NORMAL = {"length": (-1.88, 0.50), "width": (-1.14, 0.35)}
WELLS_COPPERSMITH_SOURCE = "Wells & Coppersmith (1994), BSSA 84(4), Table 2A, normal faults (RLD, RW)"


def wells_coppersmith_km(magnitude: float) -> tuple[float, float]:
    """(subsurface rupture length, down-dip width) in km for a normal-fault earthquake of magnitude Mw."""
    (la, lb), (wa, wb) = WELLS_COPPERSMITH_NORMAL["length"], WELLS_COPPERSMITH_NORMAL["width"]
    return 10 ** (la + lb * magnitude), 10 ** (wa + wb * magnitude)


@dataclass(frozen=True)
class PlanarRupture:
    """A rectangular fault plane in METRIC_CRS: the top edge's midpoint, strike, dip, length, width, top depth.

    Aki & Richards convention: looking along the strike, the plane dips to the right. Only its
    surface projection matters to R_JB: a rectangle from the top edge's projection out by
    top_depth/tan(dip) to (top_depth + W·sin dip)/tan(dip) in the dip direction.
    """

    centre_x: float
    centre_y: float
    strike_deg: float
    dip_deg: float
    length_km: float
    width_km: float
    top_depth_km: float = 0.0

    def __post_init__(self) -> None:
        if not 0 < self.dip_deg <= 90:
            raise ValueError("dip must be in (0, 90] degrees")
        if self.length_km <= 0 or self.width_km <= 0 or self.top_depth_km < 0:
            raise ValueError("length and width must be positive, the top depth ≥ 0")

    def _axes(self) -> tuple[np.ndarray, np.ndarray]:
        strike = math.radians(self.strike_deg)
        along = np.array([math.sin(strike), math.cos(strike)])  # east, north components
        dip_dir = np.array([along[1], -along[0]])  # strike + 90°
        return along, dip_dir

    def projection_extent_m(self) -> tuple[float, float]:
        """(near, far) horizontal offset of the surface projection from the top trace, in metres."""
        dip = math.radians(self.dip_deg)
        if self.dip_deg >= 90:
            return 0.0, 0.0
        near = self.top_depth_km * 1000.0 / math.tan(dip)
        far = near + self.width_km * 1000.0 * math.cos(dip)
        return near, far

    def rjb_km(self, *, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        """Joyner–Boore distance (km): to the plane's surface projection, 0 above the rupture."""
        along, dip_dir = self._axes()
        dx = np.asarray(x, dtype=np.float64) - self.centre_x
        dy = np.asarray(y, dtype=np.float64) - self.centre_y
        u = dx * along[0] + dy * along[1]
        v = dx * dip_dir[0] + dy * dip_dir[1]
        half = self.length_km * 500.0
        near, far = self.projection_extent_m()
        du = np.maximum(np.abs(u) - half, 0.0)
        dv = np.maximum(np.maximum(near - v, v - far), 0.0)
        return np.hypot(du, dv) / 1000.0

    def corners_metric(self) -> list[tuple[float, float]]:
        """The surface projection's four corners (METRIC_CRS), for maps."""
        along, dip_dir = self._axes()
        half = self.length_km * 500.0
        near, far = self.projection_extent_m()
        far = max(far, near + 1.0)  # a vertical fault: draw a thin strip
        centre = np.array([self.centre_x, self.centre_y])
        return [
            tuple(centre + s * half * along + d * dip_dir)
            for s, d in ((-1, near), (1, near), (1, far), (-1, far))
        ]


@dataclass(frozen=True, eq=False)
class EarthquakeModel:
    """A scenario earthquake (magnitude, epicentre in METRIC_CRS, mechanism) and the soil-class field."""

    magnitude: float
    epicentre_x: float
    epicentre_y: float
    mechanism: str
    soil_classes: CoarseField  # EC8 class codes 1–4
    notes: tuple[Note, ...] = (SITE_NOTE,)
    rupture: PlanarRupture | None = None  # a finite rupture: R_JB model; None: point source, R_epi

    @classmethod
    def from_terrain(
        cls,
        *,
        magnitude: float,
        epicentre_x: float,
        epicentre_y: float,
        mechanism: str,
        terrain: Terrain,
        soil_class: str | None = None,
        rupture: PlanarRupture | None = None,
    ) -> EarthquakeModel:
        """Soil classes from the terrain's slope (or one class everywhere when `soil_class` is given)."""
        elevation = terrain.elevation
        if soil_class is None:
            codes = soil_class_from_vs30(vs30_from_slope(terrain.slope().values))
            note = SITE_NOTE
        else:
            codes = np.full(elevation.shape, SOIL_CLASS_CODES[soil_class], dtype=np.uint8)
            note = Note("earthquake.site_class", {"soil_class": soil_class})
        return cls(
            magnitude=magnitude,
            epicentre_x=epicentre_x,
            epicentre_y=epicentre_y,
            mechanism=mechanism,
            soil_classes=CoarseField(codes, elevation.left, elevation.top, elevation.cell_size_m),
            notes=(note,),
            rupture=rupture,
        )

    @property
    def note(self) -> str:
        """The notes in the core's English."""
        return english(self.notes)

    @property
    def coefficients(self) -> Mapping[str, float]:
        return ASB14_REPI_PGA if self.rupture is None else ASB14_RJB_PGA

    def distance_km(self, *, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        """R_JB to the rupture's surface projection, or R_epi for a point source."""
        if self.rupture is not None:
            return self.rupture.rjb_km(x=x, y=y)
        return np.hypot(x - self.epicentre_x, y - self.epicentre_y) / 1000.0

    def pga(self, *, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        """Median surface PGA (g) at points."""
        # Planar distance in UTM 34N: at Sofia (2.3° east of the central meridian) the scale
        # error is below 0.05 %, far inside the GMPE's scatter.
        vs30 = _CODE_VS30[self.soil_classes.nearest(x, y)]
        return pga_g(
            magnitude=self.magnitude,
            repi_km=self.distance_km(x=x, y=y),
            mechanism=self.mechanism,
            vs30=vs30,
            coefficients=self.coefficients,
        )

    def soil_class_at(self, *, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        """EC8 soil class code (1 = A … 4 = D) at points."""
        return self.soil_classes.nearest(x, y)


# Vs30 by class code, index 0 unused.
_CODE_VS30 = np.array([math.nan] + [SOIL_CLASS_VS30[name] for name in SOIL_CLASSES])
