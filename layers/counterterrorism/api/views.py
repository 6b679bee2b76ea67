"""HTTP views of counter-terrorism planning: parse, check permission, call one selector or service, respond."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.translation import gettext as _
from rest_framework.exceptions import MethodNotAllowed
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from geo_platform.api import valid
from layers.counterterrorism import permissions
from layers.counterterrorism.api import inputs, outputs
from layers.counterterrorism.selectors import analysis, records
from layers.counterterrorism.services import surveys


class MetaView(APIView):
    """Devices, vehicles, the checklist, the factors and their default weights, sources and assumptions."""

    def get(self, request: Request) -> Response:
        permissions.ensure_can_read(request.user)
        return Response(outputs.meta())


class SitesView(APIView):
    def get(self, request: Request) -> Response:
        permissions.ensure_can_read(request.user)
        return Response(
            {"results": [outputs.site(s, latest_index=s.latest_index) for s in records.site_list()]}
        )


class SiteView(APIView):
    def get(self, request: Request, site_id: int) -> Response:
        permissions.ensure_can_read(request.user)
        site = records.get_site(site_id)
        body = outputs.site(site, latest_index=site.latest_index)
        body["surveys"] = [outputs.survey(s) for s in records.surveys_of(site)]
        return Response(body)


class SurveysView(APIView):
    def post(self, request: Request) -> Response:
        permissions.ensure_can_write(request.user)
        data = valid(inputs.SurveyInput, request.data)
        site = records.get_site(data["site"])
        survey = surveys.record_survey(
            user=request.user,
            site=site,
            surveyed_on=data["surveyed_on"],
            items=data["items"],
            notes=data.get("notes", ""),
        )
        return Response(outputs.survey(records.get_survey(survey.pk)), status=201)


class SurveyView(APIView):
    def get(self, request: Request, survey_id: int) -> Response:
        permissions.ensure_can_read(request.user)
        return Response(outputs.survey(records.get_survey(survey_id)))


class EvidenceView(APIView):
    parser_classes = [MultiPartParser, FormParser, JSONParser]

    def post(self, request: Request, survey_id: int) -> Response:
        permissions.ensure_can_write(request.user)
        survey = records.get_survey(survey_id)
        data = valid(inputs.EvidenceInput, request.data)
        surveys.add_evidence(
            survey=survey, area=data["area"], photo=data.get("photo"), note=data.get("note", "")
        )
        return Response(outputs.survey(records.get_survey(survey_id)), status=201)


class FindingsView(APIView):
    def post(self, request: Request, survey_id: int | None = None) -> Response:
        if survey_id is None:
            # Findings are added to a survey (/surveys/{id}/findings/); the list of all is read-only.
            raise MethodNotAllowed(request.method)
        permissions.ensure_can_write(request.user)
        survey = records.get_survey(survey_id)
        data = valid(inputs.FindingInput, request.data)
        finding = surveys.add_finding(user=request.user, survey=survey, data=data)
        return Response(outputs.finding(finding), status=201)

    def get(self, request: Request, survey_id: int | None = None) -> Response:
        permissions.ensure_can_read(request.user)
        return Response({"results": [outputs.finding(f) for f in records.open_findings()]})


class CloseFindingView(APIView):
    def post(self, request: Request, finding_id: int) -> Response:
        permissions.ensure_can_write(request.user)
        data = valid(inputs.CloseInput, request.data)
        finding = surveys.close_finding(
            user=request.user, finding=records.get_finding(finding_id), note=data["note"]
        )
        return Response(outputs.finding(finding))


class ScoreView(APIView):
    """Risk of every site, crowded place and upcoming event perimeter, ranked, with its drivers."""

    def post(self, request: Request) -> Response:
        permissions.ensure_can_read(request.user)
        data = valid(inputs.ScoreInput, request.data)
        scored = analysis.score_all(data.get("weights"), data.get("sites"))
        return Response(outputs.ranking(scored))


class CordonView(APIView):
    def post(self, request: Request) -> Response:
        permissions.ensure_can_read(request.user)
        data = valid(inputs.CordonInput, request.data)
        source, label = records.source_of(data, for_perimeter=False)
        return Response(outputs.cordon(analysis.run_cordon(source, data["device"]), label=label))


class ApproachesView(APIView):
    def post(self, request: Request) -> Response:
        permissions.ensure_can_read(request.user)
        data = valid(inputs.ApproachesInput, request.data)
        source, label = records.source_of(data, for_perimeter=True)
        if source.geom_type == "Point":
            source = source.buffer(30, quad_segs=8)
        return Response(
            outputs.approaches(
                analysis.run_approaches(source, data["vehicle"]), label=label, perimeter=source
            )
        )


class SurveyReportView(APIView):
    def get(self, request: Request, survey_id: int) -> HttpResponse:
        permissions.ensure_can_read(request.user)
        from layers.counterterrorism import reports

        survey = records.get_survey(survey_id)
        pdf = reports.survey_pdf(survey)
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="survey-{survey.pk}.pdf"'
        return response


class AnnexView(APIView):
    """The plan annex as PDF (?as=pdf) or GeoPackage (?as=gpkg)."""

    def get(self, request: Request) -> HttpResponse:
        permissions.ensure_can_read(request.user)
        from layers.counterterrorism import reports

        kind = request.query_params.get("as", "pdf")
        if kind == "gpkg":
            body = reports.annex_gpkg()
            response = HttpResponse(body, content_type="application/geopackage+sqlite3")
            response["Content-Disposition"] = 'attachment; filename="ct-plan-annex.gpkg"'
            return response
        if kind != "pdf":
            from geo_platform.errors import InvalidParameter

            raise InvalidParameter(
                _("Unknown format %(format)s: give pdf or gpkg.") % {"format": kind}, parameter="format"
            )
        response = HttpResponse(reports.annex_pdf(), content_type="application/pdf")
        response["Content-Disposition"] = 'attachment; filename="ct-plan-annex.pdf"'
        return response
