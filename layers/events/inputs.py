"""What the assessment reads from the other layers, as plain inputs for risk_models.events.

Every lookup is an index-backed `intersects` against the event's footprint grown by the
search distance (built in metres, UTM 34N, then moved to storage WGS 84); exact distances
are measured afterwards in metres by the pure checks.

Layers that do not exist yet are found by convention when they are registered:
- risk zones: any polygon layer of the "risk" theme;
- camera coverage: any polygon layer of the "surveillance" theme (the cameras' fields of
  view; rows with a `status` field count only when "online"); camera positions for the
  opinion's map: any point layer of that theme.
"""

from __future__ import annotations

from django.db.models import Q
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
from layers.models import Theme
from layers.registry import LayerSpec, all_specs
from risk_models.events.conflicts import Footprint
from risk_models.events.proximity import Site
from risk_models.events.routes import Street

EVENT_GEOMETRY_FIELDS = ("perimeter", "route", "assembly_point", "dispersal_point")
STREET_LAYER = TRANSIT_LAYER  # outside the centre


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


def streets_near(area):
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
    return [
        spec
        for spec in all_specs()
        if spec.theme == Theme.RISK and spec.geometry_model_field.geom_type in ("POLYGON", "MULTIPOLYGON")
    ]


def risk_zones(footprint, specs: list[LayerSpec]) -> list[Site]:
    area = from_metric(footprint.buffer(1))
    zones = []
    for spec in specs:
        for zone in spec.model.objects.filter(**{f"{spec.geometry_field}__intersects": area}):
            kind = str(getattr(zone, "hazard", "") or getattr(zone, "kind", "") or spec.title_bg)
            zones.append(
                Site(
                    (spec.slug, zone.pk),
                    zone.name or spec.title_bg,
                    kind,
                    to_metric(getattr(zone, spec.geometry_field)),
                )
            )
    return zones


def _surveillance_spec(geom_types: tuple[str, ...]) -> LayerSpec | None:
    return next(
        (
            spec
            for spec in all_specs()
            if spec.theme == Theme.SURVEILLANCE and spec.geometry_model_field.geom_type in geom_types
        ),
        None,
    )


def camera_spec() -> LayerSpec | None:
    """The layer of the cameras' fields of view, once the surveillance capability has one."""
    return _surveillance_spec(("POLYGON", "MULTIPOLYGON"))


def camera_position_spec() -> LayerSpec | None:
    return _surveillance_spec(("POINT",))


def camera_views(footprint, spec: LayerSpec) -> list[tuple[str | None, object]]:
    """(DORI level or None, field of view in metres) of the online cameras that reach the footprint."""
    field = spec.geometry_field
    names = {f.name for f in spec.model._meta.get_fields()}
    queryset = spec.model.objects.filter(**{f"{field}__intersects": from_metric(footprint.buffer(1))})
    if "status" in names:
        queryset = queryset.filter(status="online")
    return [
        (getattr(view, "level", None) if "level" in names else None, to_metric(getattr(view, field)))
        for view in queryset
    ]
