"""Stable content hashes of scenario inputs and results."""

from __future__ import annotations

import hashlib
import json
import math
import os
from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

# Digits kept when a float goes into a hash: far below any modelling precision, far above
# the last-bit differences two CPUs' exp/log may give, so a hash names a result, not a machine.
_HASH_SIGNIFICANT_DIGITS = 12


def canonical(value: Any) -> Any:
    """A JSON-ready copy with sorted keys, tuples as lists and floats rounded for hashing."""
    if isinstance(value, bool) or value is None or isinstance(value, str | int):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            return repr(value)
        return float(f"{value:.{_HASH_SIGNIFICANT_DIGITS}g}")
    if isinstance(value, np.ndarray):
        return canonical(value.tolist())
    if isinstance(value, np.generic):
        return canonical(value.item())
    if isinstance(value, Mapping):
        return {str(key): canonical(item) for key, item in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, Sequence | set | frozenset):
        items = sorted(value) if isinstance(value, set | frozenset) else value
        return [canonical(item) for item in items]
    raise TypeError(f"cannot hash a value of type {type(value).__name__}")


def content_hash(value: Any) -> str:
    """SHA-256 (hex) of the canonical JSON of a value."""
    text = json.dumps(canonical(value), sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(text.encode("ascii")).hexdigest()


def file_digest(path: str | os.PathLike[str]) -> str:
    """SHA-256 (hex) of a file's bytes; cached while the file's size and mtime stay the same."""
    stat = os.stat(path)
    return _file_digest(str(Path(path).resolve()), stat.st_size, stat.st_mtime_ns)


@lru_cache(maxsize=64)
def _file_digest(path: str, size: int, mtime_ns: int) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
