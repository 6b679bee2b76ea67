"""Real clients against the live server: GDAL's OAPIF driver, owslib, MapLibre GL JS on a
partner's origin, and a planner importing a GeoPackage through the map's import dialog."""

from __future__ import annotations

import json
import os
import subprocess
import threading
import urllib.request
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.browser.conftest import CHROMIUM, PARTNER_PORT, ROOT
from tests.exchange.files import sites_geopackage

EPSG_7801 = "http://www.opengis.net/def/crs/EPSG/0/7801"


def _get(url: str, token: str | None = None) -> dict:
    request = urllib.request.Request(url, headers={"Accept": "application/json"})
    if token:
        request.add_header("Authorization", f"Token {token}")
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read())


@pytest.fixture(scope="module")
def planner_token(live_url) -> str:
    data = json.dumps({"username": "planner", "password": "planner-demo-2026"}).encode()
    request = urllib.request.Request(
        f"{live_url}/api/auth/token/", data=data, headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())["token"]


def _gdal_env(token: str | None) -> dict:
    env = {**os.environ, "CPL_DEBUG": "OFF", "GDAL_HTTP_TIMEOUT": "120"}
    if token:
        env["GDAL_HTTP_HEADERS"] = f"Authorization: Token {token}"
    return env


@pytest.mark.parametrize("who", ["public", "planner"])
def test_gdal_reads_every_collection_completely(live_url, planner_token, tmp_path, who):
    """ogr2ogr copies every collection the caller may see, following `next` links (pages of
    1,000, so the 7,676 buildings take eight), in WGS 84 and reprojected to BGS2005."""
    token = planner_token if who == "planner" else None
    collections = _get(f"{live_url}/ogc/collections", token)["collections"]
    matched = {
        c["id"]: _get(f"{live_url}/ogc/collections/{c['id']}/items?limit=1", token)["numberMatched"]
        for c in collections
    }
    assert ("buildings" in matched) == (who == "planner")
    out = tmp_path / "all.gpkg"
    copied = subprocess.run(
        ["ogr2ogr", "-f", "GPKG", "-oo", "PAGE_SIZE=1000", str(out), f"OAPIF:{live_url}/ogc/"],
        capture_output=True,
        text=True,
        env=_gdal_env(token),
        timeout=600,
    )
    assert copied.returncode == 0, copied.stderr
    for collection, count in matched.items():
        info = subprocess.run(["ogrinfo", "-ro", "-so", str(out), collection], capture_output=True, text=True)
        assert f"Feature Count: {count}" in info.stdout, (collection, count, info.stdout[-400:])
    # One collection again in BGS2005: GDAL's reprojection agrees with the server's crs=7801.
    national = tmp_path / "stops-7801.geojson"
    reprojected = subprocess.run(
        [
            "ogr2ogr",
            "-f",
            "GeoJSON",
            "-t_srs",
            "EPSG:7801",
            "-lco",
            "COORDINATE_PRECISION=2",
            str(national),
            f"OAPIF:{live_url}/ogc/",
            "transit-stops",
        ],
        capture_output=True,
        text=True,
        env=_gdal_env(token),
        timeout=300,
    )
    assert reprojected.returncode == 0, reprojected.stderr
    gdal_features = json.loads(national.read_text())["features"]
    assert len(gdal_features) == matched["transit-stops"]
    server = _get(f"{live_url}/ogc/collections/transit-stops/items?limit=20&crs={EPSG_7801}", token)
    by_name: dict[str, list] = {}
    for feature in gdal_features:
        by_name.setdefault(feature["properties"]["name"], []).append(feature["geometry"]["coordinates"])
    for feature in server["features"]:
        northing, easting = feature["geometry"]["coordinates"]  # EPSG:7801 axis order
        # Stops share names (one per direction): the nearest of the same name is the same stop.
        nearest = min(
            abs(easting - x) + abs(northing - y) for x, y, *_z in by_name[feature["properties"]["name"]]
        )
        assert nearest < 1


def test_ogrinfo_lists_collections_with_counts(live_url):
    listed = subprocess.run(
        ["ogrinfo", "-ro", "-so", f"OAPIF:{live_url}/ogc/", "schools"], capture_output=True, text=True
    )
    assert listed.returncode == 0, listed.stderr
    count = _get(f"{live_url}/ogc/collections/schools/items?limit=1")["numberMatched"]
    assert f"Feature Count: {count}" in listed.stdout


def test_owslib_client_with_a_cql2_filter(live_url):
    from owslib.ogcapi.features import Features

    service = Features(f"{live_url}/ogc/")
    assert (
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core" in service.conformance()["conformsTo"]
    )
    ids = {collection["id"] for collection in service.collections()["collections"]}
    assert "schools" in ids and "critical-sites" not in ids
    assert "kind" in service.collection_queryables("schools")["properties"]
    page = service.collection_items(
        "schools", limit=50, filter="kind = 'kindergarten' AND name LIKE '%градина%'"
    )
    assert page["numberReturned"] == len(page["features"]) > 0
    assert all(
        f["properties"]["kind"] == "kindergarten" and "градина" in f["properties"]["name"]
        for f in page["features"]
    )
    box = service.collection_items(
        "schools", limit=500, filter="S_INTERSECTS(geometry, BBOX(23.30,42.66,23.36,42.71))"
    )
    for feature in box["features"]:
        lon, lat = feature["geometry"]["coordinates"]
        assert 23.30 <= lon <= 23.36 and 42.66 <= lat <= 42.71
    first = box["features"][0]
    assert service.collection_item("schools", str(first["id"]))["id"] == first["id"]


