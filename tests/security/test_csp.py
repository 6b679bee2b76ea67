"""Every page is served with a strict Content-Security-Policy, and no template has inline script."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PAGES = ["/", "/events/", "/events/calendar/", "/accounts/login/", "/events/register/"]


def _directives(header: str) -> dict[str, list[str]]:
    out = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            out[words[0]] = words[1:]
    return out


@pytest.mark.parametrize("url", PAGES)
def test_pages_have_a_strict_policy(client, db, url):
    response = client.get(url)
    assert response.status_code == 200
    policy = _directives(response["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["default-src"] == ["'self'"]
    for directive in policy.values():
        assert "'unsafe-eval'" not in directive


def test_the_api_docs_page_keeps_scripts_strict(client, db):
    page = client.get("/api/docs/")
    assert page.status_code == 200
    policy = _directives(page["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'"]
    html = page.content.decode()
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), "inline script on the API docs page"
    script = client.get("/api/docs/?script=")
    assert script.status_code == 200
    assert "SwaggerUIBundle" in script.content.decode()


def test_no_template_has_inline_script_or_handler():
    found = []
    for path in ROOT.glob("**/templates/**/*.html"):
        # Not ours: installed packages, and .local (make bench-tiles installs tipg there).
        if {".venv", "node_modules", ".local"} & set(path.relative_to(ROOT).parts):
            continue
        html = path.read_text(encoding="utf-8")
        for match in re.finditer(r"<script(?![^>]*\b(src|type=\"application/json\")\b)[^>]*>", html):
            found.append(f"{path.relative_to(ROOT)}: inline script {match.group(0)}")
        for match in re.finditer(r"\s(on[a-z]+)\s*=\s*[\"']", html):
            found.append(f"{path.relative_to(ROOT)}: inline handler {match.group(1)}")
        for _match in re.finditer(r"\sstyle\s*=\s*[\"']", html):
            found.append(f"{path.relative_to(ROOT)}: inline style attribute")
        if "javascript:" in html:
            found.append(f"{path.relative_to(ROOT)}: javascript: URL")
    assert not found, "\n".join(found)
