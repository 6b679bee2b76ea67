"""Hot spots, near repeats and prevention-area proposals over the incidents layer, through the API."""

from __future__ import annotations

import math
import random
from datetime import timedelta

import pytest
from django.contrib.gis.geos import Point
from django.utils import timezone

from layers.public_order.models import PreventionAreaProposal
from layers.situation.models import Incident

URL = "/api/public-order/"
NDK = (23.3186, 42.6847)  # the National Palace of Culture


def plant(*, centre=NDK, cluster=60, spread=240, days=90, seed=1, category="public_order", prefix="t"):
    """`cluster` incidents within ~100 m of `centre` and `spread` over the city, in the last `days` days."""
    rng = random.Random(seed)
    now = timezone.now()
    rows = []
    for i in range(cluster + spread):
        if i < cluster:
            lon = centre[0] + rng.gauss(0, 0.0008)
            lat = centre[1] + rng.gauss(0, 0.0006)
        else:
            lon, lat = rng.uniform(23.22, 23.42), rng.uniform(42.64, 42.74)
        rows.append(
            Incident(
                name="тест",
                source="test",
                external_id=f"{prefix}-{seed}-{i}",
                category=category,
                priority=3,
                origin="112",
                occurred_at=now - timedelta(days=rng.uniform(0.1, days - 0.1)),
                position=Point(lon, lat, srid=4326),
            )
        )
    Incident.objects.bulk_create(rows)


def post(client, path, body):
    return client.post(URL + path, body, format="json")


@pytest.mark.django_db
def test_gi_star_finds_the_planted_hot_spot_and_says_how(api, analyst):
    plant()
    response = post(api.as_user(analyst), "analyses/", {"method": "gi_star", "categories": ["public_order"]})
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["incidents"] == 300
    cells = body["result"]["cells"]
    hottest = [cell for cell in cells if cell["bin"] == 3]
    assert hottest, "the cluster is hot at 99 %"
    # The hottest cells lie at the planted place (within ~300 m of НДК).
    from django.contrib.gis.geos import GEOSGeometry

    ndk = Point(*NDK, srid=4326)
    nearest = min(GEOSGeometry(cell["geometry"]).centroid.distance(ndk) for cell in hottest)
    assert nearest * 111_000 < 300
    note = body["result"]["note"]
    assert "Getis-Ord" in note and "300" in note and "250" in note


@pytest.mark.django_db
def test_too_few_incidents_are_said_plainly(api, analyst):
    plant(cluster=5, spread=10)
    response = post(api.as_user(analyst), "analyses/", {"method": "gi_star"})
    assert response.status_code == 400
    detail = str(response.json()["detail"])
    assert "15" in detail and "30" in detail


@pytest.mark.django_db
@pytest.mark.parametrize(
    "body",
    [
        {"method": "density", "bandwidth_m": 0},
        {"method": "gi_star", "date_from": "2026-05-01T00:00:00Z", "date_to": "2026-04-01T00:00:00Z"},
        {"method": "gi_star", "district": "99"},
        {"method": "magic"},
        {"method": "gi_star", "categories": ["aliens"]},
    ],
)
def test_bad_input_is_a_400_that_names_the_problem(api, analyst, body):
    plant()
    response = post(api.as_user(analyst), "analyses/", body)
    assert response.status_code == 400, response.content


@pytest.mark.django_db
def test_kernel_density_is_a_raster_with_its_legend(api, analyst):
    plant()
    client = api.as_user(analyst)
    response = post(client, "analyses/", {"method": "density", "district": "", "bandwidth_m": 300})
    assert response.status_code == 201, response.content
    body = response.json()
    # The peak sits on the cluster: 60 incidents within ~100 m give far more than the spread's ~0.2/km².
    assert body["result"]["peak_per_km2"] > 100
    west, south, east, north = body["result"]["bounds"]
    assert west < NDK[0] < east and south < NDK[1] < north
    image = client.get(body["image_url"].replace("http://testserver", ""))
    assert image.status_code == 200 and image["Content-Type"] == "image/png"
    assert bytes(image.content[:8]) == b"\x89PNG\r\n\x1a\n"


