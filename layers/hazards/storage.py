"""Where a scenario's files live: MEDIA_ROOT/risk/<scenario id>/{inputs, run-<n>, exports/<job id>}."""

from __future__ import annotations

import shutil
from pathlib import Path

from django.conf import settings

RISK_DIR = "risk"


def media_root() -> Path:
    return Path(settings.MEDIA_ROOT)


def scenario_folder(scenario_id: int) -> Path:
    return media_root() / RISK_DIR / str(int(scenario_id))


def inputs_folder(scenario_id: int) -> Path:
    return scenario_folder(scenario_id) / "inputs"


def run_folder(scenario_id: int, number: int) -> Path:
    return scenario_folder(scenario_id) / f"run-{int(number)}"


def export_folder(scenario_id: int, job_id: int) -> Path:
    return scenario_folder(scenario_id) / "exports" / str(int(job_id))


def relative(path: Path | str) -> str:
    """A path under MEDIA_ROOT as stored in the database (POSIX, relative)."""
    return Path(path).resolve().relative_to(media_root().resolve()).as_posix()


def absolute(relative_path: str) -> Path:
    """The file a stored relative path names; refuses paths that leave MEDIA_ROOT."""
    root = media_root().resolve()
    path = (root / relative_path).resolve()
    if root not in path.parents:
        raise ValueError(f"{relative_path!r} is not under MEDIA_ROOT")
    return path


def remove_tree(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)
