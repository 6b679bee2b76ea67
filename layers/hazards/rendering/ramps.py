"""Colour ramps of the risk rasters, one per layer and hazard, shared by the tiles, the legend and the PDF.

Classes, not smooth gradients: a reader matches a colour to a class in the legend. A value
takes the colour of the highest stop it reaches; below the first stop, and at nodata, the
pixel is transparent. People per cell are shown per hectare, so the colours mean the same at
every cell size.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

CLASSES = "classes"
CATEGORIES = "categories"
HECTARE_M2 = 10_000.0


@dataclass(frozen=True)
class Stop:
    value: float
    colour: str
    label: object = None  # a category's name (lazy text); classes are labelled by their range


@dataclass(frozen=True)
class Ramp:
    title: object
    units: object
    type: str
    stops: tuple[Stop, ...]
    per_hectare: bool = False  # values are persons per cell: divide by the cell's hectares
    as_percent: bool = False  # values are shares 0–1, labelled in %
    note: object = None

    def scale(self, cell_size_m: float) -> float:
        """Factor from stored values to the ramp's units."""
        return HECTARE_M2 / (cell_size_m * cell_size_m) if self.per_hectare else 1.0

    def colourise(self, values: np.ndarray, *, nodata: float | None = None, scale: float = 1.0) -> np.ndarray:
        """RGBA (uint8) for an array of stored values; transparent at nodata, NaN and below the first stop."""
        values = np.asarray(values, dtype=np.float64)
        valid = np.isfinite(values)
        if nodata is not None and not math.isnan(nodata):
            valid &= values != nodata
        scaled = np.where(valid, values * scale, -np.inf)
        palette = np.array([_rgba(stop.colour) for stop in self.stops] + [(0, 0, 0, 0)], dtype=np.uint8)
        thresholds = np.array([stop.value for stop in self.stops])
        if self.type == CATEGORIES:
            index = np.full(values.shape, len(self.stops), dtype=np.intp)
            for position, threshold in enumerate(thresholds):
                index[scaled == threshold] = position
        else:
            index = np.searchsorted(thresholds, scaled, side="right") - 1
            index[index < 0] = len(self.stops)
        return palette[index]

    def legend(self) -> dict:
        """JSON-ready legend: title, units, type and one entry per colour, labelled in the active language."""
        entries = []
        for position, stop in enumerate(self.stops):
            if self.type == CATEGORIES:
                label = str(stop.label)
                upper = None
            else:
                upper = self.stops[position + 1].value if position + 1 < len(self.stops) else None
                label = self._range_label(stop.value, upper)
            entries.append({"value": stop.value, "upper": upper, "colour": stop.colour, "label": label})
        return {
            "title": str(self.title),
            "units": str(self.units),
            "type": self.type,
            "stops": entries,
            "transparent": str(_("No data, outside the municipality or below the first class: transparent.")),
            "note": str(self.note) if self.note else "",
        }

    def _range_label(self, low: float, high: float | None) -> str:
        def number(value: float) -> str:
            value = round(value * 100 if self.as_percent else value, 6)
            return number_format(int(value) if value.is_integer() else value, use_l10n=True)

        suffix = "%" if self.as_percent else str(self.units)
        if high is None:
            return str(_("%(low)s and more %(units)s")) % {"low": number(low), "units": suffix}
        return f"{number(low)}–{number(high)} {suffix}"


def _rgba(colour: str) -> tuple[int, int, int, int]:
    colour = colour.lstrip("#")
    return (int(colour[0:2], 16), int(colour[2:4], 16), int(colour[4:6], 16), 255)


INDICATIVE = _("Modelled from a 1 km elevation model: indicative only, not an official hazard map.")

