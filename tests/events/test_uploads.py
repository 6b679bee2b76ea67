"""GPX, KML and GeoJSON uploads: read, CRS declared or detected, checked like drawings."""

from __future__ import annotations

import json

import pytest
from pyproj import Transformer

from tests.events.test_bad_input import upload

pytestmark = pytest.mark.django_db

GPX_TRACK = b"""<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1">
  <trk><name>Shestvie</name><trkseg>
    <trkpt lat="42.6850" lon="23.3190"/><trkpt lat="42.6900" lon="23.3210"/><trkpt lat="42.6960" lon="23.3230"/>
  </trkseg></trk>
</gpx>"""

KML_PERIMETER = """<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2"><Document><Placemark><name>Площад</name>
  <Polygon><outerBoundaryIs><LinearRing><coordinates>
    23.318,42.684,0 23.320,42.684,0 23.320,42.686,0 23.318,42.686,0 23.318,42.684,0
  </coordinates></LinearRing></outerBoundaryIs></Polygon>
</Placemark></Document></kml>""".encode()

LONLAT = [[23.3190, 42.6850], [23.3210, 42.6900], [23.3230, 42.6960]]


def test_gpx_track_is_read_as_the_route_in_wgs84(organizer_client):
    response = upload(organizer_client, GPX_TRACK)
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["format"], body["crs_read"], body["crs_detected"], body["name"]) == (
        "gpx",
        "EPSG:4326 (WGS 84)",
        False,
        "Shestvie",
    )
    assert body["geometry"] == {"type": "LineString", "coordinates": LONLAT}


def test_kml_polygon_is_read_as_the_perimeter(organizer_client):
    response = upload(organizer_client, KML_PERIMETER, name="area.kml", target="perimeter")
    assert response.status_code == 200, response.content
    geometry = response.json()["geometry"]
    assert geometry["type"] == "MultiPolygon"
    assert geometry["coordinates"][0][0][0] == [23.318, 42.684]


@pytest.mark.parametrize("srid", [3857, 32634, 7801])
def test_geojson_in_a_projected_crs_is_detected(organizer_client, srid):
    forward = Transformer.from_crs(4326, srid, always_xy=True)
    coordinates = [list(forward.transform(x, y)) for x, y in LONLAT]
    document = {
        "type": "Feature",
        "properties": {"name": "r"},
        "geometry": {"type": "LineString", "coordinates": coordinates},
    }
    response = upload(organizer_client, json.dumps(document).encode(), name="route.geojson")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["crs_detected"] is True
    assert body["crs_read"].startswith(f"EPSG:{srid}")
    for got, expected in zip(body["geometry"]["coordinates"], LONLAT, strict=True):
        assert got == pytest.approx(expected, abs=1e-6)
    assert "No CRS was declared" in body["notes"][-1]


def test_geojson_crs_member_or_form_field_is_used_as_declared(organizer_client):
    forward = Transformer.from_crs(4326, 32634, always_xy=True)
    coordinates = [list(forward.transform(x, y)) for x, y in LONLAT]
    geometry = {"type": "LineString", "coordinates": coordinates}
    member = {
        "type": "FeatureCollection",
        "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::32634"}},
        "features": [{"type": "Feature", "properties": {}, "geometry": geometry}],
    }
    body = upload(organizer_client, json.dumps(member).encode(), name="r.geojson").json()
    assert (body["crs_read"], body["crs_detected"]) == ("EPSG:32634 (WGS 84 / UTM zone 34N)", False)
    declared = upload(organizer_client, json.dumps(geometry).encode(), name="r.geojson", crs="32634").json()
    assert declared["crs_detected"] is False


def test_coordinates_near_sofia_in_no_crs_are_refused(organizer_client):
    document = {"type": "LineString", "coordinates": [[5_000_000, 5_000_000], [5_000_100, 5_000_000]]}
    response = upload(organizer_client, json.dumps(document).encode(), name="r.geojson")
    assert response.status_code == 400
    assert "not near Sofia in any supported CRS" in response.json()["detail"]


def test_gpx_with_a_declared_projected_crs_is_a_contradiction(organizer_client):
    response = upload(organizer_client, GPX_TRACK, crs="EPSG:32634")
    assert response.status_code == 400
    assert "always in WGS 84" in response.json()["detail"]


