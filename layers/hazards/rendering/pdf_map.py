"""The risk map as a PDF (A4 landscape, ReportLab): the raster with district lines, title, legend, scale
bar, north arrow, sources and date, and on a second page the table by district.

Text is drawn in DejaVu Sans, embedded, so Cyrillic reads on any machine. The map is in UTM 34N,
north-up on the grid; the arrow points to true north, a degree or two off grid north here.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
import rasterio
import shapely
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from PIL import Image
from pyproj import Transformer
from rasterio.enums import Resampling
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, Table, TableStyle

from layers.hazards.rendering.ramps import Ramp

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
PAGE = landscape(A4)
MARGIN = 28.0
MAP_BOX = (MARGIN, 70.0, 500.0, 455.0)  # x, y, width, height in points
PANEL_X = MARGIN + 500.0 + 18.0
POINT_MM = 25.4 / 72.0


class FontMissing(RuntimeError):
    """The Cyrillic TTF font is not installed (Debian package fonts-dejavu-core)."""


@lru_cache(maxsize=1)
def register_fonts() -> None:
    for name, file in ((FONT, "DejaVuSans.ttf"), (BOLD, "DejaVuSans-Bold.ttf")):
        path = FONT_DIR / file
        if not path.exists():
            raise FontMissing(f"{path} is missing: install the Debian package fonts-dejavu-core.")
        pdfmetrics.registerFont(TTFont(name, str(path)))


@dataclass
class MapDocument:
    """Everything the PDF shows, already translated and in METRIC_CRS where spatial."""

    title: str
    subtitle: str
    date_text: str
    raster_path: Path
    ramp: Ramp
    scale: float  # stored value → ramp units
    legend: dict
    crs_name: str
    metric_crs: str
    storage_crs: str
    districts: Sequence[tuple[str, shapely.Geometry]]  # (code, boundary)
    rivers: Sequence[shapely.Geometry] = ()
    markers: Sequence[tuple[float, float, str]] = ()  # (x, y, label): the epicentre, hazardous sites
    notes: Sequence[str] = ()
    sources: Sequence[str] = ()
    footer: str = ""
    table_title: str = ""
    table_header: Sequence[str] = ()
    table_rows: Sequence[Sequence[str]] = ()
    table_notes: Sequence[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Frame:
    """Metric bounds fitted into the map box at one scale (points per metre)."""

    left: float
    bottom: float
    scale: float
    x0: float
    y0: float

    def xy(self, x: float, y: float) -> tuple[float, float]:
        return self.x0 + (x - self.left) * self.scale, self.y0 + (y - self.bottom) * self.scale


def render_pdf(document: MapDocument, target: Path) -> None:
    register_fonts()
    target.parent.mkdir(parents=True, exist_ok=True)
    canvas = Canvas(str(target), pagesize=PAGE, pageCompression=1)
    canvas.setTitle(document.title)
    canvas.setAuthor(_("Sofia Municipality, Security Directorate"))
    _map_page(canvas, document)
    canvas.showPage()
    _table_page(canvas, document)
    canvas.showPage()
    canvas.save()


# --- page 1: the map ----------------------------------------------------------------------------


def _map_page(canvas: Canvas, document: MapDocument) -> None:
    width, height = PAGE
    canvas.setFont(BOLD, 15)
    canvas.drawString(MARGIN, height - MARGIN - 12, document.title)
    canvas.setFont(FONT, 9)
    canvas.drawString(MARGIN, height - MARGIN - 27, document.subtitle)
    canvas.drawRightString(width - MARGIN, height - MARGIN - 12, document.date_text)

    x, y, box_w, box_h = MAP_BOX
    with rasterio.open(document.raster_path) as dataset:
        left, bottom, right, top = dataset.bounds
        scale = min(box_w / (right - left), box_h / (top - bottom))
        image_w, image_h = (right - left) * scale, (top - bottom) * scale
        frame = _Frame(left, bottom, scale, x + (box_w - image_w) / 2, y + (box_h - image_h) / 2)
        # About two raster cells per point of paper at most; GDAL reads an overview for it.
        factor = max(1.0, max(dataset.width / (image_w * 2), dataset.height / (image_h * 2)))
        shape = (max(1, round(dataset.height / factor)), max(1, round(dataset.width / factor)))
        values = dataset.read(1, out_shape=shape, resampling=Resampling.nearest)
        nodata = dataset.nodata
    canvas.setStrokeColor(colors.HexColor("#90a4ae"))
    canvas.setLineWidth(0.6)
    canvas.rect(x, y, box_w, box_h)
    rgba = document.ramp.colourise(values, nodata=nodata, scale=document.scale)
    image = ImageReader(Image.fromarray(np.ascontiguousarray(rgba)))
    canvas.drawImage(image, frame.x0, frame.y0, image_w, image_h, mask="auto")

    _draw_lines(canvas, frame, document.rivers, colour="#0288d1", width=1.0)
    _draw_lines(canvas, frame, [boundary for _, boundary in document.districts], colour="#37474f", width=0.5)
    canvas.setFont(FONT, 6.5)
    canvas.setFillColor(colors.HexColor("#263238"))
    for code, boundary in document.districts:
        point = boundary.representative_point()
        px, py = frame.xy(point.x, point.y)
        canvas.drawCentredString(px, py - 2, code)

    for mx, my, label in document.markers:
        px, py = frame.xy(mx, my)
        canvas.setFillColor(colors.HexColor("#212121"))
        canvas.setStrokeColor(colors.white)
        canvas.circle(px, py, 3.2, stroke=1, fill=1)
        canvas.setFont(BOLD, 7)
        canvas.drawString(px + 5, py - 2.5, label)
    _north_arrow(canvas, frame, document, x + box_w - 22, y + box_h - 48)
    _scale_bar(canvas, frame, x + 8, y - 30)
    canvas.setFont(FONT, 7)
    canvas.setFillColor(colors.black)
    canvas.drawRightString(x + box_w, y - 12, document.crs_name)
    _side_panel(canvas, document)
    canvas.setFont(FONT, 6.5)
    canvas.drawString(MARGIN, 14, document.footer)


def _draw_lines(canvas: Canvas, frame: _Frame, geometries, *, colour: str, width: float) -> None:
    canvas.setStrokeColor(colors.HexColor(colour))
    canvas.setLineWidth(width)
    for geometry in geometries:
        for ring in _rings(geometry):
            coords = list(ring.coords)
            if len(coords) < 2:
                continue
            path = canvas.beginPath()
            path.moveTo(*frame.xy(*coords[0][:2]))
            for point in coords[1:]:
                path.lineTo(*frame.xy(*point[:2]))
            canvas.drawPath(path, stroke=1, fill=0)


def _rings(geometry):
    if geometry.geom_type in ("Polygon",):
        yield geometry.exterior
        yield from geometry.interiors
    elif geometry.geom_type == "LineString":
        yield geometry
    elif hasattr(geometry, "geoms"):
        for part in geometry.geoms:
            yield from _rings(part)


def _north_arrow(canvas: Canvas, frame: _Frame, document: MapDocument, cx: float, cy: float) -> None:
    """An arrow towards true north at the map's centre (grid north differs by the meridian convergence)."""
    to_lonlat = Transformer.from_crs(document.metric_crs, document.storage_crs, always_xy=True)
    to_metric = Transformer.from_crs(document.storage_crs, document.metric_crs, always_xy=True)
    centre_x = frame.left + (MAP_BOX[2] / 2) / frame.scale
    centre_y = frame.bottom + (MAP_BOX[3] / 2) / frame.scale
    lon, lat = to_lonlat.transform(centre_x, centre_y)
    north_x, north_y = to_metric.transform(lon, lat + 0.05)
    angle = math.atan2(north_x - centre_x, north_y - centre_y)  # radians clockwise from grid north
    canvas.saveState()
    canvas.translate(cx, cy)
    canvas.rotate(-math.degrees(angle))
    canvas.setFillColor(colors.black)
    canvas.setStrokeColor(colors.black)
    path = canvas.beginPath()
    path.moveTo(0, 18)
    path.lineTo(-7, -10)
    path.lineTo(0, -4)
    path.lineTo(7, -10)
    path.close()
    canvas.drawPath(path, stroke=1, fill=1)
    canvas.setFont(BOLD, 10)
    canvas.drawCentredString(0, 22, pgettext("compass point, on the map's north arrow", "N"))
    canvas.restoreState()


