"""The shift report to the mayor as a Bulgarian PDF: counts by category and district, a map,
the incidents still open and the handover notes (ReportLab with DejaVu Sans, as the opinion PDF)."""

from __future__ import annotations

from collections import Counter
from io import BytesIO

import shapely
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from reportlab.graphics.shapes import Circle, Drawing, Polygon, Rect, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import SimpleDocTemplate, Spacer

from layers.administrative.models import District
from layers.events.documents.opinion_pdf import _p, _styles, _table, register_fonts
from layers.situation.choices import Category, Status
from layers.situation.models import Incident, Shift

FONT = "DejaVuSans"
PRIORITY_COLOURS = {1: "#c62828", 2: "#ef6c00", 3: "#f9a825", 4: "#607d8b"}


def _when(value) -> str:
    return date_format(timezone.localtime(value), "j.m.Y H:i") if value else "—"


def _map(incidents: list[Incident], open_ids: set[int], *, width: float, height: float) -> Drawing:
    """District outlines with the shift's incidents; open ones large and coloured by priority."""
    drawing = Drawing(width, height)
    drawing.add(
        Rect(
            0, 0, width, height, fillColor=colors.HexColor("#fafafa"), strokeColor=colors.HexColor("#607d8b")
        )
    )
    districts = [
        (d.code, shapely.from_wkb(bytes(d.boundary.simplify(0.001).wkb))) for d in District.objects.all()
    ]
    if not districts:
        return drawing
    minx, miny, maxx, maxy = shapely.union_all([g for _c, g in districts]).bounds
    # Degrees of longitude are shorter than of latitude at 42.7° N: cos(42.7°) ≈ 0.735.
    kx = 0.735
    scale = min((width - 10) / ((maxx - minx) * kx), (height - 10) / (maxy - miny))

    def xy(lon: float, lat: float) -> tuple[float, float]:
        return 5 + (lon - minx) * kx * scale, 5 + (lat - miny) * scale

    for _code, geometry in districts:
        for polygon in getattr(geometry, "geoms", [geometry]):
            points = [v for lon, lat in polygon.exterior.coords for v in xy(lon, lat)]
            drawing.add(
                Polygon(points, fillColor=None, strokeColor=colors.HexColor("#90a4ae"), strokeWidth=0.4)
            )
    for incident in incidents:
        x, y = xy(incident.position.x, incident.position.y)
        if incident.pk in open_ids:
            drawing.add(
                Circle(
                    x,
                    y,
                    3.2,
                    fillColor=colors.HexColor(PRIORITY_COLOURS[incident.priority]),
                    strokeColor=colors.white,
                    strokeWidth=0.5,
                )
            )
        else:
            drawing.add(Circle(x, y, 1.2, fillColor=colors.HexColor("#9e9e9e"), strokeColor=None))
    drawing.add(
        String(
            8,
            height - 12,
            _("Open incidents: coloured by priority; closed: grey."),
            fontName=FONT,
            fontSize=7,
        )
    )
    return drawing


def shift_report(shift: Shift) -> bytes:
    """The PDF of one shift (its time span; a running shift up to now)."""
    register_fonts()
    with translation.override("bg"):
        return _render(shift)


def _render(shift: Shift) -> bytes:
    styles = _styles()
    end = shift.ended_at or timezone.now()
    # The shift's incidents: those that happened or were received during it.
    during = Q(occurred_at__gte=shift.started_at, occurred_at__lt=end) | Q(
        created_at__gte=shift.started_at, created_at__lt=end
    )
    incidents = list(Incident.objects.filter(during, merged_into=None).order_by("occurred_at"))
    open_ids = (
        set(shift.open_at_handover)
        if shift.ended_at
        else set(
            Incident.objects.filter(
                status__in=(Status.NEW, Status.ACKNOWLEDGED, Status.IN_PROGRESS), merged_into=None
            ).values_list("id", flat=True)
        )
    )
    open_items = list(Incident.objects.filter(pk__in=open_ids).order_by("priority", "occurred_at"))
    district_names = dict(District.objects.values_list("code", "name"))
    story = [
        _p(_("Sofia Municipality — Situation Centre"), styles["head"]),
        _p(_("Shift report to the Mayor"), styles["title"]),
        _p(
            _("Shift from %(start)s to %(end)s; operator on duty: %(operator)s.")
            % {
                "start": _when(shift.started_at),
                "end": _when(shift.ended_at) if shift.ended_at else _("now (shift running)"),
                "operator": shift.operator.get_full_name() or shift.operator.get_username(),
            },
            styles["body"],
        ),
        Spacer(1, 4 * mm),
        _p(_("Incidents by category"), styles["h2"]),
    ]
    by_category = Counter(i.category for i in incidents)
    rows = [[_("Category"), _("Incidents")]] + [
        [str(Category(c).label), str(n)] for c, n in by_category.most_common()
    ]
    rows.append([_("Total"), str(len(incidents))])
    story.append(_table(rows, [110 * mm, 30 * mm], styles, header=True))
    story.append(_p(_("Incidents by district"), styles["h2"]))
    by_district = Counter(i.district_code for i in incidents)
    rows = [[_("District"), _("Incidents")]] + [
        [district_names.get(code, _("outside the districts")), str(n)]
        for code, n in by_district.most_common()
    ]
    story.append(_table(rows, [110 * mm, 30 * mm], styles, header=True))
    story.append(_p(_("Map"), styles["h2"]))
    shown = {incident.pk: incident for incident in [*incidents, *open_items]}
    story.append(_map(list(shown.values()), open_ids, width=170 * mm, height=120 * mm))
    story.append(_p(_("Open incidents at handover (%(count)s)") % {"count": len(open_items)}, styles["h2"]))
    if open_items:
        rows = [
            [_("No."), _("Category"), _("Priority"), _("Status"), _("Since"), _("District"), _("Address")]
        ] + [
            [
                f"#{i.pk}",
                str(Category(i.category).label),
                str(i.priority),
                str(Status(i.status).label),
                _when(i.occurred_at),
                district_names.get(i.district_code, ""),
                i.address or i.name,
            ]
            for i in open_items[:200]
        ]
        story.append(
            _table(rows, [17 * mm, 31 * mm, 23 * mm, 24 * mm, 24 * mm, 25 * mm, 26 * mm], styles, header=True)
        )
    else:
        story.append(_p(_("No incident is open."), styles["body"]))
    story.append(_p(_("Handover notes"), styles["h2"]))
    story.append(_p(shift.handover_notes or "—", styles["body"]))
    entries = list(shift.entries.exclude(kind="incident").order_by("at")[:100])
    if entries:
        story.append(_p(_("Duty log (without automatic incident entries)"), styles["h2"]))
        story.append(_table([[_when(e.at), e.text] for e in entries], [30 * mm, 140 * mm], styles))
    buffer = BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
        title=_("Shift report to the Mayor"),
        author=_("Situation Centre"),
    )
    document.build(story)
    return buffer.getvalue()
