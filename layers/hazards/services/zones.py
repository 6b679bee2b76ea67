"""Publish a scenario's hazard above a chosen level as polygons in the "hazard-zones" layer (theme risk).

The mass-events assessment's risk_zones check reads every polygon layer of the risk theme, so an
event planned inside a published flood or landslide zone is flagged. Polygons are traced from
the hazard raster at an overview of at most ZONE_MAX_PIXELS on its long side, simplified by one
overview cell, and stored in lon/lat.
"""

from __future__ import annotations

import math

import numpy as np
import rasterio
import shapely
import shapely.ops
from django.contrib.gis.geos import GEOSGeometry, MultiPolygon
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from pyproj import Transformer
from rasterio.enums import Resampling
from rasterio.features import shapes

from geo_platform.crs import STORAGE_SRID
from geo_platform.errors import InvalidParameter
from geo_platform.events import layer_reloaded
from layers.hazards import selectors
from layers.hazards.models import HazardKind, HazardZone, Scenario
from layers.hazards.permissions import ensure_can_use_risk_models
from layers.models import Layer

ZONE_LAYER = "hazard-zones"
ZONE_MAX_PIXELS = 2000
# The level a zone starts at when none is chosen: flood depth 0.5 m (where wading becomes
# dangerous, ASSUMPTION after the usual 0.5 m hazard-to-people threshold), landslide class high,
# industrial any zone, earthquake 0.25 g (MMI VIII, Wald et al. 1999).
DEFAULT_LEVELS = {"flood": 0.5, "landslide": 4.0, "industrial": 1.0, "earthquake": 0.25}
UNITS = {"flood": "m", "landslide": "class", "industrial": "zone level", "earthquake": "g"}
MAX_LEVELS = {"flood": 20.0, "landslide": 5.0, "industrial": 2.0, "earthquake": 5.0}


def publish_zones(*, user, scenario: Scenario, level: float | None = None) -> HazardZone | None:
    """Store the area where the scenario's hazard ≥ level (replacing its earlier zone); None when empty."""
    ensure_can_use_risk_models(user)
    path = selectors.raster_path(scenario, "hazard")
    kind = scenario.kind
    level = DEFAULT_LEVELS[kind] if level is None else float(level)
    if not (math.isfinite(level) and 0 < level <= MAX_LEVELS[kind]):
        raise InvalidParameter(
            _("The zone level must be above 0 and at most %(max)s %(units)s.")
            % {"max": MAX_LEVELS[kind], "units": UNITS[kind]},
            parameter="level",
            reason="out of range",
        )
    area = _trace(path, level=level)
    with transaction.atomic():
        HazardZone.objects.filter(scenario=scenario).delete()
        zone = None
        if area is not None:
            zone = HazardZone.objects.create(
                scenario=scenario,
                hazard=kind,
                level=level,
                units=UNITS[kind],
                name=f"{HazardKind(kind).label} ≥ {level:g} {UNITS[kind]}: {scenario.name}"[:255],
                note=_("Modelled, indicative; from scenario %(id)s.") % {"id": scenario.pk},
                area=area,
                source="risk_scenarios",
                external_id=str(scenario.pk),
            )
        Layer.objects.filter(slug=ZONE_LAYER).update(last_change_at=timezone.now())
        transaction.on_commit(lambda: layer_reloaded.send(sender=Layer, layer=ZONE_LAYER))
    return zone


def unpublish_zones(*, user, scenario: Scenario) -> None:
    ensure_can_use_risk_models(user)
    with transaction.atomic():
        HazardZone.objects.filter(scenario=scenario).delete()
        transaction.on_commit(lambda: layer_reloaded.send(sender=Layer, layer=ZONE_LAYER))


def _trace(path, *, level: float) -> MultiPolygon | None:
    with rasterio.open(path) as dataset:
        factor = max(1, math.ceil(max(dataset.width, dataset.height) / ZONE_MAX_PIXELS))
        height, width = math.ceil(dataset.height / factor), math.ceil(dataset.width / factor)
        values = dataset.read(
            1, out_shape=(height, width), masked=True, resampling=Resampling.nearest
        ).astype(np.float64)
        transform = dataset.transform * dataset.transform.scale(
            dataset.width / width, dataset.height / height
        )
        crs = dataset.crs
    inside = np.asarray(values.filled(-np.inf) >= level)
    if not inside.any():
        return None
    polygons = [
        shapely.geometry.shape(geometry)
        for geometry, value in shapes(inside.astype(np.uint8), mask=inside, transform=transform)
        if value == 1
    ]
    merged = shapely.union_all(polygons).simplify(abs(transform.a), preserve_topology=True)
    to_lonlat = Transformer.from_crs(crs, f"EPSG:{STORAGE_SRID}", always_xy=True)
    merged = shapely.make_valid(shapely.ops.transform(to_lonlat.transform, merged))
    parts = [g for g in getattr(merged, "geoms", [merged]) if g.geom_type in ("Polygon", "MultiPolygon")]
    if not parts:
        return None
    geometry = GEOSGeometry(
        shapely.to_wkb(
            shapely.MultiPolygon([p for part in parts for p in getattr(part, "geoms", [part])])
        ).hex(),
        srid=STORAGE_SRID,
    )
    return geometry
