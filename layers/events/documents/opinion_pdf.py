"""The opinion (становище) to the mayor as a PDF in Bulgarian, rendered with ReportLab:
the event's data, a map, the assessment table, the proposed decision and conditions, and
the tasks of the competent structures."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path
from xml.sax.saxutils import escape

from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from geo_platform.errors import PlatformError
from layers.counterterrorism import event_check
from layers.events.checks import describe
from layers.events.deadlines import describe_deadlines
from layers.events.documents.opinion_map import FONT, event_map, legend
from layers.events.models import EventKind, EventStatus, MassEvent, Opinion, Track
from layers.events.selectors.visibility import checks_for

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
BOLD = "DejaVuSans-Bold"
STATUS_COLOURS = {
    "ok": "#c8e6c9",
    "info": "#e3f2fd",
    "warning": "#ffe0b2",
    "danger": "#ffcdd2",
    "not_available": "#eeeeee",
}


class FontMissing(PlatformError):
    """The Cyrillic TTF font is not installed (Debian package fonts-dejavu-core)."""

    status_code = 503
    code = "font_missing"


def register_fonts() -> None:
    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    for name, file in ((FONT, "DejaVuSans.ttf"), (BOLD, "DejaVuSans-Bold.ttf")):
        path = FONT_DIR / file
        if not path.exists():
            raise FontMissing(
                _("The PDF font %(path)s is missing; install the Debian package fonts-dejavu-core.")
                % {"path": path}
            )
        pdfmetrics.registerFont(TTFont(name, str(path)))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=BOLD, italic=FONT, boldItalic=BOLD)


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=12.5)
    return {
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=8, leading=10),
        "head": ParagraphStyle("head", parent=base, fontName=BOLD, fontSize=10, leading=13, alignment=1),
        "title": ParagraphStyle(
            "title", parent=base, fontName=BOLD, fontSize=15, leading=19, alignment=1, spaceBefore=6
        ),
        "h2": ParagraphStyle(
            "h2", parent=base, fontName=BOLD, fontSize=11, leading=14, spaceBefore=8, spaceAfter=4
        ),
    }


def _when(value) -> str:
    return date_format(timezone.localtime(value), "j.m.Y H:i") if value else "—"


def _p(text, style) -> Paragraph:
    return Paragraph(escape(str(text)).replace("\n", "<br/>"), style)


def _table(rows, widths, styles, *, header=False, backgrounds=None) -> Table:
    data = [
        [cell if isinstance(cell, Paragraph) else _p(cell, styles["body"]) for cell in row] for row in rows
    ]
    table = Table(data, colWidths=widths, repeatRows=1 if header else 0)
    commands = [
        ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#90a4ae")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]
    if header:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eceff1")))
    for row, colour in (backgrounds or {}).items():
        commands.append(("BACKGROUND", (1, row), (1, row), colors.HexColor(colour)))
    table.setStyle(TableStyle(commands))
    return table


def _event_rows(event: MassEvent) -> list[list[str]]:
    persons = "\n".join(
        ", ".join(filter(None, (p.get("name"), p.get("role"), p.get("phone"), p.get("email"))))
        for p in event.responsible_persons
    )
    deadline = (describe_deadlines(event.deadline_report) or {}).get("summary", "—")
    if event.urgent:
        deadline += "\n" + _("Urgent case: %(reason)s") % {"reason": event.urgent_reason}
    return [
        [_("Event"), event.name],
        [_("Legal track"), f"{Track(event.track).label} — {EventKind(event.kind).label}"],
        [_("Purpose"), event.purpose],
        [
            _("Organizer"),
            ", ".join(
                filter(
                    None,
                    (
                        event.organizer_name,
                        event.organizer_address,
                        event.organizer_phone,
                        event.organizer_email,
                    ),
                )
            ),
        ],
        [_("Responsible persons"), persons or "—"],
        [_("Start and end"), f"{_when(event.start)} — {_when(event.end)}"],
        [
            _("Expected participants; stewards"),
            f"{event.expected_participants or '—'}; {event.stewards if event.stewards is not None else '—'}",
        ],
        [
            _("Street closures"),
            "\n".join(f"{c.name}: {_when(c.start)} — {_when(c.end)}" for c in event.closures.all()) or "—",
        ],
        [_("Filed; revision"), f"{_when(event.filed_at)}; {event.revision}"],
        [_("Deadlines"), deadline],
        [_("Status"), str(EventStatus(event.status).label)],
    ]


def render_opinion(event: MassEvent, opinion: Opinion, assessment, *, user=None) -> bytes:
    """The opinion as PDF bytes, always in Bulgarian; its assessment as `user` may read it."""
    register_fonts()
    with translation.override("bg"):
        return _render(event, opinion, assessment, user=user)


def _render(event: MassEvent, opinion: Opinion, assessment, *, user=None) -> bytes:
    styles = _styles()
    buffer = BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
        title=_("Opinion on mass event %(id)s") % {"id": event.pk},
        author=_("Sofia Municipality, Security Directorate"),
    )
    width = A4[0] - 36 * mm
    story = [
        _p(_("SOFIA MUNICIPALITY — SECURITY DIRECTORATE"), styles["head"]),
        _p(_("OPINION"), styles["title"]),
        _p(
            _("to the Mayor of Sofia Municipality on %(what)s No. %(id)s, revision %(revision)s")
            % {"what": Track(event.track).label, "id": event.pk, "revision": opinion.revision.number},
            styles["head"],
        ),
        Spacer(1, 6),
        _p(_("1. The event"), styles["h2"]),
        _table(_event_rows(event), [width * 0.28, width * 0.72], styles),
        _p(_("2. Map"), styles["h2"]),
        event_map(event, width=width, height=width * 0.62),
        Spacer(1, 4),
        legend(width),
        _p(_("3. Automatic assessment"), styles["h2"]),
    ]
    if assessment is None:
        story.append(_p(_("No assessment has been computed."), styles["body"]))
    else:
        stored = assessment.checks if user is None else checks_for(user, assessment.checks)
        checks = [describe(check) for check in stored]
        rows = [[_("Check"), _("Result"), _("Finding")]] + [
            [c["title"], c["status_label"], c["summary"]] for c in checks
        ]
        backgrounds = {i + 1: STATUS_COLOURS[c["status"]] for i, c in enumerate(checks)}
        story.append(
            _table(
                rows, [width * 0.25, width * 0.15, width * 0.60], styles, header=True, backgrounds=backgrounds
            )
        )
        story.append(
            _p(
                _("Computed %(when)s on revision %(revision)s.")
                % {"when": _when(assessment.computed_at), "revision": assessment.revision.number},
                styles["small"],
            )
        )
    story.extend(event_check.opinion_section(event, assessment, width=width, styles=styles))
    story.append(_p(_("4. Proposed decision"), styles["h2"]))
    story.append(_p(opinion.get_proposed_decision_display(), styles["body"]))
    if opinion.justification:
        story.append(_p(opinion.justification, styles["body"]))
    if opinion.conditions:
        story.append(_p(_("Conditions:"), styles["body"]))
        story.extend(_p(f"{n}. {text}", styles["body"]) for n, text in enumerate(opinion.conditions, start=1))
    tasks = list(event.tasks.exclude(status="cancelled"))
    if tasks:
        story.append(_p(_("5. Tasks of the competent structures"), styles["h2"]))
        rows = [[_("Structure"), _("Task"), _("Due")]] + [
            [t.get_structure_display(), t.description, _when(t.due_at)] for t in tasks
        ]
        story.append(_table(rows, [width * 0.3, width * 0.5, width * 0.2], styles, header=True))
    author = (opinion.author.get_full_name() or opinion.author.username) if opinion.author else ""
    story.extend(
        [
            Spacer(1, 14),
            _p(
                _("Prepared by: %(author)s, %(date)s")
                % {"author": author, "date": _when(opinion.updated_at)},
                styles["body"],
            ),
            Spacer(1, 18),
            _p(_("Director of the Security Directorate: ........................"), styles["body"]),
        ]
    )
    document.build(story)
    return buffer.getvalue()
