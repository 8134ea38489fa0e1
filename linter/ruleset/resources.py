"""Locate the bundled rule sets and schemas, installed or in a source checkout."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

_PKG = Path(__file__).resolve().parents[1]  # the linter package


def data_dir(name: str) -> Path:
    """``rules`` or ``schemas``: inside the installed package, else the checkout's top-level folder."""
    installed = _PKG / "_data" / name
    if installed.is_dir():
        return installed
    return _PKG.parent / name


@lru_cache(maxsize=None)
def load_schema(filename: str) -> dict[str, Any]:
    with (data_dir("schemas") / filename).open(encoding="utf-8") as fh:
        return json.load(fh)
