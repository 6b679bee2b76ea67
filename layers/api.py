"""HTTP views of the catalogue and the features: parse, call a selector or service, respond."""

from __future__ import annotations

import json

from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, status
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from geo_platform import openapi
from geo_platform.accounts.roles import policy_for
from geo_platform.api import GEOJSON, GeoJSONRenderer, is_true
from geo_platform.errors import Forbidden, InvalidGeometry, InvalidParameter
from geo_platform.versioning import guarded_write, with_etag
from layers import selectors, services
from layers.filters import PAGING_PARAMETERS, parse_feature_query
from layers.geometry import check_geometry
from layers.registry import LayerSpec
from layers.serializers import (
    FeatureVersionSerializer,
    FeatureWriteSerializer,
    LayerSerializer,
    properties_serializer,
)
from layers.statistics import field_statistics


def geojson_response(content: bytes, *, status_code: int = 200) -> HttpResponse:
    return HttpResponse(content, content_type=f"{GEOJSON}; charset=utf-8", status=status_code)


class LayerListView(generics.ListAPIView):
    """The layer catalogue: only the layers the caller may see."""

    serializer_class = LayerSerializer

    def get_queryset(self):
        return selectors.visible_layers(self.request.user)


class LayerDetailView(generics.RetrieveAPIView):
    serializer_class = LayerSerializer
    lookup_field = "slug"

    def get_object(self):
        layer, _spec = selectors.get_visible_layer(self.request.user, self.kwargs["slug"])
        return layer


def _validated_write(request: Request, spec: LayerSpec, *, partial: bool):
    """The checked geometry (or None) and attributes of a Feature in the request body."""
    body = FeatureWriteSerializer(data=request.data)
    body.is_valid(raise_exception=True)
    data = body.validated_data
    geometry_json = data.get("geometry")
    if geometry_json is None and not partial:
        raise InvalidGeometry(_("The feature has no geometry."), location="geometry")
    checked = None
    if geometry_json is not None:
        if isinstance(geometry_json, dict) and "crs" in data and "crs" not in geometry_json:
            geometry_json = {**geometry_json, "crs": data["crs"]}
        checked = check_geometry(
            geometry_json,
            accepted_types=spec.accepted_geometry_types,
            store_as_multi=spec.geometry_model_field.geom_type.startswith("MULTI"),
            query_crs=request.query_params.get("crs"),
            repair=is_true(request.query_params.get("repair")),
        )
    unknown = sorted(set(data["properties"]) - set(spec.editable_fields))
    if unknown:
        raise InvalidParameter(
            _("Unknown attribute %(name)r; layer '%(layer)s' takes %(allowed)s.")
            % {"name": unknown[0], "layer": spec.slug, "allowed": ", ".join(spec.editable_fields)},
            parameter=unknown[0],
        )
    attributes = properties_serializer(spec)(data=data["properties"], partial=partial)
    attributes.is_valid(raise_exception=True)
    return checked, attributes.validated_data


def _written(spec: LayerSpec, instance, checked, status_code: int, *, user) -> HttpResponse:
    feature = json.loads(selectors.feature_json(spec, instance.pk, user=user))
    if checked is not None:
        feature["validation"] = checked.report()
    return HttpResponse(json.dumps(feature, ensure_ascii=False), content_type=GEOJSON, status=status_code)


class FeatureCollectionView(APIView):
    """GeoJSON features of a layer (GET) and new features for planners (POST)."""

    renderer_classes = [JSONRenderer, GeoJSONRenderer]

    @extend_schema(
        operation_id="layers_features_list",
        parameters=openapi.FEATURE_QUERY_PARAMETERS,
        responses={
            (200, GEOJSON): openapi.FEATURE_COLLECTION,
            (200, "application/json"): openapi.FEATURE_COLLECTION,
        },
    )
    def get(self, request: Request, slug: str) -> HttpResponse:
        _layer, spec = selectors.get_visible_layer(request.user, slug)
        query = parse_feature_query(spec, request.query_params)
        base = request.build_absolute_uri(request.path)
        params = request.query_params.copy()

        def page_url(offset: int) -> str:
            params["offset"] = str(offset)
            return f"{base}?{params.urlencode()}"

        return geojson_response(
            selectors.feature_collection(spec, query, user=request.user, page_url=page_url)
        )

    @extend_schema(
        request={"application/json": openapi.FEATURE_WRITE, GEOJSON: openapi.FEATURE_WRITE},
        parameters=openapi.FEATURE_WRITE_PARAMETERS,
        responses={(201, GEOJSON): openapi.FEATURE, (201, "application/json"): openapi.FEATURE},
    )
    def post(self, request: Request, slug: str) -> HttpResponse:
        layer, spec = selectors.get_visible_layer(request.user, slug)
        services.ensure_can_edit(request.user, spec)
        checked, attributes = _validated_write(request, spec, partial=False)
        instance = services.create_feature(
            layer=layer, user=request.user, geometry=checked.geometry, properties=attributes
        )
        return with_etag(
            _written(spec, instance, checked, status.HTTP_201_CREATED, user=request.user), instance.updated_at
        )


