"""The model notes as data: a stable key and its parameters, with an English rendering.

The core says what a result rests on (the ground-motion model, the elevation model, the
rating curve…) as `Note`s rather than sentences, so that an interface can word them in its
own language (keyed by `Note.key`, filled with `Note.params`); `Note.text` is the core's own
English, used in raster metadata, benchmarks and tests. Parameters are JSON-ready and already
rounded to what the sentence shows, so every rendering says the same numbers.

Keys are stable: results stored by earlier runs hold them. Add a key rather than change the
meaning of one.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

# English of each note; `str.format` fields are the note's parameters.
ENGLISH: Mapping[str, str] = MappingProxyType(
    {
        "earthquake.gmpe_point": "PGA by Akkar, Sandıkkaya & Bommer (2014), point source, R_epi model, median.",
        "earthquake.gmpe_rupture": (
            "PGA by Akkar, Sandıkkaya & Bommer (2014), finite planar rupture {length_km:.1f} × "
            "{width_km:.1f} km, strike {strike_deg:g}°, dip {dip_deg:g}°, top at {top_depth_km:g} km "
            "(ILLUSTRATIVE geometry; length and width by Wells & Coppersmith 1994), R_JB model, median."
        ),
        "earthquake.site_slope": (
            "Soil class from topographic slope (Allen & Wald 2009) on the 1 km DEM unless a class is "
            "given: a proxy, not a microzonation."
        ),
        "earthquake.site_class": "Soil class {soil_class} everywhere (given by the scenario).",
        "terrain.globe": (
            "Modelled from the GLOBE 1 km DEM resampled (bilinear): flood and landslide results at this "
            "resolution are indicative only."
        ),
        "terrain.composite": (
            "Elevation: the {fine_resolution_m:.0f} m DEM (Terrain Tiles: SRTM / EU-DEM) on {share_pct:g}% "
            "of the terrain grid, the GLOBE 1 km DEM elsewhere, blended over {seam_m:g} m at the seam; "
            "flood and landslide results are indicative only."
        ),
        "terrain.grid": "Modelled from a {cell_size_m:g} m elevation grid.",
        "flood.return_period": "{years}-year flood.",
        "flood.modelled": "Modelled flood depth (HAND from DEM and river lines), not an official flood map.",
        "flood.flat_stage": "Flat stage by return period (planning assumption, not gauged).",
        "flood.rating_curve": (
            "Stage per reach from a synthetic rating curve (planning assumption, not gauged): Q = "
            "{q100:g}·A^{area_exponent:g} m³/s × growth ({growth}); W = {width_coefficient:g}·Q^0.5; "
            "Manning n = {manning_n:g}, slope ≥ {min_slope:g}; stage {min_stage_m:g}–{max_stage_m:g} m."
        ),
        "landslide.slope_classes": (
            "Susceptibility from slope classes where the DEM resolves slopes (cells of ≤ "
            "{max_resolution_m:g} m) and known zones; elsewhere NOT ASSESSED (not 'no risk')."
        ),
        "industrial.erg_zones": (
            "Industrial zones for the {case} case by Emergency Response Guidebook 2024 (US DOT PHMSA / "
            "Transport Canada / SCT / CIQUIME); downwind zones toward {downwind_deg:.0f}° (wind from "
            "{wind_from_deg:.0f}° at {wind_speed_ms:g} m/s, ERG wind band {wind_band}); no dispersion "
            "modelling."
        ),
        "imported.raster": (
            "Hazard imported from an uploaded raster, not modelled; it covers {covered_pct:g}% of the "
            "analysis area, cells outside it count as 0."
        ),
        "imported.raster_named": (
            "Hazard imported from an uploaded raster ({label}), not modelled; it covers {covered_pct:g}% "
            "of the analysis area, cells outside it count as 0."
        ),
        "imported.zones": "Hazard imported from uploaded zones ({count} polygons), not modelled.",
        "imported.zones_named": "Hazard imported from uploaded zones ({label}) ({count} polygons), not modelled.",
        "uncertainty.monte_carlo": (
            "Monte Carlo over the ground-motion model's between-event (τ) and within-event (φ, one draw "
            "per district) sigma and the fragility capacity dispersion (β = {fragility_beta:g}, "
            "ASSUMPTION); fixed seed; 16th/50th/84th percentiles. The 50th percentile of a sum differs a "
            "little from the sum at median shaking shown in the tables."
        ),
        "uncertainty.none": (
            "No uncertainty model for this hazard yet: the numbers are single modelled values (no "
            "percentile band)."
        ),
    }
)


@dataclass(frozen=True)
class Note:
    """One model note: a key of `ENGLISH` and the values its sentence is filled with."""

    key: str
    params: Mapping[str, str | int | float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.key not in ENGLISH:
            raise KeyError(f"unknown note key {self.key!r}")
        object.__setattr__(self, "params", MappingProxyType(dict(self.params)))

    @property
    def text(self) -> str:
        """The note in the core's English."""
        return ENGLISH[self.key].format(**self.params)

    def as_dict(self) -> dict:
        """JSON-ready: key, parameters and the English text (for readers that know no key)."""
        return {"key": self.key, "params": dict(self.params), "text": self.text}


def english(notes: Iterable[Note]) -> str:
    """The notes as one English paragraph."""
    return " ".join(note.text for note in notes)


__all__ = ["ENGLISH", "Note", "english"]
