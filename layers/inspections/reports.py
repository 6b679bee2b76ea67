"""The report to the mayor (quarter or year) as a Bulgarian PDF (ReportLab with DejaVu Sans, as the
opinion and shift reports) and as a spreadsheet: XLSX through openpyxl where it is installed,
otherwise CSV (UTF-8 with BOM, which Excel opens in Cyrillic)."""

from __future__ import annotations

import io

import shapely
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from openpyxl import Workbook
from reportlab.graphics.shapes import Circle, Drawing, Polygon, Rect, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import SimpleDocTemplate, Spacer

from layers.administrative.models import District
from layers.events.documents.opinion_pdf import _p, _styles, _table, register_fonts
from layers.inspections.checklist import CHECKLIST, Severity
from layers.inspections.selectors.inspections import SEVERITY_WEIGHTS
from layers.inspections.selectors.reports import Report

FONT = "DejaVuSans"
SITE_COLOURS = {"serious": "#c62828", "inspected": "#2e7d32", "planned": "#f9a825", "other": "#9e9e9e"}


def title(report: Report) -> str:
    if report.quarter:
        return _("Inspections of guarded municipal sites: quarter %(q)s of %(year)s") % {
            "q": report.quarter,
            "year": report.year,
        }
    return _("Inspections of guarded municipal sites: year %(year)s") % {"year": report.year}


def _day(value) -> str:
    return date_format(value, "j.m.Y")


def _share(value: float | None) -> str:
    return "—" if value is None else f"{round(value * 100)} %"


def _site_kind(site) -> str:
    return (
        "serious"
        if site.serious
        else "inspected"
        if site.inspected
        else "planned"
        if site.planned
        else "other"
    )


def _map(report: Report, *, width: float, height: float) -> Drawing:
    """District outlines and every guarded site, coloured by what happened there in the period."""
    drawing = Drawing(width, height)
    drawing.add(
        Rect(
            0, 0, width, height, fillColor=colors.HexColor("#fafafa"), strokeColor=colors.HexColor("#607d8b")
        )
    )
    districts = [shapely.from_wkb(bytes(d.boundary.simplify(0.001).wkb)) for d in District.objects.all()]
    points = [(s.lon, s.lat) for s in report.sites]
    if not districts and not points:
        return drawing
    shapes = districts + [shapely.Point(p) for p in points]
    minx, miny, maxx, maxy = shapely.union_all(shapes).bounds
    # Degrees of longitude are shorter than of latitude at 42.7° N: cos(42.7°) ≈ 0.735.
    kx = 0.735
    scale = min((width - 10) / max((maxx - minx) * kx, 1e-6), (height - 24) / max(maxy - miny, 1e-6))

    def xy(lon: float, lat: float) -> tuple[float, float]:
        return 5 + (lon - minx) * kx * scale, 5 + (lat - miny) * scale

    for geometry in districts:
        for polygon in getattr(geometry, "geoms", [geometry]):
            drawing.add(
                Polygon(
                    [v for lon, lat in polygon.exterior.coords for v in xy(lon, lat)],
                    fillColor=None,
                    strokeColor=colors.HexColor("#90a4ae"),
                    strokeWidth=0.4,
                )
            )
    for site in sorted(
        report.sites, key=lambda s: ("other", "planned", "inspected", "serious").index(_site_kind(s))
    ):
        x, y = xy(site.lon, site.lat)
        drawing.add(
            Circle(
                x,
                y,
                2.6,
                fillColor=colors.HexColor(SITE_COLOURS[_site_kind(site)]),
                strokeColor=colors.white,
                strokeWidth=0.4,
            )
        )
    labels = {
        "serious": _("serious finding"),
        "inspected": _("inspected"),
        "planned": _("planned, not inspected"),
        "other": _("not planned in the period"),
    }
    x = 8
    for kind, label in labels.items():
        drawing.add(
            Circle(x + 3, height - 9, 3, fillColor=colors.HexColor(SITE_COLOURS[kind]), strokeColor=None)
        )
        drawing.add(String(x + 9, height - 12, label, fontName=FONT, fontSize=7))
        x += 14 + len(label) * 3.6
    return drawing


def _item_label(key: str) -> str:
    return next((str(item.label) for item in CHECKLIST if item.key == key), key)


def _summary_rows(report: Report) -> list[list[str]]:
    return [
        [_("Period"), f"{_day(report.start)} – {_day(report.end)}"],
        [
            _("Visits planned (accepted schedule)"),
            str(report.planned) if report.has_schedule else _("no accepted schedule for the year"),
        ],
        [_("Planned visits done"), f"{report.done_planned} ({_share(report.done_share)})"],
        [_("Inspections done (all)"), str(report.done)],
        [_("Prescriptions not yet fulfilled"), str(report.open_prescriptions)],
        [_("of them overdue"), str(report.overdue_prescriptions)],
    ]


def _finding_rows(report: Report) -> list[list[str]]:
    return [[_item_label(key), str(count)] for key, count in report.by_item.items()]


def _severity_rows(report: Report) -> list[list[str]]:
    return [[str(Severity(key).label), str(count)] for key, count in report.by_severity.items()]