def _scale_bar(canvas: Canvas, frame: _Frame, x: float, y: float) -> None:
    target_m = 120.0 / frame.scale  # about 120 points long
    magnitude = 10 ** math.floor(math.log10(target_m))
    length_m = max(step * magnitude for step in (1, 2, 5) if step * magnitude <= target_m)
    length_pt = length_m * frame.scale
    segments = 4
    canvas.setLineWidth(0.5)
    canvas.setStrokeColor(colors.black)
    for index in range(segments):
        canvas.setFillColor(colors.black if index % 2 == 0 else colors.white)
        canvas.rect(x + index * length_pt / segments, y, length_pt / segments, 4, stroke=1, fill=1)
    canvas.setFillColor(colors.black)
    canvas.setFont(FONT, 7)
    canvas.drawCentredString(x, y + 7, "0")
    label = _("%(km)s km") % {"km": f"{length_m / 1000:g}".replace(".", ",")}
    canvas.drawCentredString(x + length_pt, y + 7, label)
    denominator = 1 / (frame.scale * POINT_MM / 1000.0)
    rounded = round(denominator, -int(math.floor(math.log10(denominator))) + 1)
    canvas.drawString(
        x + length_pt + 24,
        y,
        _("Scale 1:%(denominator)s (A4 print)") % {"denominator": f"{rounded:,.0f}".replace(",", " ")},
    )


