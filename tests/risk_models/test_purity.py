"""The analysis core stays pure: importing any risk_models package loads no Django, no Celery and
nothing of the apps (layers, tile_server), so every analysis runs on plain inputs."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import risk_models

PACKAGES = sorted(
    f"risk_models.{info.name}" for info in pkgutil.iter_modules(risk_models.__path__) if info.ispkg
)
FORBIDDEN = ("django", "celery", "rest_framework", "layers", "tile_server")

PROBE = """
import importlib, pkgutil, sys
package = importlib.import_module(sys.argv[1])
for info in pkgutil.walk_packages(package.__path__, sys.argv[1] + "."):
    importlib.import_module(info.name)
print(" ".join(sorted(name for name in sys.modules if name.split(".")[0] in sys.argv[2].split(","))))
"""


def test_there_are_packages_to_check():
    assert {"risk_models.events", "risk_models.hazards", "risk_models.surveillance"} <= set(PACKAGES)


@pytest.mark.parametrize("package", PACKAGES)
def test_importing_the_package_loads_no_django_or_apps(package):
    # A fresh interpreter without DJANGO_SETTINGS_MODULE, so nothing is imported for us.
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(Path(risk_models.__file__).parents[1])}
    result = subprocess.run(
        [sys.executable, "-c", PROBE, package, ",".join(FORBIDDEN)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "", f"{package} imports {result.stdout.strip()}"
