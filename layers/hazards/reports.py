"""The content of the PDF risk map, in the active language: title, notes, sources, the district table."""

from __future__ import annotations

import shapely
from django.contrib.gis.db.models.functions import Transform
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from pyproj import Transformer

from geo_platform.crs import METRIC_SRID, SRID_NAMES, STORAGE_SRID
from layers.administrative.models import District
from layers.hazards import conf, selectors, tables
from layers.hazards.models import HazardKind, Scenario
from layers.hazards.rendering.pdf_map import MapDocument
from layers.hazards.rendering.ramps import ramp_for
from layers.infrastructure.models import River
from layers.models import DEMO_SOURCE, Layer

EQUIPMENT_LABELS = {
    "emergency_kit": gettext_lazy("Emergency kits"),
    "respirator": gettext_lazy("Respirators"),
}
KIND_NOTES = {
    "earthquake": gettext_lazy(
        "Ground shaking: Akkar, Sandıkkaya & Bommer (2014), median PGA; soil class from slope on the 1 km "
        "elevation model (a proxy, not a microzonation). Damage: HAZUS-MH fragility curves; the split of the "
        "building stock is an assumption."
    ),
    "flood": gettext_lazy(
        "Flood depth modelled from the 1 km elevation model and the schematic Iskar line (HAND): indicative "
        "only, not an official flood map. Damage: JRC depth–damage curves (Huizinga et al. 2017)."
    ),
    "landslide": gettext_lazy(
        "Landslide susceptibility from slope on the 1 km elevation model: indicative only."
    ),
    "industrial": gettext_lazy(
        "Circular zones by substance class (ERG2020); no dispersion modelling, wind not considered."
    ),
}


def equipment_label(item: str) -> str:
    return str(EQUIPMENT_LABELS.get(item, item))


def _plain(value) -> str:
    """A parameter as written: 500 rather than 500,0; decimals with the language's separator."""
    value = float(value)
    return number_format(int(value) if value.is_integer() else value, use_l10n=True)


def _number(value) -> str:
    if value is None:
        return "–"
    return number_format(round(float(value)), force_grouping=True, use_l10n=True)


def describe_parameters(scenario: Scenario) -> str:
    parameters = scenario.parameters
    parts = [str(HazardKind(scenario.kind).label)]
    if scenario.kind == "earthquake":
        parts.append(
            _("Mw %(magnitude)s, epicentre %(lon)s° E %(lat)s° N")
            % {
                "magnitude": _plain(parameters["magnitude"]),
                "lon": number_format(parameters["epicentre_lon"], decimal_pos=3, use_l10n=True),
                "lat": number_format(parameters["epicentre_lat"], decimal_pos=3, use_l10n=True),
            }
        )
    if scenario.kind == "flood":
        parts.append(_("return period %(years)s years") % {"years": parameters["return_period_years"]})
    parts.append(_("cell %(cell)s m") % {"cell": _plain(parameters["cell_size_m"])})
    parts.append(_("shelters within %(radius)s m") % {"radius": _plain(parameters["walk_radius_m"])})
    return "; ".join(parts)


def notes(scenario: Scenario) -> list[str]:
    items = [
        str(KIND_NOTES[scenario.kind]),
        _("Population: the 2011 census by district, spread within each district by GHS-POP 2020 density."),
        _(
            "Walking distance to shelters is a straight line of %(radius)s m; shelters hit by the hazard offer no places."
        )
        % {"radius": _plain(scenario.parameters["walk_radius_m"])},
    ]
    if "shelters" in scenario.result.get("demo_layers", []):
        items.append(
            _(
                "Shelters are demo data (no shelter register is available): shelter figures show the method only."
            )
        )
    return items


def sources() -> list[str]:
    """The data files' attributions, then each input layer's from the catalogue (demo layers say so)."""
    items = [str(item) for item in conf.FILE_ATTRIBUTIONS]
    slugs = ("rivers", *conf.SITE_LAYERS)
    layers = {
        slug: (title, attribution, source)
        for slug, title, attribution, source in Layer.objects.filter(slug__in=slugs).values_list(
            "slug", "title_bg", "attribution", "source"
        )
    }
    for slug in slugs:
        title, attribution, source = layers.get(slug, (slug, "", ""))
        if source == DEMO_SOURCE or not attribution:
            attribution = " ".join(filter(None, (attribution, _("demo data"))))
        items.append(f"{title}: {attribution}")
    return items


