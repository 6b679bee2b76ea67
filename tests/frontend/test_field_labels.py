"""Every attribute a layer shows has a Bulgarian label: the popups, tables and forms read them
from the models' verbose names, translated by Django."""

from __future__ import annotations

import re

from django.utils import translation

from layers.registry import all_specs

# An English word left in a label (units such as m and px, and names such as OSM or DORI, are fine).
ENGLISH_WORD = re.compile(r"\b[a-z]{3,}\b")


def test_every_shown_attribute_has_a_bulgarian_label():
    missing = []
    with translation.override("bg"):
        for spec in all_specs():
            for name in spec.properties:
                try:
                    field = spec.model._meta.get_field(name)
                except Exception:  # computed properties have their labels elsewhere
                    continue
                for text in (field.verbose_name, field.help_text):
                    if text and ENGLISH_WORD.search(str(text)):
                        missing.append(f"{spec.slug}.{name}: {str(text)!r}")
    assert not missing, "no Bulgarian label for:\n" + "\n".join(sorted(set(missing)))
