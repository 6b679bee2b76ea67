"""Exports and imports through the API, the files checked with GDAL (ogrinfo is Debian's 3.6)."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from layers.infrastructure.models import CriticalSite
from layers.models import FeatureVersion
from tests.exchange.files import sites_geopackage

pytestmark = pytest.mark.django_db
EXPORT = "/api/exchange/layers/{}/export/"
IMPORT = "/api/exchange/layers/{}/import/"


def ogrinfo(path: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["ogrinfo", "-ro", "-so", "-al", *args, str(path)], capture_output=True, text=True)


@pytest.mark.parametrize("fmt", ["gpkg", "geojson", "kml", "shp"])
def test_exports_open_in_gdal_36_without_warnings(api, planner, tmp_path, fmt):
    response = api.as_user(planner).get(EXPORT.format("cameras"), {"f": fmt})
    assert response.status_code == 200, response.content[:300]
    count = int(response["X-Feature-Count"])
    assert count > 0
    path = tmp_path / response["Content-Disposition"].split('filename="')[1].split('"')[0]
    path.write_bytes(response.content)
    target = f"/vsizip/{path}" if fmt == "shp" else str(path)
    info = ogrinfo(target)
    assert info.returncode == 0, info.stderr
    assert "Warning" not in info.stderr and "ERROR" not in info.stderr, info.stderr
    assert f"Feature Count: {count}" in info.stdout
    if fmt == "gpkg":
        assert "ATTRIBUTION=Demo data" in info.stdout and "LICENCE=" in info.stdout
    if fmt == "shp":
        names = zipfile.ZipFile(path).namelist()
        assert {
            "cameras.shp",
            "cameras.dbf",
            "cameras.shx",
            "cameras.prj",
            "cameras.cpg",
            "README.txt",
        } <= set(names)
        assert zipfile.ZipFile(path).read("cameras.cpg").strip() == b"UTF-8"
        assert b"Licence" in zipfile.ZipFile(path).read("README.txt")
    if fmt == "geojson":
        data = json.loads(response.content)
        assert "Attribution" in data["description"]
        planned = [f for f in data["features"] if f["properties"]["status"] == "planned"]
        removed = [f for f in data["features"] if f["properties"]["status"] == "decommissioned"]
        assert all(f["properties"].get("planned:man_made") == "surveillance" for f in planned)
        assert all(f["properties"].get("man_made") is None for f in planned + removed)
        assert all(f["properties"].get("disused:man_made") == "surveillance" for f in removed)


def test_csv_export_has_bom_and_cyrillic(api):
    response = api.get(EXPORT.format("schools"), {"f": "csv", "filter": "kind = 'school'"})
    assert response.status_code == 200
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows and {row["kind"] for row in rows} == {"school"}
    assert rows[0]["WKT"].startswith("POINT") and any("Училище" in row["name"] for row in rows)
    assert "Yurukov" in response["X-Attribution"]


def test_export_of_a_selection_and_bbox(api):
    everything = api.get(EXPORT.format("schools"), {"f": "geojson"})
    ids = [f["properties"]["id"] for f in json.loads(everything.content)["features"]][:3]
    selected = api.post(EXPORT.format("schools"), {"f": "geojson", "ids": ids}, format="json")
    assert sorted(f["properties"]["id"] for f in json.loads(selected.content)["features"]) == sorted(ids)
    boxed = api.get(EXPORT.format("schools"), {"f": "geojson", "bbox": "23.30,42.66,23.36,42.71"})
    for feature in json.loads(boxed.content)["features"]:
        lon, lat = feature["geometry"]["coordinates"]
        assert 23.30 <= lon <= 23.36 and 42.66 <= lat <= 42.71


def test_export_obeys_visibility_and_says_what_is_wrong(api, partner):
    assert api.get(EXPORT.format("critical-sites")).status_code == 404
    assert api.as_user(partner).get(EXPORT.format("cameras")).status_code == 404
    wrong = api.get(EXPORT.format("schools"), {"f": "xlsx"})
    assert wrong.status_code == 400 and "gpkg" in wrong.json()["detail"]
    assert api.get(EXPORT.format("schools"), {"ids": "1,a"}).status_code == 400
    assert api.get(EXPORT.format("schools"), {"filter": "height > 3"}).status_code == 400


def _upload(api, user, path: Path, *, dry_run: bool, **extra):
    with path.open("rb") as handle:
        data = {
            "file": SimpleUploadedFile(path.name, handle.read()),
            "dry_run": "true" if dry_run else "false",
            **extra,
        }
    return api.as_user(user).post(IMPORT.format("critical-sites"), data, format="multipart")


def test_import_dry_run_then_real_run_with_history(api, planner, tmp_path):
    path = tmp_path / "sites.gpkg"
    bad = sites_geopackage(path, count=120, bad=5, prefix="t-site")
    before = CriticalSite.objects.count()
    dry = _upload(api, planner, path, dry_run=True)
    assert dry.status_code == 200, dry.content[:500]
    report = dry.json()
    assert (report["total"], report["created"], report["rejected"]) == (120, 115, 5)
    rejected = [row for row in report["rows"] if row["action"] == "reject"]
    assert [row["row"] for row in rejected] == bad
    assert all(row["reasons"] and str(row["row"]) in row["reasons"][0] for row in rejected)
    assert CriticalSite.objects.count() == before
    real = _upload(api, planner, path, dry_run=False).json()
    assert (real["created"], real["rejected"]) == (115, 5)
    created = [row["feature_id"] for row in real["rows"] if row["action"] == "create"]
    assert CriticalSite.objects.filter(pk__in=created).count() == 115 == CriticalSite.objects.count() - before
    versions = FeatureVersion.objects.filter(
        layer__slug="critical-sites", feature_id__in=created, action="create"
    )
    assert versions.count() == 115 and versions.filter(user=planner).count() == 115
    # The same file again: matched by external id, so updated, not duplicated.
    again = _upload(api, planner, path, dry_run=False).json()
    assert (again["created"], again["updated"], again["rejected"]) == (0, 115, 5)
    assert CriticalSite.objects.count() == before + 115


def test_import_messages_are_bulgarian(api, planner, tmp_path):
    path = tmp_path / "sites.gpkg"
    sites_geopackage(path, count=12, bad=5, prefix="bg-site")
    with path.open("rb") as handle:
        response = api.as_user(planner).post(
            IMPORT.format("critical-sites"),
            {"file": SimpleUploadedFile("sites.gpkg", handle.read())},
            format="multipart",
            HTTP_ACCEPT_LANGUAGE="bg",
        )
    reasons = [reason for row in response.json()["rows"] for reason in row["reasons"]]
    assert len(reasons) == 5 and all(reason.startswith("Ред ") for reason in reasons)
    assert any("няма геометрия" in reason for reason in reasons)
    assert any("повтаря" in reason for reason in reasons)


def test_import_csv_in_bgs2005_and_wkt(api, planner, tmp_path):
    import pyproj

    to_7801 = pyproj.Transformer.from_crs(4326, 7801, always_xy=True)
    x, y = to_7801.transform(23.32, 42.69)
    path = tmp_path / "sites.csv"
    path.write_text(f"x;y;name;sector;criticality\n{x};{y};Подстанция;energy;4\n", encoding="utf-8")
    report = _upload(api, planner, path, dry_run=True, crs="EPSG:7801").json()
    assert (report["created"], report["rejected"], report["crs"]) == (1, 0, "EPSG:7801")
    detected = _upload(api, planner, path, dry_run=True).json()
    assert detected["crs_source"] == "detected" and detected["created"] == 1
    wkt = tmp_path / "wkt.csv"
    wkt.write_text(
        'WKT,name,sector,criticality\n"POINT (23.32 42.69)",Водна кула,water,3\n', encoding="utf-8"
    )
    assert _upload(api, planner, wkt, dry_run=True).json()["created"] == 1


def test_import_kml_and_kmz(api, planner, tmp_path):
    kml = (
        '<?xml version="1.0" encoding="UTF-8"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document>'
        '<Placemark><name>Помпена станция</name><ExtendedData><Data name="sector"><value>water</value></Data>'
        '<Data name="criticality"><value>2</value></Data></ExtendedData>'
        "<Point><coordinates>23.33,42.70</coordinates></Point></Placemark></Document></kml>"
    )
    path = tmp_path / "site.kml"
    path.write_text(kml, encoding="utf-8")
    report = _upload(api, planner, path, dry_run=True, mapping=json.dumps({"name": "Name"})).json()
    assert (report["created"], report["rejected"]) == (1, 0), report
    kmz = tmp_path / "site.kmz"
    with zipfile.ZipFile(kmz, "w") as archive:
        archive.writestr("doc.kml", kml)
    assert (
        _upload(api, planner, kmz, dry_run=True, mapping=json.dumps({"name": "Name"})).json()["created"] == 1
    )


def test_import_refuses_what_it_cannot_read(api, planner, analyst, tmp_path):
    dtd = tmp_path / "evil.kml"
    dtd.write_text('<?xml version="1.0"?><!DOCTYPE kml [<!ENTITY x "y">]><kml>&x;</kml>', encoding="utf-8")
    response = _upload(api, planner, dtd, dry_run=True)
    assert response.status_code == 400 and "DTD" in response.json()["detail"]
    junk = tmp_path / "junk.bin"
    junk.write_bytes(b"\x00\x01\x02 not a geodata file")
    assert _upload(api, planner, junk, dry_run=True).status_code == 400
    gpkg = tmp_path / "sites.gpkg"
    sites_geopackage(gpkg, count=3, bad=0)
    assert _upload(api, analyst, gpkg, dry_run=True).status_code == 403
    unknown = _upload(api, planner, gpkg, dry_run=True, mapping=json.dumps({"colour": "name"}))
    assert unknown.status_code == 400 and unknown.json()["parameter"] == "mapping"
    read_only = api.as_user(planner).post(
        IMPORT.format("districts"),
        {"file": SimpleUploadedFile("a.gpkg", gpkg.read_bytes())},
        format="multipart",
    )
    assert read_only.status_code == 403