class FeatureStatisticsView(APIView):
    """Field statistics of the features that match the same filters as the features list."""

    @extend_schema(
        operation_id="layers_features_statistics",
        parameters=[p for p in openapi.FEATURE_QUERY_PARAMETERS if p.name not in PAGING_PARAMETERS],
        responses={200: openapi.FEATURE_STATISTICS},
    )
    def get(self, request: Request, slug: str) -> Response:
        _layer, spec = selectors.get_visible_layer(request.user, slug)
        params = request.query_params.copy()
        for name in PAGING_PARAMETERS & set(params):
            params.pop(name)
        query = parse_feature_query(spec, params)
        return Response(field_statistics(spec, selectors.filtered_features(spec, query, request.user)))


class FeatureDetailView(APIView):
    """One feature: read, replace (PUT), change (PATCH) or delete."""

    renderer_classes = [JSONRenderer, GeoJSONRenderer]

    @extend_schema(
        operation_id="layers_feature_retrieve",
        parameters=[openapi.CRS_PARAMETER],
        responses={(200, GEOJSON): openapi.FEATURE, (200, "application/json"): openapi.FEATURE},
    )
    def get(self, request: Request, slug: str, feature_id: int) -> HttpResponse:
        _layer, spec = selectors.get_visible_layer(request.user, slug)
        response = geojson_response(selectors.feature_json(spec, feature_id, user=request.user))
        # The strong ETag is the feature's version; send it back as If-Match when writing.
        return with_etag(response, selectors.get_feature(spec, feature_id, user=request.user).updated_at)

    def _update(self, request: Request, slug: str, feature_id: int, *, partial: bool) -> HttpResponse:
        layer, spec = selectors.get_visible_layer(request.user, slug)
        services.ensure_can_edit(request.user, spec)
        instance = selectors.get_feature(spec, feature_id, user=request.user)
        checked, attributes = _validated_write(request, spec, partial=partial)
        with guarded_write(
            request, spec.model.objects, instance.pk, what=pgettext("changed by someone else", "The feature")
        ):
            instance = services.update_feature(
                layer=layer,
                user=request.user,
                instance=instance,
                geometry=checked.geometry if checked else None,
                properties=attributes,
            )
        return with_etag(
            _written(spec, instance, checked, status.HTTP_200_OK, user=request.user), instance.updated_at
        )

    @extend_schema(
        request={"application/json": openapi.FEATURE_WRITE, GEOJSON: openapi.FEATURE_WRITE},
        parameters=openapi.FEATURE_WRITE_PARAMETERS,
        responses={(200, GEOJSON): openapi.FEATURE, (200, "application/json"): openapi.FEATURE},
    )
    def put(self, request: Request, slug: str, feature_id: int) -> HttpResponse:
        return self._update(request, slug, feature_id, partial=False)

    @extend_schema(
        request={"application/json": openapi.FEATURE_WRITE, GEOJSON: openapi.FEATURE_WRITE},
        parameters=openapi.FEATURE_WRITE_PARAMETERS,
        responses={(200, GEOJSON): openapi.FEATURE, (200, "application/json"): openapi.FEATURE},
    )
    def patch(self, request: Request, slug: str, feature_id: int) -> HttpResponse:
        return self._update(request, slug, feature_id, partial=True)

    @extend_schema(responses={204: None})
    def delete(self, request: Request, slug: str, feature_id: int) -> HttpResponse:
        layer, spec = selectors.get_visible_layer(request.user, slug)
        services.ensure_can_edit(request.user, spec)
        instance = selectors.get_feature(spec, feature_id, user=request.user)
        with guarded_write(
            request, spec.model.objects, instance.pk, what=pgettext("changed by someone else", "The feature")
        ):
            services.delete_feature(layer=layer, user=request.user, instance=instance)
        return HttpResponse(status=status.HTTP_204_NO_CONTENT)


class FeatureHistoryView(generics.ListAPIView):
    """Every change of a feature, newest first, with the geometry before and after."""

    serializer_class = FeatureVersionSerializer

    def get_queryset(self):
        layer, _spec = selectors.get_visible_layer(self.request.user, self.kwargs["slug"])
        if not policy_for(self.request.user).staff:
            raise Forbidden(_("Feature history is for the directorate's staff."))
        return selectors.feature_history(layer, self.kwargs["feature_id"])


class SearchView(APIView):
    """Features and districts by name, across the layers the caller may see."""

    @extend_schema(
        parameters=[
            OpenApiParameter("q", str, required=True, description="At least 2 characters of a name.")
        ],
        responses={200: openapi.SEARCH_RESULTS},
    )
    def get(self, request: Request) -> Response:
        text = request.query_params.get("q", "").strip()
        if len(text) < 2:
            raise InvalidParameter(_("Type at least 2 characters to search."), parameter="q")
        return Response({"results": selectors.search_features(request.user, text)})
