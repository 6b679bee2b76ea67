"""Search as people type it: acronyms, Latin transliteration, typos, coordinates, districts."""

from __future__ import annotations

import pytest

from layers.search import bg_latin, parse_coordinates

pytestmark = pytest.mark.django_db


def _search(api, text: str, user=None) -> list[dict]:
    response = api.as_user(user).get("/api/search/", {"q": text})
    assert response.status_code == 200, response.content
    return response.json()["results"]


@pytest.mark.parametrize(
    ("cyrillic", "latin"),
    [
        ("Лозенец", "lozenets"),
        ("София", "sofia"),  # "ия" at the end of a word is "ia"
        ("Щастие", "shtastie"),
        ("Юрий Гагарин", "yuriy gagarin"),
        ("Ъгъл", "agal"),
        ("Цар Борис", "tsar boris"),
        ("Жолио-Кюри", "zholio-kyuri"),
    ],
)
def test_official_transliteration_in_python_and_sql(cyrillic, latin):
    from django.db import connection

    assert bg_latin(cyrillic) == latin
    with connection.cursor() as cursor:
        cursor.execute("SELECT bg_latin(%s)", [cyrillic])
        assert cursor.fetchone()[0] == latin


def test_ndk_by_its_acronym(api):
    results = _search(api, "НДК")
    # The gazetteer's landmark first (its name carries the acronym), then the stops.
    assert (results[0]["layer"], results[0]["name"]) == ("places", "Национален дворец на културата (НДК)")
    assert results[0]["district"] == "Триадица"
    # A stop on each side of the palace, told apart by district.
    districts = {r["district"] for r in results if r["name"] == "Национален дворец на културата"}
    assert len(districts) >= 2


@pytest.mark.parametrize(
    ("text", "name", "kind", "district"),
    [
        ("Народно събрание", "Народно събрание", "Landmark building", "Средец"),
        ("Narodno sabranie", "Народно събрание", "Landmark building", "Средец"),
        ("стадион Васил Левски", "Стадион Васил Левски", "Stadium", "Средец"),
        ("Централна гара", "Централна гара", "Railway station", "Сердика"),
        ("Бистрица", "Бистрица", "Village", "Панчарево"),
        ("Bankya", "Банкя", "Town", "Банкя"),
    ],
)
def test_gazetteer_places_come_first(api, text, name, kind, district):
    first = _search(api, text)[0]
    assert (first["layer"], first["name"], first["kind"], first["district"]) == (
        "places",
        name,
        kind,
        district,
    )


def test_metro_stations_and_neighbourhoods_are_found(api):
    results = _search(api, "Вардар")
    assert any(
        r["layer"] == "places" and r["name"] == "Метростанция Вардар" and r["kind"] == "Metro station"
        for r in results
    )
    assert any(r["layer"] == "neighbourhoods" for r in _search(api, "Младост 1"))


def test_duplicates_are_told_apart_by_layer_and_district(api):
    """„Площад Македония" has stops in two districts; the square is one named place."""
    results = _search(api, "Македония")
    squares = [r for r in results if r["layer"] == "places" and r["name"] == "Площад Македония"]
    assert len(squares) == 1 and squares[0]["kind"] == "Square"
    keys = [(r["layer"], r["name"], r["district"]) for r in results]
    assert len(keys) == len(set(keys))
    assert {r["layer"] for r in results if "Македония" in r["name"]} >= {"places", "transit-stops"}


def test_gazetteer_layer_is_public_with_kind_and_district(api):
    from layers.administrative.models import Place, PlaceKind

    assert Place.objects.filter(kind=PlaceKind.METRO_STATION).count() >= 40
    assert Place.objects.filter(kind__in=[PlaceKind.TOWN, PlaceKind.VILLAGE]).count() == 38
    assert not Place.objects.filter(district="").exists()
    landmarks = Place.objects.filter(kind=PlaceKind.LANDMARK)
    assert all("на ръка" in place.note for place in landmarks)  # the hand-made names say so
    response = api.as_user(None).get("/api/layers/places/features/", {"kind": "stadium"})
    assert response.status_code == 200, response.content
    names = {f["properties"]["name"] for f in response.json()["features"]}
    assert "Стадион Георги Аспарухов" in names


def test_latin_finds_cyrillic_and_typos_are_forgiven(api):
    for text in ("Lozenets", "lozenez", "Лозенец"):
        results = _search(api, text)
        assert (results[0]["layer"], results[0]["name"]) == ("districts", "Лозенец"), text
        assert results[0]["district"] == "Лозенец"
    assert any(r["layer"] == "neighbourhoods" for r in _search(api, "Lozenets"))


def test_stops_of_one_name_in_one_district_are_one_place(api):
    results = _search(api, "Стадион Георги Аспарухов")
    keys = [(r["layer"], r["name"], r["district"]) for r in results]
    assert len(keys) == len(set(keys))


@pytest.mark.parametrize(
    "text",
    [
        "42.6977, 23.3219",
        "23.3219 42.6977",
        "42,6977 23,3219",
        "42°41'51.7\"N 23°19'18.8\"E",
        "42° 41′ 51.7″ N, 23° 19′ 18.8″ E",
        "4731436 321559",  # BGS2005: northing, easting
        "321559, 4731436",
    ],
)
def test_coordinates_in_wgs84_and_bgs2005(api, text):
    (result,) = _search(api, text)
    lon, lat = result["bbox"][:2]
    assert lon == pytest.approx(23.3219, abs=2e-4) and lat == pytest.approx(42.6977, abs=2e-4)
    assert result["kind"] == "coordinates" and result["district"] == "Оборище"


def test_not_a_coordinate():
    assert parse_coordinates("Младост 1") is None
    assert parse_coordinates("10 20") is None  # far from Sofia
    assert parse_coordinates("1 000 000") is None


def test_search_keeps_to_the_layers_the_role_sees(api, planner):
    public = _search(api, "София Лозенец")
    assert not [r for r in public if r["layer"] == "critical-sites"]
    assert any(r["layer"] == "critical-sites" for r in _search(api, "София Лозенец", planner))
