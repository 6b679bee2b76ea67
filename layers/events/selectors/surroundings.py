"""What the assessment reads from the other layers, as plain inputs for risk_models.events.

Every lookup is an index-backed `intersects` against the event's footprint grown by the
search distance (built in metres, UTM 34N, then moved to storage WGS 84); exact distances
are measured afterwards in metres by the pure checks.

The layers read are named here, not discovered: the risk zones are the layers of
RISK_ZONE_LAYERS (today the zones published from risk scenarios), camera coverage is the
surveillance app's fields of view (online cameras only), camera positions its cameras.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

from django.db.models import Q
from shapely.geometry.base import BaseGeometry
from shapely.ops import unary_union

from layers.events.geometries import from_metric, search_area, to_metric
from layers.events.models import ACTIVE_STATUSES, MassEvent, StreetClosure
from layers.infrastructure.models import (
    CriticalSite,
    EmergencyStation,
    Hospital,
    School,
    Sector,
    Service,
)
from layers.infrastructure.selectors import ROADS_LAYER, TRANSIT_LAYER, roads_coverage, streets_within
from layers.registry import LayerSpec, all_specs, get_spec
from layers.surveillance.layer_specs import FIELDS_OF_VIEW
from layers.surveillance.models import Camera, CameraFieldOfView, CameraStatus
from risk_models.events.conflicts import Footprint
from risk_models.events.proximity import Site
from risk_models.events.routes import Street
from risk_models.surveillance import DoriLevel

EVENT_GEOMETRY_FIELDS = ("perimeter", "route", "assembly_point", "dispersal_point")
# Risk-zone layers the assessment reads, with the field that says a zone's kind (None: the
# layer's title). A new risk layer is added here.
RISK_ZONE_LAYERS: dict[str, str | None] = {"hazard-zones": "hazard"}
CAMERA_FIELDS_LAYER = FIELDS_OF_VIEW.slug


def event_footprint(event: MassEvent, *, with_closures: bool = False):
    """Everything the event occupies, in metres: perimeter, route, gathering points (and closures)."""
    parts = [
        to_metric(getattr(event, name)) for name in EVENT_GEOMETRY_FIELDS if getattr(event, name) is not None
    ]
    if with_closures and event.pk:
        parts.extend(to_metric(closure.segment) for closure in event.closures.all())
    return unary_union(parts) if parts else None


def other_footprints(event: MassEvent, footprint, *, distance_m: float) -> list[Footprint]:
    """Filed events and their closures near the footprint that overlap the event in time."""
    area = search_area(footprint, distance_m)
    near = Q()
    for name in EVENT_GEOMETRY_FIELDS:
        near |= Q(**{f"{name}__intersects": area})
    events = (
        MassEvent.objects.exclude(pk=event.pk)
        .filter(status__in=ACTIVE_STATUSES, start__lt=event.end, end__gt=event.start)
        .filter(near)
    )
    footprints = [
        Footprint(("event", other.pk), other.name, event_footprint(other), other.start, other.end, "event")
        for other in events
    ]
    closures = (
        StreetClosure.objects.exclude(event=event)
        .filter(
            event__status__in=ACTIVE_STATUSES,
            start__lt=event.end,
            end__gt=event.start,
            segment__intersects=area,
        )
        .select_related("event")
    )
    footprints.extend(
        Footprint(
            ("closure", closure.pk),
            f"{closure.name} — {closure.event.name}",
            to_metric(closure.segment),
            closure.start,
            closure.end,
            "closure",
        )
        for closure in closures
    )
    return footprints


def nearby_sites(footprint, *, distance_m: float) -> list[Site]:
    """Critical sites (government apart), hospitals, schools and kindergartens near the footprint."""
    area = search_area(footprint, distance_m)
    sites = []
    for site in CriticalSite.objects.filter(position__intersects=area):
        kind = "government" if site.sector == Sector.GOVERNMENT else "critical"
        sites.append(
            Site(
                ("critical-sites", site.pk),
                site.name or site.get_sector_display(),
                kind,
                to_metric(site.position),
            )
        )
    sites.extend(
        Site(("hospitals", h.pk), h.name, "hospital", to_metric(h.position))
        for h in Hospital.objects.filter(position__intersects=area)
    )
    sites.extend(
        Site(("schools", s.pk), s.name, s.kind, to_metric(s.position))
        for s in School.objects.filter(position__intersects=area)
    )
    return sites


def stations(footprint, *, search_m: float) -> list[Site]:
    return [
        Site(("emergency-stations", s.pk), _station_name(s), s.service, to_metric(s.position))
        for s in EmergencyStation.objects.filter(
            position__intersects=search_area(footprint, search_m),
            service__in=(Service.POLICE, Service.FIRE, Service.AMBULANCE),  # not the district administrations
        )
    ]


def _station_name(station) -> str:
    # Stations placed only at street, neighbourhood or district level say so where the
    # distance to them is read (position_note: "ниво улица/квартал/район: …").
    if station.position_note.startswith("ниво"):
        return f"{station.name} ({station.position_note.split(':')[0]})"
    return station.name


def streets(route, *, tolerance_m: float) -> list[Street]:
    """Streets near the route: the OSM major roads in the centre (unnamed, one per way), and
    outside their coverage the surface transit lines, one per line (both directions together),
    which follow the main streets (layers.infrastructure.selectors.streets_within)."""
    return [
        Street(piece.key, piece.name, to_metric(piece.geometry))
        for piece in streets_within(search_area(route, tolerance_m))
    ]


def streets_near(area: BaseGeometry) -> list[Any]:
    """Street pieces (WGS 84, with widths where known) meeting a metric area."""
    return streets_within(from_metric(area))


def street_sources(route, *, tolerance_m: float) -> list[str]:
    """Which layers stood in for the streets along this route ("roads", "transit-routes")."""
    area = search_area(route, tolerance_m)
    coverage = roads_coverage()
    if coverage is None or not area.intersects(coverage):
        return [TRANSIT_LAYER]
    return [ROADS_LAYER] if coverage.contains(area) else [ROADS_LAYER, TRANSIT_LAYER]


def risk_zone_specs() -> list[LayerSpec]:
    """The registered layers of RISK_ZONE_LAYERS."""
    return [get_spec(slug) for slug in RISK_ZONE_LAYERS if slug in {spec.slug for spec in all_specs()}]


def risk_zones(footprint, specs: list[LayerSpec]) -> list[Site]:
    """Zones of the given layers meeting the footprint (metres), kind from the layer's kind field."""
    area = from_metric(footprint.buffer(1))
    zones = []
    for spec in specs:
        kind_field = RISK_ZONE_LAYERS.get(spec.slug)
        for zone in spec.model.objects.filter(**{f"{spec.geometry_field}__intersects": area}):
            kind = str(getattr(zone, kind_field) if kind_field else spec.title_bg)
            zones.append(
                Site(
                    (spec.slug, zone.pk),
                    zone.name or spec.title_bg,
                    kind,
                    to_metric(getattr(zone, spec.geometry_field)),
                )
            )
    return zones


def camera_fields(target: BaseGeometry) -> dict[Hashable, dict[DoriLevel | str, BaseGeometry]]:
    """{camera id: {DORI level: field of view in metres}} of the online cameras whose fields meet
    the target (metres), for risk_models.surveillance.coverage_of."""
    views = CameraFieldOfView.objects.filter(
        status=CameraStatus.ONLINE, field_of_view__intersects=from_metric(target.buffer(1))
    ).only("camera_id", "level", "field_of_view")
    fields: dict[Hashable, dict[DoriLevel | str, BaseGeometry]] = {}
    for view in views:
        fields.setdefault(view.camera_id, {})[view.level] = to_metric(view.field_of_view)
    return fields


def camera_positions(area):
    """Positions (metres) of the cameras inside a metric area, for the opinion's map."""
    return [
        to_metric(camera.position) for camera in Camera.objects.filter(position__intersects=from_metric(area))
    ]
