"""A scenario's inputs, frozen: the data files copied into its folder and the layers' sites and rivers
written to inputs.json, so that a re-run reads exactly what the first run read.

The files come from SHARED_DATA_DIR (districts, census, DEM, GHS-POP); sites from the platform's
layers (schools, hospitals, critical sites, shelters) and the river lines from `rivers`. The
demo flag of each site (the shelters are demo data) goes into the core's Site.demo and on to
every output.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import rasterio
import shapely
from django.conf import settings
from django.utils import timezone

from layers.hazards import conf, storage
from layers.hazards.errors import InputsChanged
from layers.infrastructure.models import CriticalSite, Hospital, River, School, SchoolKind
from layers.models import DEMO_SOURCE, Layer
from layers.shelters.models import Shelter
from risk_models.hazards import (
    BuildingFootprint,
    HazardousSite,
    InputDataError,
    LandslideZone,
    ScenarioInputs,
    Site,
    load_districts,
)
from risk_models.hazards.hashing import file_digest
from risk_models.hazards.prepared import MODEL_VERSION

MANIFEST = "inputs.json"
MANIFEST_VERSION = 2
CORE_SITE_FIELDS = ("site_id", "kind", "lon", "lat", "fragility", "occupants", "capacity", "demo")
OPTIONAL_SITE_FIELDS = ("floor_area_m2",)


@dataclass(frozen=True)
class FrozenInputs:
    """The core's inputs, the manifest they were read from and the sites' descriptions by site_id."""

    inputs: ScenarioInputs
    manifest: dict
    sites: dict[str, dict]
    folder: Path


# --- collecting ----------------------------------------------------------------------------------


def _site(
    layer: str,
    pk: int,
    *,
    name: str,
    kind: str,
    subkind: str,
    position,
    defaults,
    source: str,
    capacity: float = 0.0,
) -> dict:
    return {
        "site_id": f"{layer}:{pk}",
        "layer": layer,
        "name": name,
        "kind": kind,
        "subkind": subkind,
        "lon": float(position.x),
        "lat": float(position.y),
        "fragility": defaults.fragility,
        "occupants": float(defaults.occupants),
        "capacity": float(capacity),
        "demo": source == DEMO_SOURCE,
    }


def collect_sites() -> list[dict]:
    """Every school, hospital, critical site and usable shelter, in a stable order."""
    sites = []
    for school in School.objects.order_by("pk"):
        defaults = conf.KINDERGARTEN if school.kind == SchoolKind.KINDERGARTEN else conf.SCHOOL
        sites.append(
            _site(
                "schools",
                school.pk,
                name=school.name,
                kind="school",
                subkind=school.kind,
                position=school.position,
                defaults=defaults,
                source=school.source,
            )
        )
    for hospital in Hospital.objects.order_by("pk"):
        sites.append(
            _site(
                "hospitals",
                hospital.pk,
                name=hospital.name,
                kind="hospital",
                subkind=hospital.kind,
                position=hospital.position,
                defaults=conf.HOSPITAL,
                source=hospital.source,
            )
        )
    for site in CriticalSite.objects.order_by("pk"):
        sites.append(
            _site(
                "critical-sites",
                site.pk,
                name=site.name,
                kind="critical_infrastructure",
                subkind=site.sector,
                position=site.position,
                defaults=conf.CRITICAL_SITE,
                source=site.source,
            )
        )
    # Temporary accommodation for the displaced: school buildings (halls, gyms), with the demo
    # floor area of conf.SCHOOL_ACCOMMODATION_M2 (places = area ÷ Sphere space per person).
    for school in School.objects.exclude(kind=SchoolKind.KINDERGARTEN).order_by("pk"):
        row = _site(
            "temporary-accommodation",
            school.pk,
            name=school.name,
            kind="accommodation",
            subkind="school_hall",
            position=school.position,
            defaults=conf.ACCOMMODATION,
            source=DEMO_SOURCE,  # the floor area is invented
        )
        row["floor_area_m2"] = conf.SCHOOL_ACCOMMODATION_M2
        sites.append(row)
    # Civil-defence shelters (КСЗ) are reported under the hazard, not offered to the displaced.
    for shelter in Shelter.objects.filter(status__in=conf.USABLE_SHELTER_STATUSES).order_by("pk"):
        sites.append(
            _site(
                "shelters",
                shelter.pk,
                name=shelter.name,
                kind="civil_defence",
                subkind=shelter.kind,
                position=shelter.position,
                defaults=conf.SHELTER,
                source=shelter.source,
                capacity=shelter.capacity,
            )
        )
    return sites


def collect_buildings() -> list[list]:
    """Real building footprints (not demo blocks) as [lon, lat, footprint m², levels, height m].

    Floor area = footprint × floors: the OSM levels where present, else floors from the height,
    else one floor (the core says how many of each it used).
    """
    from django.contrib.gis.db.models.functions import Area, Centroid, Transform

    from geo_platform.crs import METRIC_SRID
    from layers.surveillance.models import Building

    rows = (
        Building.objects.exclude(source=DEMO_SOURCE)
        .annotate(centre=Centroid("footprint"), metric_area=Area(Transform("footprint", METRIC_SRID)))
        .order_by("pk")
        .values_list("centre", "metric_area", "levels", "height_m")
    )
    return [
        [round(centre.x, 7), round(centre.y, 7), round(area.sq_m, 2), levels, height]
        for centre, area, levels, height in rows
    ]


def collect_rivers() -> list[str]:
    """The river lines as hex WKB (lon/lat, exact), one per part."""
    lines = []
    for river in River.objects.order_by("pk"):
        lines.extend(bytes(part.wkb).hex() for part in river.course)
    return lines


def _sanitised_population(source: Path, target: Path) -> None:
    """GHS-POP with its NaN cells (all outside the municipality, no nodata declared) written as 0.

    The core reads the raster's declared nodata only; NaN cells would otherwise leak into the
    resampled density on some grids and stop the run.
    """
    with rasterio.open(source) as dataset:
        profile = dataset.profile
        values = dataset.read(1)
    with rasterio.open(target, "w", **profile) as out:
        out.write(np.nan_to_num(values, nan=0.0), 1)


def _data_versions(files: dict) -> dict[str, str]:
    versions = {"census": conf.CENSUS_COLUMN, "model": MODEL_VERSION}
    for key, item in files.items():
        versions[f"file:{key}"] = item["source_sha256"][:16]
    for slug, changed in Layer.objects.filter(slug__in=conf.INPUT_LAYERS).values_list(
        "slug", "last_change_at"
    ):
        versions[f"layer:{slug}"] = changed.isoformat()
    return versions


def freeze_inputs(*, folder: Path, request_inputs: dict) -> str:
    """Copy the data files into `folder`, write the manifest; return the manifest's SHA-256."""
    shared = Path(settings.SHARED_DATA_DIR)
    staging = folder.with_name(folder.name + ".new")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    files = {}
    for key, relative_path in conf.DATA_FILES.items():
        source = shared / relative_path
        if key in conf.OPTIONAL_DATA_FILES and not source.exists():
            continue
        if not source.exists():
            raise InputDataError(f"{relative_path} is missing from SHARED_DATA_DIR ({shared})")
        target = staging / Path(relative_path).name
        if key == "ghs_pop":
            _sanitised_population(source, target)
        else:
            shutil.copyfile(source, target)
        files[key] = {
            "file": target.name,
            "source": relative_path,
            "source_sha256": file_digest(source),
            "sha256": file_digest(target),
        }
    imported = request_inputs.get("imported_hazard") or {}
    if imported.get("format") == "raster":
        source = storage.absolute(imported["path"])
        if not source.exists():
            raise InputDataError("the uploaded hazard raster is missing; upload it again")
        target = staging / "imported_hazard.tif"
        shutil.copyfile(source, target)
        files["imported_hazard"] = {
            "file": target.name,
            "source": imported.get("label", ""),
            "source_sha256": file_digest(source),
            "sha256": file_digest(target),
        }
    landslide_zones = list(request_inputs.get("landslide_zones", []))
    if not landslide_zones:
        landslide_zones = demo_landslide_zones()
    manifest = {
        "version": MANIFEST_VERSION,
        "collected_at": timezone.now().isoformat(),
        "census_column": conf.CENSUS_COLUMN,
        "files": files,
        "data_versions": _data_versions(files),
        "sites": collect_sites(),
        "rivers": collect_rivers(),
        "buildings": collect_buildings(),
        "hazardous_sites": list(request_inputs.get("hazardous_sites", [])),
        "landslide_zones": landslide_zones,
        "imported_zones": list(imported.get("zones", [])) if imported.get("format") == "zones" else [],
        "imported_label": imported.get("label", ""),
    }
    (staging / MANIFEST).write_text(
        json.dumps(manifest, ensure_ascii=False, sort_keys=True), encoding="utf-8"
    )
    # Swap the new folder in whole, so a half-written one is never read.
    old = folder.with_name(folder.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if folder.exists():
        os.replace(folder, old)
    os.replace(staging, folder)
    shutil.rmtree(old, ignore_errors=True)
    return file_digest(folder / MANIFEST)


def demo_landslide_zones() -> list[dict]:
    """The known landslide areas shipped as DEMO polygons (Bankya, the road to Pasarel)."""
    collection = json.loads(conf.DEMO_LANDSLIDE_ZONES.read_text(encoding="utf-8"))
    return [
        {
            "zone_id": feature["properties"]["zone_id"],
            "geometry": feature["geometry"],
            "susceptibility": int(feature["properties"]["susceptibility"]),
            "demo": True,
        }
        for feature in collection["features"]
    ]


# --- reading back ---------------------------------------------------------------------------------


def load_frozen(*, folder: Path, expected_sha256: str) -> FrozenInputs:
    """The core's ScenarioInputs from a frozen folder, after checking every digest."""
    manifest_path = folder / MANIFEST
    if not manifest_path.exists():
        raise InputsChanged(f"{manifest_path} is missing")
    if file_digest(manifest_path) != expected_sha256:
        raise InputsChanged(f"{manifest_path} differs from the one the scenario was first run with")
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    paths = {}
    for key, item in manifest["files"].items():
        path = folder / item["file"]
        if not path.exists() or file_digest(path) != item["sha256"]:
            raise InputsChanged(f"{path} is missing or changed")
        paths[key] = str(path)
    districts = load_districts(
        boundaries_path=paths["districts"],
        population_csv_path=paths["population_csv"],
        census_column=manifest["census_column"],
    )
    sites = [
        Site(
            **{name: item[name] for name in CORE_SITE_FIELDS},
            **{name: item[name] for name in OPTIONAL_SITE_FIELDS if name in item},
        )
        for item in manifest["sites"]
    ]
    rivers = [shapely.from_wkb(text) for text in manifest["rivers"]]
    names: list[str | None] = [None] * len(rivers)
    if "rivers_osm" in paths:
        for feature in json.loads(Path(paths["rivers_osm"]).read_text(encoding="utf-8"))["features"]:
            rivers.append(shapely.geometry.shape(feature["geometry"]))
            names.append(feature["properties"].get("name"))
    inputs = ScenarioInputs(
        dem_path=paths["dem"],
        population_raster_path=paths["ghs_pop"],
        districts=districts,
        rivers=rivers,
        river_names=names,
        fine_dem_path=paths.get("fine_dem"),
        imported_raster_path=paths.get("imported_hazard"),
        imported_zones=[
            (shapely.geometry.shape(item["geometry"]), float(item["value"]))
            for item in manifest.get("imported_zones", [])
        ],
        imported_label=manifest.get("imported_label", ""),
        buildings=[
            BuildingFootprint(lon=lon, lat=lat, footprint_m2=area, levels=levels, height_m=height)
            for lon, lat, area, levels, height in manifest.get("buildings", [])
        ],
        sites=sites,
        hazardous_sites=[HazardousSite(**item) for item in manifest["hazardous_sites"]],
        landslide_zones=[
            LandslideZone(
                zone_id=item["zone_id"],
                geometry=shapely.geometry.shape(item["geometry"]),
                susceptibility=item["susceptibility"],
            )
            for item in manifest["landslide_zones"]
        ],
    )
    return FrozenInputs(
        inputs=inputs,
        manifest=manifest,
        sites={item["site_id"]: item for item in manifest["sites"]},
        folder=folder,
    )
