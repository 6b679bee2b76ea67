"""The inspections API on the real guarded sites (demo layer of 60 real schools and kindergartens):
the register's checks, roles, the schedule's guarantees, inspections with prescriptions and
their follow-up, and the report to the mayor."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from layers.events.workdays import official_holidays
from layers.inspections.models import GuardContract, Inspection, SecurityCompany
from layers.inspections.services.registry import eik_is_valid
from layers.public_order.models import GuardedSite

URL = "/api/inspections/"
# Sofia Municipality's own EIK (public): its check digit is 7 by the second set of weights.
SOFIA_EIK = "000696327"
COMPLIANT = {
    key: "compliant" for key in ("posts_staffed", "documents", "equipment", "alarm_response", "incident_log")
}


@pytest.fixture
def company(db):
    return SecurityCompany.objects.create(
        name="Охрана Тест ООД (демо)",
        eik=SOFIA_EIK,
        licence_number="РС-0001",
        licence_valid_until=date(2030, 1, 1),
    )


def _site(index: int = 0) -> GuardedSite:
    return GuardedSite.objects.order_by("pk")[index]


def test_eik_check_digits():
    assert eik_is_valid(SOFIA_EIK)
    assert not eik_is_valid("000696328")  # one digit off
    assert not eik_is_valid("12345")
    # 13 digits: digits 9–12 of 000696327·0001 are 7, 0, 0, 1: 7·2 + 0·7 + 0·3 + 1·5 = 19 ≡ 8 (mod 11).
    assert eik_is_valid("0006963270018")
    assert not eik_is_valid("0006963270015")


@pytest.mark.parametrize("role_fixture", ["organizer", "partner", "operator", None])
def test_other_roles_see_nothing(api, request, role_fixture):
    user = request.getfixturevalue(role_fixture) if role_fixture else None
    client = api.as_user(user)
    for path in (
        "sites/",
        "companies/",
        "schedules/",
        "inspections/",
        "prescriptions/",
        "reports/?year=2026",
    ):
        response = client.get(URL + path)
        assert response.status_code in (401, 403), (path, response.status_code)
    assert client.post(URL + "schedules/", {"year": 2027}, format="json").status_code in (401, 403)


def test_analyst_reads_but_does_not_write(api, analyst, company):
    client = api.as_user(analyst)
    assert client.get(URL + "companies/").status_code == 200
    assert client.get(URL + "sites/").json()["results"]
    response = client.post(URL + "schedules/", {"year": timezone.localdate().year + 1}, format="json")
    assert response.status_code == 403
    assert "inspectors" in response.json()["detail"]


def test_company_register_checks(api, planner, company):
    client = api.as_user(planner)
    bad = client.post(
        URL + "companies/", {"name": "X", "eik": "123456789", "licence_number": "1"}, format="json"
    )
    assert bad.status_code == 400 and "check digit" in bad.json()["detail"]
    twice = client.post(
        URL + "companies/", {"name": "Y", "eik": SOFIA_EIK, "licence_number": "1"}, format="json"
    )
    assert twice.status_code == 400 and SOFIA_EIK in twice.json()["detail"]


def test_contract_validation_and_history(api, planner, company):
    client = api.as_user(planner)
    site = _site()
    base = {
        "company": company.pk,
        "site": site.pk,
        "licence_number": "РС-0001",
        "starts_on": "2026-01-01",
        "ends_on": "2026-12-31",
        "posts": 2,
        "hours_per_week": 168,
        "value_eur": "24000.00",
    }
    assert client.post(URL + "contracts/", base, format="json").status_code == 201
    backwards = client.post(
        URL + "contracts/", {**base, "starts_on": "2027-06-01", "ends_on": "2027-01-01"}, format="json"
    )
    assert backwards.status_code == 400 and "end on or after" in backwards.json()["detail"]
    overlap = client.post(
        URL + "contracts/", {**base, "starts_on": "2026-12-01", "ends_on": "2027-11-30"}, format="json"
    )
    assert overlap.status_code == 400
    assert "may not overlap" in overlap.json()["detail"] and company.name in overlap.json()["detail"]
    free = client.post(URL + "contracts/", {**base, "value_eur": "0"}, format="json")
    assert free.status_code == 400
    too_long = client.post(
        URL + "contracts/",
        {**base, "starts_on": "2027-01-01", "ends_on": "2027-12-31", "hours_per_week": 400},
        format="json",
    )
    assert too_long.status_code == 400 and "336" in too_long.json()["detail"]  # 2 posts × 168 h
    after_licence = client.post(
        URL + "contracts/", {**base, "starts_on": "2030-02-01", "ends_on": "2030-12-31"}, format="json"
    )
    assert after_licence.status_code == 400 and "licence" in after_licence.json()["detail"]
    assert GuardContract.objects.filter(site=site).count() == 1  # nothing half-written
    history = client.get(f"{URL}companies/{company.pk}/").json()["history"]
    assert [c["starts_on"] for c in history] == ["2026-01-01"]


def test_schedule_guarantees_on_the_real_guarded_sites(api, planner):
    """Every one of the 60 sites at least once; serious findings and high risk bring a second visit,
    at least 60 days later; only working days; at most 4 sites a day, in route order."""
    year = timezone.localdate().year + 1
    serious_site = _site(3)
    inspection = Inspection.objects.create(
        site=serious_site, inspected_on=timezone.localdate() - timedelta(days=30), checklist=COMPLIANT
    )
    inspection.findings.create(
        item="posts_staffed", severity="serious", description="Постът е без охранител."
    )
    client = api.as_user(planner)
    response = client.post(URL + "schedules/", {"year": year, "inspectors": 2}, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    sites = set(GuardedSite.objects.values_list("pk", flat=True))
    assert len(sites) == 60
    visits: dict[int, list[date]] = {}
    for day in body["days"]:
        when = date.fromisoformat(day["day"])
        assert when.year == year and when.weekday() < 5 and when not in official_holidays(year)
        assert 1 <= len(day["stops"]) <= 4
        assert sorted(stop["order"] for stop in day["stops"]) == list(range(1, len(day["stops"]) + 1))
        assert day["route_m"] <= 30_000
        for stop in day["stops"]:
            assert stop["reasons"], "every visit says why"
            visits.setdefault(stop["site"]["id"], []).append(when)
    assert set(visits) == sites
    high = set(body["parameters"]["high_risk"])
    assert serious_site.pk in body["parameters"]["serious_findings"]
    for site_id, days in visits.items():
        expected = 1 + (site_id == serious_site.pk) + (site_id in high)
        assert len(days) == expected, site_id
        days.sort()
        assert all((b - a).days >= 60 for a, b in zip(days, days[1:], strict=False))
    assert any("assumption" in note for note in body["assumptions"])
    # Accepting it makes it the year's schedule; a second acceptance of the same one is refused.
    accepted = client.post(f"{URL}schedules/{body['id']}/accept/")
    assert accepted.status_code == 200 and accepted.json()["status"] == "accepted"
    again = client.post(f"{URL}schedules/{body['id']}/accept/")
    assert again.status_code == 409


def test_schedule_bad_input(api, planner):
    client = api.as_user(planner)
    past = client.post(URL + "schedules/", {"year": 2020}, format="json")
    assert past.status_code == 400 and "this year or the next" in past.json()["detail"]
    # 60 sites need at least 60 inspector-days: one inspector with one site a day in the rest of the year
    # fits, but zero inspectors never does.
    zero = client.post(
        URL + "schedules/", {"year": timezone.localdate().year + 1, "inspectors": 0}, format="json"
    )
    assert zero.status_code == 400


def _inspection_body(site: GuardedSite, **extra) -> dict:
    return {
        "site": site.pk,
        "inspected_on": (timezone.localdate() - timedelta(days=2)).isoformat(),
        "checklist": {**COMPLIANT, "documents": "breach"},
        "findings": [{"item": "documents", "severity": "major", "description": "Няма график на смените."}],
        "prescriptions": [
            {
                "text": "Да се постави графикът на смените на поста.",
                "deadline": (timezone.localdate() + timedelta(days=14)).isoformat(),
            }
        ],
        **extra,
    }


def test_inspection_with_prescription_and_follow_up(api, planner, company):
    site = _site(1)
    GuardContract.objects.create(
        company=company,
        site=site,
        licence_number="РС-0001",
        starts_on=timezone.localdate() - timedelta(days=100),
        ends_on=timezone.localdate() + timedelta(days=200),
        posts=1,
        hours_per_week=60,
        value_eur=9000,
    )
    client = api.as_user(planner)
    response = client.post(URL + "inspections/", _inspection_body(site), format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["company"]["name"] == company.name  # the contract in force on the day
    prescription = body["prescriptions"][0]
    assert prescription["status"] == "open" and not prescription["overdue"]
    site.refresh_from_db()
    assert site.last_inspection == timezone.localdate() - timedelta(days=2)

    no_reason = client.post(
        f"{URL}prescriptions/{prescription['id']}/follow-up/", {"action": "cancel"}, format="json"
    )
    assert no_reason.status_code == 400
    done = client.post(
        f"{URL}prescriptions/{prescription['id']}/follow-up/", {"action": "fulfil"}, format="json"
    )
    assert done.status_code == 200 and done.json()["status"] == "fulfilled"
    twice = client.post(
        f"{URL}prescriptions/{prescription['id']}/follow-up/", {"action": "fulfil"}, format="json"
    )
    assert twice.status_code == 409
    record = client.get(f"{URL}companies/{company.pk}/").json()["performance"]
    assert [(r["inspections"], r["findings"], r["fulfilled_rate"]) for r in record] == [(1, 1, 1.0)]


def test_inspection_bad_input_writes_nothing(api, planner):
    client = api.as_user(planner)
    site = _site(2)
    before = Inspection.objects.count()
    unexplained = _inspection_body(site, findings=[])
    response = client.post(URL + "inspections/", unexplained, format="json")
    assert response.status_code == 400 and "every breach" in response.json()["detail"]
    late = _inspection_body(site, prescriptions=[{"text": "x", "deadline": "2000-01-01"}])
    assert client.post(URL + "inspections/", late, format="json").status_code == 400
    partial = _inspection_body(site, checklist={"documents": "breach"})
    response = client.post(URL + "inspections/", partial, format="json")
    assert response.status_code == 400 and "Posts staffed" in response.json()["detail"]
    future = _inspection_body(site, inspected_on=(timezone.localdate() + timedelta(days=3)).isoformat())
    assert client.post(URL + "inspections/", future, format="json").status_code == 400
    assert Inspection.objects.count() == before


def test_overdue_prescriptions(api, planner):
    site = _site(5)
    inspection = Inspection.objects.create(
        site=site, inspected_on=timezone.localdate() - timedelta(days=40), checklist=COMPLIANT
    )
    inspection.prescriptions.create(
        text="Да се ремонтира алармата.", deadline=timezone.localdate() - timedelta(days=1)
    )
    rows = api.as_user(planner).get(URL + "prescriptions/?overdue=true").json()["results"]
    assert [(r["site"], r["overdue"]) for r in rows] == [(site.name, True)]


def test_evidence_upload_limits(api, planner, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    client = api.as_user(planner)
    body = client.post(URL + "inspections/", _inspection_body(_site(6)), format="json").json()
    finding = body["findings"][0]["id"]
    fake = SimpleUploadedFile("photo.jpg", b"<script>alert(1)</script>", content_type="image/jpeg")
    refused = client.post(f"{URL}findings/{finding}/evidence/", {"file": fake}, format="multipart")
    assert refused.status_code == 400 and "JPEG" in refused.json()["detail"]
    big = SimpleUploadedFile(
        "big.png", b"\x89PNG\r\n\x1a\n" + b"0" * (10 * 1024 * 1024), content_type="image/png"
    )
    assert (
        client.post(f"{URL}findings/{finding}/evidence/", {"file": big}, format="multipart").status_code
        == 400
    )
    scan = SimpleUploadedFile("акт.pdf", b"%PDF-1.4\n%test\n", content_type="application/pdf")
    stored = client.post(f"{URL}findings/{finding}/evidence/", {"file": scan}, format="multipart")
    assert stored.status_code == 201 and stored.json()["type"] == "application/pdf"
    detail = client.get(f"{URL}inspections/{body['id']}/").json()
    url = detail["findings"][0]["evidence"][0]["url"]
    download = client.get(url)
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF-")
    assert api.as_user(None).get(url).status_code in (401, 403)


def test_messages_in_bulgarian(api, planner):
    client = api.as_user(planner)
    response = client.post(
        URL + "companies/",
        {"name": "X", "eik": "123456789", "licence_number": "1"},
        format="json",
        HTTP_ACCEPT_LANGUAGE="bg",
    )
    assert response.status_code == 400
    assert response.json()["detail"].startswith("ЕИК/БУЛСТАТ трябва да е от 9 или 13 цифри")
    checklist = client.get(URL + "checklist/", HTTP_ACCEPT_LANGUAGE="bg").json()
    assert [item["label"] for item in checklist["items"]][:2] == ["Заети постове", "Документи"]
    assert [s["label"] for s in checklist["severities"]] == ["Незначително", "Съществено", "Сериозно"]


def test_demo_companies_and_contracts(db):
    """The demo command gives every guarded site a contract with its layer's (demo) company, once."""
    from io import StringIO

    from django.core.management import call_command

    call_command("load_inspection_demo", stdout=StringIO())
    output = StringIO()
    call_command("load_inspection_demo", stdout=output)
    assert "0 new demo contracts" in output.getvalue()
    assert GuardContract.objects.count() == 60
    assert SecurityCompany.objects.count() == len(
        set(GuardedSite.objects.values_list("security_company", flat=True))
    )
    for contract in GuardContract.objects.select_related("site", "company")[:10]:
        assert contract.company.name == contract.site.security_company
        assert eik_is_valid(contract.company.eik)