def district_table(scenario: Scenario) -> tuple[list[str], list[list[str]]]:
    items = tables.equipment_items(scenario)
    header = [
        _("Code"),
        _("District"),
        _("Population"),
        _("People exposed"),
        _("People affected (need shelter)"),
        _("Buildings badly damaged"),
        _("Sites hit"),
        _("Shelter places"),
        _("Sheltered within walking distance"),
        _("Shelter deficit"),
        *(equipment_label(item) for item in items),
    ]
    keys = (
        "population",
        "people_exposed",
        "people_affected",
        "buildings_damaged",
        "critical_sites_hit",
        "shelter_capacity",
        "sheltered_within_walk",
        "shelter_deficit",
    )
    rows = []
    for row in tables.flat_district_rows(scenario):
        rows.append(
            [
                row["code"],
                row["name"],
                *(_number(row[key]) for key in keys),
                *(_number(row.get(f"equipment_{item}", 0)) for item in items),
            ]
        )
    totals = scenario.result["totals"]
    rows.append(
        [
            "",
            _("Total"),
            *(_number(totals[key]) for key in keys),
            *(_number(totals.get("equipment", {}).get(item, 0)) for item in items),
        ]
    )
    return header, rows


def markers(scenario: Scenario) -> list[tuple[float, float, str]]:
    """The epicentre, or the hazardous sites, in METRIC_CRS with their labels."""
    to_metric = Transformer.from_crs(f"EPSG:{STORAGE_SRID}", f"EPSG:{METRIC_SRID}", always_xy=True)
    points = []
    if scenario.kind == "earthquake":
        lon, lat = scenario.parameters["epicentre_lon"], scenario.parameters["epicentre_lat"]
        points.append((lon, lat, _("epicentre")))
    for site in scenario.request_inputs.get("hazardous_sites", []):
        points.append((site["lon"], site["lat"], site["site_id"]))
    return [(*to_metric.transform(lon, lat), label) for lon, lat, label in points]


def map_document(scenario: Scenario, *, layer: str) -> MapDocument:
    ramp = ramp_for(layer=layer, kind=scenario.kind)
    districts = [
        (code, shapely.from_wkb(bytes(geometry.wkb)))
        for code, geometry in District.objects.annotate(metric=Transform("boundary", METRIC_SRID))
        .order_by("code")
        .values_list("code", "metric")
    ]
    rivers = [
        shapely.from_wkb(bytes(geometry.wkb))
        for geometry in River.objects.annotate(metric=Transform("course", METRIC_SRID)).values_list(
            "metric", flat=True
        )
    ]
    header, rows = district_table(scenario)
    now = timezone.localtime()
    return MapDocument(
        title=_("Risk map: %(name)s") % {"name": scenario.name},
        subtitle=describe_parameters(scenario),
        date_text=_("Date: %(date)s") % {"date": date_format(now, "d.m.Y")},
        raster_path=selectors.raster_path(scenario, layer),
        ramp=ramp,
        scale=ramp.scale(float(scenario.parameters["cell_size_m"])),
        legend=selectors.legend(scenario, layer),
        crs_name=_("Coordinate system: %(name)s (EPSG:%(srid)s)")
        % {"name": SRID_NAMES[METRIC_SRID], "srid": METRIC_SRID},
        metric_crs=f"EPSG:{METRIC_SRID}",
        storage_crs=f"EPSG:{STORAGE_SRID}",
        districts=districts,
        rivers=rivers,
        markers=markers(scenario),
        notes=notes(scenario),
        sources=sources(),
        footer=_(
            "Sofia Municipality, Security Directorate — scenario %(id)s, inputs %(inputs)s, results %(results)s, "
            "printed %(printed)s"
        )
        % {
            "id": scenario.pk,
            "inputs": scenario.inputs_hash[:12],
            "results": scenario.results_hash[:12],
            "printed": date_format(now, "d.m.Y H:i"),
        },
        table_title=_("Results by district: %(name)s") % {"name": scenario.name},
        table_header=header,
        table_rows=rows,
        table_notes=notes(scenario),
    )
