"""The checks of a mass event's automatic assessment, declared like map layers (`layers.registry`).

Each check is one module that declares `CHECK = Check(key=..., title=..., order=..., run=..., summary=...)`:
`run(ctx)` reads what it needs through explicit selectors and returns `result(...)` (data, not
prose: the status and numbers are kept with the revision); `summary(data)` words that data in the
reader's language; `reasons` words the reasons it gives for "not available"; `redact` (optional)
works the check out again for a reader who may not see some of the layers it read.

The checks are the modules of this package and the `event_check` module of any installed app
(found by name, like `layer_specs`), in the order of their `order`. Adding a check: write its
module, put its thresholds in AssessmentSettings (layers/events/conf.py), translate its strings —
three files (docs/architecture.md).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import import_module
from pkgutil import iter_modules
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import module_has_submodule
from django.utils.translation import gettext_lazy

if TYPE_CHECKING:
    from django.utils.functional import Promise

    from layers.events.checks.context import Context

OK, INFO, WARNING, DANGER, NOT_AVAILABLE = "ok", "info", "warning", "danger", "not_available"
STATUS_ORDER = (OK, INFO, WARNING, DANGER)

# Modules of this package that are helpers, not checks.
HELPERS = frozenset({"context", "words"})

# Reasons any check may give.
COMMON_REASONS: Mapping[str, Promise] = {
    "no_geometry": gettext_lazy("The event has no perimeter or route yet."),
    "not_for_role": gettext_lazy(
        "Not shown: this check reads map layers your role does not see. A planner or analyst sees it in full."
    ),
}
STATUS_LABELS: Mapping[str, Promise] = {
    OK: gettext_lazy("no concern"),
    INFO: gettext_lazy("for information"),
    WARNING: gettext_lazy("attention"),
    DANGER: gettext_lazy("danger"),
    NOT_AVAILABLE: gettext_lazy("not available"),
}

Result = dict[str, Any]


@dataclass(frozen=True)
class Check:
    """One check of the assessment: what it is called, how it runs, how it is worded."""

    key: str
    title: Promise
    order: int  # place in the assessment table (10, 20, ...)
    run: Callable[[Context], Result]
    summary: Callable[[dict[str, Any]], str]
    reasons: Mapping[str, Promise] = field(default_factory=dict)
    redact: Callable[[Result, frozenset[str]], Result] | None = None


def result(key: str, status: str, **data: Any) -> Result:
    """A check's stored result: its key, status and data."""
    return {"key": key, "status": status, "data": data}


def worst(*statuses: str) -> str:
    """The most serious of the statuses (not_available counts as ok)."""
    return max(statuses, key=lambda status: STATUS_ORDER.index(status) if status in STATUS_ORDER else 0)


@cache
def all_checks() -> tuple[Check, ...]:
    """Every check: this package's modules and the apps' `event_check` modules, by `order`."""
    names = [f"{__name__}.{info.name}" for info in iter_modules(__path__) if info.name not in HELPERS]
    names += [
        f"{app.name}.event_check"
        for app in apps.get_app_configs()
        if module_has_submodule(app.module, "event_check")
    ]
    checks = sorted((import_module(name).CHECK for name in names), key=lambda check: (check.order, check.key))
    keys = [check.key for check in checks]
    if len(set(keys)) != len(keys):
        raise ImproperlyConfigured(f"Two assessment checks share a key: {keys}")
    return tuple(checks)


def get_check(key: str) -> Check:
    return next(check for check in all_checks() if check.key == key)


def reason_text(check: Check, reason: str | None) -> str | None:
    """The words for a reason the check gave (None if it is not one of its declared reasons)."""
    text = check.reasons.get(reason or "") or COMMON_REASONS.get(reason or "")
    return str(text) if text is not None else None


def describe(stored: Result) -> Result:
    """The stored check with its title, status label and summary in the active language."""
    check = get_check(stored["key"])
    data = stored.get("data", {})
    said = reason_text(check, data.get("reason")) if stored["status"] == NOT_AVAILABLE else None
    return {
        **stored,
        "title": str(check.title),
        "status_label": str(STATUS_LABELS[stored["status"]]),
        "summary": said if said is not None else check.summary(data),
    }


def checks_for_reader(slugs: frozenset[str], stored: list[Result]) -> list[Result]:
    """The stored checks as a reader who sees the layers `slugs` may see them."""
    shown = []
    for item in stored:
        check = get_check(item["key"])
        shown.append(check.redact(item, slugs) if check.redact is not None else item)
    return shown


def redact_by_layer(stored: Result, slugs: frozenset[str]) -> Result:
    """For a check that reads one layer (its data names it): without that layer the reader is told
    the check is not for their role, not even that nothing is near."""
    layer = stored.get("data", {}).get("layer")
    if layer is None or layer in slugs:
        return stored
    return {**stored, "status": NOT_AVAILABLE, "data": {"reason": "not_for_role"}}
