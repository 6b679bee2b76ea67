"""The print layout: the map's current layers drawn as vectors on A4 or A3 paper, with a
title, the scale asked for, a scale bar, north arrow, legend, sources and date (ReportLab,
DejaVu Sans — the same as the risk map's and the opinion's PDFs).

The extent follows from the centre, the scale and the paper: at 1:10,000 an A3 landscape
map frame of 39 cm shows 3.9 km. Features are read in UTM 34N from the layers the user may
see and clipped to the frame. DPI is recorded in the PDF: the map is vector, so it prints
sharp at any resolution; the value is for the reader's print settings.
"""

from __future__ import annotations

from io import BytesIO

from django.contrib.gis.db.models.functions import Transform
from django.contrib.gis.geos import Polygon as GeosPolygon
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from pyproj import Transformer
from reportlab.lib import colors
from reportlab.lib.pagesizes import A3, A4, landscape, portrait
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas
from rest_framework.request import Request
from rest_framework.views import APIView

from geo_platform.crs import METRIC_SRID, STORAGE_SRID
from geo_platform.errors import InvalidParameter
from layers.events.documents.opinion_pdf import BOLD, FONT, register_fonts
from layers.registry import LayerNotRegistered, get_spec
from layers.selectors import visible_layers

PAPERS = {"A4": A4, "A3": A3}
DPI_CHOICES = (96, 150, 300)
MAX_FEATURES_PER_LAYER = 5000
_TO_METRIC = Transformer.from_crs(STORAGE_SRID, METRIC_SRID, always_xy=True)
_TO_WGS84 = Transformer.from_crs(METRIC_SRID, STORAGE_SRID, always_xy=True)


def _colour(value, default="#455a64"):
    try:
        return colors.HexColor(value or default)
    except (ValueError, TypeError):
        return colors.HexColor(default)


def read_options(data: dict, user) -> dict:
    title = str(data.get("title") or "").strip()[:120] or _("Map")
    paper = str(data.get("paper") or "A4").upper()
    if paper not in PAPERS:
        raise InvalidParameter(_("Choose the paper: A4 or A3."), parameter="paper")
    orientation = str(data.get("orientation") or "landscape")
    if orientation not in ("portrait", "landscape"):
        raise InvalidParameter(_("Choose the orientation: portrait or landscape."), parameter="orientation")
    try:
        scale = int(data.get("scale"))
    except (TypeError, ValueError):
        raise InvalidParameter(
            _("The scale must be a whole number, such as 10000 for 1:10 000."), parameter="scale"
        ) from None
    if not 500 <= scale <= 500_000:
        raise InvalidParameter(_("The scale must be between 1:500 and 1:500 000."), parameter="scale")
    try:
        dpi = int(data.get("dpi") or 150)
    except (TypeError, ValueError):
        dpi = 0
    if dpi not in DPI_CHOICES:
        raise InvalidParameter(_("The resolution must be 96, 150 or 300 DPI."), parameter="dpi")
    center = data.get("center")
    try:
        lat, lon = float(center[0]), float(center[1])
    except (TypeError, ValueError, IndexError):
        raise InvalidParameter(
            _("The map has no centre: move the map and try again."), parameter="center"
        ) from None
    if not (41 <= lat <= 44 and 22 <= lon <= 25):
        raise InvalidParameter(_("The centre is too far from Sofia to be printed."), parameter="center")
    layers = data.get("layers") or []
    if not isinstance(layers, list):
        raise InvalidParameter(_("The layers must be a list."), parameter="layers")
    visible = {layer.slug: layer for layer in visible_layers(user)}
    return {
        "title": title,
        "paper": paper,
        "orientation": orientation,
        "scale": scale,
        "dpi": dpi,
        "center": (lon, lat),
        "legend": bool(data.get("legend", True)),
        "layers": [visible[slug] for slug in layers if isinstance(slug, str) and slug in visible],
    }


def _features(layer, user, extent_metric) -> list[tuple[object, dict]]:
    """(geometry in metres, style) of the layer's features in the frame; a style with rules
    (event status, DORI level) is resolved per feature, as the map draws it."""
    spec = get_spec(layer.slug)
    minx, miny, maxx, maxy = extent_metric
    corners = [_TO_WGS84.transform(x, y) for x, y in ((minx, miny), (maxx, miny), (maxx, maxy), (minx, maxy))]
    area = GeosPolygon([*corners, corners[0]], srid=STORAGE_SRID)
    field = spec.geometry_field
    style = layer.style or {}
    rules = style.get("rules") if isinstance(style.get("rules"), dict) else None
    rows = (
        spec.queryset_for(user)
        .filter(**{f"{field}__intersects": area})
        .annotate(metric=Transform(field, METRIC_SRID))
    )
    if not rules or not rules.get("property"):
        return [
            (geometry, style) for geometry in rows.values_list("metric", flat=True)[:MAX_FEATURES_PER_LAYER]
        ]
    path = dict(spec.tile_attributes).get(rules["property"], rules["property"])
    values = rules.get("values") or {}
    return [
        (geometry, {**style, **values.get(str(value), {})})
        for geometry, value in rows.values_list("metric", path)[:MAX_FEATURES_PER_LAYER]
    ]


