"""HTTP views of the risk app: parse, call one service or selector, respond.

Long work (runs, rankings, exports) answers 202 with the job; the client polls the job's URL
for status and progress (0–100) and, for exports, downloads the file when it is done.
"""

from __future__ import annotations

import json

from django.http import FileResponse, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from geo_platform.api import TRUE_WORDS, valid
from geo_platform.crs import STORAGE_SRID, UnknownCRS, parse_crs
from geo_platform.errors import InvalidParameter
from geo_platform.versioning import guarded_write, with_etag
from layers.hazards import options, selectors, serializers, services
from layers.hazards.models import HazardKind, Measure
from layers.hazards.permissions import ensure_can_use_risk_models
from layers.hazards.uploads import accept_upload

_FALSE = {"0", "false", "no"}


class BinaryView(APIView):
    """A view whose success is a file or an image: errors still answer JSON, whatever the Accept header."""

    def perform_content_negotiation(self, request, force=False):
        return super().perform_content_negotiation(request, force=True)


def _page(view: APIView, request: Request, rows, serializer=None) -> Response:
    """A limit/offset page of a list or a queryset (`?limit=`, default 100; `?offset=`)."""
    paginator = LimitOffsetPagination()
    page = paginator.paginate_queryset(rows, request, view=view)
    data = serializer(page, many=True).data if serializer else page
    return paginator.get_paginated_response(data)


# --- scenarios --------------------------------------------------------------------------------------


class OptionsView(APIView):
    """What a scenario form offers: hazards, parameter ranges and defaults, norms, measures, export formats."""

    @extend_schema(responses=OpenApiTypes.OBJECT)
    def get(self, request: Request) -> Response:
        ensure_can_use_risk_models(request.user)
        return Response(options.describe())


