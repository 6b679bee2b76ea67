"""The patrol plan for the sector head as a Bulgarian PDF (ReportLab with DejaVu Sans, as the
opinion and the shift report): the shift, a map of the areas and routes with numbered stops,
the timetable by crew, and how a proposed route was found with its assumptions."""

from __future__ import annotations

from io import BytesIO

import shapely
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from reportlab.graphics.shapes import Circle, Drawing, Group, Rect, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import SimpleDocTemplate, Spacer

from layers.administrative.models import District
from layers.events.documents.opinion_map import FONT, _context, _draw, _north_arrow, _scale_bar, frame_for
from layers.events.documents.opinion_pdf import _p, _styles, _table, register_fonts
from layers.events.geometries import to_metric
from layers.public_order.models import PatrolPlan
from layers.public_order.selectors.patrol import to_metric_xy

# One colour per crew, in the order crews first appear (repeats after eight).
CREW_COLOURS = ("#1565c0", "#c62828", "#2e7d32", "#6a1b9a", "#ef6c00", "#00838f", "#5d4037", "#ad1457")


def _crew_colours(plan: PatrolPlan) -> dict[str, colors.Color]:
    crews: list[str] = []
    for part in [*plan.areas.all(), *plan.routes.all()]:
        if part.crew not in crews:
            crews.append(part.crew)
    return {crew: colors.HexColor(CREW_COLOURS[i % len(CREW_COLOURS)]) for i, crew in enumerate(crews)}


def plan_map(plan: PatrolPlan, *, width: float, height: float) -> Drawing:
    """Areas (filled, labelled А1…) and routes (lines, labelled М1…, stops numbered) by crew colour."""
    drawing = Drawing(width, height)
    drawing.add(
        Rect(
            0, 0, width, height, fillColor=colors.HexColor("#fafafa"), strokeColor=colors.HexColor("#607d8b")
        )
    )
    areas = [(a, to_metric(a.area)) for a in plan.areas.all()]
    routes = [(r, to_metric(r.route)) for r in plan.routes.all()]
    footprint = shapely.union_all([g for _part, g in [*areas, *routes]])
    frame = frame_for(footprint, width=width, height=height, margin_m=300)
    palette = _crew_colours(plan)
    group = Group()
    _context(group, frame)
    for area, shape in areas:
        colour = palette[area.crew]
        fill = colors.Color(colour.red, colour.green, colour.blue, 0.18)
        _draw(group, shape, frame, stroke=colour, width=1.4, fill=fill)
        x, y = frame.xy(*shape.representative_point().coords[0])
        group.add(
            String(x, y, f"А{area.number}", fontName=FONT, fontSize=8, fillColor=colour, textAnchor="middle")
        )
    for route, shape in routes:
        colour = palette[route.crew]
        _draw(group, shape, frame, stroke=colour, width=2.2)
        x, y = frame.xy(*shape.coords[0])
        group.add(Rect(x - 4, y - 4, 8, 8, fillColor=colour, strokeColor=colors.white))
        group.add(String(x + 6, y + 4, f"М{route.number}", fontName=FONT, fontSize=8, fillColor=colour))
        for stop in route.stops:
            sx, sy = frame.xy(*to_metric_xy(stop["lon"], stop["lat"]))
            group.add(Circle(sx, sy, 5, fillColor=colors.white, strokeColor=colour, strokeWidth=1))
            group.add(
                String(sx, sy - 2.2, str(stop["number"]), fontName=FONT, fontSize=5.5, textAnchor="middle")
            )
    drawing.add(group)
    _scale_bar(drawing, frame)
    _north_arrow(drawing, frame)
    return drawing


def _when(value) -> str:
    return date_format(timezone.localtime(value), "j.m.Y H:i")


def plan_pdf(plan: PatrolPlan) -> bytes:
    """The PDF of one patrol plan, in Bulgarian."""
    register_fonts()
    with translation.override("bg"):
        return _render(plan)


