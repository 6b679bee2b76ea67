"""Security surveys: the checklist with scores, reasons and evidence, findings on the map and
their follow-up until closed. The protective-measures index is computed by the core."""

from __future__ import annotations

import datetime as dt

from django.contrib.gis.geos import GEOSGeometry
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from geo_platform.errors import Conflict, InvalidParameter
from layers.counterterrorism.errors import core_errors
from layers.counterterrorism.layer_specs import FINDINGS
from layers.counterterrorism.models import Evidence, Finding, FindingStatus, ProtectedSite, Survey, SurveyItem
from layers.models import Layer
from layers.services import record_feature_change
from risk_models.counterterrorism import protective_index

MAX_PHOTO_BYTES = 10 * 1024 * 1024
PHOTO_TYPES = {"image/jpeg", "image/png", "image/webp"}


@transaction.atomic
def record_survey(
    *, user, site: ProtectedSite, surveyed_on: dt.date, items: list[dict], notes: str = ""
) -> Survey:
    scores = {item["area"]: item.get("score") for item in items}
    with core_errors():
        index = protective_index(scores)
    survey = Survey.objects.create(
        site=site, surveyed_on=surveyed_on, surveyor=user, notes=notes, protective_index=index
    )
    SurveyItem.objects.bulk_create(
        [
            SurveyItem(survey=survey, area=i["area"], score=i.get("score"), reason=i.get("reason", ""))
            for i in items
        ]
    )
    return survey


def add_evidence(*, survey: Survey, area: str, photo=None, note: str = "") -> Evidence:
    item = survey.items.filter(area=area).first()
    if item is None:
        raise InvalidParameter(
            _("The survey has no checklist item “%(area)s”; score the area first.") % {"area": area},
            parameter="area",
        )
    if photo is not None:
        if photo.size > MAX_PHOTO_BYTES:
            raise InvalidParameter(_("The photo is larger than 10 MB."), parameter="photo")
        if getattr(photo, "content_type", "") not in PHOTO_TYPES:
            raise InvalidParameter(_("The photo must be a JPEG, PNG or WebP image."), parameter="photo")
    if photo is None and not note.strip():
        raise InvalidParameter(_("Give a photo or a note as evidence."), parameter="note")
    return Evidence.objects.create(item=item, photo=photo or "", note=note)


@transaction.atomic
def add_finding(*, user, survey: Survey, data: dict) -> Finding:
    geometry: GEOSGeometry = data["geometry"]
    zone = None
    if geometry.geom_type == "Polygon":
        zone = geometry
        geometry = geometry.point_on_surface
    finding = Finding.objects.create(
        survey=survey,
        name=data["description"][:255],
        area=data["area"],
        description=data["description"],
        responsible=data["responsible"],
        deadline=data["deadline"],
        location=geometry,
        zone=zone,
    )
    _touch(finding, user, before=None)
    return finding


@transaction.atomic
def close_finding(*, user, finding: Finding, note: str) -> Finding:
    finding = Finding.objects.select_for_update().get(pk=finding.pk)
    before = _snapshot(finding)
    if finding.status == FindingStatus.CLOSED:
        raise Conflict(_("The finding is already closed."))
    if not note.strip():
        raise InvalidParameter(_("Say how the finding was dealt with before closing it."), parameter="note")
    finding.status = FindingStatus.CLOSED
    finding.closed_at = timezone.now()
    finding.closing_note = note
    finding.save(update_fields=["status", "closed_at", "closing_note", "updated_at"])
    _touch(finding, user, before=before)
    return finding


def _snapshot(finding: Finding) -> tuple[dict, object]:
    return (
        {
            "name": finding.name,
            "area": finding.area,
            "responsible": finding.responsible,
            "deadline": finding.deadline.isoformat() if finding.deadline else None,
            "status": finding.status,
        },
        finding.location,
    )


def _touch(finding: Finding, user, *, before) -> None:
    """Bump the findings layer (its tiles invalidate) and keep the audit trail."""
    layer = Layer.objects.filter(slug=FINDINGS.slug).first()
    if layer is not None:
        record_feature_change(
            layer=layer, feature_id=finding.pk, user=user, before=before, after=_snapshot(finding)
        )
