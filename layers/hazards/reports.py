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
from layers.hazards import conf, model_notes, selectors, tables
from layers.hazards.assumption_texts import localised
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
        "Ground shaking: Akkar, Sandıkkaya & Bommer (2014), median PGA (R_JB model for a finite rupture, whose "
        "geometry is illustrative); soil class from slope (a proxy, not a microzonation). Damage and casualties: "
        "HAZUS-MH fragility curves and indoor casualty rates; the split of the building stock is an assumption."
    ),
    "flood": gettext_lazy(
        "Flood depth modelled (HAND) from the 160 m elevation model where it covers and the 1 km one elsewhere, "
        "with the OpenStreetMap rivers; stage per reach from a synthetic rating curve — planning assumption, not "
        "gauged. Indicative only, not an official flood map. Damage: JRC depth–damage curves (Huizinga et al. 2017)."
    ),
    "landslide": gettext_lazy(
        "Landslide susceptibility from slope where the elevation model resolves it (160 m), known areas as demo "
        "polygons; elsewhere NOT ASSESSED, which is not 'no risk'. Indicative only."
    ),
    "industrial": gettext_lazy(
        "Zones by the Emergency Response Guidebook 2024: isolation and fire evacuation in all directions (people "
        "evacuated), toxic protective-action zones downwind; the operator's safety-report zones where given."
    ),
}
HEADLINE_LABELS = {
    "people_affected": gettext_lazy("Displaced"),
    "shelter_need": gettext_lazy("Seeking temporary accommodation"),
    "buildings_damaged": gettext_lazy("Buildings with extensive or complete damage"),
    "deaths_night": gettext_lazy("Deaths (night)"),
    "injuries_night": gettext_lazy("Injured (night)"),
    "deaths_day": gettext_lazy("Deaths (day)"),
    "injuries_day": gettext_lazy("Injured (day)"),
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
            "Walking distance to temporary accommodation is a straight line of %(radius)s m (assumption); places hit by the hazard offer none."
        )
        % {"radius": _plain(scenario.parameters["walk_radius_m"])},
    ]
    if "temporary-accommodation" in scenario.result.get("demo_layers", []):
        items.append(
            _(
                "Temporary accommodation: school halls with a demo floor area; accommodation figures show the "
                "method only."
            )
        )
    items.extend(
        model_notes.render(note) for note in scenario.result.get("notes", []) if model_notes.is_demo(note)
    )
    return items


def headline_lines(scenario: Scenario) -> list[str]:
    """Every headline number with its 16th–84th percentile band (or a note that there is none)."""
    result = scenario.result or {}
    totals, bands = result.get("totals", {}), result.get("bands")
    keys = [key for key in HEADLINE_LABELS if key in totals]
    if scenario.kind != "earthquake":
        keys = [key for key in keys if not key.startswith(("deaths", "injuries"))]
    lines = []
    for key in keys:
        label = str(HEADLINE_LABELS[key])
        if bands and key in bands:
            band = bands[key]
            lines.append(
                _(
                    "%(label)s: %(value)s (16th–84th percentile %(low)s–%(high)s, median of realisations %(mid)s)"
                )
                % {
                    "label": label,
                    "value": _number(totals[key]),
                    "low": _number(band["p16"]),
                    "high": _number(band["p84"]),
                    "mid": _number(band["p50"]),
                }
            )
        else:
            lines.append(
                _("%(label)s: %(value)s (single modelled value, no percentile band)")
                % {"label": label, "value": _number(totals[key])}
            )
    uncertainty = result.get("uncertainty") or {}
    if uncertainty.get("note"):
        lines.append(model_notes.render(uncertainty["note"]))
    if scenario.kind == "landslide" and "people_not_assessed" in totals:
        lines.append(
            _("Residents where landslide hazard is not assessed (elevation model too coarse): %(n)s")
            % {"n": _number(totals["people_not_assessed"])}
        )
    return lines


def reach_lines(scenario: Scenario) -> list[str]:
    """Flood stage per named river, each with "planning assumption, not gauged"."""
    period = str(scenario.parameters.get("return_period_years") or "")
    lines = []
    for reach in (scenario.result or {}).get("flood_reaches", []):
        stage = reach["stages_m"].get(period)
        if stage is None:
            continue
        lines.append(
            _("%(river)s: stage %(low)s–%(high)s m (%(years)s-year) — planning assumption, not gauged")
            % {
                "river": reach["name"],
                "low": number_format(stage["min"], decimal_pos=1, use_l10n=True),
                "high": number_format(stage["max"], decimal_pos=1, use_l10n=True),
                "years": period,
            }
        )
    return lines


def assumption_lines(scenario: Scenario) -> list[str]:
    lines = []
    for item in localised((scenario.result or {}).get("assumptions", [])):
        basis = _("assumption") if item["basis"] == "assumption" else _("source")
        value = item["value"]
        if isinstance(value, dict | list):
            value = ""
        lines.append(
            f"[{basis}] {item['key']}{f' = {value}' if value != '' else ''} {item['unit']}: {item['text']}"
        )
    return lines


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
        _("Displaced"),
        _("Buildings badly damaged"),
        _("Deaths (night)"),
        _("Injured (night)"),
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
        "deaths_night",
        "injuries_night",
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
                *(_number(row.get(key)) for key in keys),
                *(_number(row.get(f"equipment_{item}", 0)) for item in items),
            ]
        )
    totals = scenario.result["totals"]
    rows.append(
        [
            "",
            _("Total"),
            *(_number(totals.get(key)) for key in keys),
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
        notes=headline_lines(scenario) + notes(scenario),
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
        table_notes=headline_lines(scenario)
        + reach_lines(scenario)
        + notes(scenario)
        + assumption_lines(scenario),
    )
