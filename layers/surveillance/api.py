"""HTTP views of the surveillance analyses and the camera exchange: parse, call one selector or service, respond.

Camera and building edits use the generic features API (/api/layers/cameras/features/,
/api/layers/buildings/features/); stored fields of view are read there too
(/api/layers/camera-fov/features/?camera=<id>).
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from geo_platform.api import is_true, valid
from layers.surveillance import formats, jobs, responses
from layers.surveillance.models import JobKind
from layers.surveillance.permissions import ensure_can_plan, ensure_can_see_cameras, ensure_can_write
from layers.surveillance.renderers import CSVRenderer, GeoJSONRenderer
from layers.surveillance.selectors import coverage as coverage_selectors
from layers.surveillance.selectors.exports import cameras_for_export
from layers.surveillance.selectors.placement import plan_placement
from layers.surveillance.serializers import (
    CameraExportSerializer,
    CameraImportOptionsSerializer,
    CoverageRequestSerializer,
    OutageRequestSerializer,
    PlacementRequestSerializer,
    SavePlacementSerializer,
    WhoSeesRequestSerializer,
)
from layers.surveillance.services.cameras import save_planned_cameras
from layers.surveillance.services.imports import import_cameras

GEOJSON = "application/geo+json"


def _in_background(request: Request) -> bool:
    """`?background=true` asks for a job whatever the request's size."""
    return is_true(request.query_params.get("background"))


def _job_response(request: Request, job) -> Response:
    """202 with the job; its URL (also in Location) answers its progress and, at the end, the result."""
    url = request.build_absolute_uri(f"/api/surveillance/jobs/{job.pk}/")
    response = Response(jobs.job_body(job, url=url), status=status.HTTP_202_ACCEPTED)
    response["Location"] = url
    return response


class CoverageView(APIView):
    """Share of a target seen at each DORI level, its coverage gaps, and the cameras that see it."""

    @extend_schema(request=CoverageRequestSerializer, responses=dict)
    def post(self, request: Request) -> Response:
        data = valid(CoverageRequestSerializer, request.data)
        ensure_can_see_cameras(request.user)
        if not jobs.runs_inline(JobKind.COVERAGE, request.user, data) or _in_background(request):
            return _job_response(
                request, jobs.start(JobKind.COVERAGE, user=request.user, request=request.data)
            )
        result = coverage_selectors.coverage(
            user=request.user,
            target=data["target"],
            include_planned=data["include_planned"],
            levels=data.get("levels", ()),
        )
        return Response(responses.coverage_body(result, with_geometry=data["include_geometry"]))


class OutageView(APIView):
    """The coverage a target loses at each DORI level if the chosen cameras go offline."""

    @extend_schema(request=OutageRequestSerializer, responses=dict)
    def post(self, request: Request) -> Response:
        data = valid(OutageRequestSerializer, request.data)
        ensure_can_see_cameras(request.user)
        if not jobs.runs_inline(JobKind.OUTAGE, request.user, data) or _in_background(request):
            return _job_response(request, jobs.start(JobKind.OUTAGE, user=request.user, request=request.data))
        result = coverage_selectors.outage(
            user=request.user,
            target=data["target"],
            cameras=data["cameras"],
            include_planned=data["include_planned"],
            levels=data.get("levels", ()),
        )
        return Response(responses.outage_body(result, with_geometry=data["include_geometry"]))


class WhoSeesView(APIView):
    """The cameras whose field of view covers a point, ranked by the DORI level reached there."""

    @extend_schema(parameters=[WhoSeesRequestSerializer], responses=dict)
    def get(self, request: Request) -> Response:
        data = valid(WhoSeesRequestSerializer, request.query_params)
        sightings = coverage_selectors.who_sees(
            user=request.user,
            x=data["lon"],
            y=data["lat"],
            crs=data.get("crs"),
            include_planned=data["include_planned"],
        )
        return Response(
            responses.who_sees_body([data["lon"], data["lat"]], data["include_planned"], sightings)
        )


class PlacementView(APIView):
    """Propose k new cameras (site and azimuth) adding the most coverage; nothing is saved."""

    @extend_schema(request=PlacementRequestSerializer, responses=dict)
    def post(self, request: Request) -> Response:
        data = valid(PlacementRequestSerializer, request.data)
        ensure_can_plan(request.user)
        if not jobs.runs_inline(JobKind.PLACEMENT, request.user, data) or _in_background(request):
            return _job_response(
                request, jobs.start(JobKind.PLACEMENT, user=request.user, request=request.data)
            )
        return Response(
            responses.placement_body(plan_placement(user=request.user, request=data), user=request.user)
        )


