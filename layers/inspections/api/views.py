"""Inspections endpoints: the register, schedules, inspections, prescriptions and reports."""

from __future__ import annotations

from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from geo_platform.api import valid
from geo_platform.errors import InvalidParameter
from layers.inspections import reports
from layers.inspections.api import inputs, outputs
from layers.inspections.models import Evidence, SecurityCompany
from layers.inspections.permissions import ensure_can_read, ensure_can_write
from layers.inspections.selectors import inspections as selectors
from layers.inspections.selectors.reports import report as build_report
from layers.inspections.services import inspections as inspection_services
from layers.inspections.services import registry, schedule
from layers.public_order.models import GuardedSite


def _query(request: Request) -> dict:
    return {key: request.query_params.get(key) for key in request.query_params}


class ChecklistView(APIView):
    """The method's checklist, answers and severities."""

    @extend_schema(responses=dict)
    def get(self, request: Request) -> Response:
        ensure_can_read(request.user)
        return Response(outputs.checklist())


class SitesView(APIView):
    """The guarded sites with the contract in force and the last inspection."""

    @extend_schema(responses=dict)
    def get(self, request: Request) -> Response:
        ensure_can_read(request.user)
        in_force = {
            c.site_id: c
            for c in selectors.contracts().filter(
                starts_on__lte=timezone.localdate(), ends_on__gte=timezone.localdate()
            )
        }
        return Response(
            {
                "results": [
                    {
                        "id": s.pk,
                        "name": s.name,
                        "lon": s.position.x,
                        "lat": s.position.y,
                        "last_inspection": s.last_inspection,
                        "contract": outputs.contract(in_force[s.pk]) if s.pk in in_force else None,
                    }
                    for s in GuardedSite.objects.order_by("name")
                ]
            }
        )


class CompanyListView(APIView):
    @extend_schema(responses=dict)
    def get(self, request: Request) -> Response:
        ensure_can_read(request.user)
        return Response({"results": [outputs.company(c) for c in selectors.companies()]})

    @extend_schema(request=inputs.CompanyInput, responses=dict)
    def post(self, request: Request) -> Response:
        ensure_can_write(request.user)
        company = registry.create_company(**valid(inputs.CompanyInput, request.data))
        return Response(outputs.company(company), status=status.HTTP_201_CREATED)


class CompanyDetailView(APIView):
    """A company with its history of contracts and its record per quarter."""

    @extend_schema(responses=dict)
    def get(self, request: Request, company_id: int) -> Response:
        ensure_can_read(request.user)
        company = get_object_or_404(selectors.companies(), pk=company_id)
        return Response(
            {
                **outputs.company(company),
                "history": [outputs.contract(c) for c in selectors.contracts().filter(company=company)],
                "performance": [outputs.record(r) for r in selectors.company_record(company)],
            }
        )


class ContractListView(APIView):
    @extend_schema(parameters=[inputs.ListInput], responses=dict)
    def get(self, request: Request) -> Response:
        ensure_can_read(request.user)
        query = valid(inputs.ListInput, _query(request))
        rows = selectors.contracts()
        if "site" in query:
            rows = rows.filter(site_id=query["site"])
        if "company" in query:
            rows = rows.filter(company_id=query["company"])
        page = rows[query["offset"] : query["offset"] + query["limit"]]
        return Response({"count": rows.count(), "results": [outputs.contract(c) for c in page]})

    @extend_schema(request=inputs.ContractInput, responses=dict)
    def post(self, request: Request) -> Response:
        ensure_can_write(request.user)
        data = valid(inputs.ContractInput, request.data)
        company = SecurityCompany.objects.filter(pk=data.pop("company")).first()
        if company is None:
            raise InvalidParameter(
                _("There is no such security company; register it first."), field="company"
            )
        contract = registry.create_contract(company=company, site_id=data.pop("site"), **data)
        return Response(outputs.contract(contract), status=status.HTTP_201_CREATED)


class ScheduleListView(APIView):
    """Generate a proposed schedule for a year (POST) or list the schedules (GET)."""

    @extend_schema(responses=dict)
    def get(self, request: Request) -> Response:
        ensure_can_read(request.user)
        return Response({"results": [outputs.schedule_summary(s) for s in selectors.schedules()[:50]]})

    @extend_schema(request=inputs.ScheduleInput, responses=dict)
    def post(self, request: Request) -> Response:
        ensure_can_write(request.user)
        data = valid(inputs.ScheduleInput, request.data)
        made = schedule.generate(user=request.user, **data)
        return Response(
            outputs.schedule(made, selectors.schedule_visits(made)), status=status.HTTP_201_CREATED
        )


class ScheduleDetailView(APIView):
    @extend_schema(responses=dict)
    def get(self, request: Request, schedule_id: int) -> Response:
        ensure_can_read(request.user)
        found = get_object_or_404(selectors.schedules(), pk=schedule_id)
        return Response(outputs.schedule(found, selectors.schedule_visits(found)))


class ScheduleAcceptView(APIView):
    @extend_schema(request=None, responses=dict)
    def post(self, request: Request, schedule_id: int) -> Response:
        ensure_can_write(request.user)
        accepted = schedule.accept(user=request.user, schedule_id=schedule_id)
        return Response(outputs.schedule_summary(accepted))


