"""HTTP views of the Situation Centre: parse, call one service or selector, answer."""

from __future__ import annotations

import json

from django.http import HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from rest_framework import serializers, status
from rest_framework.parsers import BaseParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from geo_platform.accounts.roles import policy_for
from geo_platform.accounts.scopes import has_scope
from geo_platform.api import valid
from geo_platform.errors import Forbidden, InvalidParameter, PlatformError, error_body
from layers.situation import workflow
from layers.situation.api import alert_inputs
from layers.situation.api.inputs import MAX_BATCH, records_from_csv
from layers.situation.api.outputs import alert_feature, alert_summary, incident_detail, incident_summary
from layers.situation.choices import Agency, AlertStatus, AreaKind, Category, Origin, Status
from layers.situation.report_pdf import shift_report
from layers.situation.selectors import alerts as alert_selectors
from layers.situation.selectors import duty as duty_selectors
from layers.situation.selectors import incidents as incident_selectors
from layers.situation.selectors import reports as report_selectors
from layers.situation.services import alerts as alert_services
from layers.situation.services import duty as duty_services
from layers.situation.services import incidents as incident_services
from layers.situation.services.ingest import ingest
from risk_models.situation import cap


class CSVParser(BaseParser):
    media_type = "text/csv"

    def parse(self, stream, media_type=None, parser_context=None):
        return {"csv": stream.read().decode("utf-8-sig", errors="replace")}


def ensure_staff(user) -> None:
    if not policy_for(user).staff:
        raise Forbidden(_("Incidents are for the Situation Centre and the directorate's staff."))


def ensure_can_push(user) -> None:
    if workflow.is_writer(user) or has_scope(user, "incidents:write"):
        return
    raise Forbidden(
        _(
            "Writing incidents needs an operator's account or a partner token that is allowed to write incidents."
        )
    )


def _csv_list(request: Request, name: str) -> list[str]:
    return [value for value in request.query_params.get(name, "").split(",") if value]


def _ingest_response(records: list, broken: dict, user) -> Response:
    if len(records) > MAX_BATCH:
        raise InvalidParameter(
            _("A batch holds at most %(max)s incidents; split it.") % {"max": MAX_BATCH},
            parameter="incidents",
        )
    cleaned = [record if number not in broken else None for number, record in enumerate(records, start=1)]
    report = ingest(records=[r for r in cleaned if r is not None], user=user)
    # Row numbers of the checked rows back to the sender's numbering (CSV rows skipped as broken).
    numbering = [number for number, record in enumerate(cleaned, start=1) if record is not None]
    for item in report.rejected:
        item["row"] = numbering[item["row"] - 1]
    rejected = report.rejected + [
        {"row": row, "external_id": None, "errors": errors} for row, errors in broken.items()
    ]
    rejected.sort(key=lambda item: item["row"])
    body = {**report.as_dict(), "received": len(records), "rejected": rejected}
    accepted = report.created or report.unchanged
    if not accepted and rejected:
        return Response(
            {"error": "invalid_incidents", "detail": _("No incident was accepted; see the rows."), **body},
            status=status.HTTP_400_BAD_REQUEST,
        )
    return Response(body, status=status.HTTP_201_CREATED if report.created else status.HTTP_200_OK)


class IncidentsView(APIView):
    """GET the live list (staff); POST one incident, a JSON array or {"incidents": [...]}, or a CSV body."""

    parser_classes = [JSONParser, CSVParser, MultiPartParser]

    def get(self, request: Request) -> Response:
        ensure_staff(request.user)
        try:
            priorities = [int(v) for v in _csv_list(request, "priority")]
            hours = float(request.query_params.get("hours", 24))
        except ValueError:
            raise InvalidParameter(_("Priority and hours must be numbers."), parameter="priority") from None
        incidents = incident_selectors.incidents_list(
            categories=_csv_list(request, "category"),
            priorities=priorities,
            statuses=_csv_list(request, "status"),
            hours=hours,
        )
        return Response(
            {
                "incidents": [incident_summary(i) for i in incidents],
                "latest_id": incident_selectors.latest_id(),
            }
        )

    def post(self, request: Request) -> Response:
        ensure_can_push(request.user)
        data = request.data
        if isinstance(data, dict) and "csv" in data and isinstance(data["csv"], str):
            records, broken = records_from_csv(data["csv"])
            return _ingest_response(records, broken, request.user)
        upload = request.FILES.get("file") if hasattr(request, "FILES") else None
        if upload is not None:
            records, broken = records_from_csv(upload.read().decode("utf-8-sig", errors="replace"))
            return _ingest_response(records, broken, request.user)
        if isinstance(data, dict) and isinstance(data.get("incidents"), list):
            return _ingest_response(data["incidents"], {}, request.user)
        if isinstance(data, list):
            return _ingest_response(data, {}, request.user)
        report = ingest(records=[data], user=request.user)
        if report.rejected:
            raise InvalidParameter(report.rejected[0]["errors"], parameter="incident")
        if report.created:
            incident = incident_selectors.get_incident(report.created[0])
            return Response(incident_summary(incident), status=status.HTTP_201_CREATED)
        incident = incident_selectors.get_incident(report.unchanged[0])
        return Response({**incident_summary(incident), "unchanged": True})