# The legend's words for the rule groups (the map's i18n.js has the same).
RULE_LABELS = {
    ("status", "approved"): _lazy("Approved (solid line)"),
    ("status", "pending"): _lazy("Filed, under review (dashed line)"),
    ("status", "closed"): _lazy("Rejected or withdrawn (dotted line)"),
    ("level", "detect"): _lazy("Detect"),
    ("level", "observe"): _lazy("Observe"),
    ("level", "recognise"): _lazy("Recognise"),
    ("level", "identify"): _lazy("Identify"),
}


def _rule_entries(style: dict) -> list[tuple[str, dict]]:
    """(label, style) per legend group of a style with rules, in the rules' order."""
    rules = style.get("rules") if isinstance(style.get("rules"), dict) else None
    if not rules or not isinstance(rules.get("values"), dict):
        return []
    order = rules.get("order") or list(rules["values"])
    entries, seen = [], set()
    for value in order:
        group = (rules.get("legend") or {}).get(value, value)
        if group in seen or value not in rules["values"]:
            continue
        seen.add(group)
        label = RULE_LABELS.get((rules.get("property"), group), group)
        entries.append((str(label), {**style, **rules["values"][value]}))
    return entries


def _dash(pdf, style: dict) -> None:
    """The style's dashArray ("8 6") as a PDF dash pattern, in points at the print's line scale."""
    pattern = [
        float(v) * 0.6 for v in str(style.get("dashArray") or "").split() if v.replace(".", "", 1).isdigit()
    ]
    pdf.setDash(pattern if pattern else [])


def _draw_geometry(pdf, geometry, to_page, style):
    kind = geometry.geom_type
    if kind in ("Point", "MultiPoint"):
        points = [geometry] if kind == "Point" else list(geometry)
        radius = max(1.5, min(float(style.get("radius", 4)), 6)) * 0.8
        pdf.setDash([])
        pdf.setFillColor(_colour(style.get("fillColor") or style.get("color")))
        pdf.setStrokeColor(colors.white)
        for point in points:
            x, y = to_page(point.x, point.y)
            pdf.circle(x, y, radius, stroke=1, fill=1)
        return
    polygons = {"Polygon": [geometry], "MultiPolygon": list(geometry)}.get(kind)
    lines = {"LineString": [geometry], "MultiLineString": list(geometry)}.get(kind)
    pdf.setStrokeColor(_colour(style.get("color")))
    pdf.setLineWidth(max(0.3, float(style.get("weight", 1)) * 0.6))
    _dash(pdf, style)
    for polygon in polygons or []:
        path = pdf.beginPath()
        for ring in polygon:
            coords = [to_page(x, y) for x, y in ring.coords]
            path.moveTo(*coords[0])
            for xy in coords[1:]:
                path.lineTo(*xy)
            path.close()
        fill = style.get("fillColor")
        opacity = float(style.get("fillOpacity", 0.2)) if fill else 0
        if fill and opacity > 0:
            pdf.setFillColor(_colour(fill), alpha=opacity)
        pdf.drawPath(path, stroke=1, fill=1 if fill and opacity > 0 else 0, fillMode=0)
    for line in lines or []:
        coords = [to_page(x, y) for x, y in line.coords]
        path = pdf.beginPath()
        path.moveTo(*coords[0])
        for xy in coords[1:]:
            path.lineTo(*xy)
        pdf.drawPath(path, stroke=1, fill=0)