def _side_panel(canvas: Canvas, document: MapDocument) -> None:
    width, height = PAGE
    panel_w = width - MARGIN - PANEL_X
    top = MAP_BOX[1] + MAP_BOX[3]
    legend = document.legend
    canvas.setFillColor(colors.black)
    canvas.setFont(BOLD, 10)
    canvas.drawString(PANEL_X, top - 10, _("Legend"))
    y = _paragraph(
        canvas,
        f"<b>{_escape(legend['title'])}</b> ({_escape(legend['units'])})",
        PANEL_X,
        top - 16,
        panel_w,
        size=8,
    )
    for stop in legend["stops"]:
        y -= 13
        canvas.setFillColor(colors.HexColor(stop["colour"]))
        canvas.setStrokeColor(colors.HexColor("#607d8b"))
        canvas.rect(PANEL_X, y, 16, 9, stroke=1, fill=1)
        canvas.setFillColor(colors.black)
        canvas.setFont(FONT, 7.5)
        canvas.drawString(PANEL_X + 22, y + 1.5, stop["label"])
    y -= 13
    canvas.setStrokeColor(colors.HexColor("#37474f"))
    canvas.setLineWidth(0.8)
    canvas.line(PANEL_X, y + 4, PANEL_X + 16, y + 4)
    canvas.drawString(PANEL_X + 22, y + 1.5, _("district boundary and code"))
    if document.rivers:
        y -= 12
        canvas.setStrokeColor(colors.HexColor("#0288d1"))
        canvas.line(PANEL_X, y + 4, PANEL_X + 16, y + 4)
        canvas.drawString(PANEL_X + 22, y + 1.5, _("river (schematic)"))
    y = _paragraph(canvas, _escape(legend["transparent"]), PANEL_X, y - 6, panel_w, size=6.5)
    if legend.get("note"):
        y = _paragraph(canvas, "<b>" + _escape(legend["note"]) + "</b>", PANEL_X, y - 3, panel_w, size=6.5)
    if document.notes:
        canvas.setFont(BOLD, 8.5)
        canvas.drawString(PANEL_X, y - 14, _("Notes"))
        y -= 18
        for note in document.notes:
            y = _paragraph(canvas, "• " + _escape(note), PANEL_X, y, panel_w, size=6.5) - 2
    canvas.setFont(BOLD, 8.5)
    canvas.drawString(PANEL_X, y - 12, _("Data sources"))
    y -= 16
    for source in document.sources:
        y = _paragraph(canvas, "• " + _escape(source), PANEL_X, y, panel_w, size=6) - 1


def _paragraph(canvas: Canvas, text: str, x: float, top: float, width: float, *, size: float) -> float:
    """Draw wrapped text whose top is at `top`; returns the y of its bottom."""
    style = ParagraphStyle("p", fontName=FONT, fontSize=size, leading=size * 1.25)
    paragraph = Paragraph(text, style)
    _, used = paragraph.wrapOn(canvas, width, 1000)
    paragraph.drawOn(canvas, x, top - used)
    return top - used


def _escape(text: str) -> str:
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# --- page 2: the table --------------------------------------------------------------------------


def _table_page(canvas: Canvas, document: MapDocument) -> None:
    width, height = PAGE
    canvas.setFont(BOLD, 13)
    canvas.drawString(MARGIN, height - MARGIN - 10, document.table_title)
    header_style = ParagraphStyle("h", fontName=BOLD, fontSize=6.5, leading=8)
    data = [[Paragraph(_escape(cell), header_style) for cell in document.table_header]]
    data += [list(row) for row in document.table_rows]
    columns = len(document.table_header)
    first = 24.0
    name = 92.0
    rest = (width - 2 * MARGIN - first - name) / max(1, columns - 2)
    table = Table(data, colWidths=[first, name] + [rest] * (columns - 2), repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 1), (-1, -1), FONT, 6.5),
                ("FONT", (0, -1), (-1, -1), BOLD, 6.5),
                ("ALIGN", (2, 1), (-1, -1), "RIGHT"),
                ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eceff1")),
                ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.HexColor("#607d8b")),
                ("LINEABOVE", (0, -1), (-1, -1), 0.6, colors.HexColor("#607d8b")),
                ("ROWBACKGROUNDS", (0, 1), (-1, -2), [colors.white, colors.HexColor("#fafafa")]),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
            ]
        )
    )
    _, used = table.wrapOn(canvas, width - 2 * MARGIN, height)
    top = height - MARGIN - 20
    table.drawOn(canvas, MARGIN, top - used)
    y = top - used - 6
    for note in document.table_notes:
        if y < 60:  # continue the notes on a new page, with the footer on each
            canvas.setFont(FONT, 6.5)
            canvas.drawString(MARGIN, 14, document.footer)
            canvas.showPage()
            y = height - MARGIN
        y = _paragraph(canvas, _escape(note), MARGIN, y, width - 2 * MARGIN, size=7) - 2
    canvas.setFont(FONT, 6.5)
    canvas.drawString(MARGIN, 14, document.footer)
