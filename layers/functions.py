"""PostGIS and PostgreSQL functions that Django's ORM lacks, all in one place."""

from django.db.models import F, Func, JSONField, TextField, Value


class JSONBuildObject(Func):
    """json_build_object(key, value, ...): keeps the declared key order, unlike jsonb."""

    function = "json_build_object"
    output_field = JSONField()

    def __init__(self, fields: dict):
        expressions = []
        for key, value in fields.items():
            expressions.append(Value(key))
            expressions.append(value if hasattr(value, "resolve_expression") else F(value))
        super().__init__(*expressions)


class ForcePolygonCCW(Func):
    """ST_ForcePolygonCCW: exterior rings counter-clockwise, holes clockwise (RFC 7946 §3.1.6).

    Points and lines pass through unchanged.
    """

    function = "ST_ForcePolygonCCW"


class AsGeoJSONText(Func):
    """ST_AsGeoJSON(ST_ForcePolygonCCW(geometry), digits, 0) as text, for building GeoJSON by concatenation.

    RFC 7946 winding on every geometry that leaves the platform. Options 0: no per-geometry
    crs member; the collection states the CRS once.
    """

    function = "ST_AsGeoJSON"
    output_field = TextField()

    def __init__(self, expression, *, digits: int):
        if isinstance(expression, str):
            expression = F(expression)
        super().__init__(ForcePolygonCCW(expression), Value(digits), Value(0))


class FlipCoordinates(Func):
    """ST_FlipCoordinates: latitude/northing first, for CRSs whose axes are defined so."""

    function = "ST_FlipCoordinates"