# --- MapLibre GL JS on a partner's page ----------------------------------------------------

_PARTNER_PAGE = """<!doctype html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="/maplibre-gl/dist/maplibre-gl.css">
<script src="/maplibre-gl/dist/maplibre-gl.js"></script></head>
<body><div id="map" style="width:600px;height:400px"></div><script>
window.result = {errors: []};
const map = new maplibregl.Map({container: 'map', center: [23.32, 42.69], zoom: 10, style: {
  version: 8,
  sources: {sofia: {type: 'vector', url: new URLSearchParams(location.search).get('tilejson')}},
  layers: [{id: 'districts', type: 'line', source: 'sofia', 'source-layer': 'districts'}]}});
map.on('error', (event) => window.result.errors.push(String(event.error && event.error.message || event.error)));
map.on('idle', () => {
  window.result.features = map.querySourceFeatures('sofia', {sourceLayer: 'districts'}).length;
  window.result.idle = true;
});
</script></body></html>"""


@pytest.fixture(scope="module")
def partner_site(tmp_path_factory):
    """A partner's web map: its own page and MapLibre from node_modules, on PARTNER_PORT."""
    folder = tmp_path_factory.mktemp("partner")
    (folder / "index.html").write_text(_PARTNER_PAGE, encoding="utf-8")
    (folder / "maplibre-gl").symlink_to(ROOT / "node_modules" / "maplibre-gl")
    handler = partial(SimpleHTTPRequestHandler, directory=str(folder))
    handler.log_message = lambda *args: None
    server = ThreadingHTTPServer(("127.0.0.1", PARTNER_PORT), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield PARTNER_PORT
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def webgl_browser(browser):
    """Chromium with software WebGL (SwiftShader), which MapLibre needs; same Playwright."""
    webgl = browser.browser_type.launch(
        executable_path=CHROMIUM,
        args=[
            "--no-sandbox",
            "--headless=new",
            "--use-gl=angle",
            "--use-angle=swiftshader",
            "--enable-unsafe-swiftshader",
        ],
    )
    yield webgl
    webgl.close()


@pytest.mark.parametrize("host, allowed", [("localhost", True), ("127.0.0.1", False)])
def test_maplibre_on_a_partner_origin(webgl_browser, live_url, partner_site, host, allowed):
    context = webgl_browser.new_context()
    page = context.new_page()
    page.goto(f"http://{host}:{partner_site}/index.html?tilejson={live_url}/tiles/districts.json")
    if allowed:
        page.wait_for_function("() => window.result.idle === true", timeout=30_000)
        result = page.evaluate("() => window.result")
        assert result["features"] > 0 and not result["errors"], result
    else:
        page.wait_for_function("() => window.result.errors.length > 0", timeout=30_000)
        assert page.evaluate("() => window.result.features") in (None, 0)
    context.close()


# --- the import dialog -------------------------------------------------------------------


def test_planner_imports_a_geopackage_through_the_dialog(open_map, live_url, planner_token, tmp_path):
    path = tmp_path / "sites-5000.gpkg"
    bad_rows = sites_geopackage(path, count=5000, bad=20, prefix="dialog-site")
    before = _get(f"{live_url}/ogc/collections/critical-sites/items?limit=1", planner_token)["numberMatched"]
    map_page = open_map("planner")
    page = map_page.page
    page.click("#tool-import")
    page.select_option("#import-layer", "critical-sites")
    page.set_input_files("#import-file", str(path))
    page.click("#import-check")
    page.wait_for_selector(".import-report[data-final=false]", timeout=180_000)
    summary = page.locator(".import-summary")
    assert summary.get_attribute("data-created") == "4980" and summary.get_attribute("data-rejected") == "20"
    rows = page.locator(".import-rejected tbody tr")
    assert rows.count() == 20
    assert [int(rows.nth(i).get_attribute("data-row")) for i in range(20)] == bad_rows
    reasons = [rows.nth(i).locator("td").nth(1).inner_text() for i in range(20)]
    assert all(reason.startswith(f"Ред {row}") for reason, row in zip(reasons, bad_rows, strict=True))
    # The dry run wrote nothing.
    assert (
        _get(f"{live_url}/ogc/collections/critical-sites/items?limit=1", planner_token)["numberMatched"]
        == before
    )
    page.screenshot(path=str(ROOT / "test-artifacts" / "import-dry-run.png"))
    page.click("#import-run")
    page.wait_for_selector(".import-report[data-final=true]", timeout=180_000)
    after = _get(f"{live_url}/ogc/collections/critical-sites/items?limit=1", planner_token)["numberMatched"]
    assert after == before + 4980
    # Nothing of the 20 bad rows was written, and the rest have their history.
    names = ", ".join(f"'Обект {row}'" for row in bad_rows)
    rejected = _get(
        f"{live_url}/ogc/collections/critical-sites/items?filter="
        + urllib.request.quote(f"name IN ({names})"),
        planner_token,
    )
    assert rejected["numberMatched"] == 0
    good = _get(
        f"{live_url}/ogc/collections/critical-sites/items?filter=" + urllib.request.quote("name = 'Обект 1'"),
        planner_token,
    )["features"][0]
    history = _get(f"{live_url}/api/layers/critical-sites/features/{good['id']}/history/", planner_token)
    assert history["results"][0]["action"] == "create" and history["results"][0]["user"] == "planner"
    # Only the OpenStreetMap base map fails (no internet in the tests).
    assert [e for e in map_page.console_errors if "ERR_INTERNET_DISCONNECTED" not in e] == []
