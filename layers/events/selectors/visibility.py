"""One rule for what a reader of an assessment sees: the layers their role may see.

The assessment is computed once over every layer (it is the directorate's record), but a
reader is shown only the parts that come from layers they may see — the same rule as the
features API, tiles and search (`layers.selectors.visible_layers`). A site, zone, camera
coverage or station from another layer is left out, and the check's status and counts are
worked out again from what is left (each check's `redact`), so neither names nor numbers give
the hidden layer away.
"""

from __future__ import annotations

from layers.events.checks import Result, checks_for_reader
from layers.selectors import visible_layers


def visible_slugs(user) -> frozenset[str]:
    return frozenset(visible_layers(user).values_list("slug", flat=True))


def checks_for(user, checks: list[Result]) -> list[Result]:
    """The stored checks as this reader may see them."""
    return checks_for_reader(visible_slugs(user), checks)
