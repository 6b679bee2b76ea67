"""The automatic assessment on real Sofia data: each check with a known answer."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.gis.geos import GEOSGeometry, MultiPolygon

from geo_platform.accounts.roles import Visibility
from layers.events.models import EventAssessment, MassEvent
from layers.infrastructure.models import CriticalSite, EmergencyStation, Hospital, Sector
from layers.models import GeometryKind, Theme
from layers.public_order.models import CrimePreventionArea
from layers.registry import _REGISTRY, LayerSpec
from tests.events.conftest import in_days, line, point, square

pytestmark = pytest.mark.django_db


def checks_of(event_json) -> dict:
    event = MassEvent.objects.get(pk=event_json["id"])
    assessment = EventAssessment.objects.filter(event=event).first()
    return {check["key"]: check for check in assessment.checks}


def geos(geojson):
    import json

    return GEOSGeometry(json.dumps(geojson), srid=4326)


def test_the_assessment_names_its_revision_and_runs_every_check(file_event):
    event = file_event()
    assessment = EventAssessment.objects.get(event_id=event["id"])
    assert assessment.revision.number == 1
    assert (assessment.status, assessment.progress) == ("done", 100)
    assert [c["key"] for c in assessment.checks] == [
        "conflicts",
        "density",
        "egress",
        "route",
        "proximity",
        "risk_zones",
        "cameras",
        "stations",
        "counterterrorism",
    ]
    # Computed by the job queued on submission; its time is kept (how fast it is: a benchmark's job,
    # not a timed unit test).
    assert assessment.duration_ms > 0 and assessment.finished_at is not None


@pytest.mark.parametrize(
    ("participants", "declared", "level", "status"),
    [
        (1000, None, "comfortable", "ok"),  # 1,000 on 10,000 m²: 0.1 persons/m²
        (6000, 2000, "dense", "warning"),  # 6,000 on a declared 2,000 m²: 3 persons/m²
        (50_000, None, "dangerous", "danger"),  # 5 persons/m²
    ],
)
def test_density_of_a_100_m_square(file_event, participants, declared, level, status):
    event = file_event(expected_participants=participants, usable_area_m2=declared)
    density = checks_of(event)["density"]
    assert (density["status"], density["data"]["level"]) == (status, level)
    area = declared or 10_000
    assert density["data"]["usable_area_m2"] == pytest.approx(area, rel=1e-3)
    assert density["data"]["persons_per_m2"] == pytest.approx(participants / area, rel=1e-2)
    assert density["data"]["capacity"] == pytest.approx(2 * area, rel=1e-3)


def test_density_of_a_procession_from_route_length_and_width(file_event):
    # 1,000 m route, 10 m wide: 10,000 m² for 30,000 people = 3 persons/m².
    event = file_event(
        kind="manifestation",
        perimeter=None,
        route=line((0, 0), (0, 1000)),
        route_width_m=10,
        expected_participants=30_000,
        start=in_days(10),
    )
    density = checks_of(event)["density"]["data"]
    assert (density["area_basis"], density["level"]) == ("route", "dense")
    # The column at 2/m² would be 30,000 / (10 × 2) = 1,500 m: longer than the route, so the
    # crowd packs it at 3 persons/m².
    assert density["persons_per_m2"] == pytest.approx(3, rel=1e-2)
    assert density["column"]["length_m"] == pytest.approx(1500) and density["column"]["fits"] is False
    assert "walking_pace" in density["notes"] and "HSG195" in density["notes"]["design_density"]["source"]


def test_a_procession_that_fits_walks_at_the_design_density_and_its_gathering_is_checked(file_event):
    # 5,000 marchers, 10 m wide: a 250 m column on a 1 km route, 2/m², passing a point in
    # 250 m / (50 m a minute) = 5 minutes; they assemble at НДК.
    event = file_event(
        kind="manifestation",
        perimeter=None,
        route=line((0, 0), (0, 1000)),
        route_width_m=10,
        expected_participants=5_000,
        assembly_point=point(0, 0),
        start=in_days(10),
    )
    density = checks_of(event)["density"]
    data = density["data"]
    assert (data["persons_per_m2"], data["level"]) == (2.0, "comfortable")
    assert data["column"] == {
        "width_m": 10.0,
        "length_m": 250.0,
        "route_length_m": pytest.approx(1000, abs=1),
        "fits": True,
        "passing_minutes": 5.0,
    }
    # The streets within 100 m of the assembly point hold 2 persons/m² of their area.
    assembly = data["gatherings"]["assembly"]
    assert assembly["radius_m"] == 100 and assembly["street_area_m2"] > 0
    assert assembly["capacity"] == pytest.approx(2 * assembly["street_area_m2"], abs=1)
    assert assembly["fits"] == (assembly["capacity"] >= 5_000)
    assert density["status"] == ("ok" if assembly["fits"] else "warning")


def exits(*widths):
    spots = [(50, 0), (-50, 0), (0, 50), (0, -50)]
    return [{"name": f"E{i}", "width_m": w, "position": point(*spots[i])} for i, w in enumerate(widths)]


def test_egress_through_the_exits_with_the_largest_discounted(file_event):
    # 5,000 people through 3 + 3 m (the 4 m exit discounted): 5000 / (82 × 6) = 10.2 min > 8
    # (Green Guide); through all three exits 5000 / (82 × 10) = 6.1 min.
    slow = checks_of(file_event(fenced=True, exits=exits(4, 3, 3), expected_participants=5000))["egress"]
    assert slow["status"] == "warning"
    assert slow["data"]["minutes"] == pytest.approx(10.2, abs=0.05)
    assert slow["data"]["minutes_all_exits"] == pytest.approx(6.1, abs=0.05)
    assert (
        slow["data"]["target_minutes"] == 8.0
        and "Green Guide" in slow["data"]["notes"]["egress_target"]["source"]
    )
    fast = checks_of(file_event(fenced=True, exits=exits(4, 3, 3), expected_participants=3900))["egress"]
    assert (fast["status"], fast["data"]["minutes"]) == ("ok", pytest.approx(7.9, abs=0.05))
    single = checks_of(file_event(fenced=True, exits=exits(6), expected_participants=500))["egress"]
    assert (single["status"], single["data"]["minutes"]) == ("danger", None)
    none = checks_of(file_event(fenced=True, expected_participants=500))["egress"]
    assert (none["status"], none["data"]["reason"]) == ("danger", "no_exits")
    assert checks_of(file_event())["egress"]["status"] == "not_available"  # not fenced


def test_conflicts_in_time_and_space_with_the_overlap_drawn(file_event, second_organizer):
    first = file_event()
    same_place = file_event(second_organizer)
    conflicts = checks_of(same_place)["conflicts"]
    assert conflicts["status"] == "danger"
    (row,) = conflicts["data"]["conflicts"]
    assert (row["id"], row["overlap_kind"], row["distance_m"]) == (first["id"], "intersects", 0.0)
    # The overlap drawn is the whole 100 m square.
    from layers.events.geometries import to_metric

    assert to_metric(geos(row["overlap"])).area == pytest.approx(10_000, rel=1e-3)

    near = checks_of(
        file_event(second_organizer, perimeter=square(100, dx=250), assembly_point=point(250, 0))
    )["conflicts"]["data"]["conflicts"]
    # 250 m between centres of two 100 m squares: 150 m between their edges.
    assert [(r["overlap_kind"], r["distance_m"]) for r in near if r["id"] == first["id"]] == [
        ("nearby", pytest.approx(150, abs=0.5))
    ]
    far = checks_of(
        file_event(second_organizer, perimeter=square(100, dx=400), assembly_point=point(400, 0))
    )["conflicts"]
    assert first["id"] not in [r["id"] for r in far["data"]["conflicts"]]
    later = checks_of(file_event(second_organizer, start=in_days(11)))["conflicts"]
    assert later["status"] == "ok"


def test_drafts_and_closed_events_do_not_conflict_but_closures_do(
    api, file_event, second_organizer, planner, committed
):
    file_event(second_organizer, submit=False)  # a draft at the same place and time
    start = in_days(20)
    sports = file_event(
        second_organizer,
        kind="sports",
        start=start,
        perimeter=square(100, dx=1000),
        assembly_point=point(1000, 0),
        closures=[{"name": "бул. България", "geometry": line((-200, 0), (200, 0))}],
    )
    event = file_event(start=start + timedelta(hours=1))
    rows = checks_of(event)["conflicts"]["data"]["conflicts"]
    assert [(r["kind"], r["overlap_kind"]) for r in rows] == [("closure", "intersects")]
    assert "бул. България" in rows[0]["title"]
    # Once the sports event is rejected, it no longer takes the street.
    client = api.as_user(planner)
    client.post(f"/api/events/{sports['id']}/transitions/", {"to": "under_review"}, format="json")
    client.post(f"/api/events/{sports['id']}/transitions/", {"to": "rejected", "reason": "Не"}, format="json")
    refreshed = committed(client.post, f"/api/events/{event['id']}/assessment/")
    assert refreshed.status_code == 202, refreshed.content
    conflicts = next(c for c in client.get(refreshed["Location"]).json()["checks"] if c["key"] == "conflicts")
    assert conflicts["status"] == "ok"


def test_route_length_walking_time_and_the_streets_it_crosses(file_event):
    # 1,200 m due north from НДК, across the trolleybus street at 225 m.
    event = file_event(kind="manifestation", perimeter=None, route=line((0, 0), (0, 1200)), start=in_days(10))
    route = checks_of(event)["route"]
    assert route["data"]["length_m"] == pytest.approx(1200, abs=1)
    assert route["data"]["walking_minutes"] == pytest.approx(24, abs=0.1)  # 1.2 km at 3 km/h
    # In the centre the real OSM major roads stand for the streets (unnamed, by class).
    assert route["data"]["streets_source"] == "roads"
    names = [s["name"] for s in route["data"]["streets"]]
    assert names and all("(OSM " in name for name in names)
    assert checks_of(file_event())["route"]["status"] == "not_available"


def test_sensitive_sites_within_the_distance(file_event):
    Hospital.objects.create(name="Тестова болница", position=geos(point(100, 0)))  # 50 m from the fence
    CriticalSite.objects.create(
        name="Министерство (тест)", sector=Sector.GOVERNMENT, criticality=5, position=geos(point(0, 250))
    )
    CriticalSite.objects.create(
        name="Далечен обект", sector=Sector.ENERGY, criticality=3, position=geos(point(0, 400))
    )
    proximity = checks_of(file_event())["proximity"]
    sites = {s["name"]: s for s in proximity["data"]["sites"]}
    assert sites["Тестова болница"]["distance_m"] == pytest.approx(50, abs=0.5)
    assert (sites["Министерство (тест)"]["kind"], sites["Министерство (тест)"]["distance_m"]) == (
        "government",
        pytest.approx(200, abs=0.5),
    )
    assert "Далечен обект" not in sites  # 350 m from the fence, beyond 300 m
    assert proximity["status"] == "warning"


def test_the_proximity_distance_is_configurable(file_event, settings):
    Hospital.objects.create(name="Тестова болница", position=geos(point(100, 0)))
    settings.EVENTS_ASSESSMENT = {"proximity_distance_m": 30}
    sites = checks_of(file_event())["proximity"]["data"]["sites"]
    assert "Тестова болница" not in [s["name"] for s in sites]


def test_nearest_station_of_each_service(file_event):
    EmergencyStation.objects.create(
        name="РУ тест", service="police", source="demo", position=geos(point(110, 0))
    )
    stations = checks_of(file_event())["stations"]["data"]["nearest"]
    assert stations["police"]["name"] == "РУ тест"
    assert stations["police"]["distance_m"] == pytest.approx(60, abs=0.5)
    assert stations["fire"] is not None and stations["ambulance"] is not None


def test_risk_zones_are_not_available_until_a_risk_layer_exists(file_event, monkeypatch):
    monkeypatch.setattr("layers.events.selectors.surroundings.RISK_ZONE_LAYERS", {})
    checks = checks_of(file_event())
    assert (checks["risk_zones"]["status"], checks["risk_zones"]["data"]["reason"]) == (
        "not_available",
        "no_risk_layer",
    )


def test_risk_zones_read_the_hazard_zones_of_scenarios(file_event):
    # The risk app's "hazard-zones" layer (zones published from scenarios) is a risk-theme polygon
    # layer: the check runs; with no zone published, nothing is flagged.
    risk = checks_of(file_event())["risk_zones"]
    assert risk["status"] == "ok" and "hazard-zones" in risk["data"]["layers"]


def _temporary_layer(monkeypatch, slug: str, theme: str) -> None:
    spec = LayerSpec(
        slug=slug,
        model=CrimePreventionArea,
        geometry_field="area",
        geometry_kind=GeometryKind.POLYGON,
        theme=theme,
        title_bg=slug,
        title_en=slug,
        source="test",
        visibility=Visibility.INTERNAL,
    )
    monkeypatch.setitem(_REGISTRY, slug, spec)


def test_a_risk_zone_layer_is_read_once_named(file_event, monkeypatch):
    _temporary_layer(monkeypatch, "test-flood-zones", Theme.RISK)
    monkeypatch.setattr(
        "layers.events.selectors.surroundings.RISK_ZONE_LAYERS",
        {"hazard-zones": "hazard", "test-flood-zones": None},
    )
    # A zone over the eastern half of the 100 m square.
    zone = geos(square(100, dx=50))
    CrimePreventionArea.objects.create(name="Заливна зона (тест)", area=MultiPolygon(zone, srid=4326))
    risk = checks_of(file_event())["risk_zones"]
    assert risk["status"] == "warning"
    (hit,) = [z for z in risk["data"]["zones"] if z["name"] == "Заливна зона (тест)"]
    assert hit["shared_area_m2"] == pytest.approx(5000, rel=1e-3)


def test_the_camera_check_names_the_fields_of_view_layer(file_event):
    from layers.surveillance.layer_specs import FIELDS_OF_VIEW

    cameras = checks_of(file_event())["cameras"]
    assert cameras["data"]["layer"] == FIELDS_OF_VIEW.slug == "camera-fov"


def _camera(status, *views):
    """A camera with hand-drawn fields of view (level, shape in metres) and the given status."""
    from layers.surveillance.models import Camera, CameraFieldOfView

    made = Camera.objects.create(
        name="Камера (тест)",
        position=geos(point(0, -60)),
        mount_height=6,
        azimuth=0,
        fov=90,
        resolution=1920,
        status=status,
    )
    for level, shape in views:
        CameraFieldOfView.objects.create(
            camera=made,
            level=level,
            status=status,
            range_m=100,
            field_of_view=MultiPolygon(geos(shape), srid=4326),
        )


def test_camera_coverage_share_by_dori_level_online_cameras_only(file_event):
    from layers.surveillance.models import CameraFieldOfView

    CameraFieldOfView.objects.all().delete()  # demo cameras would change the known shares

    # Two online cameras detect the western half of the square; one identifies a quarter of it.
    _camera("online", ("detect", square(50, dx=-25, dy=-25)), ("identify", square(50, dx=-25, dy=-25)))
    _camera("online", ("detect", square(50, dx=-25, dy=25)))
    _camera("offline", ("detect", square(50, dx=25, dy=-25)))  # an offline camera sees nothing
    cameras = checks_of(file_event())["cameras"]
    coverage = cameras["data"]["coverage"]["perimeter"]
    assert coverage["share"] == pytest.approx(0.5, abs=0.002)
    assert coverage["by_level"] == {
        "detect": pytest.approx(0.5, abs=0.002),
        "identify": pytest.approx(0.25, abs=0.002),
    }
    assert cameras["status"] == "ok"


def test_camera_coverage_of_a_route_is_by_length(file_event):
    from layers.surveillance.models import CameraFieldOfView

    CameraFieldOfView.objects.all().delete()
    # A 400 m route; one online camera's field covers its first 100 m.
    _camera("online", ("detect", square(100, dy=50)))
    event = file_event(
        kind="manifestation", perimeter=None, route=line((0, 0), (0, 400)), assembly_point=point(0, 0)
    )
    cameras = checks_of(event)["cameras"]
    route = cameras["data"]["coverage"]["route"]
    assert (route["measure"], route["share"]) == ("length", pytest.approx(0.25, abs=0.002))
    assert cameras["status"] == "warning"


def test_reviewers_read_the_assessment_in_words_organizers_do_not(api, file_event, organizer, planner):
    event = file_event()
    response = api.as_user(planner).get(f"/api/events/{event['id']}/assessment/")
    assert response.status_code == 200
    density = next(c for c in response.json()["checks"] if c["key"] == "density")
    assert density["title"] == "Crowd density"
    assert "1 000 participants" in density["summary"]
    risk = next(c for c in response.json()["checks"] if c["key"] == "risk_zones")
    assert "no disaster-risk zone" in risk["summary"]
    assert api.as_user(organizer).get(f"/api/events/{event['id']}/assessment/").status_code == 404


def test_the_assessment_gives_the_area_searched_for_nearby_sites_as_the_pdf_draws_it(
    api, file_event, planner
):
    """The review map draws what the opinion's map draws: the footprint grown by the proximity
    distance (a 100 m square grown by d is (100 + 2d)² less the corners' (4 − π)·d²)."""
    import json

    from layers.events.conf import assessment_settings
    from layers.events.geometries import to_metric

    event = file_event(perimeter=square(100), route=None, assembly_point=None, dispersal_point=None)
    answer = api.as_user(planner).get(f"/api/events/{event['id']}/assessment/").json()
    area = answer["search_area"]
    d = assessment_settings().proximity_distance_m
    assert area["distance_m"] == d
    grown = to_metric(GEOSGeometry(json.dumps(area["geometry"]), srid=4326))
    expected = (100 + 2 * d) ** 2 - (4 - 3.141592653589793) * d**2
    assert grown.area == pytest.approx(expected, rel=0.01)