class PlacementSaveView(APIView):
    """Save reviewed placement cameras as planned cameras (planners)."""

    @extend_schema(request=SavePlacementSerializer, responses=dict)
    def post(self, request: Request) -> Response:
        data = valid(SavePlacementSerializer, request.data)
        created = save_planned_cameras(
            user=request.user,
            cameras=data["cameras"],
            owner=data["owner"],
            watched_object=data["watched_object"],
            name_prefix=data.get("name_prefix", ""),
        )
        return Response(
            {"created": [camera.pk for camera in created], "status": "planned"},
            status=status.HTTP_201_CREATED,
        )


class CameraExportView(APIView):
    """The cameras you may see as GeoJSON (with OSM surveillance tags) or CSV: ?format=geojson|csv."""

    renderer_classes = [GeoJSONRenderer, CSVRenderer]

    def perform_content_negotiation(self, request, force=False):
        # `format` picks the file type (checked by CameraExportSerializer); the Accept header never
        # turns a download into a 406.
        return super().perform_content_negotiation(request, force=True)

    def finalize_response(self, request, response, *args, **kwargs):
        if response.status_code >= 400:  # errors are JSON whatever file was asked for
            request.accepted_renderer, request.accepted_media_type = JSONRenderer(), "application/json"
        return super().finalize_response(request, response, *args, **kwargs)

    @extend_schema(
        parameters=[CameraExportSerializer], responses={(200, GEOJSON): dict, (200, "text/csv"): str}
    )
    def get(self, request: Request) -> Response:
        data = valid(CameraExportSerializer, request.query_params)
        cameras = cameras_for_export(
            user=request.user, status=data.get("status", ""), bbox=data.get("bbox", "")
        )
        fmt = data["format"]
        body = formats.write_csv(cameras) if fmt == "csv" else formats.write_geojson(cameras)
        renderer = CSVRenderer() if fmt == "csv" else GeoJSONRenderer()
        response = Response(body, content_type=f"{renderer.media_type}; charset=utf-8")
        # The renderer is chosen by `format`, not by the Accept header.
        request.accepted_renderer, request.accepted_media_type = renderer, renderer.media_type
        response["Content-Disposition"] = f'attachment; filename="cameras.{fmt}"'
        return response


class CameraImportView(APIView):
    """Import cameras from CSV or GeoJSON (multipart `file`, or the file as the body); report rejected rows.

    Query parameters: file_format (csv|geojson; else from the file name or content), crs, dry_run.
    """

    @extend_schema(
        parameters=[CameraImportOptionsSerializer],
        request={"multipart/form-data": dict, "text/csv": str, GEOJSON: dict},
        responses=dict,
    )
    def post(self, request: Request) -> Response:
        options = valid(CameraImportOptionsSerializer, request.query_params)
        if (request.content_type or "").startswith("multipart/form-data"):
            upload = request.FILES.get("file")
            content, filename = (upload.read(), upload.name) if upload is not None else (b"", "")
        else:
            content, filename = request.body, ""
        ensure_can_write(request.user)
        if not jobs.runs_inline(JobKind.IMPORT, request.user, {}, size=len(content)) or _in_background(
            request
        ):
            job = jobs.start(
                JobKind.IMPORT,
                user=request.user,
                request={"options": request.query_params.dict(), "filename": filename},
                payload=content,
            )
            return _job_response(request, job)
        report = import_cameras(
            user=request.user,
            content=content,
            filename=filename,
            fmt=options.get("file_format"),
            crs=options.get("crs"),
            dry_run=options["dry_run"],
        )
        code = status.HTTP_200_OK if options["dry_run"] or not report.created else status.HTTP_201_CREATED
        return Response(responses.import_body(report), status=code)


class JobDetailView(APIView):
    """A surveillance analysis job of yours: status, stage, progress 0–100 and, when done, the
    result (the body the inline endpoint would have given, with its status in result_status)."""

    @extend_schema(responses=dict)
    def get(self, request: Request, job_id: int) -> Response:
        ensure_can_see_cameras(request.user)
        job = jobs.get_job(request.user, job_id)
        return Response(jobs.job_body(job, url=request.build_absolute_uri()))
