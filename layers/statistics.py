"""Field statistics of a layer's matching features, for the attribute table.

Numbers: how many have a value, minimum, maximum and mean. Dates: minimum and maximum.
Text, coded values and yes/no: the most frequent values with their counts.
"""

from __future__ import annotations

from django.db.models import Avg, Count, Max, Min, QuerySet

from layers.registry import LayerSpec

NUMBER_TYPES = {
    "AutoField",
    "BigAutoField",
    "BigIntegerField",
    "DecimalField",
    "FloatField",
    "IntegerField",
    "PositiveIntegerField",
    "PositiveSmallIntegerField",
    "SmallIntegerField",
}
DATE_TYPES = {"DateField", "DateTimeField", "TimeField"}
TEXT_TYPES = {"CharField", "SlugField", "TextField"}
VALUE_TYPES = {"BooleanField", *TEXT_TYPES}
TOP_VALUES = 5


def _number(value):
    return None if value is None else float(value)


def field_statistics(spec: LayerSpec, queryset: QuerySet) -> dict:
    """{"count": n, "fields": [...]} over `queryset` (already narrowed to what the user may see)."""
    fields = []
    kinds = {}
    aggregates: dict = {"total": Count("pk")}
    for name in spec.properties:
        field = spec.model._meta.get_field(name)
        kind = field.get_internal_type()
        if field.choices or kind in VALUE_TYPES:
            kinds[name] = "values"
        elif kind in NUMBER_TYPES:
            kinds[name] = "number"
            aggregates.update(
                {f"{name}__min": Min(name), f"{name}__max": Max(name), f"{name}__avg": Avg(name)}
            )
        elif kind in DATE_TYPES:
            kinds[name] = "date"
            aggregates.update({f"{name}__min": Min(name), f"{name}__max": Max(name)})
        else:
            continue
        aggregates[f"{name}__count"] = Count(name)
    totals = queryset.aggregate(**aggregates)
    for name, kind in kinds.items():
        field = spec.model._meta.get_field(name)
        entry = {
            "name": name,
            "label": str(field.verbose_name),
            "kind": kind,
            "count": totals[f"{name}__count"],
        }
        if kind == "number":
            entry.update(
                min=_number(totals[f"{name}__min"]),
                max=_number(totals[f"{name}__max"]),
                mean=None if totals[f"{name}__avg"] is None else round(float(totals[f"{name}__avg"]), 3),
            )
        elif kind == "date":
            entry.update(
                min=totals[f"{name}__min"].isoformat() if totals[f"{name}__min"] else None,
                max=totals[f"{name}__max"].isoformat() if totals[f"{name}__max"] else None,
            )
        else:
            labels = {str(value): str(label) for value, label in field.flatchoices} if field.choices else {}
            present = queryset.exclude(**{f"{name}__isnull": True})
            if field.get_internal_type() in TEXT_TYPES:
                present = present.exclude(**{name: ""})
            top = present.values(name).annotate(n=Count("pk")).order_by("-n", name)[:TOP_VALUES]
            entry["top"] = [
                {"value": row[name], "label": labels.get(str(row[name]), row[name]), "count": row["n"]}
                for row in top
            ]
            entry["distinct"] = present.values(name).distinct().count()
        fields.append(entry)
    return {"layer": spec.slug, "count": totals["total"], "fields": fields}