class IncidentDetailView(APIView):
    def get(self, request: Request, incident_id: int) -> Response:
        ensure_staff(request.user)
        return Response(incident_detail(incident_selectors.get_incident(incident_id), request.user))


class IncidentContextView(APIView):
    def get(self, request: Request, incident_id: int) -> Response:
        ensure_staff(request.user)
        incident = incident_selectors.get_incident(incident_id)
        return Response(incident_selectors.context_of(user=request.user, incident=incident))


class _Text(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, max_length=4000, default="")


class StatusInput(_Text):
    status = serializers.ChoiceField(choices=Status.choices)


class AssignInput(_Text):
    agency = serializers.ChoiceField(choices=Agency.choices)


class IncidentStatusView(APIView):
    def post(self, request: Request, incident_id: int) -> Response:
        data = valid(StatusInput, request.data)
        incident = incident_services.change_status(user=request.user, incident_id=incident_id, **data)
        return Response(incident_detail(incident, request.user))


class IncidentAssignView(APIView):
    def post(self, request: Request, incident_id: int) -> Response:
        data = valid(AssignInput, request.data)
        incident = incident_services.assign(user=request.user, incident_id=incident_id, **data)
        return Response(incident_detail(incident, request.user))


class IncidentNoteView(APIView):
    def post(self, request: Request, incident_id: int) -> Response:
        data = valid(_Text, request.data)
        incident_services.add_note(user=request.user, incident_id=incident_id, note=data["note"])
        return Response(
            incident_detail(incident_selectors.get_incident(incident_id), request.user),
            status=status.HTTP_201_CREATED,
        )


class MergeInput(serializers.Serializer):
    keep = serializers.IntegerField()
    duplicate = serializers.IntegerField()


class MergeView(APIView):
    def get(self, request: Request) -> Response:
        ensure_staff(request.user)
        return Response({"proposals": incident_selectors.merge_proposals()})

    def post(self, request: Request) -> Response:
        data = valid(MergeInput, request.data)
        keep = incident_services.merge(
            user=request.user, keep_id=data["keep"], duplicate_id=data["duplicate"]
        )
        return Response(incident_detail(keep, request.user))


class ChoicesView(APIView):
    def get(self, request: Request) -> Response:
        def pairs(choices):
            return [{"value": v, "label": str(label)} for v, label in choices.choices]

        return Response(
            {
                "categories": pairs(Category),
                "origins": pairs(Origin),
                "statuses": pairs(Status),
                "agencies": pairs(Agency),
                "area_kinds": pairs(AreaKind),
                "alert_statuses": pairs(AlertStatus),
                "urgency": list(cap.URGENCY),
                "severity": list(cap.SEVERITY),
                "certainty": list(cap.CERTAINTY),
                "cap_categories": list(cap.CATEGORY),
                "settlements": [
                    {"code": code, "name": item["name_bg"]}
                    for code, item in sorted(
                        alert_selectors.settlements().items(), key=lambda x: x[1]["name_bg"]
                    )
                ],
            }
        )


# ---- duty log -------------------------------------------------------------------------------


def _shift_json(shift) -> dict:
    return {
        "id": shift.pk,
        "operator": shift.operator.get_username(),
        "started_at": shift.started_at.isoformat(),
        "ended_at": shift.ended_at.isoformat() if shift.ended_at else None,
        "handover_notes": shift.handover_notes,
        "open_at_handover": shift.open_at_handover,
        "handed_to": shift.handed_to.get_username() if shift.handed_to else "",
        "entries": [
            {
                "at": e.at.isoformat(),
                "kind": e.kind,
                "text": e.text,
                "incident": e.incident_id,
                "alert": e.alert_id,
                "author": e.author.get_username() if e.author else "",
            }
            for e in duty_selectors.entries_of(shift).exclude(kind="incident")[:500]
        ]
        if shift.pk
        else [],
        "report": f"/api/situation/shifts/{shift.pk}/report.pdf",
    }