# PGA classes at the MMI thresholds of Wald et al. (1999): V 0.039 g, VI 0.092, VII 0.18, VIII 0.34, IX 0.65.
EARTHQUAKE_PGA = Ramp(
    title=_("Peak ground acceleration (PGA, median)"),
    units="g",
    type=CLASSES,
    stops=(
        Stop(0.039, "#ffffb2"),
        Stop(0.092, "#fecc5c"),
        Stop(0.18, "#fd8d3c"),
        Stop(0.34, "#f03b20"),
        Stop(0.65, "#bd0026"),
    ),
    note=_("Classes start at the intensities V, VI, VII, VIII and IX (MMI, Wald et al. 1999)."),
)
FLOOD_DEPTH = Ramp(
    title=_("Flood depth (modelled)"),
    units=_("m"),
    type=CLASSES,
    stops=(
        Stop(0.01, "#c6dbef"),
        Stop(0.5, "#9ecae1"),
        Stop(1.0, "#6baed6"),
        Stop(2.0, "#3182bd"),
        Stop(3.0, "#08519c"),
    ),
    note=INDICATIVE,
)
LANDSLIDE_CLASSES = Ramp(
    title=_("Landslide susceptibility"),
    units=_("class"),
    type=CATEGORIES,
    stops=(
        Stop(1, "#1a9850", _("very low")),
        Stop(2, "#91cf60", _("low")),
        Stop(3, "#fee08b", _("moderate")),
        Stop(4, "#fc8d59", _("high")),
        Stop(5, "#d73027", _("very high")),
    ),
    note=INDICATIVE,
)
INDUSTRIAL_ZONES = Ramp(
    title=_("Industrial accident zones (ERG2020)"),
    units=_("zone"),
    type=CATEGORIES,
    stops=(
        Stop(1, "#fdae61", _("protective-action zone: shelter in place")),
        Stop(2, "#d7191c", _("isolation zone: evacuation")),
    ),
)
PEOPLE_AFFECTED = Ramp(
    title=_("People affected (needing shelter)"),
    units=_("persons/ha"),
    type=CLASSES,
    stops=(
        Stop(0.1, "#fee5d9"),
        Stop(1.0, "#fcae91"),
        Stop(5.0, "#fb6a4a"),
        Stop(20.0, "#de2d26"),
        Stop(50.0, "#a50f15"),
    ),
    per_hectare=True,
)
POPULATION = Ramp(
    title=_("Population (census 2011 spread by GHS-POP)"),
    units=_("persons/ha"),
    type=CLASSES,
    stops=(
        Stop(1.0, "#f1eef6"),
        Stop(10.0, "#bdc9e1"),
        Stop(30.0, "#74a9cf"),
        Stop(60.0, "#2b8cbe"),
        Stop(100.0, "#045a8d"),
    ),
    per_hectare=True,
)
EARTHQUAKE_DAMAGE = Ramp(
    title=_("Buildings with extensive or complete damage"),
    units=_("share of buildings"),
    type=CLASSES,
    stops=(
        Stop(0.01, "#fee6ce"),
        Stop(0.05, "#fdae6b"),
        Stop(0.10, "#fd8d3c"),
        Stop(0.20, "#e6550d"),
        Stop(0.40, "#a63603"),
    ),
    as_percent=True,
)
FLOOD_DAMAGE = Ramp(
    title=_("Flood damage ratio of residential buildings (JRC)"),
    units=_("of the replacement value"),
    type=CLASSES,
    stops=(
        Stop(0.01, "#fee6ce"),
        Stop(0.25, "#fdae6b"),
        Stop(0.40, "#fd8d3c"),
        Stop(0.60, "#e6550d"),
        Stop(0.75, "#a63603"),
    ),
    as_percent=True,
    note=INDICATIVE,
)

_HAZARD = {
    "earthquake": EARTHQUAKE_PGA,
    "flood": FLOOD_DEPTH,
    "landslide": LANDSLIDE_CLASSES,
    "industrial": INDUSTRIAL_ZONES,
}
_DAMAGE = {"earthquake": EARTHQUAKE_DAMAGE, "flood": FLOOD_DAMAGE}


def ramp_for(*, layer: str, kind: str) -> Ramp:
    """The ramp of a raster layer of a scenario of this hazard kind (KeyError when there is none)."""
    if layer == "hazard":
        return _HAZARD[kind]
    if layer == "impact":
        return PEOPLE_AFFECTED
    if layer == "population":
        return POPULATION
    if layer == "damage":
        return _DAMAGE[kind]
    raise KeyError(layer)


LAYER_TITLES = {
    "hazard": _("Hazard"),
    "impact": _("People affected"),
    "population": _("Population"),
    "damage": _("Building damage"),
}
