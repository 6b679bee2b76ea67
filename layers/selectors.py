"""Reads of the catalogue and of features, always through what the caller may see."""

from __future__ import annotations

import json
from dataclasses import dataclass

from django.conf import settings
from django.contrib.gis.db.models.functions import Transform
from django.contrib.gis.geos import GEOSGeometry, Polygon
from django.db import connection
from django.db.models import F, Q, QuerySet, Window
from django.db.models.functions import RowNumber
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from geo_platform.accounts.models import Role
from geo_platform.accounts.roles import Visibility, policy_for, role_of
from geo_platform.crs import STORAGE_SRID, crs_uri
from geo_platform.errors import NotFound
from layers import queries
from layers.functions import AsGeoJSONText, JSONBuildObject
from layers.models import FeatureAction, FeatureVersion, Layer
from layers.registry import LayerNotRegistered, LayerSpec, get_spec


def visible_layers(user) -> QuerySet[Layer]:
    """The catalogue entries this user may read."""
    visible = set(policy_for(user).visible)
    layers = Layer.objects.filter(visibility__in=visible - {Visibility.PARTNER})
    if Visibility.PARTNER in visible:
        partner_shared = Q(visibility=Visibility.PARTNER)
        if role_of(user) == Role.PARTNER:
            # A layer shared with named agencies reaches only those agencies' accounts.
            partner_shared &= Q(shared_with=[]) | Q(shared_with__contains=[user.agency])
        layers = Layer.objects.filter(Q(pk__in=layers.values("pk")) | partner_shared)
    return layers.order_by("theme", "sort_order", "slug")


def may_see(user, layer: Layer) -> bool:
    """The rule of visible_layers() for one record, without a query."""
    visible = policy_for(user).visible
    if layer.visibility not in visible:
        return False
    if layer.visibility == Visibility.PARTNER and role_of(user) == Role.PARTNER:
        return not layer.shared_with or user.agency in layer.shared_with
    return True


def get_visible_layer(user, slug: str) -> tuple[Layer, LayerSpec]:
    """The layer and its spec, or NotFound (also for layers the user may not see).

    One indexed lookup by slug and the rule checked in Python: this runs on every
    features request, the hot path of the map and of partners.
    """
    try:
        layer = Layer.objects.get(slug=slug)
    except Layer.DoesNotExist:
        layer = None
    if layer is None or not may_see(user, layer):
        raise NotFound(_("There is no layer '%(layer)s', or you may not see it.") % {"layer": slug})
    try:
        return layer, get_spec(slug)
    except LayerNotRegistered:
        raise NotFound(_("Layer '%(layer)s' has no data behind it.") % {"layer": slug}) from None


def get_feature(spec: LayerSpec, feature_id: int, *, user):
    try:
        return spec.queryset_for(user).get(pk=feature_id)
    except spec.model.DoesNotExist:
        raise NotFound(
            _("Layer '%(layer)s' has no feature %(id)s.") % {"layer": spec.slug, "id": feature_id}
        ) from None


@dataclass(frozen=True)
class FeatureQuery:
    bbox: tuple[float, float, float, float] | None = None
    bbox_srid: int = STORAGE_SRID
    filters: dict | None = None
    output_srid: int = STORAGE_SRID
    limit: int = settings.FEATURES_DEFAULT_LIMIT
    offset: int = 0
    # (attribute, descending) pairs; empty: by id.
    sortby: tuple[tuple[str, bool], ...] = ()
    # A geometry (storage CRS) the features must intersect: a shape drawn on the map.
    intersects: GEOSGeometry | None = None
    ids: tuple[int, ...] | None = None
    # Also count every matching feature (numberMatched), for a table's scroll bar.
    count: bool = False


def _envelope(query: FeatureQuery) -> Polygon:
    """The bbox as a polygon in the storage CRS."""
    envelope = Polygon.from_bbox(query.bbox)
    envelope.srid = query.bbox_srid
    if query.bbox_srid != STORAGE_SRID:
        envelope.transform(STORAGE_SRID)
    return envelope


