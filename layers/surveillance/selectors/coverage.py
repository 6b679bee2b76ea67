"""Coverage of a target at each DORI level, the coverage lost in an outage, and who sees a point.

All three read the process's stored fields of view (selectors/state.py): no field of view
is computed per request.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

from geo_platform.crs import METRIC_SRID, STORAGE_SRID, UnknownCRS, parse_crs
from geo_platform.errors import InvalidParameter
from layers.surveillance.errors import core_errors
from layers.surveillance.permissions import ensure_can_see_cameras
from layers.surveillance.selectors.state import (
    ONLINE,
    ONLINE_AND_PLANNED,
    CameraInfo,
    CameraView,
    current_state,
)
from layers.surveillance.selectors.targets import Target, resolve_target
from risk_models.surveillance import (
    LEVELS,
    CoverageReport,
    DoriLevel,
    OutageImpact,
    Sighting,
    coverage_of,
    outage_impact,
    xy_to_metric,
)
from risk_models.surveillance.projection import transformer


def statuses(include_planned: bool) -> frozenset[str]:
    return ONLINE_AND_PLANNED if include_planned else ONLINE


@dataclass
class CoverageResult:
    target: Target
    include_planned: bool
    report: CoverageReport
    view: CameraView


@dataclass
class OutageResult:
    target: Target
    include_planned: bool
    impact: OutageImpact
    offline: list[int]
    view: CameraView


def coverage(
    *, user, target: dict, include_planned: bool = False, levels: Sequence[str] = ()
) -> CoverageResult:
    """Share of the target seen at each DORI level by online (and, if asked, planned) cameras."""
    ensure_can_see_cameras(user)
    resolved = resolve_target(user, target)
    view = current_state().view(statuses(include_planned))
    with core_errors():
        report = coverage_of(
            target=resolved.geometry, fields=view.field_set, levels=[DoriLevel(v) for v in levels] or LEVELS
        )
    return CoverageResult(target=resolved, include_planned=include_planned, report=report, view=view)


def outage(
    *, user, target: dict, cameras: Sequence[int], include_planned: bool = False, levels: Sequence[str] = ()
) -> OutageResult:
    """What the target loses at each level if `cameras` go offline (the others unchanged)."""
    ensure_can_see_cameras(user)
    resolved = resolve_target(user, target)
    state = current_state()
    unknown = sorted(set(cameras) - set(state.cameras))
    if unknown:
        raise InvalidParameter(
            _("There are no cameras with ids %(ids)s.") % {"ids": ", ".join(map(str, unknown[:20]))},
            parameter="cameras",
        )
    view = state.view(statuses(include_planned))
    with core_errors():
        impact = outage_impact(
            target=resolved.geometry,
            fields=view.field_set,
            offline=list(cameras),
            levels=[DoriLevel(v) for v in levels] or LEVELS,
        )
    return OutageResult(
        target=resolved,
        include_planned=include_planned,
        impact=impact,
        offline=sorted(set(cameras)),
        view=view,
    )


def point_to_metric(*, x: float, y: float, crs: str | None) -> tuple[float, float]:
    """A point given in WGS 84 (default) or another supported CRS, as UTM 34N metres."""
    try:
        srid = parse_crs(crs, default=STORAGE_SRID)
    except UnknownCRS as error:
        raise InvalidParameter(str(error), parameter="crs") from None
    if srid == STORAGE_SRID:
        if not (-180 <= x <= 180 and -90 <= y <= 90):
            raise InvalidParameter(
                _("lon/lat %(x)s, %(y)s are not WGS 84 degrees.") % {"x": x, "y": y}, parameter="lon"
            )
        mx, my = xy_to_metric(lon=x, lat=y)
        return float(mx), float(my)
    if srid == METRIC_SRID:
        return x, y
    mx, my = transformer(source_srid=srid, target_srid=METRIC_SRID).transform(x, y)
    return float(mx), float(my)


def who_sees(
    *, user, x: float, y: float, crs: str | None = None, include_planned: bool = False
) -> list[tuple[Sighting, CameraInfo]]:
    """The cameras whose stored field of view covers the point, best DORI level first."""
    ensure_can_see_cameras(user)
    mx, my = point_to_metric(x=x, y=y, crs=crs)
    view = current_state().view(statuses(include_planned))
    return [(sighting, view.cameras[sighting.camera_id]) for sighting in view.who_sees.query(x=mx, y=my)]
