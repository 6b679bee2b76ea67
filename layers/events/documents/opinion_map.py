"""The map of the opinion, drawn on the server as a ReportLab drawing (no browser, no tiles):
the event's perimeter, route, closures and points over district lines and main streets,
with the sites near it, the nearest stations, cameras, a scale bar and a north arrow."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _
from reportlab.graphics.shapes import Circle, Drawing, Group, Line, Polygon, PolyLine, Rect, String
from reportlab.lib import colors
from shapely.geometry import box
from shapely.geometry.base import BaseGeometry

from layers.administrative.models import District
from layers.events.conf import assessment_settings
from layers.events.geometries import from_metric, to_metric
from layers.events.models import MassEvent
from layers.events.selectors import surroundings
from layers.infrastructure.models import TransitMode, TransitRoute

FONT = "DejaVuSans"
SYMBOLS = {
    "hospital": ("#c2185b", "H"),
    "school": ("#ef6c00", "У"),
    "kindergarten": ("#ef6c00", "Д"),
    "critical": ("#b71c1c", "К"),
    "government": ("#4a148c", "ДА"),
    "police": ("#0d47a1", "П"),
    "fire": ("#d84315", "ПБ"),
    "ambulance": ("#2e7d32", "ЦС"),
    "camera": ("#37474f", "•"),
}


@dataclass
class Frame:
    """Metric bounds mapped onto a width × height drawing (y up, as ReportLab draws)."""

    minx: float
    miny: float
    size_m: float
    width: float
    height: float

    def xy(self, x: float, y: float) -> tuple[float, float]:
        scale = self.width / self.size_m
        return (x - self.minx) * scale, (y - self.miny) * scale

    @property
    def area(self) -> BaseGeometry:
        return box(
            self.minx, self.miny, self.minx + self.size_m, self.miny + self.size_m * self.height / self.width
        )


def frame_for(footprint: BaseGeometry, *, width: float, height: float, margin_m: float) -> Frame:
    minx, miny, maxx, maxy = footprint.buffer(margin_m).bounds
    size = max(maxx - minx, (maxy - miny) * width / height, 300.0)
    cx, cy = (minx + maxx) / 2, (miny + maxy) / 2
    return Frame(cx - size / 2, cy - size / 2 * height / width, size, width, height)


def _paths(geometry: BaseGeometry):
    if geometry.is_empty:
        return
    if geometry.geom_type in ("LineString", "LinearRing"):
        yield list(geometry.coords)
    elif geometry.geom_type == "Polygon":
        yield list(geometry.exterior.coords)
        for ring in geometry.interiors:
            yield list(ring.coords)
    elif hasattr(geometry, "geoms"):
        for part in geometry.geoms:
            yield from _paths(part)


def _draw(
    group: Group, geometry: BaseGeometry, frame: Frame, *, stroke, width=1.0, fill=None, dash=None
) -> None:
    clipped = geometry.intersection(frame.area)
    for path in _paths(clipped):
        points = [value for x, y in path for value in frame.xy(x, y)]
        if fill is not None and clipped.geom_type in ("Polygon", "MultiPolygon"):
            group.add(Polygon(points, fillColor=fill, strokeColor=stroke, strokeWidth=width))
        else:
            group.add(PolyLine(points, strokeColor=stroke, strokeWidth=width, strokeDashArray=dash))


def _symbol(group: Group, frame: Frame, point, kind: str) -> None:
    colour, letter = SYMBOLS[kind]
    x, y = frame.xy(point.x, point.y)
    group.add(Circle(x, y, 5, fillColor=colors.HexColor(colour), strokeColor=colors.white, strokeWidth=0.8))
    group.add(
        String(x, y - 2.2, letter, fontName=FONT, fontSize=5.5, fillColor=colors.white, textAnchor="middle")
    )


def _context(group: Group, frame: Frame) -> None:
    area = from_metric(frame.area)
    for district in District.objects.filter(boundary__intersects=area):
        _draw(
            group,
            to_metric(district.boundary).boundary,
            frame,
            stroke=colors.HexColor("#90a4ae"),
            width=0.6,
            dash=[3, 2],
        )
    routes = TransitRoute.objects.exclude(mode=TransitMode.METRO).filter(route__intersects=area)
    for line in routes:
        _draw(group, to_metric(line.route), frame, stroke=colors.HexColor("#d7ccc8"), width=1.4)


def _scale_bar(group: Group, frame: Frame) -> None:
    target = frame.size_m / 4
    length = next(n for n in (50, 100, 200, 250, 500, 1000, 2000, 5000, 10000, 20000) if n >= target * 0.6)
    points = length * frame.width / frame.size_m
    x, y = 12, 12
    group.add(Rect(x - 4, y - 6, points + 50, 18, fillColor=colors.Color(1, 1, 1, 0.8), strokeColor=None))
    group.add(Line(x, y, x + points, y, strokeWidth=2))
    for tick in (x, x + points):
        group.add(Line(tick, y - 3, tick, y + 3, strokeWidth=1))
    label = f"{length / 1000:g} km" if length >= 1000 else f"{length} m"
    group.add(String(x + points + 4, y - 3, label, fontName=FONT, fontSize=7))


def _north_arrow(group: Group, frame: Frame) -> None:
    x, y = frame.width - 18, frame.height - 34
    group.add(
        Polygon([x, y + 22, x - 6, y, x, y + 5, x + 6, y], fillColor=colors.black, strokeColor=colors.black)
    )
    group.add(String(x, y - 9, _("N"), fontName=FONT, fontSize=8, textAnchor="middle"))


def event_map(event: MassEvent, *, width: float, height: float) -> Drawing:
    """The opinion's map of `event`, width × height points."""
    config = assessment_settings()
    footprint = surroundings.event_footprint(event, with_closures=True)
    drawing = Drawing(width, height)
    drawing.add(
        Rect(
            0, 0, width, height, fillColor=colors.HexColor("#fafafa"), strokeColor=colors.HexColor("#607d8b")
        )
    )
    if footprint is None:
        drawing.add(
            String(
                width / 2,
                height / 2,
                _("No perimeter or route drawn."),
                fontName=FONT,
                fontSize=10,
                textAnchor="middle",
            )
        )
        return drawing
    frame = frame_for(footprint, width=width, height=height, margin_m=config.proximity_distance_m)
    group = Group()
    _context(group, frame)
    _draw(
        group,
        footprint.buffer(config.proximity_distance_m).exterior,
        frame,
        stroke=colors.HexColor("#ff8f00"),
        width=0.6,
        dash=[2, 2],
    )
    if event.perimeter is not None:
        _draw(
            group,
            to_metric(event.perimeter),
            frame,
            stroke=colors.HexColor("#ad1457"),
            width=1.5,
            fill=colors.Color(0.93, 0.25, 0.48, 0.3),
        )
    if event.route is not None:
        _draw(group, to_metric(event.route), frame, stroke=colors.HexColor("#6a1b9a"), width=2.5)
    for closure in event.closures.all():
        _draw(
            group, to_metric(closure.segment), frame, stroke=colors.HexColor("#d50000"), width=3, dash=[4, 2]
        )
    for name, letter in (("assembly_point", "С"), ("dispersal_point", "Р")):
        point = getattr(event, name)
        if point is not None:
            x, y = frame.xy(*to_metric(point).coords[0])
            group.add(
                Rect(x - 5, y - 5, 10, 10, fillColor=colors.HexColor("#1b5e20"), strokeColor=colors.white)
            )
            group.add(
                String(
                    x,
                    y - 2.5,
                    letter,
                    fontName=FONT,
                    fontSize=6.5,
                    fillColor=colors.white,
                    textAnchor="middle",
                )
            )
    for site in surroundings.nearby_sites(footprint, distance_m=config.proximity_distance_m):
        _symbol(group, frame, site.geometry, site.kind if site.kind in SYMBOLS else "critical")
    for station in surroundings.stations(footprint, search_m=frame.size_m):
        if frame.area.contains(station.geometry):
            _symbol(group, frame, station.geometry, station.kind)
    for position in surroundings.camera_positions(frame.area):
        _symbol(group, frame, position, "camera")
    drawing.add(group)
    _scale_bar(drawing, frame)
    _north_arrow(drawing, frame)
    return drawing