class ScenarioListView(APIView):
    # JSON for scenarios; multipart when an official hazard layer is uploaded with the scenario.
    parser_classes = (JSONParser, MultiPartParser, FormParser)

    @extend_schema(
        parameters=[
            OpenApiParameter("kind", str, enum=[value for value, _label in HazardKind.choices]),
            OpenApiParameter("mine", bool, description="Only the scenarios the caller made."),
            OpenApiParameter("q", str, description="A part of the scenario's name."),
        ],
        responses=serializers.ScenarioSerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        params = request.query_params
        kind = params.get("kind", "")
        if kind and kind not in HazardKind.values:
            raise InvalidParameter(
                _("Unknown hazard; choose one of: %(kinds)s.")
                % {"kinds": ", ".join(str(label) for _value, label in HazardKind.choices)},
                parameter="kind",
            )
        mine = params.get("mine", "").lower()
        if mine and mine not in TRUE_WORDS | _FALSE:
            raise InvalidParameter(_("“Only mine” must be yes or no."), parameter="mine")
        scenarios = selectors.scenarios_for(
            request.user, kind=kind, mine=mine in TRUE_WORDS, q=params.get("q", "").strip()[:200]
        )
        return _page(self, request, scenarios, serializers.ScenarioSerializer)

    @extend_schema(
        request=serializers.ScenarioCreateSerializer, responses={202: serializers.ScenarioDetailSerializer}
    )
    def post(self, request: Request) -> Response:
        ensure_can_use_risk_models(request.user)
        data = valid(serializers.ScenarioCreateSerializer, request.data)
        request_inputs = {
            "hazardous_sites": data["hazardous_sites"],
            "landslide_zones": data["landslide_zones"],
        }
        upload = data.pop("hazard_file", None)
        if upload is not None:
            request_inputs["imported_hazard"] = accept_upload(
                upload=upload, value_field=data.get("hazard_value_field", "")
            )
            data["hazard_source"] = "imported"
        scenario = services.create_scenario(
            user=request.user,
            name=data["name"],
            kind=data["kind"],
            parameters=data,
            request_inputs=request_inputs,
            equipment_norms=data.get("equipment_norms"),
        )
        return Response(serializers.ScenarioDetailSerializer(scenario).data, status=status.HTTP_202_ACCEPTED)


class ScenarioDetailView(APIView):
    @extend_schema(responses=serializers.ScenarioDetailSerializer)
    def get(self, request: Request, scenario_id: int) -> Response:
        scenario = selectors.get_scenario(request.user, scenario_id)
        return Response(serializers.ScenarioDetailSerializer(scenario).data)

    @extend_schema(responses={204: None})
    def delete(self, request: Request, scenario_id: int) -> Response:
        services.delete_scenario(
            user=request.user, scenario=selectors.get_scenario(request.user, scenario_id)
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


class ZonesView(APIView):
    """Publish the scenario's hazard above a level as the "hazard-zones" layer (read by the mass-events check)."""

    @extend_schema(request=serializers.ZoneRequestSerializer, responses={200: OpenApiTypes.OBJECT})
    def post(self, request: Request, scenario_id: int) -> Response:
        scenario = selectors.get_scenario(request.user, scenario_id)
        data = valid(serializers.ZoneRequestSerializer, request.data)
        zone = services.publish_zones(user=request.user, scenario=scenario, level=data.get("level"))
        if zone is None:
            return Response({"layer": "hazard-zones", "feature_id": None, "area_km2": 0.0})
        area_km2 = zone.area.transform(32634, clone=True).area / 1e6
        return Response(
            {
                "layer": "hazard-zones",
                "feature_id": zone.pk,
                "hazard": zone.hazard,
                "level": zone.level,
                "units": zone.units,
                "area_km2": round(area_km2, 3),
            }
        )

    @extend_schema(responses={204: None})
    def delete(self, request: Request, scenario_id: int) -> Response:
        scenario = selectors.get_scenario(request.user, scenario_id)
        services.unpublish_zones(user=request.user, scenario=scenario)
        return Response(status=status.HTTP_204_NO_CONTENT)


class ScenarioRerunView(APIView):
    @extend_schema(request=serializers.RerunSerializer, responses={202: serializers.ScenarioRunSerializer})
    def post(self, request: Request, scenario_id: int) -> Response:
        scenario = selectors.get_scenario(request.user, scenario_id)
        data = valid(serializers.RerunSerializer, request.data)
        run = services.request_rerun(
            user=request.user, scenario=scenario, refresh_inputs=data["refresh_inputs"]
        )
        return Response(serializers.ScenarioRunSerializer(run).data, status=status.HTTP_202_ACCEPTED)


class ScenarioRunsView(APIView):
    @extend_schema(responses=serializers.ScenarioRunSerializer(many=True))
    def get(self, request: Request, scenario_id: int) -> Response:
        scenario = selectors.get_scenario(request.user, scenario_id)
        runs = scenario.runs.select_related("requested_by").order_by("number")
        return Response(serializers.ScenarioRunSerializer(runs, many=True).data)


class DistrictTableView(APIView):
    @extend_schema(responses=OpenApiTypes.OBJECT)
    def get(self, request: Request, scenario_id: int) -> Response:
        scenario = selectors.get_scenario(request.user, scenario_id)
        return Response(selectors.district_table(scenario))


class DistrictGeoJSONView(BinaryView):
    """The districts with the scenario's figures as GeoJSON (`?crs=` 4326 default, 3857, 32634, 7801)."""

    @extend_schema(parameters=[OpenApiParameter("crs", str)], responses={(200, "application/geo+json"): dict})
    def get(self, request: Request, scenario_id: int) -> HttpResponse:
        scenario = selectors.get_scenario(request.user, scenario_id)
        try:
            srid = parse_crs(request.query_params.get("crs"), default=STORAGE_SRID)
        except UnknownCRS as exc:
            raise InvalidParameter(str(exc), parameter="crs") from None
        body = json.dumps(selectors.district_features(scenario, srid=srid), ensure_ascii=False)
        return HttpResponse(body, content_type="application/geo+json; charset=utf-8")


class SiteTableView(APIView):
    """The scenario's sites (`?kind=`, `?layer=`, `?district=`, `?hit=true|false`, `?limit=`, `?offset=`)."""

    @extend_schema(responses=OpenApiTypes.OBJECT)
    def get(self, request: Request, scenario_id: int) -> Response:
        scenario = selectors.get_scenario(request.user, scenario_id, with_tables=True)
        params = request.query_params
        hit_text = params.get("hit", "").lower()
        if hit_text and hit_text not in TRUE_WORDS | _FALSE:
            raise InvalidParameter(_("hit must be true or false."), parameter="hit")
        rows = selectors.site_table(
            scenario,
            kind=params.get("kind", ""),
            layer=params.get("layer", ""),
            district=params.get("district", ""),
            hit=(hit_text in TRUE_WORDS) if hit_text else None,
        )
        return _page(self, request, rows)


class ProtectionView(APIView):
    @extend_schema(responses=OpenApiTypes.OBJECT)
    def get(self, request: Request, scenario_id: int) -> Response:
        scenario = selectors.get_scenario(request.user, scenario_id)
        return Response(selectors.protection_table(scenario))


class LegendView(APIView):
    @extend_schema(responses=OpenApiTypes.OBJECT)
    def get(self, request: Request, scenario_id: int, layer: str) -> Response:
        scenario = selectors.get_scenario(request.user, scenario_id)
        return Response(selectors.legend(scenario, layer))


class TileView(BinaryView):
    """A 256 px PNG tile of a risk raster (Web Mercator XYZ); 204 where the tile holds nothing."""

    @extend_schema(responses={(200, "image/png"): OpenApiTypes.BINARY, 204: None})
    def get(self, request: Request, scenario_id: int, layer: str, z: int, x: int, y: int) -> HttpResponse:
        scenario = selectors.get_scenario(request.user, scenario_id)
        etag = f'"{scenario.results_hash[:20]}-{layer}"'
        if request.headers.get("If-None-Match") == etag:
            return HttpResponse(status=status.HTTP_304_NOT_MODIFIED)
        png = selectors.tile_png(scenario, layer, z=z, x=x, y=y)
        response = (
            HttpResponse(status=status.HTTP_204_NO_CONTENT)
            if png is None
            else HttpResponse(png, content_type="image/png")
        )
        # A run's rasters never change; a re-run gets a new results hash, hence a new ETag.
        response["Cache-Control"] = "private, max-age=3600"
        response["ETag"] = etag
        return response


# --- exports ----------------------------------------------------------------------------------------


class ScenarioExportsView(APIView):
    @extend_schema(responses=serializers.ExportJobSerializer(many=True))
    def get(self, request: Request, scenario_id: int) -> Response:
        scenario = selectors.get_scenario(request.user, scenario_id)
        return Response(
            serializers.ExportJobSerializer(selectors.exports_of(request.user, scenario), many=True).data
        )

    @extend_schema(
        request=serializers.ExportRequestSerializer, responses={202: serializers.ExportJobSerializer}
    )
    def post(self, request: Request, scenario_id: int) -> Response:
        scenario = selectors.get_scenario(request.user, scenario_id)
        data = valid(serializers.ExportRequestSerializer, request.data)
        job = services.request_export(
            user=request.user,
            scenario=scenario,
            export_format=data["format"],
            options={key: data[key] for key in ("layer", "table", "crs") if data.get(key)},
        )
        job.refresh_from_db()
        return Response(serializers.ExportJobSerializer(job).data, status=status.HTTP_202_ACCEPTED)


class ExportDetailView(APIView):
    @extend_schema(responses=serializers.ExportJobSerializer)
    def get(self, request: Request, job_id: int) -> Response:
        return Response(serializers.ExportJobSerializer(selectors.get_export(request.user, job_id)).data)


class ExportDownloadView(BinaryView):
    """The exported file, for its owner, analysts and planners, once the job is done."""

    @extend_schema(responses={(200, "application/octet-stream"): OpenApiTypes.BINARY})
    def get(self, request: Request, job_id: int) -> FileResponse:
        job = selectors.get_export(request.user, job_id)  # owner, analysts, planners
        path = selectors.export_file(job)
        return FileResponse(path.open("rb"), as_attachment=True, filename=path.name)


# --- measures and the plan ----------------------------------------------------------------------------


class ScenarioRankingsView(APIView):
    @extend_schema(responses=serializers.RankingSerializer(many=True))
    def get(self, request: Request, scenario_id: int) -> Response:
        scenario = selectors.get_scenario(request.user, scenario_id)
        rankings = scenario.rankings.prefetch_related("measures")
        return Response(serializers.RankingSerializer(rankings, many=True).data)

    @extend_schema(
        request=serializers.RankingRequestSerializer, responses={202: serializers.RankingSerializer}
    )
    def post(self, request: Request, scenario_id: int) -> Response:
        scenario = selectors.get_scenario(request.user, scenario_id)
        data = valid(serializers.RankingRequestSerializer, request.data)
        ranking = services.request_ranking(
            user=request.user,
            scenario=scenario,
            measure_ids=data.get("measures"),
            weights=data.get("weights"),
        )
        ranking.refresh_from_db()
        return Response(serializers.RankingSerializer(ranking).data, status=status.HTTP_202_ACCEPTED)


class RankingDetailView(APIView):
    @extend_schema(responses=serializers.RankingSerializer)
    def get(self, request: Request, ranking_id: int) -> Response:
        return Response(serializers.RankingSerializer(selectors.get_ranking(request.user, ranking_id)).data)


class MeasureListView(APIView):
    """The programme's measures (`?status=`, `?kind=`, `?plan_year=`), and new ones."""

    @extend_schema(responses=serializers.MeasureSerializer(many=True))
    def get(self, request: Request) -> Response:
        params = request.query_params
        year = params.get("plan_year")
        if year is not None and not year.isdigit():
            raise InvalidParameter(_("plan_year must be a year."), parameter="plan_year")
        measures = selectors.measures_for(
            request.user,
            status=params.get("status", ""),
            kind=params.get("kind", ""),
            plan_year=int(year) if year else None,
        ).select_related("created_by")
        return _page(self, request, list(measures), serializers.MeasureSerializer)

    @extend_schema(request=serializers.MeasureWriteSerializer, responses={201: serializers.MeasureSerializer})
    def post(self, request: Request) -> Response:
        ensure_can_use_risk_models(request.user)
        data = valid(serializers.MeasureWriteSerializer, request.data)
        measure = services.create_measure(user=request.user, **data)
        return Response(serializers.MeasureSerializer(measure).data, status=status.HTTP_201_CREATED)


class MeasureDetailView(APIView):
    @extend_schema(responses=serializers.MeasureSerializer)
    def get(self, request: Request, measure_id: int) -> Response:
        measure = selectors.get_measure(request.user, measure_id)
        # The strong ETag is the measure's version; send it back as If-Match when writing.
        return with_etag(Response(serializers.MeasureSerializer(measure).data), measure.updated_at)

    @extend_schema(request=serializers.MeasureWriteSerializer, responses=serializers.MeasureSerializer)
    def patch(self, request: Request, measure_id: int) -> Response:
        measure = selectors.get_measure(request.user, measure_id)
        data = valid(serializers.MeasureWriteSerializer, request.data, partial=True)
        with guarded_write(
            request, Measure.objects, measure.pk, what=pgettext("changed by someone else", "The measure")
        ):
            measure = services.update_measure(user=request.user, measure=measure, **data)
        return with_etag(Response(serializers.MeasureSerializer(measure).data), measure.updated_at)

    @extend_schema(responses={204: None})
    def delete(self, request: Request, measure_id: int) -> Response:
        measure = selectors.get_measure(request.user, measure_id)
        with guarded_write(
            request, Measure.objects, measure.pk, what=pgettext("changed by someone else", "The measure")
        ):
            services.delete_measure(user=request.user, measure=measure)
        return Response(status=status.HTTP_204_NO_CONTENT)


class PlanView(APIView):
    """The annual plan: the measures chosen for a year with their status, cost and latest ranking figures."""

    @extend_schema(responses=OpenApiTypes.OBJECT)
    def get(self, request: Request, year: int) -> Response:
        plan = selectors.annual_plan(request.user, year)
        measures = []
        for measure in plan["measures"]:
            entry = serializers.MeasureSerializer(measure).data
            entry["latest_ranking"] = plan["outcomes"].get(measure.pk)
            measures.append(entry)
        by_status = {
            key: {"count": v["count"], "cost_eur": float(v["cost_eur"])}
            for key, v in plan["by_status"].items()
        }
        return Response(
            {
                "year": plan["year"],
                "measures": measures,
                "by_status": by_status,
                "total_cost_eur": float(plan["total_cost_eur"]),
            }
        )
