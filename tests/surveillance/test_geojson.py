"""The fast GeoJSON of metric geometries (coverage gaps) equals shapely's own, rounded to 7 decimals."""

from __future__ import annotations

import json

import numpy as np
import pytest
import shapely

from layers.surveillance.geometry import STORAGE_DECIMALS, geojson_of
from risk_models.surveillance import to_storage

X, Y = 690_100.0, 4_728_300.0


def reference(geometry) -> dict:
    stored = shapely.transform(to_storage(geometry), lambda xy: np.round(xy, STORAGE_DECIMALS))
    return json.loads(shapely.to_geojson(stored))


@pytest.mark.parametrize(
    "geometry",
    [
        shapely.Point(X, Y),
        shapely.LineString([(X, Y), (X + 10, Y + 5), (X + 20, Y)]),
        shapely.MultiLineString([[(X, Y), (X + 1, Y + 1)], [(X + 5, Y), (X + 6, Y + 3), (X + 7, Y)]]),
        shapely.box(X, Y, X + 100, Y + 50).difference(shapely.box(X + 10, Y + 10, X + 20, Y + 20)),
        shapely.MultiPolygon([shapely.box(X, Y, X + 5, Y + 5), shapely.box(X + 10, Y, X + 15, Y + 5)]),
    ],
)
def test_same_as_shapely(geometry):
    ours = geojson_of(geometry)
    assert ours == reference(geometry)
    assert json.loads(json.dumps(ours)) == ours


def test_empty_is_none():
    assert geojson_of(shapely.Polygon()) is None