class InspectionListView(APIView):
    @extend_schema(parameters=[inputs.ListInput], responses=dict)
    def get(self, request: Request) -> Response:
        ensure_can_read(request.user)
        query = valid(inputs.ListInput, _query(request))
        rows = selectors.inspections()
        if "site" in query:
            rows = rows.filter(site_id=query["site"])
        if "company" in query:
            rows = rows.filter(company_id=query["company"])
        page = rows[query["offset"] : query["offset"] + query["limit"]]
        return Response({"count": rows.count(), "results": [outputs.inspection(i) for i in page]})

    @extend_schema(request=inputs.InspectionInput, responses=dict)
    def post(self, request: Request) -> Response:
        ensure_can_write(request.user)
        data = valid(inputs.InspectionInput, request.data)
        made = inspection_services.record_inspection(
            user=request.user,
            site_id=data["site"],
            visit_id=data["visit"],
            inspected_on=data["inspected_on"],
            checklist=data["checklist"],
            findings=data["findings"],
            prescriptions=data["prescriptions"],
            notes=data["notes"],
        )
        return Response(
            outputs.inspection(selectors.inspections().get(pk=made.pk)), status=status.HTTP_201_CREATED
        )


class InspectionDetailView(APIView):
    @extend_schema(responses=dict)
    def get(self, request: Request, inspection_id: int) -> Response:
        ensure_can_read(request.user)
        return Response(outputs.inspection(get_object_or_404(selectors.inspections(), pk=inspection_id)))


class EvidenceUploadView(APIView):
    parser_classes = (MultiPartParser, FormParser)

    @extend_schema(request={"multipart/form-data": inputs.EvidenceInput}, responses=dict)
    def post(self, request: Request, finding_id: int) -> Response:
        ensure_can_write(request.user)
        data = valid(inputs.EvidenceInput, request.data)
        evidence = inspection_services.add_evidence(finding_id=finding_id, uploaded=data["file"])
        return Response(
            {
                "id": evidence.pk,
                "name": evidence.original_name,
                "type": evidence.content_type,
                "size": evidence.size,
            },
            status=status.HTTP_201_CREATED,
        )


class EvidenceFileView(APIView):
    """An evidence file, to the directorate only (never under the public /media/ path)."""

    @extend_schema(responses={(200, "application/octet-stream"): bytes})
    def get(self, request: Request, evidence_id: int) -> FileResponse:
        ensure_can_read(request.user)
        evidence = get_object_or_404(Evidence, pk=evidence_id)
        response = FileResponse(
            evidence.file.open("rb"),
            content_type=evidence.content_type,
            as_attachment=True,
            filename=evidence.original_name,
        )
        response["Cache-Control"] = "private, no-store"
        return response


class PrescriptionListView(APIView):
    @extend_schema(parameters=[inputs.PrescriptionFilter], responses=dict)
    def get(self, request: Request) -> Response:
        ensure_can_read(request.user)
        query = valid(inputs.PrescriptionFilter, _query(request))
        rows = selectors.prescriptions(status=query.get("status"), overdue=query["overdue"])[:200]
        return Response(
            {
                "results": [
                    {
                        **outputs.prescription(p),
                        "site": p.inspection.site.name,
                        "company": p.inspection.company.name if p.inspection.company else "",
                    }
                    for p in rows
                ]
            }
        )


class FollowUpView(APIView):
    @extend_schema(request=inputs.FollowUpInput, responses=dict)
    def post(self, request: Request, prescription_id: int) -> Response:
        ensure_can_write(request.user)
        data = valid(inputs.FollowUpInput, request.data)
        done = inspection_services.follow_up(user=request.user, prescription_id=prescription_id, **data)
        return Response(outputs.prescription(done))


class ReportView(APIView):
    """The report to the mayor for a quarter or a year: JSON, PDF or spreadsheet."""

    @extend_schema(
        parameters=[inputs.ReportInput],
        responses={(200, "application/json"): dict, (200, "application/pdf"): bytes},
    )
    def get(self, request: Request) -> Response | HttpResponse:
        ensure_can_read(request.user)
        query = valid(inputs.ReportInput, _query(request))
        found = build_report(year=query["year"], quarter=query["quarter"])
        stem = f"inspections-{found.year}" + (f"-q{found.quarter}" if found.quarter else "")
        if query["output"] == "pdf":
            response = HttpResponse(reports.report_pdf(found), content_type="application/pdf")
            response["Content-Disposition"] = f'attachment; filename="{stem}.pdf"'
            return response
        if query["output"] == "xlsx":
            content, content_type, extension = reports.report_spreadsheet(found)
            response = HttpResponse(content, content_type=content_type)
            response["Content-Disposition"] = f'attachment; filename="{stem}.{extension}"'
            return response
        return Response(
            {
                "title": reports.title(found),
                "year": found.year,
                "quarter": found.quarter,
                "start": found.start,
                "end": found.end,
                "has_schedule": found.has_schedule,
                "planned": found.planned,
                "done": found.done,
                "done_planned": found.done_planned,
                "done_share": found.done_share,
                "by_item": found.by_item,
                "by_severity": found.by_severity,
                "open_prescriptions": found.open_prescriptions,
                "overdue_prescriptions": found.overdue_prescriptions,
                "companies": [c.__dict__ for c in found.companies],
                "spreadsheet": "xlsx",
            }
        )