def _render(plan: PatrolPlan) -> bytes:
    styles = _styles()
    district = (
        District.objects.filter(code=plan.district).values_list("name", flat=True).first()
        if plan.district
        else ""
    )
    shift = f"{date_format(plan.date, 'j.m.Y')} {plan.start_time:%H:%M} – {plan.end_time:%H:%M}"
    if plan.overnight:
        shift += " " + _("(ends the next day)")
    story = [
        _p(_("Sofia Municipality — Security Directorate — Municipal Police"), styles["head"]),
        _p(_("Patrol plan"), styles["title"]),
        _table(
            [
                [_("Shift"), shift],
                [_("Sector"), plan.sector + (f" ({district})" if district else "")],
                [_("Unit"), plan.unit or "—"],
                [
                    _("Prepared by"),
                    (plan.updated_by.get_full_name() or plan.updated_by.username) if plan.updated_by else "—",
                ],
                [_("Last changed"), _when(plan.updated_at)],
            ],
            [40 * mm, 130 * mm],
            styles,
        ),
        _p(_("Map"), styles["h2"]),
        plan_map(plan, width=170 * mm, height=115 * mm),
        _p(
            _(
                "А: patrol areas, М: routes (the square is the start; circles are the numbered stops). One colour "
                "per crew. Grey dashes: district boundaries."
            ),
            styles["small"],
        ),
        _p(_("Timetable"), styles["h2"]),
    ]
    rows = [[_("Crew"), _("From"), _("To"), _("Assignment"), _("Size")]]
    parts = [
        *(
            (
                a.time_from,
                a.crew,
                a.time_to,
                _("patrol area А%(n)s") % {"n": a.number},
                f"{to_metric(a.area).area / 1e6:.2f} km²",
            )
            for a in plan.areas.all()
        ),
        *(
            (
                r.time_from,
                r.crew,
                r.time_to,
                _("route М%(n)s") % {"n": r.number}
                + (_(", %(n)s stops") % {"n": len(r.stops)} if r.stops else ""),
                f"{r.length_m / 1000:.1f} km",
            )
            for r in plan.routes.all()
        ),
    ]
    # The timetable by crew, then by the time each assignment starts (a night shift's small hours last).
    start = plan.start_time
    parts.sort(key=lambda p: (p[1], (p[0] < start, p[0])))
    rows += [
        [crew, f"{begins:%H:%M}", f"{ends:%H:%M}", what, size] for begins, crew, ends, what, size in parts
    ]
    story.append(_table(rows, [42 * mm, 18 * mm, 18 * mm, 62 * mm, 30 * mm], styles, header=True))
    stopped = [r for r in plan.routes.all() if r.stops]
    for route in stopped:
        story.append(
            _p(_("Stops of route М%(n)s (%(crew)s)") % {"n": route.number, "crew": route.crew}, styles["h2"])
        )
        story.append(
            _table(
                [[_("No."), _("Longitude"), _("Latitude"), _("Gain")]]
                + [
                    [str(s["number"]), f"{s['lon']:.5f}", f"{s['lat']:.5f}", f"{s.get('gain', 0):g}"]
                    for s in route.stops
                ],
                [15 * mm, 35 * mm, 35 * mm, 30 * mm],
                styles,
                header=True,
            )
        )
    story.append(_p(_("Method and assumptions"), styles["h2"]))
    method = plan.method or {}
    if method.get("note"):
        story.append(_p(method["note"], styles["body"]))
        if method.get("analysis_note"):
            story.append(Spacer(1, 2 * mm))
            story.append(
                _p(
                    _("Hot spots: %(method)s. %(note)s")
                    % {"method": method.get("analysis_method", ""), "note": method["analysis_note"]},
                    styles["body"],
                )
            )
    else:
        story.append(_p(_("The areas and routes were drawn on the map by the planner."), styles["body"]))
    story.append(Spacer(1, 2 * mm))
    story.append(
        _p(
            _(
                "Route lengths are measured along the lines as drawn; a proposed route joins its stops with "
                "straight lines, so its length on the streets is estimated with the detour factor above."
            ),
            styles["small"],
        )
    )
    if plan.notes:
        story.append(_p(_("Notes"), styles["h2"]))
        story.append(_p(plan.notes, styles["body"]))
    buffer = BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
        title=_("Patrol plan"),
        author=_("Security Directorate"),
    )
    document.build(story)
    return buffer.getvalue()
