"""The front end never turns data into markup: a scan of every script we serve.

Text from users or data reaches the page only through DOM nodes built with `h()`. Leaflet
sets `innerHTML` from a string given to a tooltip or popup, and a `divIcon` from its `html`
string, so those get nodes (or a function returning nodes). A guard (leaflet-text.js, loaded
by ui.js) turns any string that still reaches a Leaflet overlay into plain text.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

JS = Path(__file__).resolve().parents[2] / "frontend/static/frontend/js"
SOURCES = sorted(JS.rglob("*.js"))

# (pattern, what is wrong) — each matched on the source with comments removed.
FORBIDDEN = [
    (re.compile(r"\.innerHTML\s*[+]?="), "assigns innerHTML"),
    (re.compile(r"\.outerHTML\s*[+]?="), "assigns outerHTML"),
    (re.compile(r"\binsertAdjacentHTML\s*\("), "calls insertAdjacentHTML"),
    (re.compile(r"\bdocument\.write(ln)?\s*\("), "calls document.write"),
    (re.compile(r"\bcreateContextualFragment\s*\("), "parses HTML from a string"),
    (re.compile(r"\bDOMParser\b"), "parses HTML from a string"),
    (re.compile(r"\bsrcdoc\b"), "writes an iframe's srcdoc"),
    (re.compile(r"\beval\s*\(|\bnew\s+Function\s*\("), "evaluates a string as code"),
    (re.compile(r"\bsetTimeout\s*\(\s*['\"`]"), "evaluates a string as code"),
    # Leaflet overlays given a string, a template literal, a variable or a concatenation:
    # only h(...), a node-returning arrow function or a name ending in Node/Element/content
    # built with h() may be passed.
    (
        re.compile(
            r"\.(bindTooltip|bindPopup|setContent|setTooltipContent|setPopupContent)\(\s*"
            r"(?!h\(|\(\s*\)\s*=>|\(?\s*\w+\s*\)?\s*=>|content\b|body\b|\w*(Node|Element|element|node)\b|form\.element|"
            r"clusterSummary\(|featureSummary\()"
        ),
        "passes something other than a DOM node to a Leaflet tooltip or popup",
    ),
    (re.compile(r"\bhtml\s*:\s*[`'\"]"), "gives a divIcon an HTML string"),
    (re.compile(r"setAttribute\(\s*['\"](on\w+|style)['\"]"), "sets an inline handler or style attribute"),
]

COMMENT = re.compile(r"/\*.*?\*/|(?<![:\\'\"])//[^\n]*", re.S)


def _code(path: Path) -> str:
    return COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), path.read_text(encoding="utf-8"))


def test_scripts_are_found():
    assert len(SOURCES) > 30
    assert JS / "leaflet-text.js" in SOURCES


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(JS)))
def test_no_html_sink(path: Path):
    code = _code(path)
    found = []
    for pattern, why in FORBIDDEN:
        for match in pattern.finditer(code):
            line = code.count("\n", 0, match.start()) + 1
            found.append(f"{path.relative_to(JS)}:{line}: {why}: {match.group(0)!r}")
    assert not found, "\n".join(found)


def test_the_scan_catches_what_it_should(tmp_path):
    """The patterns themselves: each bad line is caught, each good one passes."""
    bad = [
        "el.innerHTML = name;",
        "el.innerHTML += `<b>${x}</b>`;",
        "el.insertAdjacentHTML('beforeend', x);",
        "layer.bindTooltip(`${event.title}`);",
        "layer.bindTooltip(label);",
        "layer.bindPopup('<b>' + name + '</b>');",
        "popup.setContent(feature.properties.name);",
        "L.divIcon({ html: `<span>${n}</span>` });",
        "el.setAttribute('onclick', code);",
    ]
    good = [
        "layer.bindTooltip(() => h('span', {}, label));",
        "layer.bindTooltip(h('span', {}, label));",
        "popup.setLatLng(x).setContent(content).openOn(map);",
        "L.divIcon({ html: h('span', {}, text) });",
        "el.textContent = name;",
    ]

    def hits(line):
        return [why for pattern, why in FORBIDDEN if pattern.search(line)]

    assert all(hits(line) for line in bad), [line for line in bad if not hits(line)]
    assert not any(hits(line) for line in good), [(line, hits(line)) for line in good if hits(line)]


def test_the_leaflet_guard_is_loaded_by_every_page():
    """ui.js is imported by every page's script; it loads the guard."""
    assert "import './leaflet-text.js';" in (JS / "ui.js").read_text(encoding="utf-8")
