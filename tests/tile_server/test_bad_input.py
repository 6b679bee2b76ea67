"""Anything that is not a tile of a visible layer gets a clear JSON 4xx, never a 500."""

from __future__ import annotations

import pytest

from tile_server.layers import MAX_COMPOSITE_LAYERS


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "parameter"),
    [
        ("/tiles/districts/a/0/0.mvt", "z"),
        ("/tiles/districts/1.5/0/0.mvt", "z"),
        ("/tiles/districts/-1/0/0.mvt", "z"),
        ("/tiles/districts/+1/0/0.mvt", "z"),
        ("/tiles/districts/23/0/0.mvt", "z"),
        ("/tiles/districts/99999999999999999999/0/0.mvt", "z"),
        ("/tiles/districts/3/8/0.mvt", "x"),
        ("/tiles/districts/3/0/8.mvt", "y"),
        ("/tiles/districts/3/-1/0.mvt", "x"),
        ("/tiles/districts/3/x/0.mvt", "x"),
        ("/tiles/districts/3/0/0x10.mvt", "y"),
        ("/tiles/districts/3/0/%D9%A1.mvt", "y"),  # an Arabic-Indic digit one
        ("/tiles/districts/0/0/0.5.mvt", "y"),
        # Schools are drawn from zoom 11.
        ("/tiles/schools/10/578/377.mvt", "z"),
        ("/tiles/districts,districts/10/578/377.mvt", "layers"),
        ("/tiles/districts,/10/578/377.mvt", "layers"),
        ("/tiles/" + ",".join(["districts"] * (MAX_COMPOSITE_LAYERS + 1)) + "/10/578/377.mvt", "layers"),
    ],
)
def test_bad_tile_address_is_400(client, url, parameter):
    response = client.get(url)
    assert response.status_code == 400, url
    body = response.json()
    assert body["error"] == "invalid_parameter"
    assert body["parameter"] == parameter
    assert body["detail"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/tiles/no-such-layer/10/578/377.mvt",
        "/tiles/districts,no-such-layer/10/578/377.mvt",
        "/tiles/no-such-layer.json",
        "/tiles/%D0%B0/1/0/0.mvt",
    ],
)
def test_unknown_layer_is_404(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert response.json()["error"] == "not_found"


@pytest.mark.django_db
def test_missing_parts_of_the_address_are_404(client):
    assert client.get("/tiles/districts/10/578.mvt").status_code == 404
    assert client.get("/tiles/districts/10/578/377.png").status_code == 404


@pytest.mark.django_db
def test_messages_are_bulgarian_by_default_and_english_on_request(client):
    bulgarian = client.get("/tiles/districts/23/0/0.mvt").json()["detail"]
    assert bulgarian == "Мащабното ниво трябва да е цяло число от 0 до 22; получено е „23“."
    english = client.get("/tiles/districts/23/0/0.mvt", HTTP_ACCEPT_LANGUAGE="en").json()["detail"]
    assert english == "Zoom must be a whole number from 0 to 22; got “23”."
    missing = client.get("/tiles/nope/1/0/0.mvt").json()["detail"]
    assert missing == "Няма слой „nope“ или нямате достъп до него."