class ShiftsView(APIView):
    def get(self, request: Request) -> Response:
        workflow.ensure_writer(request.user)
        shift = duty_selectors.current_shift(request.user)
        return Response(
            {
                "current": _shift_json(shift) if shift else None,
                "recent": [
                    {
                        "id": s.pk,
                        "operator": s.operator.get_username(),
                        "started_at": s.started_at.isoformat(),
                        "ended_at": s.ended_at.isoformat() if s.ended_at else None,
                    }
                    for s in duty_selectors.recent_shifts()
                ],
            }
        )

    def post(self, request: Request) -> Response:
        return Response(
            _shift_json(duty_services.start_shift(user=request.user)), status=status.HTTP_201_CREATED
        )


class EntryInput(serializers.Serializer):
    text = serializers.CharField(max_length=4000)


class ShiftEntryView(APIView):
    def post(self, request: Request) -> Response:
        data = valid(EntryInput, request.data)
        duty_services.add_entry(user=request.user, text=data["text"])
        return Response(
            _shift_json(duty_selectors.current_shift(request.user)), status=status.HTTP_201_CREATED
        )


class HandoverInput(serializers.Serializer):
    notes = serializers.CharField(max_length=8000, allow_blank=True, default="")
    to = serializers.CharField(max_length=150, allow_blank=True, default="")


class HandoverView(APIView):
    def post(self, request: Request) -> Response:
        data = valid(HandoverInput, request.data)
        shift = duty_services.hand_over(user=request.user, notes=data["notes"], to_username=data["to"])
        return Response(_shift_json(shift))


class ShiftReportView(APIView):
    def get(self, request: Request, shift_id: int):
        workflow.ensure_writer(request.user)
        shift = duty_selectors.get_shift(shift_id)
        response = HttpResponse(shift_report(shift), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="shift-{shift.pk}.pdf"'
        return response


# ---- alerts ---------------------------------------------------------------------------------


class AlertsView(APIView):
    def get(self, request: Request) -> Response:
        staff = workflow.is_writer(request.user)
        return Response(
            {
                "alerts": [
                    alert_summary(a, staff=staff) for a in alert_selectors.alerts_for(request.user)[:200]
                ]
            }
        )

    def post(self, request: Request) -> Response:
        workflow.ensure_writer(request.user)
        data = valid(alert_inputs.AlertInput, request.data)
        alert = alert_services.compose(user=request.user, data=data)
        return Response(alert_feature(alert, staff=True), status=status.HTTP_201_CREATED)


class AlertEstimateView(APIView):
    def post(self, request: Request) -> Response:
        workflow.ensure_writer(request.user)
        data = valid(alert_inputs.AreaInput, request.data)
        area, _circle, _codes = alert_services.resolve_area(data)
        return Response({"estimate": alert_selectors.estimate(area), "area": json.loads(area.geojson)})


class AlertDetailView(APIView):
    def get(self, request: Request, alert_id: int) -> Response:
        alert = alert_selectors.get_alert(request.user, alert_id)
        return Response(alert_feature(alert, staff=workflow.is_writer(request.user)))


class AlertApproveView(APIView):
    def post(self, request: Request, alert_id: int) -> Response:
        alert = alert_services.approve(user=request.user, alert_id=alert_id)
        return Response(alert_feature(alert, staff=True))


class RejectInput(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)


class AlertRejectView(APIView):
    def post(self, request: Request, alert_id: int) -> Response:
        data = valid(RejectInput, request.data)
        alert = alert_services.reject(user=request.user, alert_id=alert_id, reason=data["reason"])
        return Response(alert_feature(alert, staff=True))


def alert_cap(request, alert_id: int) -> HttpResponse:
    """The CAP 1.2 XML of an issued alert (everyone), or the preview of a pending one (staff)."""
    try:
        alert = alert_selectors.get_alert(request.user, alert_id)
    except PlatformError as error:
        return JsonResponse(error_body(error.code, str(error.detail)), status=error.status_code)
    return HttpResponse(alert.cap_xml.encode(), content_type="application/cap+xml; charset=utf-8")


class ActiveAlertsView(APIView):
    """Active alerts as GeoJSON for every map, the public's included."""

    def get(self, request: Request) -> Response:
        return Response(
            {
                "type": "FeatureCollection",
                "features": [alert_feature(a) for a in alert_selectors.active_alerts()],
            }
        )


# ---- reports --------------------------------------------------------------------------------


class CountsView(APIView):
    def get(self, request: Request) -> Response:
        ensure_staff(request.user)
        return Response(report_selectors.counts(**report_selectors.parse_period(request.query_params)))


class HeatView(APIView):
    def get(self, request: Request) -> Response:
        ensure_staff(request.user)
        params = report_selectors.parse_period(request.query_params)
        params.pop("step")
        return Response(
            report_selectors.heat(
                **params,
                category=request.query_params.get("category", ""),
                cell_m=request.query_params.get("cell", "250"),
            )
        )
