"""Operators' writes on incidents: status changes, assignment, notes, merging duplicates."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from geo_platform.errors import NotFound
from geo_platform.events import feature_changed
from layers.situation import workflow
from layers.situation.choices import Agency, LogKind
from layers.situation.choices import Status as S
from layers.situation.errors import InvalidIncident
from layers.situation.models import DutyLogEntry, Incident, IncidentChange
from layers.situation.selectors.duty import current_shift


def _locked(incident_id: int) -> Incident:
    try:
        return Incident.objects.select_for_update().get(pk=incident_id)
    except Incident.DoesNotExist:
        raise NotFound(_("There is no incident %(id)s.") % {"id": incident_id}) from None


def _touched(incident: Incident) -> None:
    """Tiles showing the incident (its status, agency) are refreshed once the change commits."""
    position = incident.position
    transaction.on_commit(
        lambda: feature_changed.send(
            sender=Incident, layer="incidents", feature_id=incident.pk, before=position, after=position
        )
    )


def _log(user, incident: Incident, text: str) -> None:
    DutyLogEntry.objects.create(
        shift=current_shift(user) or current_shift(),
        at=timezone.now(),
        kind=LogKind.INCIDENT,
        text=text,
        author=user,
        incident=incident,
    )


@transaction.atomic
def change_status(*, user, incident_id: int, status: str, note: str = "") -> Incident:
    workflow.ensure_writer(user)
    incident = _locked(incident_id)
    workflow.check_transition(incident.status, status, note)
    now = timezone.now()
    previous = incident.status
    incident.status = status
    setattr(incident, workflow.TIME_FIELD[status], now)
    incident.save(update_fields=["status", workflow.TIME_FIELD[status], "updated_at"])
    IncidentChange.objects.create(
        incident=incident, user=user, from_status=previous, to_status=status, note=note
    )
    _touched(incident)
    _log(
        user,
        incident,
        _("Incident #%(id)s: %(from)s → %(to)s%(note)s")
        % {
            "id": incident.pk,
            "from": S(previous).label,
            "to": S(status).label,
            "note": f" — {note}" if note else "",
        },
    )
    return incident


@transaction.atomic
def assign(*, user, incident_id: int, agency: str, note: str = "") -> Incident:
    workflow.ensure_writer(user)
    if agency not in Agency.values:
        raise InvalidIncident(
            _("Unknown agency %(value)r; use one of: %(choices)s.")
            % {"value": agency, "choices": ", ".join(Agency.values)},
            parameter="agency",
        )
    incident = _locked(incident_id)
    if incident.status == S.CLOSED:
        raise InvalidIncident(_("A closed incident cannot be assigned."), parameter="agency")
    incident.assigned_agency = agency
    incident.save(update_fields=["assigned_agency", "updated_at"])
    IncidentChange.objects.create(incident=incident, user=user, agency=agency, note=note)
    _touched(incident)
    _log(
        user,
        incident,
        _("Incident #%(id)s assigned to %(agency)s") % {"id": incident.pk, "agency": Agency(agency).label},
    )
    return incident


@transaction.atomic
def add_note(*, user, incident_id: int, note: str) -> IncidentChange:
    workflow.ensure_writer(user)
    if not note.strip():
        raise InvalidIncident(_("The note is empty."), parameter="note")
    incident = _locked(incident_id)
    return IncidentChange.objects.create(incident=incident, user=user, note=note.strip()[:4000])


@transaction.atomic
def merge(*, user, keep_id: int, duplicate_id: int) -> Incident:
    """Close the duplicate as merged into the kept incident."""
    workflow.ensure_writer(user)
    if keep_id == duplicate_id:
        raise InvalidIncident(_("An incident cannot be merged into itself."), parameter="duplicate")
    keep, duplicate = _locked(keep_id), _locked(duplicate_id)
    if duplicate.merged_into_id or keep.merged_into_id:
        raise InvalidIncident(_("One of the incidents is already merged."), parameter="duplicate")
    previous = duplicate.status
    duplicate.merged_into = keep
    duplicate.status = S.CLOSED
    duplicate.closed_at = timezone.now()
    duplicate.save(update_fields=["merged_into", "status", "closed_at", "updated_at"])
    _touched(duplicate)
    IncidentChange.objects.create(
        incident=duplicate,
        user=user,
        from_status=previous,
        to_status=S.CLOSED,
        note=_("Merged into #%(id)s") % {"id": keep.pk},
    )
    _log(user, keep, _("Incident #%(dup)s merged into #%(id)s") % {"dup": duplicate.pk, "id": keep.pk})
    return keep