def _company_header() -> list[str]:
    return [
        _("Rank"),
        _("Company"),
        _("Inspections"),
        _("Findings"),
        _("Serious"),
        _("Findings per inspection"),
        _("Prescriptions fulfilled"),
        _("Overdue"),
        _("Score"),
    ]


def _company_rows(report: Report) -> list[list]:
    return [
        [
            rank,
            c.name,
            c.inspections,
            c.findings,
            c.serious,
            c.findings_per_inspection,
            f"{c.fulfilled}/{c.prescriptions}",
            c.overdue,
            c.score,
        ]
        for rank, c in enumerate(report.companies, start=1)
    ]


def _score_note() -> str:
    return _(
        "Score: findings per inspection weighted by severity (minor %(minor)s, major %(major)s, serious "
        "%(serious)s; assumption); lower is better."
    ) % {
        "minor": SEVERITY_WEIGHTS[Severity.MINOR],
        "major": SEVERITY_WEIGHTS[Severity.MAJOR],
        "serious": SEVERITY_WEIGHTS[Severity.SERIOUS],
    }


def report_pdf(report: Report) -> bytes:
    register_fonts()
    with translation.override("bg"):
        styles = _styles()
        story = [
            _p(_("Sofia Municipality — Security Directorate"), styles["head"]),
            _p(_("Report to the Mayor"), styles["title"]),
            _p(title(report), styles["head"]),
            Spacer(1, 4 * mm),
            _table(_summary_rows(report), [90 * mm, 80 * mm], styles),
            _p(_("Findings by checklist item"), styles["h2"]),
            _table(
                [[_("Item"), _("Findings")], *_finding_rows(report)], [120 * mm, 30 * mm], styles, header=True
            ),
            _p(_("Findings by severity"), styles["h2"]),
            _table(
                [[_("Severity"), _("Findings")], *_severity_rows(report)],
                [120 * mm, 30 * mm],
                styles,
                header=True,
            ),
            _p(_("Security companies ranked"), styles["h2"]),
        ]
        if report.companies:
            rows = [[str(v) for v in row] for row in _company_rows(report)]
            story.append(
                _table(
                    [_company_header(), *rows],
                    [11 * mm, 40 * mm, 18 * mm, 16 * mm, 15 * mm, 20 * mm, 20 * mm, 15 * mm, 14 * mm],
                    styles,
                    header=True,
                )
            )
            story.append(_p(_score_note(), styles["small"]))
        else:
            story.append(_p(_("No inspection in the period."), styles["body"]))
        story.append(_p(_("Map of the guarded sites"), styles["h2"]))
        story.append(_map(report, width=170 * mm, height=120 * mm))
        story.append(
            _p(
                _(
                    "The sites' positions are real schools and kindergartens; companies and contracts are demo "
                    "data."
                ),
                styles["small"],
            )
        )
        buffer = io.BytesIO()
        SimpleDocTemplate(
            buffer,
            pagesize=A4,
            leftMargin=18 * mm,
            rightMargin=18 * mm,
            topMargin=15 * mm,
            bottomMargin=15 * mm,
            title=title(report),
            author=_("Security Directorate"),
        ).build(story)
        return buffer.getvalue()


def _sheets(report: Report) -> list[tuple[str, list[list]]]:
    return [
        (_("Summary"), [[title(report), ""], *_summary_rows(report)]),
        (
            _("Findings"),
            [
                [_("Item"), _("Findings")],
                *[[a, int(b)] for a, b in _finding_rows(report)],
                [],
                [_("Severity"), _("Findings")],
                *[[a, int(b)] for a, b in _severity_rows(report)],
            ],
        ),
        (_("Companies"), [_company_header(), *_company_rows(report), [], [_score_note()]]),
        (
            _("Sites"),
            [
                [
                    _("Site"),
                    _("Longitude"),
                    _("Latitude"),
                    _("Planned"),
                    _("Inspected"),
                    _("Serious finding"),
                ],
                *[
                    [
                        s.name,
                        round(s.lon, 6),
                        round(s.lat, 6),
                        _("yes") if s.planned else _("no"),
                        _("yes") if s.inspected else _("no"),
                        _("yes") if s.serious else _("no"),
                    ]
                    for s in report.sites
                ],
            ],
        ),
    ]


def _safe(cell):
    """A text cell that a spreadsheet would run as a formula is kept as text (CSV injection)."""
    if isinstance(cell, str) and cell[:1] in ("=", "+", "-", "@"):
        return "'" + cell
    return cell


def report_spreadsheet(report: Report) -> tuple[bytes, str, str]:
    """(content, content type, file extension) of the report as an XLSX workbook, a sheet a part.

    Text cells go through _safe: openpyxl stores a string that starts with "=" as a formula."""
    with translation.override("bg"):
        sheets = _sheets(report)
        book = Workbook()
        book.remove(book.active)
        for name, rows in sheets:
            sheet = book.create_sheet(name[:31])
            for row in rows:
                sheet.append([_safe(cell) for cell in row])
        buffer = io.BytesIO()
        book.save(buffer)
        return buffer.getvalue(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"
