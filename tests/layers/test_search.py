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
    assert results[0]["name"] == "Национален дворец на културата"
    # A stop on each side of the palace, told apart by district.
    districts = {r["district"] for r in results if r["name"] == "Национален дворец на културата"}
    assert len(districts) >= 2


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
