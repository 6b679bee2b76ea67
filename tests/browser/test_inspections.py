"""Inspections in the browser: a planner makes next year's schedule of the guarded municipal sites
(sees each day's route on the map and the reasons for each visit) and accepts it, records an
inspection with a breach, a finding and a prescription, and downloads the quarterly report (PDF)."""

from __future__ import annotations

from datetime import date

import pytest

from tests.browser.conftest import ARTIFACTS

pytestmark = pytest.mark.browser


def test_planner_schedules_inspects_and_prints_the_quarterly_report(open_map):
    view = open_map("planner")
    page = view.page
    page.click("#tool-inspections")
    page.wait_for_selector("#inspections-panel:not([hidden])")

    page.fill("#insp-year", str(date.today().year + 1))
    page.fill("#insp-inspectors", "2")
    page.click("#insp-generate")
    page.wait_for_selector("#insp-days .insp-day", timeout=60_000)
    days = page.inner_text("#insp-days")
    assert "всеки охраняван обект поне веднъж годишно" in days
    # The first day's route is on the map: its stops as numbered markers with their reasons.
    stop = page.locator("#map .leaflet-inspections-pane path.leaflet-interactive").last
    stop.hover()
    tooltip = page.locator(".leaflet-tooltip").last
    tooltip.wait_for(timeout=5_000)
    assert "(демо)" in tooltip.inner_text()
    page.screenshot(path=str(ARTIFACTS / "inspections-1-schedule.png"))
    page.click("#insp-accept")
    page.wait_for_selector(".toast-success")
    assert page.inner_text("#insp-status") == "Приет"

    page.wait_for_selector("#insp-site option:nth-child(2)", state="attached")
    site_name = page.locator("#insp-site option").nth(1).inner_text()
    page.select_option("#insp-site", index=1)
    page.select_option("#insp-item-documents", "breach")
    page.select_option("#insp-severity-documents", "serious")
    page.fill("#insp-finding-documents", "Липсва графикът на смените на поста.")
    page.fill("#insp-prescription", "Графикът на смените да се постави на поста.")
    page.click("#insp-record")
    page.wait_for_selector("#insp-recorded-note")
    assert site_name in page.inner_text("#insp-recorded-note")
    # Evidence of the finding: a scan (a minimal PDF made here) attached to it.
    page.set_input_files(
        ".insp-evidence-file",
        files=[
            {"name": "akt.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n%inspection test\n"},
        ],
    )
    page.click(".insp-evidence button[type=submit]")
    page.wait_for_selector(".toast-success:has-text('Доказателството е прикачено')")
    page.wait_for_function(
        "document.querySelector('#insp-prescriptions').innerText.includes('Графикът на смените да се постави')"
    )
    page.wait_for_function(
        "document.querySelector('#insp-report-summary').innerText.includes('общо проверки: 1')"
    )
    page.screenshot(path=str(ARTIFACTS / "inspections-2-recorded.png"))

    with page.expect_download() as download_info:
        page.click("#insp-report-pdf")
    download = download_info.value
    assert (
        download.suggested_filename
        == f"inspections-{date.today().year}-q{(date.today().month - 1) // 3 + 1}.pdf"
    )
    with open(download.path(), "rb") as handle:
        assert handle.read(5) == b"%PDF-"
