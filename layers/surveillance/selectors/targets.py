"""What an analysis looks at: a district, any visible area or line feature, an event, or a drawing.

Targets are resolved through the layers' own selectors, so a user only analyses what they
may see. With `streets`, the target becomes the street network inside the area; the
platform has no real street network (SOURCES.md), so the surface public-transport routes
stand in for the main streets, and the answer says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.gis.geos import GEOSGeometry
from django.utils.translation import gettext as _

from geo_platform.errors import InvalidParameter, NotFound
from layers import selectors as layer_selectors
from layers.geometry import check_geometry
from layers.registry import LayerNotRegistered, get_spec
from layers.surveillance import queries
from layers.surveillance.errors import core_errors
from layers.surveillance.geometry import is_polygonal, metric_of
from risk_models.surveillance import street_network

DISTRICTS = "districts"
EVENT_LAYERS = {"perimeter": "event-perimeters", "route": "event-routes"}
TARGET_TYPES = ("Polygon", "MultiPolygon", "LineString", "MultiLineString")


@dataclass
class Target:
    """A resolved target: its geometry in metres (for the core) and in WGS 84 (for queries)."""

    kind: str
    label: str
    geometry: object  # shapely, UTM 34N: the area or lines analysed
    storage: GEOSGeometry  # WGS 84, the area (or line) as given
    notes: list[str] = field(default_factory=list)
    crs_read: str | None = None
    reference: dict = field(default_factory=dict)

    @property
    def measure(self) -> str:
        return "area" if is_polygonal(self.geometry) else "length"

    def describe(self) -> dict:
        return {
            "kind": self.kind,
            "label": self.label,
            "measure": self.measure,
            "notes": self.notes,
            **({"crs_read": self.crs_read} if self.crs_read else {}),
            **self.reference,
        }


def _feature_geometry(user, slug: str, feature_id: int) -> tuple[str, GEOSGeometry]:
    _layer, spec = layer_selectors.get_visible_layer(user, slug)
    instance = layer_selectors.get_feature(spec, feature_id, user=user)
    geometry = getattr(instance, spec.geometry_field)
    if geometry is None or geometry.empty:
        raise InvalidParameter(
            _("Feature %(id)s of layer '%(layer)s' has no geometry to analyse.")
            % {"id": feature_id, "layer": slug},
            parameter="target",
        )
    if geometry.geom_type not in TARGET_TYPES:
        raise InvalidParameter(
            _("Layer '%(layer)s' holds %(type)s features; coverage needs areas or lines.")
            % {"layer": slug, "type": geometry.geom_type},
            parameter="target.layer",
        )
    return str(instance), geometry


def _district(user, code: str) -> Target:
    _layer, spec = layer_selectors.get_visible_layer(user, DISTRICTS)
    district = spec.queryset_for(user).filter(code=code).first()
    if district is None:
        raise NotFound(_("There is no district with code %(code)s (01–24).") % {"code": code})
    return Target(
        kind="district",
        label=district.name,
        geometry=metric_of(district.boundary),
        storage=district.boundary,
        reference={"district": code},
    )


def _layer_feature(user, slug: str, feature_id: int, *, kind: str = "feature") -> Target:
    label, geometry = _feature_geometry(user, slug, feature_id)
    return Target(
        kind=kind,
        label=label,
        geometry=metric_of(geometry),
        storage=geometry,
        reference={"layer": slug, "id": feature_id},
    )


def _event(user, event_id: int, part: str) -> Target:
    slug = EVENT_LAYERS[part]
    try:
        get_spec(slug)
    except LayerNotRegistered:
        raise InvalidParameter(
            _(
                "Events are not available on this platform; send the perimeter or route as GeoJSON 'geometry'."
            ),
            parameter="target.event",
        ) from None
    return _layer_feature(user, slug, event_id, kind=f"event_{part}")


def _drawn(geometry: dict, crs: str | None) -> Target:
    checked = check_geometry(geometry, accepted_types=TARGET_TYPES, query_crs=crs)
    report = checked.report()
    return Target(
        kind="geometry",
        label=_("Drawn area") if checked.geometry.geom_type.endswith("Polygon") else _("Drawn line"),
        geometry=metric_of(checked.geometry),
        storage=checked.geometry,
        crs_read=report["crs_read"],
    )


def _streets_inside(target: Target) -> Target:
    if not is_polygonal(target.geometry):
        raise InvalidParameter(
            _("The street network can only be taken inside an area, not along a line."), parameter="streets"
        )
    lines = queries.street_lines(within=target.storage)
    with core_errors():
        network = street_network(streets=lines, within=target.geometry)
    target.geometry = network
    target.kind = f"{target.kind}_streets"
    target.notes.append(
        _(
            "Streets: the platform has no real street network, so the surface public-transport routes "
            "(the public-transport lines layer, without the metro) stand in for the main streets; a dual carriageway "
            "counts as two lines."
        )
    )
    return target


def resolve_target(user, spec: dict) -> Target:
    """The target described by a validated AnalysisTargetSerializer's data."""
    if spec.get("district"):
        target = _district(user, spec["district"])
    elif spec.get("layer"):
        target = _layer_feature(user, spec["layer"], spec["id"])
    elif spec.get("event") is not None:
        target = _event(user, spec["event"], spec.get("part") or "perimeter")
    else:
        target = _drawn(spec["geometry"], spec.get("crs"))
    if spec.get("streets"):
        target = _streets_inside(target)
    return target
