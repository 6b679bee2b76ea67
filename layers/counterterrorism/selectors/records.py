"""Reads of sites, surveys and findings (for users the permissions already let in)."""

from __future__ import annotations

import shapely
from django.utils.translation import gettext as _

from geo_platform.errors import NotFound
from layers.counterterrorism.models import Finding, ProtectedSite, Survey
from layers.counterterrorism.selectors.places import latest_index_subquery
from layers.events.models import MassEvent
from risk_models.surveillance import to_metric


def site_list():
    return (
        ProtectedSite.objects.select_related("critical_site")
        .annotate(latest_index=latest_index_subquery())
        .order_by("category", "name")
    )


def get_site(pk: int) -> ProtectedSite:
    site = site_list().filter(pk=pk).first()
    if site is None:
        raise NotFound(_("There is no site %(id)s.") % {"id": pk})
    return site


def surveys_of(site: ProtectedSite):
    return (
        Survey.objects.filter(site=site)
        .select_related("surveyor")
        .prefetch_related("items__evidence", "findings")
    )


def get_survey(pk: int) -> Survey:
    survey = (
        Survey.objects.select_related("site", "surveyor")
        .prefetch_related("items__evidence", "findings")
        .filter(pk=pk)
        .first()
    )
    if survey is None:
        raise NotFound(_("There is no survey %(id)s.") % {"id": pk})
    return survey


def get_finding(pk: int) -> Finding:
    finding = Finding.objects.filter(pk=pk).first()
    if finding is None:
        raise NotFound(_("There is no finding %(id)s.") % {"id": pk})
    return finding


def open_findings():
    return Finding.objects.filter(status="open").select_related("survey__site").order_by("deadline")


def get_event(pk: int) -> MassEvent:
    event = MassEvent.objects.filter(pk=pk).first()
    if event is None:
        raise NotFound(_("There is no event %(id)s.") % {"id": pk})
    return event


def metric(geometry) -> shapely.Geometry:
    return to_metric(shapely.from_wkb(bytes(geometry.wkb)))


def source_of(data: dict, *, for_perimeter: bool) -> tuple[shapely.Geometry, str]:
    """The metric geometry and label of a point, drawn perimeter, site or event."""
    if data.get("point") is not None:
        return metric(data["point"]), _("point on the map")
    if data.get("perimeter") is not None:
        geometry = metric(data["perimeter"])
        return geometry, _("drawn perimeter")
    if data.get("site") is not None:
        site = get_site(data["site"])
        if site.footprint is not None:
            return metric(site.footprint), site.name
        return metric(site.position), site.name
    event = get_event(data["event"])
    if event.perimeter is None:
        from geo_platform.errors import InvalidParameter

        raise InvalidParameter(_("Event %(id)s has no perimeter.") % {"id": event.pk}, parameter="event")
    return metric(event.perimeter), event.name