def _filtered(spec: LayerSpec, query: FeatureQuery, user) -> QuerySet:
    queryset = spec.queryset_for(user)
    if query.bbox is not None:
        queryset = queryset.filter(**{f"{spec.geometry_field}__intersects": _envelope(query)})
    if query.intersects is not None:
        queryset = queryset.filter(**{f"{spec.geometry_field}__intersects": query.intersects})
    if query.ids is not None:
        queryset = queryset.filter(pk__in=query.ids)
    if query.filters:
        queryset = queryset.filter(**query.filters)
    return queryset


def _feature_rows(spec: LayerSpec, queryset: QuerySet, output_srid: int, sortby=()) -> QuerySet:
    """Rows of (feature_id, GeoJSON geometry text, properties json), ordered by id.

    With `sortby`, each row also has its feature_position in that order (empty values last,
    then by id), which the GeoJSON wrapper keeps.
    """
    geometry = F(spec.geometry_field)
    if output_srid != STORAGE_SRID:
        geometry = Transform(spec.geometry_field, output_srid)
    # About 10 cm in degrees, 1 cm in metres.
    digits = 6 if output_srid == STORAGE_SRID else 2
    rows = queryset.annotate(
        feature_id=F("pk"),
        feature_geometry=AsGeoJSONText(geometry, digits=digits),
        feature_properties=JSONBuildObject({name: name for name in spec.properties}),
    )
    if not sortby:
        return rows.order_by("pk").values("feature_id", "feature_geometry", "feature_properties")
    order = [
        F("pk" if name == "id" else name).desc(nulls_last=True)
        if descending
        else F("pk" if name == "id" else name).asc(nulls_last=True)
        for name, descending in sortby
    ]
    order.append(F("pk").asc())
    return (
        rows.annotate(feature_position=Window(RowNumber(), order_by=order))
        .order_by("feature_position")
        .values("feature_id", "feature_geometry", "feature_properties", "feature_position")
    )


def feature_json(spec: LayerSpec, feature_id: int, *, user, output_srid: int = STORAGE_SRID) -> bytes:
    """One feature as GeoJSON (UTF-8)."""
    rows = _feature_rows(spec, spec.queryset_for(user).filter(pk=feature_id), output_srid)
    feature, rows_seen = queries.feature_page_json(rows, limit=1)
    if not rows_seen:
        raise NotFound(_("Layer '%(layer)s' has no feature %(id)s.") % {"layer": spec.slug, "id": feature_id})
    return feature


# Compiled inner statements of plain bbox pages, by (layer, CRSs, limit, offset): the map
# and partners ask for the same shapes of page over and over, and compiling the ORM query
# costs about as much Python time as the rest of the request.
_compiled_pages: dict[tuple, tuple[str, tuple, int]] = {}
_COMPILED_PAGES_MAX = 512


def _page_statement(spec: LayerSpec, query: FeatureQuery, user) -> tuple[str, list]:
    """The inner SQL and parameters of a page; plain bbox pages reuse a compiled statement."""
    cacheable = (
        query.bbox is not None
        and not query.filters
        and spec.rows_visible_to is None
        and not query.sortby
        and query.intersects is None
        and query.ids is None
    )
    key = (spec.slug, query.output_srid, query.bbox_srid, query.limit, query.offset)
    if cacheable and key in _compiled_pages:
        sql, params, envelope_index = _compiled_pages[key]
        envelope = _envelope(query)
        bound = list(params)
        bound[envelope_index] = connection.ops.Adapter(envelope)
        return sql, bound
    page = _feature_rows(spec, _filtered(spec, query, user), query.output_srid, query.sortby)[
        query.offset : query.offset + query.limit + 1
    ]
    sql, params = page.query.sql_with_params()
    if cacheable:
        adapters = [i for i, param in enumerate(params) if isinstance(param, connection.ops.Adapter)]
        if len(adapters) == 1:
            if len(_compiled_pages) >= _COMPILED_PAGES_MAX:
                _compiled_pages.clear()
            _compiled_pages[key] = (sql, tuple(params), adapters[0])
    return sql, list(params)


