"""PostGIS functions the tile queries need and GeoDjango lacks, all in one place."""

from __future__ import annotations

from django.contrib.gis.db.models import GeometryField
from django.db.models import FloatField, Func, Value


class PointX(Func):
    """ST_X of a point: its longitude in the storage CRS."""

    function = "ST_X"
    output_field = FloatField()


class PointY(Func):
    """ST_Y of a point: its latitude in the storage CRS."""

    function = "ST_Y"
    output_field = FloatField()


class BoxEdge(Func):
    """ST_XMin/ST_XMax/ST_YMin/ST_YMax of the box2d: the box stored with the geometry.

    The implicit box3d cast would walk every vertex; box2d reads the stored box.
    """

    output_field = FloatField()
    template = "%(function)s(%(expressions)s::box2d)"

    def __init__(self, expression, *, edge: str):
        if edge not in {"XMin", "XMax", "YMin", "YMax"}:
            raise ValueError(edge)
        super().__init__(expression, function=f"ST_{edge}")


def box_width(expression) -> BoxEdge:
    return BoxEdge(expression, edge="XMax") - BoxEdge(expression, edge="XMin")


def box_height(expression) -> BoxEdge:
    return BoxEdge(expression, edge="YMax") - BoxEdge(expression, edge="YMin")


class MakePoint(Func):
    """ST_SetSRID(ST_MakePoint(x, y), srid): a point from two numbers, in a named CRS."""

    template = "ST_SetSRID(ST_MakePoint(%(expressions)s), %(srid)s)"
    output_field = GeometryField()

    def __init__(self, x, y, *, srid: int):
        super().__init__(x, y, srid=int(srid))


class Simplify(Func):
    """ST_Simplify (Douglas-Peucker); a polygon that collapses below the tolerance becomes NULL."""

    function = "ST_Simplify"
    output_field = GeometryField()

    def __init__(self, expression, tolerance):
        if isinstance(tolerance, int | float):
            tolerance = Value(float(tolerance))
        super().__init__(expression, tolerance)