def _legend_items() -> list[tuple[str, str, str]]:
    """(kind of swatch, colour, label) for the legend under the map."""
    return [
        ("area", "#ad1457", _("perimeter")),
        ("line", "#6a1b9a", _("route")),
        ("line", "#d50000", _("street closures")),
        ("box", "#1b5e20", _("С assembly, Р dispersal point")),
        ("dash", "#ff8f00", _("assessment distance")),
        ("dot", "#c2185b", _("H hospital")),
        ("dot", "#ef6c00", _("У school, Д kindergarten")),
        ("dot", "#b71c1c", _("К critical site")),
        ("dot", "#0d47a1", _("П police, ПБ fire, ЦС ambulance")),
        ("dot", "#37474f", _("camera")),
        ("line", "#d7ccc8", _("main streets (public transport lines)")),
    ]


def legend(width: float, *, columns: int = 2) -> Drawing:
    """The map's legend: a swatch and a label per symbol, in columns."""
    items = _legend_items()
    rows = -(-len(items) // columns)
    row_height = 11
    drawing = Drawing(width, rows * row_height + 2)
    column_width = width / columns
    for index, (kind, colour, label) in enumerate(items):
        x = (index // rows) * column_width
        y = drawing.height - (index % rows + 1) * row_height + 3
        fill = colors.HexColor(colour)
        if kind == "area":
            drawing.add(Rect(x, y, 14, 7, fillColor=colors.Color(0.93, 0.25, 0.48, 0.3), strokeColor=fill))
        elif kind == "box":
            drawing.add(Rect(x + 3, y, 7, 7, fillColor=fill, strokeColor=None))
        elif kind == "dot":
            drawing.add(Circle(x + 7, y + 3.5, 3.5, fillColor=fill, strokeColor=None))
        else:
            dash = [2, 2] if kind == "dash" else None
            drawing.add(
                Line(x, y + 3.5, x + 14, y + 3.5, strokeColor=fill, strokeWidth=2.5, strokeDashArray=dash)
            )
        drawing.add(String(x + 19, y, label, fontName=FONT, fontSize=7))
    return drawing