@pytest.mark.django_db
def test_near_repeats_are_found_where_incidents_follow_each_other(api, analyst):
    now = timezone.now()
    rows = []
    rng = random.Random(5)
    # 40 pairs: the second incident of each within 80 m and 3 days of the first; pairs far apart.
    for i in range(40):
        lon, lat = rng.uniform(23.22, 23.42), rng.uniform(42.64, 42.74)
        start = now - timedelta(days=rng.uniform(10, 85))
        for k in range(2):
            rows.append(
                Incident(
                    name="тест",
                    source="test",
                    external_id=f"nr-{i}-{k}",
                    category="public_order",
                    priority=3,
                    origin="112",
                    occurred_at=start + timedelta(days=2 * k),
                    position=Point(lon + 0.0007 * k, lat, srid=4326),
                )
            )
    Incident.objects.bulk_create(rows)
    response = post(
        api.as_user(analyst), "analyses/", {"method": "near_repeat", "distance_m": 200, "days": 7}
    )
    assert response.status_code == 201, response.content
    knox = response.json()["result"]["knox"]
    assert knox["observed"] >= 40 and knox["ratio"] > 5 and knox["p"] < 0.05
    assert response.json()["result"]["near_repeats"] is True


@pytest.mark.django_db
def test_persistent_hot_spots_become_a_proposal_with_cameras_and_reasons(api, analyst, partner):
    # The same place hot in each of four 30-day periods.
    for k in range(4):
        plant(cluster=40, spread=120, days=30, seed=10 + k, prefix=f"p{k}")
        Incident.objects.filter(external_id__startswith=f"p{k}-").update(
            occurred_at=timezone.now() - timedelta(days=30 * k + 15)
        )
    client = api.as_user(analyst)
    response = post(client, "proposals/", {"periods": 4, "period_days": 30})
    assert response.status_code == 200, response.content
    found = response.json()
    assert found["periods_analysed"] == 4 and found["needed"] == 2
    proposal = found["proposals"][0]
    assert proposal["hot_in_periods"] == "4/4"
    assert set(proposal["camera_coverage"]) == {"detect", "observe", "recognise", "identify"}
    assert all(0 <= share <= 1 for share in proposal["camera_coverage"].values())
    assert "4" in proposal["reasons"]
    saved = post(
        client,
        "proposals/save/",
        {
            "name": "Превенция НДК",
            "geometry": __import__("json").loads(proposal["geometry"]),
            "reasons": proposal["reasons"],
            "persistence": proposal["hot_in_periods"],
            "camera_coverage": proposal["camera_coverage"],
        },
    )
    assert saved.status_code == 201, saved.content
    stored = PreventionAreaProposal.objects.get(pk=saved.json()["id"])
    assert stored.persistence == "4/4" and stored.area.contains(Point(*NDK, srid=4326))
    # History, as for any layer feature.
    history = client.get(f"/api/layers/prevention-area-proposals/features/{stored.pk}/history/")
    assert history.status_code == 200
    # Partners never see the proposals layer.
    assert (
        api.as_user(partner).get(f"/api/layers/prevention-area-proposals/features/{stored.pk}/").status_code
        == 404
    )


@pytest.mark.django_db
def test_only_analysts_planners_and_admins_run_analyses_the_public_sees_districts(
    api, organizer, partner, operator
):
    plant()
    for user in (None, organizer, partner, operator):
        client = api.as_user(user)
        assert post(client, "analyses/", {"method": "gi_star"}).status_code in (401, 403)
        assert post(client, "proposals/", {}).status_code in (401, 403)
    counts = api.as_user(None).get(URL + "districts/")
    assert counts.status_code == 200
    rows = counts.json()["results"]
    assert len(rows) == 24 and set(rows[0]) == {"code", "name", "incidents"}


def test_the_method_note_names_the_bandwidth_and_the_positional_error():
    from datetime import datetime

    from layers.public_order.services.hotspots import DEFAULTS, method_note

    start = datetime(2026, 1, 1)
    note = method_note(
        "density", DEFAULTS, incidents=12, area="Лозенец", period=(start, start + timedelta(days=90))
    )
    assert "300" in note and "50" in note and str(round(50 * math.sqrt(2) / 2)) in note
