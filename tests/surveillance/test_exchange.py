"""Cameras in and out as CSV and GeoJSON: a report of rejected rows, OSM tags, a lossless round trip."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from layers.surveillance.models import Camera, CameraFieldOfView

from .scenes import lonlat

IMPORT = "/api/surveillance/cameras/import/"
EXPORT = "/api/surveillance/cameras/export/"
HEADER = "external_id,name,lon,lat,mount_height,azimuth,fov,resolution,status,owner,connected,installed_on\n"


def csv_row(external_id: str, dx: float, **values) -> str:
    lon, lat = lonlat(dx, 0.0)
    row = {
        "name": f"Камера {external_id}",
        "mount_height": "6",
        "azimuth": "90",
        "fov": "60",
        "resolution": "2560",
        "status": "online",
        "owner": "Столична община",
        "connected": "true",
        "installed_on": "2024-05-01",
        **values,
    }
    cells = [external_id, row["name"], row.get("lon", str(lon)), row.get("lat", str(lat))]
    cells += [
        row[k]
        for k in (
            "mount_height",
            "azimuth",
            "fov",
            "resolution",
            "status",
            "owner",
            "connected",
            "installed_on",
        )
    ]
    return ",".join(cells) + "\n"


def upload(client, committed, content: str, name: str, **params):
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return committed(
        client.post,
        f"{IMPORT}?{query}" if query else IMPORT,
        {"file": SimpleUploadedFile(name, content.encode(), content_type="application/octet-stream")},
        format="multipart",
    )


@pytest.mark.django_db
def test_csv_import_writes_good_rows_and_reports_the_others(api, planner, committed, empty_scene):
    content = (
        HEADER
        + csv_row("A-1", 0)
        + csv_row("A-2", 20, azimuth="400")
        + csv_row("A-3", 40, fov="0", mount_height="-1")
        + csv_row("A-4", 60, lon="")
        + csv_row("A-5", 80, lon="24.75", lat="42.15")  # Plovdiv
        + csv_row("A-6", 100, status="broken")
    )
    response = upload(api.as_user(planner), committed, content, "cameras.csv")
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["format"], body["rows"], body["created"], body["rejected"]) == ("csv", 6, 1, 5)
    assert body["crs_read"].startswith("EPSG:4326")
    reasons = {row["external_id"]: row for row in body["rejected_rows"]}
    assert set(reasons["A-2"]["errors"]) == {"azimuth"} and "400" in reasons["A-2"]["errors"]["azimuth"][0]
    assert set(reasons["A-3"]["errors"]) == {"fov", "mount_height"}
    assert set(reasons["A-4"]["errors"]) == {"position"}
    assert "outside Sofia" in reasons["A-5"]["errors"]["position"][0]
    assert set(reasons["A-6"]["errors"]) == {"status"}
    assert reasons["A-2"]["row"] == 3  # the header is row 1
    (camera,) = Camera.objects.filter(pk__in=body["created_ids"])
    assert (camera.source, camera.external_id, camera.fov, camera.connected) == ("import", "A-1", 60.0, True)
    # 6 m up, level, 60° and 16:9: the image's lower edge meets a face (1.6 m) 4.4 / tan 18° =
    # 13.5 m out; identification needs ≤ 8.87 m slant (7.7 m on the ground), inside that blind zone.
    levels = set(CameraFieldOfView.objects.filter(camera=camera).values_list("level", flat=True))
    assert levels == {"detect", "observe", "recognise"}


@pytest.mark.django_db
def test_importing_again_updates_by_external_id(api, planner, committed, empty_scene):
    client = api.as_user(planner)
    upload(client, committed, HEADER + csv_row("B-1", 0), "c.csv")
    again = upload(client, committed, HEADER + csv_row("B-1", 0, azimuth="180"), "c.csv").json()
    assert (again["created"], again["updated"]) == (0, 1)
    assert Camera.objects.get(source="import", external_id="B-1").azimuth == 180.0
    same = upload(client, committed, HEADER + csv_row("B-1", 0, azimuth="180"), "c.csv").json()
    assert (same["created"], same["updated"], same["unchanged"]) == (0, 0, 1)


@pytest.mark.django_db
def test_dry_run_writes_nothing(api, planner, committed, empty_scene):
    body = upload(api.as_user(planner), committed, HEADER + csv_row("C-1", 0), "c.csv", dry_run="true").json()
    assert body["dry_run"] and body["created"] == 1
    assert not Camera.objects.filter(external_id="C-1").exists()


@pytest.mark.django_db
def test_geojson_import_reads_osm_tags_and_another_crs(api, planner, committed, empty_scene):
    from .scenes import ORIGIN

    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [ORIGIN.x, ORIGIN.y]},
            "properties": {
                "external_id": "osm-1",
                "man_made": "surveillance",
                "camera:direction": "NE",
                "camera:angle": 15,
                "height": "7 m",
                "camera:type": "dome",
                "operator": "СДВР",
                "fov": 75,
                "resolution": 1920,
            },
        },
        {
            "type": "Feature",
            "geometry": {"type": "LineString", "coordinates": [[0, 0], [1, 1]]},
            "properties": {},
        },
    ]
    content = json.dumps({"type": "FeatureCollection", "features": features})
    body = upload(api.as_user(planner), committed, content, "osm.geojson", crs="EPSG:32634").json()
    assert (body["format"], body["created"], body["rejected"]) == ("geojson", 1, 1)
    assert body["crs_read"].startswith("EPSG:32634")
    camera = Camera.objects.get(pk=body["created_ids"][0])
    assert (camera.azimuth, camera.tilt, camera.mount_height, camera.camera_type, camera.owner) == (
        45.0,
        15.0,
        7.0,
        "dome",
        "СДВР",
    )
    assert body["rejected_rows"][0]["errors"]["position"]


@pytest.mark.django_db
def test_unreadable_files_are_a_400(api, planner, committed):
    client = api.as_user(planner)
    assert upload(client, committed, "just text", "x.csv").status_code == 400
    assert upload(client, committed, "{not json", "x.geojson").status_code == 400
    response = upload(client, committed, '{"type": "Feature"}', "x.geojson")
    assert response.status_code == 400 and response.json()["parameter"] == "file"


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["csv", "geojson"])
def test_export_and_import_round_trip(api, planner, committed, add_camera, empty_scene, fmt):
    client = api.as_user(planner)
    ids = [
        add_camera(0, 0, owner="Столична община", camera_type="fixed"),
        add_camera(30, 0, status="planned", zone="traffic"),
    ]
    west, south = lonlat(-100, -100)
    east, north = lonlat(100, 100)
    response = client.get(EXPORT, {"format": fmt, "bbox": f"{west},{south},{east},{north}"})
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="cameras.{fmt}"'
    content = response.content.decode()
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(content)))
        assert [int(r["platform_id"]) for r in rows] == ids and rows[1]["status"] == "planned"
    else:
        data = json.loads(content)
        assert [f["id"] for f in data["features"]] == ids
        tags = data["features"][0]["properties"]
        # OSM surveillance tags alongside the platform's attributes.
        assert tags["man_made"] == "surveillance" and tags["surveillance:type"] == "camera"
        assert tags["camera:direction"] == round(tags["azimuth"]) % 360 and tags["height"] == 1.6
        assert tags["camera:type"] == "fixed" and tags["operator"] == "Столична община"
        assert data["features"][1]["properties"]["surveillance:zone"] == "traffic"
        # OSM lifecycle prefix: a planned camera is not (yet) a man_made=surveillance.
        assert data["features"][1]["properties"]["planned:man_made"] == "surveillance"
        assert "man_made" not in data["features"][1]["properties"]
    before = list(Camera.objects.filter(pk__in=ids).order_by("pk").values())
    body = upload(client, committed, content, f"export.{fmt}").json()
    assert (body["created"], body["updated"], body["unchanged"], body["rejected"]) == (0, 0, 2, 0), body
    assert list(Camera.objects.filter(pk__in=ids).order_by("pk").values()) == before
