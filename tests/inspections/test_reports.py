"""The report to the mayor: done vs planned against the accepted schedule, findings by kind,
companies ranked by weighted findings per inspection; as JSON, PDF and spreadsheet."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pypdf
import pytest
from openpyxl import load_workbook

from layers.inspections.models import Inspection, InspectionSchedule, PlannedVisit, SecurityCompany
from layers.inspections.selectors.reports import period_of
from layers.public_order.models import GuardedSite

URL = "/api/inspections/reports/"
YEAR = 2026
ALL_OK = {
    key: "compliant" for key in ("posts_staffed", "documents", "equipment", "alarm_response", "incident_log")
}


def test_period_of_quarters():
    assert period_of(2026, 1) == (date(2026, 1, 1), date(2026, 3, 31))
    assert period_of(2026, 4) == (date(2026, 10, 1), date(2026, 12, 31))
    assert period_of(2026, None) == (date(2026, 1, 1), date(2026, 12, 31))


@pytest.fixture
def quarter_data(db, planner):
    """Q2 2026: four planned visits, three inspections (one off-plan); company A one serious finding
    in one inspection (score 3), company B one minor in two inspections (score 0.5)."""
    sites = list(GuardedSite.objects.order_by("pk")[:4])
    a = SecurityCompany.objects.create(name="А Охрана (демо)", eik="000696327", licence_number="1")
    b = SecurityCompany.objects.create(name="Б Охрана (демо)", eik="0006963270018", licence_number="2")
    schedule = InspectionSchedule.objects.create(year=YEAR, status="accepted", inspectors=1)
    visits = [
        PlannedVisit.objects.create(
            schedule=schedule, site=site, day=date(YEAR, 4, 6 + i), inspector=1, order=1
        )
        for i, site in enumerate(sites)
    ]
    first = Inspection.objects.create(
        site=sites[0],
        company=a,
        visit=visits[0],
        inspected_on=date(YEAR, 4, 6),
        checklist={**ALL_OK, "posts_staffed": "breach"},
    )
    first.findings.create(item="posts_staffed", severity="serious", description="Постът е празен.")
    first.prescriptions.create(
        text="Пост 24/7", deadline=date(YEAR, 4, 20), status="fulfilled", fulfilled_on=date(YEAR, 4, 18)
    )
    second = Inspection.objects.create(
        site=sites[1],
        company=b,
        inspected_on=date(YEAR, 4, 7),
        checklist={**ALL_OK, "incident_log": "breach"},
    )
    second.findings.create(item="incident_log", severity="minor", description="Дневникът не е подписан.")
    off_plan = GuardedSite.objects.order_by("pk")[10]
    Inspection.objects.create(site=off_plan, company=b, inspected_on=date(YEAR, 5, 12), checklist=ALL_OK)
    return planner


def test_report_contents(api, quarter_data):
    body = api.as_user(quarter_data).get(f"{URL}?year={YEAR}&quarter=2").json()
    assert (body["planned"], body["done"], body["done_planned"], body["done_share"]) == (4, 3, 2, 0.5)
    assert body["by_item"]["posts_staffed"] == 1 and body["by_item"]["incident_log"] == 1
    assert body["by_item"]["documents"] == 0
    assert body["by_severity"] == {"minor": 1, "major": 0, "serious": 1}
    ranked = [(c["name"], c["inspections"], c["score"]) for c in body["companies"]]
    assert ranked == [("Б Охрана (демо)", 2, 0.5), ("А Охрана (демо)", 1, 3.0)]
    empty = api.as_user(quarter_data).get(f"{URL}?year={YEAR}&quarter=1").json()
    assert (empty["planned"], empty["done"], empty["companies"]) == (0, 0, [])


def test_report_pdf_and_spreadsheet(api, quarter_data):
    client = api.as_user(quarter_data)
    pdf = client.get(f"{URL}?year={YEAR}&quarter=2&output=pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF-") and "inspections-2026-q2.pdf" in pdf["Content-Disposition"]
    text = " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Доклад до кмета" in text and "тримесечие 2 на 2026" in text
    # Ranked: Б (0.5 weighted findings per inspection) before А (3.0).
    assert text.index("Б Охрана") < text.index("А Охрана")
    assert "Карта на охраняваните обекти" in text
    sheet = client.get(f"{URL}?year={YEAR}&quarter=2&output=xlsx")
    assert sheet.status_code == 200
    assert "inspections-2026-q2.xlsx" in sheet["Content-Disposition"]
    book = load_workbook(io.BytesIO(sheet.content))
    assert "Проверки на охраняваните общински обекти: тримесечие 2 на 2026" in str(
        book.worksheets[0]["A1"].value
    )
    companies = list(book.worksheets[2].iter_rows(values_only=True))
    assert companies[1][:2] == (1, "Б Охрана (демо)") and companies[2][:2] == (2, "А Охрана (демо)")


def test_report_bad_input(api, planner):
    client = api.as_user(planner)
    assert client.get(f"{URL}?year=2026&quarter=5").status_code == 400
    assert client.get(f"{URL}?year=abc").status_code == 400
    assert client.get(f"{URL}?year=2026&output=doc").status_code == 400


def test_overdue_counted(api, planner):
    site = GuardedSite.objects.order_by("pk")[7]
    company = SecurityCompany.objects.create(name="В Охрана (демо)", eik="000696327", licence_number="3")
    inspection = Inspection.objects.create(
        site=site, company=company, inspected_on=date.today() - timedelta(days=20), checklist=ALL_OK
    )
    inspection.prescriptions.create(text="x", deadline=date.today() - timedelta(days=1))
    body = api.as_user(planner).get(f"{URL}?year={inspection.inspected_on.year}").json()
    assert body["overdue_prescriptions"] == 1