def test_closures_and_points_keep_their_names(organizer_client):
    collection = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"name": "бул. Витоша"},
                "geometry": {"type": "LineString", "coordinates": LONLAT[:2]},
            },
            {
                "type": "Feature",
                "properties": {"name": "ул. Шипка"},
                "geometry": {"type": "LineString", "coordinates": LONLAT[1:]},
            },
            {
                "type": "Feature",
                "properties": {"name": "Сборен пункт"},
                "geometry": {"type": "Point", "coordinates": LONLAT[0]},
            },
        ],
    }
    data = json.dumps(collection, ensure_ascii=False).encode()
    closures = upload(organizer_client, data, name="c.geojson", target="closures").json()
    assert [f["name"] for f in closures["features"]] == ["бул. Витоша", "ул. Шипка"]
    points = upload(organizer_client, data, name="c.geojson", target="points").json()
    assert points["features"] == [
        {"name": "Сборен пункт", "geometry": {"type": "Point", "coordinates": LONLAT[0]}}
    ]


def test_xml_with_entities_is_refused(organizer_client):
    bomb = b"""<?xml version="1.0"?><!DOCTYPE gpx [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>
<gpx><trk><name>&b;</name></trk></gpx>"""
    response = upload(organizer_client, bomb)
    assert response.status_code == 400
    assert "DTD" in response.json()["detail"]


def test_unknown_target_and_self_intersecting_perimeter_file(organizer_client):
    assert "target must be one of" in upload(organizer_client, GPX_TRACK, target="stage").json()["detail"]
    bowtie = {
        "type": "Polygon",
        "coordinates": [
            [[23.315, 42.680], [23.325, 42.690], [23.325, 42.680], [23.315, 42.690], [23.315, 42.680]]
        ],
    }
    response = upload(organizer_client, json.dumps(bowtie).encode(), name="p.geojson", target="perimeter")
    assert response.status_code == 400
    assert "Self-intersection at (23.32, 42.685)" in response.json()["detail"]


def test_uploads_need_an_account(api):
    assert upload(api.as_user(None), GPX_TRACK).status_code == 401


@pytest.mark.parametrize(
    ("document", "mentions"),
    [
        ({"type": "MultiLineString", "coordinates": 5}, "must be an array"),
        ({"type": "FeatureCollection", "features": {"a": 1}}, "must be an array"),
        (
            {
                "type": "Feature",
                "properties": None,
                "geometry": {"type": "LineString", "coordinates": [[23.3, "x"]]},
            },
            "not a position",
        ),
        ({"type": "Topology", "objects": {}}, "Unknown GeoJSON type"),
        ({"type": "LineString", "coordinates": [[23.32, 42.69]]}, "needs at least 2"),
        ("[" * 5000 + "]" * 5000, "nested too deeply"),
    ],
)
def test_malformed_geojson_is_a_clear_400(organizer_client, document, mentions):
    data = document.encode() if isinstance(document, str) else json.dumps(document).encode()
    response = upload(organizer_client, data, name="r.geojson")
    assert response.status_code == 400, response.content
    assert mentions in response.content.decode()


GX_TRACK = """<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2" xmlns:gx="http://www.google.com/kml/ext/2.2">
<Document><Placemark><name>Шествие</name><gx:Track>
  <when>2026-05-01T10:00:00Z</when><when>2026-05-01T10:05:00Z</when><when>2026-05-01T10:10:00Z</when>
  <gx:coord>23.3190 42.6850 550</gx:coord><gx:coord>23.3210 42.6900 551</gx:coord>
  <gx:coord>23.3230 42.6960 552</gx:coord>
</gx:Track></Placemark></Document></kml>""".encode()


def test_google_earth_gx_track_is_read_as_the_route(organizer_client):
    response = upload(organizer_client, GX_TRACK, name="walk.kml")
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["format"], body["name"]) == ("kml", "Шествие")
    assert body["geometry"] == {"type": "LineString", "coordinates": LONLAT}


def test_kmz_is_read_like_the_kml_inside(organizer_client):
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("doc.kml", KML_PERIMETER)
    response = upload(organizer_client, buffer.getvalue(), name="area.kmz", target="perimeter")
    assert response.status_code == 200, response.content
    assert response.json()["geometry"]["coordinates"][0][0][0] == [23.318, 42.684]


def test_kmz_with_a_dtd_inside_is_refused(organizer_client):
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("doc.kml", b'<?xml version="1.0"?><!DOCTYPE kml [<!ENTITY a "b">]><kml>&a;</kml>')
    response = upload(organizer_client, buffer.getvalue(), name="evil.kmz")
    assert response.status_code == 400 and "DTD" in response.json()["detail"]
