"""Counter-terrorism endpoints: roles, the survey flow, the analyses, bad input, the reports."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from layers.counterterrorism.models import ProtectedSite

NDK = [23.3190, 42.6847]
SQUARE = {
    "type": "Polygon",
    "coordinates": [
        [[23.3205, 42.6960], [23.3225, 42.6960], [23.3225, 42.6975], [23.3205, 42.6975], [23.3205, 42.6960]]
    ],
}


@pytest.fixture
def site(db):
    return ProtectedSite.objects.get(name__startswith="Национален дворец на културата")


@pytest.mark.django_db
def test_who_may_see_protected_sites(client, api, organizer, partner, operator, analyst, site):
    hidden = [
        "/api/ct/sites/",
        f"/api/ct/sites/{site.pk}/",
        "/api/ct/meta/",
        "/api/ct/annex/",
        "/api/layers/protected-sites/",
        "/api/layers/protected-sites/features/",
        "/api/layers/ct-findings/features/",
        f"/api/layers/protected-sites/features/{site.pk}/",
        "/tiles/protected-sites.json",
        "/tiles/protected-sites/12/2313/1509.mvt",
    ]
    for user in (None, organizer, partner, operator):
        c = api.as_user(user)
        for url in hidden:
            assert c.get(url).status_code in (403, 404), (user and user.role, url)
        assert c.post("/api/ct/cordon/", {"device": "van", "site": site.pk}, format="json").status_code in (
            403,
            404,
        )
        slugs = (
            {layer["slug"] for layer in c.get("/api/layers/").json()["results"]}
            if c.get("/api/layers/").status_code == 200
            else set()
        )
        assert not slugs & {"protected-sites", "ct-findings"}
        found = c.get("/api/search/", {"q": "НДК"}).json()["results"]
        assert not [r for r in found if r["layer"] in ("protected-sites", "ct-findings")]
    c = api.as_user(analyst)
    assert c.get("/api/ct/sites/").status_code == 200
    assert c.get("/tiles/protected-sites/12/2313/1509.mvt").status_code == 200
    assert c.get("/tiles/protected-sites.json").status_code == 200
    assert c.get("/api/layers/protected-sites/features/").json()["features"]
    assert [
        r for r in c.get("/api/search/", {"q": "НДК"}).json()["results"] if r["layer"] == "protected-sites"
    ]


@pytest.mark.django_db
def test_survey_with_findings_until_closed(api, planner, analyst, site):
    c = api.as_user(planner)
    body = {
        "site": site.pk,
        "surveyed_on": "2026-11-20",
        "items": [
            {"area": "perimeter", "score": 4, "reason": "Ограда по целия периметър"},
            {"area": "vehicle_barriers", "score": 2, "reason": "Няма болари откъм бул. Витоша"},
            {"area": "lighting", "score": None, "reason": "не е оценено"},
        ],
    }
    response = c.post("/api/ct/surveys/", body, format="json")
    assert response.status_code == 201, response.json()
    survey = response.json()
    assert survey["protective_index"] == pytest.approx(75.0)  # (15·4 + 15·2) / (4·30)
    photo = SimpleUploadedFile("gate.png", b"\x89PNG\r\n\x1a\n" + b"0" * 64, content_type="image/png")
    response = c.post(
        f"/api/ct/surveys/{survey['id']}/evidence/",
        {"area": "perimeter", "note": "Портал", "photo": photo},
        format="multipart",
    )
    assert response.status_code == 201
    assert response.json()["items"][0]["evidence"][0]["photo"]
    finding = {
        "area": "vehicle_barriers",
        "description": "Прав подход откъм бул. Витоша без бариери",
        "responsible": "Оператор на обекта",
        "deadline": "2027-03-01",
        "geometry": {"type": "Point", "coordinates": NDK},
    }
    response = c.post(f"/api/ct/surveys/{survey['id']}/findings/", finding, format="json")
    assert response.status_code == 201
    finding_id = response.json()["id"]
    assert [f["id"] for f in c.get("/api/ct/findings/").json()["results"]] == [finding_id]
    assert c.get("/api/layers/ct-findings/features/").json()["features"]
    # Analysts read but do not write.
    assert (
        api.as_user(analyst)
        .post(f"/api/ct/findings/{finding_id}/close/", {"note": "x"}, format="json")
        .status_code
        == 403
    )
    c = api.as_user(planner)
    assert c.post(f"/api/ct/findings/{finding_id}/close/", {"note": ""}, format="json").status_code == 400
    closed = c.post(f"/api/ct/findings/{finding_id}/close/", {"note": "Поставени болари"}, format="json")
    assert closed.json()["status"] == "closed"
    assert (
        c.post(f"/api/ct/findings/{finding_id}/close/", {"note": "again"}, format="json").status_code == 409
    )
    # A second, better survey: the history shows the improvement.
    body["surveyed_on"] = "2026-12-01"
    body["items"][1]["score"] = 4
    c.post("/api/ct/surveys/", body, format="json")
    detail = c.get(f"/api/ct/sites/{site.pk}/").json()
    assert [s["protective_index"] for s in detail["surveys"]] == [100.0, 75.0]
    assert detail["latest_index"] == 100.0
    pdf = c.get(f"/api/ct/surveys/{survey['id']}/report.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


@pytest.mark.django_db
def test_bad_survey_input(api, planner, site):
    c = api.as_user(planner)
    bad = c.post(
        "/api/ct/surveys/",
        {"site": site.pk, "surveyed_on": "2026-11-20", "items": [{"area": "perimeter", "score": 7}]},
        format="json",
    )
    assert bad.status_code == 400
    assert "score" in str(bad.json())
    assert (
        c.post(
            "/api/ct/surveys/", {"site": site.pk, "surveyed_on": "2026-11-20", "items": []}, format="json"
        ).status_code
        == 400
    )


@pytest.mark.django_db
def test_score_ranks_every_place_with_its_drivers(api, analyst, site):
    c = api.as_user(analyst)
    body = c.post("/api/ct/score/", {}, format="json").json()
    assert body["count"] == ProtectedSite.objects.count()
    top = body["results"][0]
    assert (
        top["rank"] == 1
        and top["drivers"]
        and set(top["measures"]["minutes"]) == {"police", "fire", "ambulance"}
    )
    scores = [r["score"] for r in body["results"]]
    assert scores == sorted(scores, reverse=True)
    # Weights are editable: with people weighing nothing, consequence is the schools' share alone.
    only = c.post("/api/ct/score/", {"sites": [site.pk], "weights": {"people": 0}}, format="json").json()[
        "results"
    ][0]
    assert only["groups"]["consequence"] == pytest.approx(only["factors"]["sensitive"], abs=1e-3)
    empty = c.post("/api/ct/score/", {"sites": []}, format="json")
    assert empty.status_code == 400 and empty.json()["parameter"] == "sites"
    assert c.post("/api/ct/score/", {"weights": {"luck": 1}}, format="json").status_code == 400


@pytest.mark.django_db
def test_cordon_round_a_site_and_bad_input(api, analyst, site):
    c = api.as_user(analyst)
    body = c.post("/api/ct/cordon/", {"device": "van", "site": site.pk}, format="json").json()
    inner, outer = body["rings"]
    assert (inner["radius_m"], outer["radius_m"]) == (122, 732)
    assert outer["counts"]["buildings"] > inner["counts"]["buildings"] > 0
    assert outer["people_night"] > 0 and body["assembly"] and body["cordon_points"] > 0
    kinds = {f["properties"]["kind"] for f in body["features"]["features"]}
    assert kinds == {"ring", "cordon_point", "route"}
    c.credentials(HTTP_AUTHORIZATION=c._credentials["HTTP_AUTHORIZATION"], HTTP_ACCEPT_LANGUAGE="bg")
    unknown = c.post(
        "/api/ct/cordon/", {"device": "nuke", "point": {"type": "Point", "coordinates": NDK}}, format="json"
    )
    assert unknown.status_code == 400 and "устройство" in unknown.json()["detail"]
    outside = c.post(
        "/api/ct/cordon/",
        {"device": "van", "point": {"type": "Point", "coordinates": [24.75, 42.15]}},
        format="json",
    )
    assert outside.status_code == 400 and "Столична община" in str(outside.json())
    two = c.post(
        "/api/ct/cordon/",
        {"device": "van", "site": site.pk, "point": {"type": "Point", "coordinates": NDK}},
        format="json",
    )
    assert two.status_code == 400


@pytest.mark.django_db
def test_vehicle_approaches_of_a_perimeter(api, analyst):
    c = api.as_user(analyst)
    body = c.post("/api/ct/approaches/", {"perimeter": SQUARE, "vehicle": "van"}, format="json").json()
    assert body["runs"] and body["barriers"]
    speeds = [r["speed_kmh"] for r in body["runs"]]
    assert speeds == sorted(speeds, reverse=True)
    assert body["barriers"][0]["rating"].startswith("IWA 14-1 V/2500[N1G]/")
    open_line = {"type": "LineString", "coordinates": SQUARE["coordinates"][0][:-1]}
    response = c.post("/api/ct/approaches/", {"perimeter": open_line}, format="json")
    assert response.status_code == 400 and response.json()["parameter"] == "perimeter"
    unclosed = {"type": "Polygon", "coordinates": [SQUARE["coordinates"][0][:-1]]}
    assert c.post("/api/ct/approaches/", {"perimeter": unclosed}, format="json").status_code == 400
    assert (
        c.post("/api/ct/approaches/", {"perimeter": SQUARE, "vehicle": "tank"}, format="json").status_code
        == 400
    )


@pytest.mark.django_db
def test_plan_annex(api, analyst):
    c = api.as_user(analyst)
    pdf = c.get("/api/ct/annex/", {"as": "pdf"})
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    gpkg = c.get("/api/ct/annex/", {"as": "gpkg"})
    assert gpkg.status_code == 200 and gpkg.content.startswith(b"SQLite format 3")
    import pyogrio

    path = io.BytesIO(gpkg.content)
    layers = {name for name, _kind in pyogrio.list_layers(path)}
    assert {"sites_by_risk", "cordon_templates", "responsibilities", "contacts"} <= layers
    assert c.get("/api/ct/annex/", {"as": "xls"}).status_code == 400
