"""A planner's file into an editable layer: a dry run that says, feature by feature, what
would be created, updated (matched by external id) or rejected and why; then the real run
as one transaction, each change through layers.services so it has its history.

Both runs take the same path — the dry run is the real run rolled back — so what the dry
run promises is what the import does.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from geo_platform.api import is_true
from geo_platform.crs import UnknownCRS, parse_crs
from geo_platform.errors import InvalidParameter, PlatformError
from layers import services
from layers.exchange.services.reader import ReadRow, read_vector_file
from layers.geometry import check_geometry
from layers.models import Layer
from layers.registry import LayerSpec

EXTERNAL_ID = "external_id"
IMPORT_SOURCE = "import"


@dataclass
class ImportOptions:
    dry_run: bool = True
    srid: int | None = None
    mapping: dict[str, str] = field(default_factory=dict)  # layer field → file column
    x: str | None = None
    y: str | None = None
    wkt: str | None = None

    @classmethod
    def from_form(cls, data) -> ImportOptions:
        srid = None
        if data.get("crs"):
            try:
                srid = parse_crs(data["crs"])
            except UnknownCRS as exc:
                raise InvalidParameter(str(exc), parameter="crs") from None
        mapping = data.get("mapping") or {}
        if isinstance(mapping, str):
            try:
                mapping = json.loads(mapping) if mapping.strip() else {}
            except json.JSONDecodeError:
                mapping = None
        if not isinstance(mapping, dict) or not all(isinstance(v, str) for v in mapping.values()):
            raise InvalidParameter(
                _("mapping must be a JSON object of layer attribute → file column."), parameter="mapping"
            )
        return cls(
            dry_run=is_true(str(data.get("dry_run", "true"))),
            srid=srid,
            mapping={k: v for k, v in mapping.items() if v},
            x=data.get("x") or None,
            y=data.get("y") or None,
            wkt=data.get("wkt") or None,
        )


class _Rollback(Exception):
    """Ends the dry run's transaction after the report is made."""


def _resolve_mapping(spec: LayerSpec, columns: list[str], mapping: dict[str, str]) -> dict[str, str]:
    """Layer field → file column: as asked, else the column of the same name (any case)."""
    targets = (*spec.editable_fields, EXTERNAL_ID)
    unknown = sorted(set(mapping) - set(targets))
    if unknown:
        raise InvalidParameter(
            _("The layer has no attribute %(name)r; it takes %(allowed)s.")
            % {"name": unknown[0], "allowed": ", ".join(targets)},
            parameter="mapping",
        )
    by_lower = {column.lower(): column for column in columns}
    resolved = {}
    for target in targets:
        wanted = mapping.get(target)
        if wanted is not None:
            if wanted.lower() not in by_lower:
                raise InvalidParameter(
                    _("The file has no column %(column)r; its columns are %(columns)s.")
                    % {"column": wanted, "columns": ", ".join(columns) or "—"},
                    parameter="mapping",
                )
            resolved[target] = by_lower[wanted.lower()]
        elif target.lower() in by_lower:
            resolved[target] = by_lower[target.lower()]
    return resolved


def _label(row: ReadRow, mapping: dict[str, str]) -> str:
    name = row.properties.get(mapping.get("name", ""), None)
    external = row.properties.get(mapping.get(EXTERNAL_ID, ""), None)
    parts = [str(value) for value in (name, external) if value not in (None, "")]
    return " · ".join(parts)


def _messages(error) -> list[str]:
    """Messages of a DRF/Django validation error or a platform error, field names in words."""
    if isinstance(error, PlatformError):
        return [str(error.detail)]
    if isinstance(error, ValidationError):
        if hasattr(error, "message_dict"):
            return [f"{name}: {' '.join(messages)}" for name, messages in error.message_dict.items()]
        return list(error.messages)
    return [str(error)]


def _field_errors(spec: LayerSpec, errors: dict) -> list[str]:
    found = []
    for name, messages in errors.items():
        try:
            label = str(spec.model._meta.get_field(name).verbose_name)
        except Exception:  # non-field errors
            label = name
        texts = messages if isinstance(messages, list) else [messages]
        found.append(f"{label}: {' '.join(str(text) for text in texts)}")
    return found


