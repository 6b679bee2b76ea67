"""Patrol-plan endpoints: list and save plans, propose a route from hot spots, the plan's PDF."""

from __future__ import annotations

from django.http import HttpResponse
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from geo_platform.api import valid
from layers.public_order.api import inputs, outputs
from layers.public_order.patrol_pdf import plan_pdf
from layers.public_order.permissions import ensure_can_read_patrols
from layers.public_order.selectors import patrol as selectors
from layers.public_order.services import patrol as services

PAGE = 50


class PatrolPlanListView(APIView):
    """Saved patrol plans, newest first (GET, `offset` pages by 50), or a new plan (POST)."""

    @extend_schema(parameters=[OpenApiParameter("offset", int, required=False)], responses=dict)
    def get(self, request: Request) -> Response:
        ensure_can_read_patrols(request.user)
        try:
            offset = max(0, int(request.query_params.get("offset", 0)))
        except ValueError:
            offset = 0
        queryset = selectors.plans()
        page = queryset[offset : offset + PAGE]
        return Response(
            {"count": queryset.count(), "results": [outputs.patrol_summary(p, request) for p in page]}
        )

    @extend_schema(request=inputs.PatrolPlanInput, responses=dict)
    def post(self, request: Request) -> Response:
        services.ensure_can_plan_patrols(request.user)
        plan = services.save_plan(user=request.user, data=valid(inputs.PatrolPlanInput, request.data))
        return Response(outputs.patrol_plan(plan, request), status=status.HTTP_201_CREATED)


class PatrolPlanDetailView(APIView):
    @extend_schema(responses=dict)
    def get(self, request: Request, plan_id: int) -> Response:
        ensure_can_read_patrols(request.user)
        return Response(outputs.patrol_plan(selectors.plan(plan_id), request))

    @extend_schema(request=inputs.PatrolPlanInput, responses=dict)
    def put(self, request: Request, plan_id: int) -> Response:
        services.ensure_can_plan_patrols(request.user)
        existing = selectors.plan(plan_id)
        plan = services.save_plan(
            user=request.user, data=valid(inputs.PatrolPlanInput, request.data), plan=existing
        )
        return Response(outputs.patrol_plan(plan, request))

    @extend_schema(responses={204: None})
    def delete(self, request: Request, plan_id: int) -> Response:
        services.ensure_can_plan_patrols(request.user)
        services.delete_plan(user=request.user, plan=selectors.plan(plan_id))
        return Response(status=status.HTTP_204_NO_CONTENT)


class PatrolPlanPdfView(APIView):
    @extend_schema(responses={(200, "application/pdf"): bytes})
    def get(self, request: Request, plan_id: int) -> HttpResponse:
        ensure_can_read_patrols(request.user)
        plan = selectors.plan(plan_id)
        response = HttpResponse(plan_pdf(plan), content_type="application/pdf")
        response["Content-Disposition"] = (
            f'attachment; filename="patrol-plan-{plan.pk}-{plan.date.isoformat()}.pdf"'
        )
        return response


class PatrolProposalView(APIView):
    """A route through the hottest cells of an analysis within a length (computed, not saved)."""

    @extend_schema(request=inputs.PatrolProposalInput, responses=dict)
    def post(self, request: Request) -> Response:
        services.ensure_can_plan_patrols(request.user)
        data = valid(inputs.PatrolProposalInput, request.data)
        return Response(
            services.propose(
                user=request.user,
                analysis_id=data["analysis"],
                max_length_m=data["max_length_m"],
                station_id=data["station"],
                loop=data["loop"],
            )
        )


class PoliceStationsView(APIView):
    """Police stations a patrol may start from."""

    @extend_schema(responses=dict)
    def get(self, request: Request) -> Response:
        ensure_can_read_patrols(request.user)
        return Response(
            {
                "results": [
                    {
                        "id": s.pk,
                        "name": s.name,
                        "address": s.address,
                        "lon": s.position.x,
                        "lat": s.position.y,
                    }
                    for s in selectors.police_stations()
                ]
            }
        )
