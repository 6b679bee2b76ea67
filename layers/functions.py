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


class AsGeoJSONText(Func):
    """ST_AsGeoJSON(geometry, digits, 0) as text, for building GeoJSON by concatenation.

    Options 0: no per-geometry crs member; the collection states the CRS once.
    """

    function = "ST_AsGeoJSON"
    output_field = TextField()

    def __init__(self, expression, *, digits: int):
        super().__init__(expression, Value(digits), Value(0))
