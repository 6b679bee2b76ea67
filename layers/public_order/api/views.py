"""Public-order endpoints: hot-spot analyses, prevention-area proposals, district counts."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from geo_platform.api import valid
from layers.public_order.api import inputs, outputs
from layers.public_order.models import HotspotAnalysis
from layers.public_order.permissions import ensure_can_analyse
from layers.public_order.selectors.hotspots import district_counts
from layers.public_order.services import hotspots


class AnalysisListView(APIView):
    """Run a hot-spot analysis (POST) or list the recent ones (GET)."""

    @extend_schema(responses=dict)
    def get(self, request: Request) -> Response:
        ensure_can_analyse(request.user)
        recent = HotspotAnalysis.objects.select_related("created_by")[:20]
        return Response({"results": [outputs.analysis_summary(a) for a in recent]})

    @extend_schema(request=inputs.AnalysisInput, responses=dict)
    def post(self, request: Request) -> Response:
        ensure_can_analyse(request.user)
        data = valid(inputs.AnalysisInput, request.data)
        parameters = {key: data.get(key) for key in ("cell_size_m", "bandwidth_m", "distance_m", "days")}
        analysis = hotspots.run_analysis(
            user=request.user,
            method=data["method"],
            period=data["period"],
            categories=data["categories"],
            district=data["district"],
            geometry=data["geometry"],
            parameters=parameters,
        )
        return Response(outputs.analysis(analysis, request), status=status.HTTP_201_CREATED)


class AnalysisDetailView(APIView):
    @extend_schema(responses=dict)
    def get(self, request: Request, analysis_id: int) -> Response:
        ensure_can_analyse(request.user)
        return Response(outputs.analysis(get_object_or_404(HotspotAnalysis, pk=analysis_id), request))


class DensityImageView(APIView):
    @extend_schema(responses={(200, "image/png"): bytes})
    def get(self, request: Request, analysis_id: int) -> HttpResponse:
        ensure_can_analyse(request.user)
        analysis = get_object_or_404(HotspotAnalysis, pk=analysis_id, raster__isnull=False)
        response = HttpResponse(bytes(analysis.raster), content_type="image/png")
        response["Cache-Control"] = "private, max-age=3600"
        return response


class ProposalsView(APIView):
    """Persistent hot spots as candidate prevention areas (POST computes; nothing is saved)."""

    @extend_schema(request=inputs.ProposalsInput, responses=dict)
    def post(self, request: Request) -> Response:
        ensure_can_analyse(request.user)
        data = valid(inputs.ProposalsInput, request.data)
        found = hotspots.persistent_hotspots(
            user=request.user,
            end=timezone.now(),
            periods=data["periods"],
            period_days=data["period_days"],
            categories=data["categories"],
            district=data["district"],
            geometry=data["geometry"],
            cell_size_m=data["cell_size_m"],
        )
        return Response(found)


class SaveProposalView(APIView):
    @extend_schema(request=inputs.SaveProposalInput, responses=dict)
    def post(self, request: Request) -> Response:
        ensure_can_analyse(request.user)
        data = valid(inputs.SaveProposalInput, request.data)
        proposal = hotspots.save_proposal(user=request.user, **data)
        return Response({"id": proposal.pk, "name": proposal.name}, status=status.HTTP_201_CREATED)


class DistrictCountsView(APIView):
    """Incidents per district for a period: the public's view of public order (no finer detail)."""

    @extend_schema(parameters=[inputs.PeriodInput], responses=dict)
    def get(self, request: Request) -> Response:
        data = valid(
            inputs.PeriodInput,
            {
                "date_from": request.query_params.get("date_from"),
                "date_to": request.query_params.get("date_to"),
                "categories": request.query_params.getlist("category"),
            }
            if request.query_params
            else {},
        )
        return Response({"results": district_counts(period=data["period"], categories=data["categories"])})