def import_file(layer: Layer, spec: LayerSpec, *, user, upload, options: ImportOptions) -> dict:
    """The report of the import (dry run or real) of `upload` into `layer`."""
    services.ensure_can_edit(user, spec)
    data = upload.read()
    read = read_vector_file(
        data,
        upload.name,
        declared_srid=options.srid,
        x_column=options.x,
        y_column=options.y,
        wkt_column=options.wkt,
    )
    mapping = _resolve_mapping(spec, read.columns, options.mapping)
    if not read.rows:
        raise InvalidParameter(_("The file has no features."), parameter="file")
    attribute_columns = {target: column for target, column in mapping.items() if target != EXTERNAL_ID}
    if not attribute_columns and EXTERNAL_ID not in mapping:
        raise InvalidParameter(
            _("No column of the file matches an attribute of the layer (%(allowed)s); map them.")
            % {"allowed": ", ".join(spec.editable_fields)},
            parameter="mapping",
        )
    external_ids = [
        str(row.properties.get(mapping[EXTERNAL_ID])).strip()
        for row in read.rows
        if EXTERNAL_ID in mapping and row.properties.get(mapping[EXTERNAL_ID]) not in (None, "")
    ]
    existing = {}
    if external_ids:
        for instance in spec.queryset_for(user).filter(external_id__in=external_ids):
            existing.setdefault(instance.external_id, instance)
    store_as_multi = spec.geometry_model_field.geom_type.startswith("MULTI")
    report_rows: list[dict] = []
    counts = {"create": 0, "update": 0, "reject": 0}
    seen_external: dict[str, int] = {}

    def run() -> None:
        for row in read.rows:
            reasons: list[str] = []
            external_id = ""
            if EXTERNAL_ID in mapping and row.properties.get(mapping[EXTERNAL_ID]) not in (None, ""):
                external_id = str(row.properties[mapping[EXTERNAL_ID]]).strip()
            if external_id and external_id in seen_external:
                reasons.append(
                    _("the external id %(id)s repeats row %(row)s")
                    % {"id": external_id, "row": seen_external[external_id]}
                )
            elif external_id:
                seen_external[external_id] = row.number
            instance = existing.get(external_id) if external_id else None
            geometry = None
            if row.geometry is None:
                reasons.append(_("the feature has no geometry"))
            else:
                try:
                    geometry = check_geometry(
                        json.loads(row.geometry.geojson),
                        accepted_types=spec.accepted_geometry_types,
                        store_as_multi=store_as_multi,
                    ).geometry
                except PlatformError as exc:
                    reasons.append(str(exc.detail))
            values = {target: row.properties.get(column) for target, column in attribute_columns.items()}
            values = {
                key: ("" if value is None and key == "name" else value) for key, value in values.items()
            }
            values = {key: value for key, value in values.items() if value is not None}
            action = "update" if instance is not None else "create"
            feature_id = instance.pk if instance is not None else None
            if not reasons:
                target = (
                    instance
                    if instance is not None
                    else spec.model(source=IMPORT_SOURCE, external_id=external_id)
                )
                before = services.snapshot(spec, target) if instance is not None else None
                # full_clean() below converts and checks each value with the model's own fields.
                for name, value in values.items():
                    setattr(target, name, value)
                setattr(target, spec.geometry_field, geometry)
                try:
                    # Constraints are the bulk write's: the external ids were matched above.
                    target.full_clean(validate_unique=False, validate_constraints=False)
                except ValidationError as exc:
                    reasons.extend(
                        _field_errors(spec, exc.message_dict)
                        if hasattr(exc, "message_dict")
                        else exc.messages
                    )
                else:
                    if instance is not None:
                        changed.append((target, before))
                    else:
                        new.append((row.number, target))
            if reasons:
                action = "reject"
            counts[action] += 1
            report_rows.append(
                {
                    "row": row.number,
                    "label": _label(row, mapping),
                    "action": action,
                    "external_id": external_id or None,
                    "feature_id": feature_id,
                    "reasons": [
                        _("Row %(row)s%(label)s: %(problem)s.")
                        % {
                            "row": row.number,
                            "label": f" ({_label(row, mapping)})" if _label(row, mapping) else "",
                            "problem": reason.rstrip("."),
                        }
                        for reason in reasons
                    ],
                }
            )

    new: list = []
    changed: list = []
    try:
        with transaction.atomic():
            run()
            services.save_features_in_bulk(
                layer=layer, user=user, new=[target for _number, target in new], changed=changed
            )
            new_ids = {number: target.pk for number, target in new}
            for report_row in report_rows:
                if report_row["action"] == "create" and not options.dry_run:
                    report_row["feature_id"] = new_ids.get(report_row["row"])
            if options.dry_run:
                raise _Rollback
    except _Rollback:
        pass
    return {
        "dry_run": options.dry_run,
        "layer": layer.slug,
        "file": upload.name,
        "format": read.format,
        "crs": f"EPSG:{read.srid}",
        "crs_source": read.crs_source,
        "columns": read.columns,
        "mapping": mapping,
        "total": len(read.rows),
        "created": counts["create"],
        "updated": counts["update"],
        "rejected": counts["reject"],
        "rows": report_rows,
    }
