"""Incident ingestion, the operator's actions and who may do what, through the HTTP API."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone

from layers.situation.models import DutyLogEntry, Incident, IncidentContact

URL = "/api/situation/incidents/"
# Near the NDK (National Palace of Culture), central Sofia — inside the municipality.
NDK = (23.3189, 42.6847)


def record(n: int = 1, **extra) -> dict:
    body = {
        "origin": "112",
        "external_id": f"x-{n}",
        "category": "fire",
        "priority": 2,
        "occurred_at": (timezone.now() - timedelta(minutes=5)).replace(microsecond=0).isoformat(),
        "lon": NDK[0] + n * 1e-4,
        "lat": NDK[1],
        "title": "Пожар",
        "caller_name": "Иван Петров",
        "caller_phone": "+359888123456",
    }
    body.update(extra)
    return body


@pytest.fixture
def scoped_partner(partner):
    partner.user_permissions.add(Permission.objects.get(codename="incidents_write"))
    return partner


def test_operator_pushes_one_and_resending_changes_nothing(api, operator):
    client = api.as_user(operator)
    body = record()
    first = client.post(URL, body, format="json")
    assert first.status_code == 201, first.content
    again = client.post(URL, body, format="json")
    assert again.status_code == 200 and again.json()["unchanged"] is True
    incident = Incident.objects.get()
    assert incident.district_code  # placed in its district (NDK is in Триадица, code 03? any non-empty)
    assert IncidentContact.objects.get().caller_phone == "+359888123456"
    assert DutyLogEntry.objects.filter(incident=incident, kind="incident").count() == 1


def test_batch_reports_bad_rows_and_keeps_good_ones(api, scoped_partner):
    client = api.as_user(scoped_partner)
    client.post(URL, record(9), format="json")
    rows = [
        record(1),
        record(2, category="earthquake"),
        record(3, lon=24.75, lat=42.14),  # Plovdiv
        record(4, occurred_at=(timezone.now() + timedelta(hours=2)).isoformat()),
        record(9, priority=1),  # same id as before, other content
        record(5, priority=7),
        record(6),
    ]
    response = client.post(URL, {"incidents": rows}, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["created"] == 2
    rejected = {item["row"]: set(item["errors"]) for item in body["rejected"]}
    assert rejected == {
        2: {"category"},
        3: {"position"},
        4: {"occurred_at"},
        5: {"external_id"},
        6: {"priority"},
    }
    assert set(Incident.objects.values_list("external_id", flat=True)) == {"x-1", "x-6", "x-9"}


def test_all_rows_bad_is_400_and_nothing_written(api, operator):
    response = api.as_user(operator).post(
        URL, [record(1, category="x"), record(2, lon=0, lat=0)], format="json"
    )
    assert response.status_code == 400
    assert len(response.json()["rejected"]) == 2
    assert not Incident.objects.exists()


def test_single_bad_record_is_400_naming_the_field(api, operator):
    response = api.as_user(operator).post(URL, record(category="earthquake"), format="json")
    assert response.status_code == 400
    assert "category" in response.json()["detail"]


def test_csv_import_with_broken_rows(api, operator):
    when = (timezone.now() - timedelta(minutes=3)).replace(microsecond=0).isoformat()
    text = (
        "origin,external_id,category,priority,occurred_at,lon,lat,address,title,description,caller_name,caller_phone\n"
        f"112,c-1,medical,2,{when},23.32,42.69,,Припадък,,,\n"
        "112,c-2,medical,2\n"
        f"citizen,c-3,flood,3,{when},,,НДК,Наводнение,,,\n"
        f"112,c-4,medical,two,{when},23.32,42.69,,,,,\n"
    )
    response = api.as_user(operator).post(URL, text, content_type="text/csv")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["created"] == 2
    assert {item["row"] for item in body["rejected"]} == {2, 4}
    geocoded = Incident.objects.get(external_id="c-3")
    assert geocoded.geocode_confidence and geocoded.geocode_match


def test_roles_and_scope(api, partner, scoped_partner, analyst, organizer):
    assert api.as_user(None).post(URL, record(), format="json").status_code in (401, 403)
    assert api.as_user(organizer).post(URL, record(), format="json").status_code == 403
    assert api.as_user(analyst).post(URL, record(), format="json").status_code == 403
    assert api.as_user(scoped_partner).post(URL, record(), format="json").status_code == 201
    # The partner (even with the scope) does not read the operator's list, nor the stream.
    assert api.as_user(partner).get(URL).status_code == 403
    assert api.as_user(None).get("/api/situation/incidents/stream/").status_code == 403


def test_personal_data_never_in_layer_features_or_for_analysts(api, operator, analyst):
    api.as_user(operator).post(URL, record(), format="json")
    incident = Incident.objects.get()
    detail = api.as_user(analyst).get(f"{URL}{incident.pk}/").json()
    assert "contact" not in detail
    assert api.as_user(operator).get(f"{URL}{incident.pk}/").json()["contact"]["caller_name"] == "Иван Петров"
    features = api.as_user(operator).get("/api/layers/incidents/features/").content.decode()
    assert "Иван" not in features and "+359" not in features
    assert api.as_user(None).get("/api/layers/incidents/features/").status_code in (403, 404)


def test_status_workflow_assign_note_and_merge(api, operator, organizer):
    client = api.as_user(operator)
    a = client.post(URL, record(1), format="json").json()["id"]
    b = client.post(URL, record(2), format="json").json()["id"]  # 8 m away, same category and time
    assert api.as_user(organizer).post(f"{URL}{a}/status/", {"status": "acknowledged"}).status_code == 403
    client = api.as_user(operator)
    bad = client.post(f"{URL}{a}/status/", {"status": "closed"}, format="json")
    assert bad.status_code == 409 and bad.json()["parameter"] == "note"
    ok = client.post(f"{URL}{a}/status/", {"status": "acknowledged"}, format="json").json()
    assert ok["status"] == "acknowledged" and ok["acknowledged_at"]
    assert client.post(f"{URL}{a}/status/", {"status": "new"}, format="json").status_code == 409
    assigned = client.post(f"{URL}{a}/assign/", {"agency": "pbzn"}, format="json").json()
    assert assigned["assigned_agency"] == "pbzn"
    noted = client.post(f"{URL}{a}/notes/", {"note": "Екип на място"}, format="json").json()
    assert noted["history"][-1]["note"] == "Екип на място"
    proposals = client.get(f"{URL}merge/").json()["proposals"]
    assert [(p["keep"], p["duplicate"]) for p in proposals] == [(a, b)]
    assert proposals[0]["metres"] < 100
    client.post(f"{URL}merge/", {"keep": a, "duplicate": b}, format="json")
    assert Incident.objects.get(pk=b).merged_into_id == a
    assert client.get(f"{URL}merge/").json()["proposals"] == []


def test_context_of_an_incident(api, operator):
    client = api.as_user(operator)
    incident = client.post(URL, record(), format="json").json()["id"]
    context = client.get(f"{URL}{incident}/context/").json()
    assert set(context) >= {
        "who_sees",
        "nearest_online_cameras",
        "stations",
        "shelters",
        "critical_sites",
        "events",
    }
    assert context["stations"]["police"] and context["stations"]["police"][0]["metres"] > 0


def test_incidents_for_analysis(api, operator):
    from layers.situation.selectors.incidents import incidents_for_analysis

    api.as_user(operator).post(URL, [record(1), record(2, category="medical")], format="json")
    now = timezone.now()
    found = incidents_for_analysis(period=(now - timedelta(hours=1), now), categories=["medical"])
    assert [item.category for item in found] == ["medical"]
    assert not hasattr(found[0], "caller_name")
