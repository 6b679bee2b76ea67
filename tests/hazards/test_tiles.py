"""PNG tiles of the risk rasters and their legends."""

from __future__ import annotations

import io
import math

import numpy as np
import pytest
from PIL import Image

from layers.hazards.rendering.ramps import EARTHQUAKE_PGA

from .conftest import EARTHQUAKE


def tile_of(lon: float, lat: float, z: int) -> tuple[int, int]:
    """The XYZ tile holding a point (the usual Web Mercator formula)."""
    n = 1 << z
    x = int((lon + 180.0) / 360.0 * n)
    y = int((1.0 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2.0 * n)
    return x, y


@pytest.fixture
def earthquake(analyst, computed):
    return computed(analyst, EARTHQUAKE)


def tile_url(scenario: dict, layer: str, z: int, x: int, y: int) -> str:
    return scenario["layers"][0]["tiles"].replace("/hazard/", f"/{layer}/").format(z=z, x=x, y=y)


def rgba(response) -> np.ndarray:
    assert response["Content-Type"] == "image/png"
    image = Image.open(io.BytesIO(response.content))
    assert image.size == (256, 256) and image.mode == "RGBA"
    return np.asarray(image)


def test_a_tile_on_the_municipal_boundary_is_transparent_outside(api, analyst, earthquake):
    client = api.as_user(analyst)
    # Bankya's western edge (23.05° E is the municipality's westmost longitude) at zoom 11.
    x, y = tile_of(23.06, 42.71, 11)
    pixels = rgba(client.get(tile_url(earthquake, "hazard", 11, x, y)))
    alpha = pixels[..., 3]
    # Outside the municipality: fully transparent; inside: the PGA colours, opaque.
    assert (alpha == 0).any() and (alpha == 255).any()
    assert set(np.unique(alpha)) <= {0, 255}
    legend_colours = {
        tuple(int(stop.colour[i : i + 2], 16) for i in (1, 3, 5)) for stop in EARTHQUAKE_PGA.stops
    }
    opaque = {tuple(pixel[:3]) for pixel in pixels[alpha == 255].reshape(-1, 4)}
    assert opaque <= legend_colours


def test_a_tile_in_the_city_centre_is_opaque_and_one_outside_the_raster_is_204(api, analyst, earthquake):
    client = api.as_user(analyst)
    # Largo, in the city centre: a Mw 6.5 on the Vitosha fault shakes all of it (PGA above MMI V).
    x, y = tile_of(23.3219, 42.6977, 12)
    assert (rgba(client.get(tile_url(earthquake, "hazard", 12, x, y)))[..., 3] == 255).all()
    # Plovdiv, 130 km away: outside the raster.
    x, y = tile_of(24.75, 42.15, 10)
    empty = client.get(tile_url(earthquake, "hazard", 10, x, y))
    assert empty.status_code == 204 and empty.content == b""
    # At zoom 8 a tile is ~160 km wide: the municipality is a small coloured patch in it, read from
    # the rasters' overviews.
    x, y = tile_of(23.3219, 42.6977, 8)
    alpha = rgba(client.get(tile_url(earthquake, "impact", 8, x, y)))[..., 3]
    assert 0 < (alpha == 255).sum() < 0.2 * alpha.size


def test_tiles_are_cached_by_results_hash_and_bad_tiles_are_4xx(api, analyst, earthquake):
    client = api.as_user(analyst)
    x, y = tile_of(23.3219, 42.6977, 12)
    first = client.get(tile_url(earthquake, "impact", 12, x, y))
    assert first["ETag"] and "max-age" in first["Cache-Control"]
    assert (
        client.get(tile_url(earthquake, "impact", 12, x, y), HTTP_IF_NONE_MATCH=first["ETag"]).status_code
        == 304
    )
    assert client.get(tile_url(earthquake, "impact", 23, 0, 0)).status_code == 400
    assert client.get(tile_url(earthquake, "impact", 3, 8, 0)).status_code == 400
    unknown = client.get(tile_url(earthquake, "wind", 12, x, y))
    assert unknown.status_code == 404 and unknown.json()["error"] == "not_found"


def test_the_legend_has_colour_stops_and_bulgarian_labels(api, analyst, earthquake):
    client = api.as_user(analyst)
    legend = client.get(earthquake["layers"][0]["legend"], HTTP_ACCEPT_LANGUAGE="bg").json()
    assert legend["layer"] == "hazard" and legend["type"] == "classes"
    assert [stop["colour"] for stop in legend["stops"]] == [stop.colour for stop in EARTHQUAKE_PGA.stops]
    assert [stop["value"] for stop in legend["stops"]] == [0.039, 0.092, 0.18, 0.34, 0.65]
    # Bulgarian: Cyrillic title, decimal commas in the class labels.
    assert any("\u0400" <= char <= "\u04ff" for char in legend["title"])
    assert legend["stops"][0]["label"] == "0,039–0,092 g"
    impact = client.get(f"{earthquake['links']['self']}legend/impact/", HTTP_ACCEPT_LANGUAGE="bg").json()
    assert impact["units"] == "души/ха"
    assert client.get(f"{earthquake['links']['self']}legend/wind/").status_code == 404
