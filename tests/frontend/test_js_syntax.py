"""Every front-end module parses as an ES module: a syntax error would leave the map blank."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

JS = Path(__file__).resolve().parents[2] / "frontend" / "static" / "frontend" / "js"
MODULES = sorted(JS.rglob("*.js"))


def test_there_are_modules():
    assert len(MODULES) > 30


@pytest.mark.skipif(shutil.which("node") is None, reason="needs Node.js (make test installs it)")
@pytest.mark.parametrize("path", MODULES, ids=lambda path: str(path.relative_to(JS)))
def test_module_parses(path):
    with path.open("rb") as source:
        result = subprocess.run(
            ["node", "--input-type=module", "--check"],
            stdin=source,
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 0, result.stderr
