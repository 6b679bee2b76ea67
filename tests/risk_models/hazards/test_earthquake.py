"""Ground shaking: the ASB14 GMPE and its site term against hand computations from the published coefficients."""

from __future__ import annotations

import math

import numpy as np
import pytest

from risk_models.hazards.earthquake import (
    ASB14_REPI_PGA,
    EarthquakeModel,
    asb14_ln_pga_rock,
    asb14_ln_site_amplification,
    pga_g,
    site_amplification,
    soil_class_from_vs30,
    vs30_from_slope,
)
from risk_models.hazards.field import CoarseField


def test_asb14_rock_pga_by_hand():
    # Mw 6.5, R_epi 10 km, normal faulting, rock (Vs30 = 750 m/s), ASB14 R_epi PGA row:
    #   a1                       =  2.52977
    #   a2 (M − c1) = 0.0029 × (6.5 − 6.75)                     = −0.000725
    #   a3 (8.5 − M)² = −0.05496 × 2²                           = −0.21984
    #   [a4 + a5 (M − c1)] ln √(R² + a6²)
    #     = (−1.31001 + 0.2529 × −0.25) × ln √(100 + 56.25)
    #     = −1.373235 × ln 12.5 = −1.373235 × 2.5257286         = −3.4684190
    #   a8 (normal)                                             = −0.1091
    #   ln PGA = −1.2683140  →  PGA = 0.28131 g
    ln_pga = asb14_ln_pga_rock(magnitude=6.5, repi_km=np.array([10.0]), mechanism="normal")[0]
    assert ln_pga == pytest.approx(-1.2683140, abs=2e-6)
    assert math.exp(ln_pga) == pytest.approx(0.28131, abs=1e-5)


def test_asb14_magnitude_hinge_and_mechanisms():
    # Above c1 = 6.75 the linear magnitude term uses a7 = −0.5096 instead of a2:
    # M 7.0 at R 0: a1 + a7·0.25 + a3·1.5² + (a4 + a5·0.25)·ln 7.5 (strike-slip, no style term).
    expected = 2.52977 - 0.5096 * 0.25 - 0.05496 * 2.25 + (-1.31001 + 0.2529 * 0.25) * math.log(7.5)
    assert asb14_ln_pga_rock(magnitude=7.0, repi_km=np.array([0.0]), mechanism="strike_slip")[
        0
    ] == pytest.approx(expected)
    reverse = asb14_ln_pga_rock(magnitude=7.0, repi_km=np.array([0.0]), mechanism="reverse")[0]
    assert reverse - expected == pytest.approx(ASB14_REPI_PGA["a9"])


def test_site_amplification_by_hand():
    # Vs30 = V_ref: no amplification. Above V_con = 1000 the linear term is capped:
    # exp(b1 ln(1000/750)) = exp(−0.41997 × 0.2876821) = exp(−0.1208178) = 0.886195.
    assert float(asb14_ln_site_amplification(vs30=750.0, pga_rock=0.3)) == 0.0
    assert math.exp(float(asb14_ln_site_amplification(vs30=1000.0, pga_rock=0.3))) == pytest.approx(
        0.886195, abs=1e-6
    )
    assert float(asb14_ln_site_amplification(vs30=1500.0, pga_rock=0.3)) == float(
        asb14_ln_site_amplification(vs30=1000.0, pga_rock=0.3)
    )
    # Class C (Vs30 = 270 m/s) under rock PGA 0.2 g:
    #   ratio = 0.36, ln 0.36 = −1.0216512, ratio^3.2 = exp(−3.2692840) = 0.0380336
    #   b1 term = −0.41997 × −1.0216512                       =  0.4290629
    #   b2 term = −0.28846 × ln[(0.2 + 2.5 × 0.0380336) / (2.7 × 0.0380336)]
    #           = −0.28846 × ln(0.2950841 / 0.1026909) = −0.28846 × 1.0555374 = −0.3044803
    #   ln S = 0.1245826  →  S = 1.13268
    assert float(site_amplification(soil_class="C", pga_rock=0.2)) == pytest.approx(1.13268, abs=1e-5)
    # Soft soil amplifies strong shaking less than weak shaking (the nonlinear b2 term).
    assert float(site_amplification(soil_class="D", pga_rock=0.5)) < float(
        site_amplification(soil_class="D", pga_rock=0.05)
    )


def test_surface_pga_is_rock_pga_times_amplification():
    rock = math.exp(asb14_ln_pga_rock(magnitude=6.5, repi_km=np.array([10.0]), mechanism="normal")[0])
    surface = pga_g(magnitude=6.5, repi_km=np.array([10.0]), mechanism="normal", vs30=270.0)[0]
    assert surface == pytest.approx(rock * float(site_amplification(soil_class="C", pga_rock=rock)))


def test_vs30_from_slope_follows_allen_wald_table():
    # Row boundaries of the active-tectonic table map exactly; beyond it the 180–900 m/s caps hold.
    slopes = np.array([0.05, 0.0035, 0.018, 1e-6, 0.5])
    assert vs30_from_slope(slopes) == pytest.approx([490.0, 240.0, 360.0, 180.0, 900.0])
    # Inside a row: log-log interpolation, e.g. slope √(0.05 × 0.10) sits halfway: √(490 × 620).
    assert vs30_from_slope(np.array([math.sqrt(0.005)]))[0] == pytest.approx(math.sqrt(490.0 * 620.0))


def test_soil_class_from_vs30_uses_ec8_bounds():
    # EC8 Table 3.1: A ≥ 800, B 360–800, C 180–360, D < 180 (codes 1–4).
    assert soil_class_from_vs30(np.array([900.0, 800.0, 799.0, 360.0, 359.0, 180.0, 179.0])).tolist() == [
        1,
        1,
        2,
        2,
        3,
        3,
        4,
    ]


def test_model_pga_depends_on_distance_and_class():
    classes = CoarseField(np.array([[2, 3]], dtype=np.uint8), left=0.0, top=100.0, cell_size_m=100.0)
    model = EarthquakeModel(
        magnitude=6.0, epicentre_x=0.0, epicentre_y=50.0, mechanism="normal", soil_classes=classes
    )
    # Two points 10 km from the epicentre: one beyond the class-B cell (580 m/s), one beyond
    # the class-C cell (270 m/s); edge cells extend outward.
    x = np.array([-8000.0, 10000.0])
    y = np.array([50.0 + 6000.0, 50.0])
    got = model.pga(x=x, y=y)
    assert got[0] == pytest.approx(
        pga_g(magnitude=6.0, repi_km=np.array([10.0]), mechanism="normal", vs30=580.0)[0]
    )
    assert got[1] == pytest.approx(
        pga_g(magnitude=6.0, repi_km=np.array([10.0]), mechanism="normal", vs30=270.0)[0]
    )
