"""No internal words where a user reads: pages, the API's message catalogues, the map's strings.

Scans every message catalogue (.po: English msgid and Bulgarian msgstr), the map's string
tables (i18n.js) and the text of every page as each kind of user sees it, for: parameter
syntax (`repair=true`), PostGIS function names (`ST_MakeValid`), `null`/`undefined`/`None`/
`NaN`, layer slugs, field keys followed by a colon (`perimeter:`) in Bulgarian, Latin words
left untranslated in Bulgarian, and Cyrillic (such as `м`) in English.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.test import Client

from layers.models import Layer

ROOT = Path(__file__).resolve().parents[2]
I18N = ROOT / "frontend/static/frontend/js/i18n.js"
# The project's own catalogues: not those of installed packages (a virtualenv in the checkout,
# node_modules), which are their authors' words.
CATALOGUES = sorted(
    p
    for p in ROOT.glob("**/locale/bg/LC_MESSAGES/django.po")
    if not any(
        part.startswith(".") or part in {"node_modules", "site-packages"}
        for part in p.relative_to(ROOT).parts
    )
)

EVERYWHERE = [
    (re.compile(r"\b[a-z_]+=(true|false|\d)"), "a query parameter"),
    (re.compile(r"\bST_[A-Z][A-Za-z]+"), "a PostGIS function name"),
    (re.compile(r"\b(null|undefined|NaN)\b"), "a programming value"),
]
# An English phrase left in Bulgarian text: three lower-case Latin words in a row.
ENGLISH_PHRASE = re.compile(r"\b[a-z]{2,} [a-z]{2,} [a-z]{2,}\b")


def _layer_slugs() -> set[str]:
    return set(Layer.objects.values_list("slug", flat=True))


def _po_entries(path: Path) -> list[tuple[str, str]]:
    """(msgid, msgstr) pairs of a .po file, continuation lines joined."""
    entries, current, field = [], {"msgid": "", "msgstr": ""}, None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("msgid "):
            if current["msgid"]:
                entries.append((current["msgid"], current["msgstr"]))
            current, field = {"msgid": "", "msgstr": ""}, "msgid"
            current["msgid"] = line[6:].strip().strip('"')
        elif line.startswith("msgstr "):
            field = "msgstr"
            current["msgstr"] = line[7:].strip().strip('"')
        elif line.startswith('"') and field:
            current[field] += line.strip().strip('"')
    if current["msgid"]:
        entries.append((current["msgid"], current["msgstr"]))
    return entries


def _i18n_strings() -> tuple[list[str], list[str]]:
    """The Bulgarian and English string values of i18n.js's dictionaries."""
    text = I18N.read_text(encoding="utf-8")
    value = re.compile(r":\s*'((?:[^'\\]|\\.)*)'")

    def block(name: str) -> str:
        start = text.index(f"const {name} = {{")
        end = text.index("\n};", start) if f"const {name} = {{\n" in text else text.index("};", start)
        return text[start:end]

    bulgarian = [
        v for name in ("BG", "THEMES_BG", "ATTRIBUTES_BG", "CHOICES_BG") for v in value.findall(block(name))
    ]
    english = [v for name in ("EN", "CHOICES_EN") for v in value.findall(block(name))]
    return bulgarian, english


def _without_placeholders(text: str) -> str:
    return re.sub(r"%\([a-z_]+\)[-+ #0-9.]*[a-z]|%[sd]|\{[a-zA-Z_]+\}", " ", text)


def problems_in(text: str, *, language: str, slugs: set[str], interface: bool = False) -> list[str]:
    """What an ordinary reader should not meet in `text`.

    `interface`: the text is the map's own interface (pages, i18n.js), where even a one-word
    layer slug such as `shelters` is out of place in Bulgarian; API messages may name the
    values a parameter takes.
    """
    text = _without_placeholders(text)
    found = [f"{what}: {m.group(0)!r}" for pattern, what in EVERYWHERE for m in pattern.finditer(text)]
    for slug in slugs:
        named = re.search(rf"(?<![\w/.-]){re.escape(slug)}(?![\w/-])", text)
        if named and ("-" in slug or (language == "bg" and interface)):
            found.append(f"a layer's internal name: {slug!r}")
    if language == "bg":
        found += [
            f"a field key: {m.group(0)!r}" for m in re.finditer(r"(?<![\w/])[a-z][a-z_]{2,}:(?!//)", text)
        ]
        found += [f"English in Bulgarian: {m.group(0)!r}" for m in ENGLISH_PHRASE.finditer(text)]
    else:
        # Bulgarian names given in brackets or quotes, and symbols and abbreviations (ЗСММ, С),
        # are meant; Bulgarian words and units (м, км) in English text are not.
        bare = re.sub(r"\([^)]*\)|„[^“]*“|“[^”]*”", " ", text)
        found += [f"Cyrillic in English: {m.group(0)!r}" for m in re.finditer(r"\b[а-я][а-я.²³]*", bare)]
    return found


@pytest.mark.django_db
def test_message_catalogues_say_nothing_internal():
    slugs = _layer_slugs()
    report = []
    for path in CATALOGUES:
        for msgid, msgstr in _po_entries(path):
            if not msgid:
                continue
            for language, text in (("en", msgid), ("bg", msgstr)):
                report += [
                    f"{path.relative_to(ROOT)} {language} {text[:70]!r}: {p}"
                    for p in problems_in(text, language=language, slugs=slugs)
                ]
    bulgarian, english = _i18n_strings()
    for language, texts in (("bg", bulgarian), ("en", english)):
        for text in texts:
            report += [
                f"i18n.js {language} {text[:70]!r}: {p}"
                for p in problems_in(text, language=language, slugs=slugs, interface=True)
            ]
    assert not report, "\n".join(report)


class _VisibleText(HTMLParser):
    """The text a reader sees (and hears: aria-label, alt, title, placeholder)."""

    SKIP = {"script", "style", "template", "noscript"}

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skipping += 1
        for name, value in attrs:
            if name in {"aria-label", "alt", "title", "placeholder"} and value:
                self.parts.append(value)

    def handle_endtag(self, tag):
        if tag in self.SKIP and self.skipping:
            self.skipping -= 1

    def handle_data(self, data):
        if not self.skipping and data.strip():
            self.parts.append(data.strip())


def _pages(district_id: int, event_id: int | None) -> list[str]:
    pages = [
        "/",
        "/accounts/login/",
        f"/features/districts/{district_id}/",
        "/events/",
        "/events/new/",
        "/events/calendar/",
        "/events/register/",
        "/events/review/",
        "/accessibility/",
        "/account/",
    ]
    if event_id:
        pages += [f"/events/{event_id}/", f"/events/review/{event_id}/"]
    return pages


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["bg", "en"])
def test_pages_say_nothing_internal(language, planner, organizer, operator):
    from layers.administrative.models import District

    slugs = _layer_slugs()
    district_id = District.objects.values_list("pk", flat=True).first()
    report = []
    for user in (None, organizer, operator, planner):
        client = Client(HTTP_ACCEPT_LANGUAGE=language)
        if user is not None:
            client.force_login(user)
        client.cookies["django_language"] = language
        for url in _pages(district_id, None):
            response = client.get(url, follow=True)
            if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
                continue
            parser = _VisibleText()
            parser.feed(response.content.decode())
            text = " · ".join(parser.parts)
            who = getattr(user, "role", "public")
            report += [
                f"{url} ({who}, {language}): {p}"
                for p in problems_in(text, language=language, slugs=slugs, interface=True)
            ]
    assert not report, "\n".join(sorted(set(report)))