def render(options: dict, user) -> bytes:
    register_fonts()
    english = (get_language() or "bg").startswith("en")
    size = PAPERS[options["paper"]]
    page_w, page_h = landscape(size) if options["orientation"] == "landscape" else portrait(size)
    margin = 12 * mm
    legend_w = 55 * mm if options["legend"] and options["layers"] else 0
    frame = (
        margin,
        margin + 12 * mm,
        page_w - 2 * margin - legend_w - (4 * mm if legend_w else 0),
        page_h - 2 * margin - 24 * mm,
    )
    fx, fy, fw, fh = frame
    metres_per_point = options["scale"] / (72 / 0.0254)  # 1 pt = 1/72 inch on paper
    cx, cy = _TO_METRIC.transform(*options["center"])
    half_w, half_h = fw * metres_per_point / 2, fh * metres_per_point / 2
    extent = (cx - half_w, cy - half_h, cx + half_w, cy + half_h)

    def to_page(x, y):
        return fx + (x - extent[0]) / metres_per_point, fy + (y - extent[1]) / metres_per_point

    buffer = BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(page_w, page_h))
    pdf.setTitle(options["title"])
    pdf.setAuthor(_("Sofia Municipality, Security Directorate"))
    pdf.setSubject(_("Printed at %(dpi)s DPI") % {"dpi": options["dpi"]})
    pdf.setFont(BOLD, 16)
    pdf.drawString(margin, page_h - margin - 12, options["title"])
    pdf.setFont(FONT, 8.5)
    pdf.drawString(
        margin,
        page_h - margin - 24,
        _("Scale 1:%(scale)s · %(paper)s · printed %(when)s")
        % {
            "scale": f"{options['scale']:,}".replace(",", " "),
            "paper": options["paper"],
            "when": timezone.localtime().strftime("%d.%m.%Y %H:%M"),
        },
    )
    pdf.saveState()
    clip = pdf.beginPath()
    clip.rect(fx, fy, fw, fh)
    pdf.clipPath(clip, stroke=0, fill=0)
    for layer in reversed(options["layers"]):
        try:
            geometries = _features(layer, user, extent)
        except LayerNotRegistered:
            continue
        for geometry, style in geometries:
            if geometry is not None and not geometry.empty:
                _draw_geometry(pdf, geometry, to_page, style)
    pdf.setDash([])
    pdf.restoreState()
    pdf.setStrokeColor(colors.black)
    pdf.setLineWidth(0.8)
    pdf.rect(fx, fy, fw, fh, stroke=1, fill=0)

    # Scale bar: a round length about a fifth of the frame.
    target = fw * metres_per_point / 5
    length = next(
        v
        for v in (10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000, 100000)
        if v >= target * 0.6
    )
    bar = length / metres_per_point
    pdf.setFillColor(colors.black)
    pdf.rect(fx + 8, fy + 8, bar, 3, stroke=1, fill=1)
    pdf.setFont(FONT, 7.5)
    label = f"{length / 1000:g} km" if length >= 1000 else f"{length} m"
    if not english:
        label = label.replace("km", "км").replace(" m", " м")
    pdf.drawString(fx + 8, fy + 14, label)
    # North arrow (UTM grid north, within a degree of true north in Sofia).
    ax, ay = fx + fw - 16, fy + fh - 34
    path = pdf.beginPath()
    path.moveTo(ax, ay + 22)
    path.lineTo(ax - 6, ay)
    path.lineTo(ax + 6, ay)
    path.close()
    pdf.drawPath(path, stroke=1, fill=1)
    pdf.drawCentredString(ax, ay - 10, "N" if english else "С")

    if legend_w:
        lx, ly = fx + fw + 4 * mm, fy + fh - 10
        pdf.setFont(BOLD, 10)
        pdf.drawString(lx, ly, _("Legend"))
        pdf.setFont(FONT, 8)
        for layer in options["layers"]:
            ly -= 16
            if ly < fy:
                break
            style = layer.style or {}
            pdf.setStrokeColor(_colour(style.get("color")))
            pdf.setFillColor(_colour(style.get("fillColor") or style.get("color")))
            if layer.geometry_kind == "point":
                pdf.circle(lx + 5, ly + 3, 3, stroke=1, fill=1)
            elif layer.geometry_kind == "line":
                pdf.setLineWidth(1.5)
                pdf.line(lx, ly + 3, lx + 10, ly + 3)
            else:
                pdf.rect(lx, ly - 1, 10, 8, stroke=1, fill=1)
            pdf.setFillColor(colors.black)
            title = layer.title_en if english else layer.title_bg
            pdf.drawString(lx + 14, ly, title[:40])
            # Layers drawn by rules: each group's line pattern and its name, not colour alone.
            for label, rule_style in _rule_entries(style):
                ly -= 12
                if ly < fy:
                    break
                pdf.setStrokeColor(_colour(rule_style.get("color")))
                pdf.setLineWidth(max(0.8, min(float(rule_style.get("weight", 1)) * 0.6, 2.5)))
                _dash(pdf, rule_style)
                pdf.line(lx + 8, ly + 3, lx + 20, ly + 3)
                pdf.setDash([])
                pdf.setFillColor(colors.black)
                pdf.drawString(lx + 24, ly, label[:38])
    sources = sorted({layer.attribution for layer in options["layers"] if layer.attribution})
    pdf.setFont(FONT, 6.5)
    pdf.setFillColor(colors.HexColor("#37474f"))
    pdf.drawString(margin, margin, (_("Sources: ") + "; ".join(sources))[:260] if sources else "")
    pdf.drawString(margin, margin + 8, _("Coordinates: UTM 34N (EPSG:32634) for the scale; data in WGS 84."))
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


class PrintView(APIView):
    """POST the layout (title, paper, orientation, scale, dpi, legend, centre, layers) → a PDF."""

    def post(self, request: Request) -> HttpResponse:
        data = request.data if isinstance(request.data, dict) else {}
        options = read_options(data, request.user)
        pdf = render(options, request.user)
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="map-{options["paper"].lower()}.pdf"'
        return response