def feature_collection(spec: LayerSpec, query: FeatureQuery, *, user, page_url) -> bytes:
    """A page of the layer's features as GeoJSON (UTF-8), built in PostGIS.

    `page_url(offset)` makes the link to another page.
    """
    sql, params = _page_statement(spec, query, user)
    features, rows_seen = queries.feature_page_sql(
        sql, params, limit=query.limit, order="feature_position" if query.sortby else "feature_id"
    )
    returned = min(rows_seen, query.limit)
    links = [{"rel": "self", "type": "application/geo+json", "href": page_url(query.offset)}]
    if rows_seen > query.limit:
        links.append(
            {"rel": "next", "type": "application/geo+json", "href": page_url(query.offset + query.limit)}
        )
    if query.offset > 0:
        links.append(
            {
                "rel": "prev",
                "type": "application/geo+json",
                "href": page_url(max(0, query.offset - query.limit)),
            }
        )
    envelope = {
        "type": "FeatureCollection",
        "layer": spec.slug,
        "numberReturned": returned,
        "links": links,
    }
    if query.count:
        envelope["numberMatched"] = _filtered(spec, query, user).count()
    if query.output_srid != STORAGE_SRID:
        # RFC 7946 has no crs member; the 2008 form tells clients what the numbers mean.
        envelope["crs"] = {"type": "name", "properties": {"name": crs_uri(query.output_srid)}}
    head = json.dumps(envelope, ensure_ascii=False).encode()
    return b"".join((head[:-1], b',"features":[', features, b"]}"))


def feature_history(layer: Layer, feature_id: int) -> QuerySet[FeatureVersion]:
    return FeatureVersion.objects.filter(layer=layer, feature_id=feature_id).select_related("user")


def feature_deletion(layer: Layer, feature_id: int) -> FeatureVersion | None:
    """The record of a feature's deletion, if it was deleted (and not created again since)."""
    last = feature_history(layer, feature_id).first()
    return last if last is not None and last.action == FeatureAction.DELETE else None


def search_features(user, text: str, *, limit: int = 20) -> list[dict]:
    """Places and features matching `text` across the layers the user may see (see layers.search).

    A coordinate in the text comes first; then names ranked by how well they match, with
    administrative areas winning ties, so "Младост" finds the district before the bus stop.
    """
    from layers import search

    english = (get_language() or "bg").startswith("en")
    layers = sorted(
        visible_layers(user), key=lambda layer: (layer.theme != "administrative", layer.sort_order)
    )
    position = search.coordinate_result(text)
    if position:
        return [position]
    results = search.search(
        user,
        layers,
        text,
        limit=limit,
        title=lambda layer: layer.title_en if english else layer.title_bg,
    )
    return results


def filtered_features(spec: LayerSpec, query: FeatureQuery, user) -> QuerySet:
    """The rows of `spec` this user may see that match the query's bbox and attribute filters."""
    return _filtered(spec, query, user)


def feature_rows(
    spec: LayerSpec, queryset: QuerySet, output_srid: int, *, geometry=None, digits=None
) -> QuerySet:
    """Rows of (feature_id, RFC 7946 GeoJSON geometry text, properties json), ordered by id.

    `geometry` replaces the output geometry expression (e.g. with the axes swapped).
    """
    if geometry is None:
        return _feature_rows(spec, queryset, output_srid)
    return (
        queryset.annotate(
            feature_id=F("pk"),
            feature_geometry=AsGeoJSONText(geometry, digits=digits if digits is not None else 6),
            feature_properties=JSONBuildObject({name: name for name in spec.properties}),
        )
        .order_by("pk")
        .values("feature_id", "feature_geometry", "feature_properties")
    )


_EXTENT_CACHE_SECONDS = 600


def layer_extent(layer: Layer, spec: LayerSpec, user) -> list[float] | None:
    """[minx, miny, maxx, maxy] in WGS 84 of the layer's rows this user may see (None: no rows).

    ST_Extent over the rows the user may see; for layers whose rows are the same for
    everyone who sees the layer, cached until the layer's next change.
    """
    from django.contrib.gis.db.models import Extent
    from django.core.cache import cache

    key = None
    if spec.rows_visible_to is None:
        stamp = layer.last_change_at.timestamp() if layer.last_change_at else 0
        key = f"layer-extent:{layer.slug}:{stamp}"
        cached = cache.get(key)
        if cached is not None:
            return cached or None
    box = spec.queryset_for(user).aggregate(extent=Extent(spec.geometry_field))["extent"]
    extent = [round(value, 6) for value in box] if box else []
    if key is not None:
        cache.set(key, extent, _EXTENT_CACHE_SECONDS)
    return extent or None
