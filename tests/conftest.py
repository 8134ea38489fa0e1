"""Paths and helpers the tests share: the checkout, its fixture folders, the command line in-process."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner, Result

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
DOCX = FIXTURES / "docx"
RULES = FIXTURES / "rules"
# The generated fixtures are the zone's own report (a government's), whose part 一 states 考核 but
# neither 社会评议 nor 责任追究: each gives RL-S1-002 (its sidecar lists it, tests/test_fixtures.py).
# Tests of other rules on them check without it.
NOT_S1 = ("RL-S1-002",)


def cli(*args: str) -> Result:
    """``reportlint ARGS`` run in this process."""
    from linter.cli import main

    return CliRunner().invoke(main, list(args))


def copy(src: Path, dst: Path) -> Path:
    """``src`` copied to ``dst``, its folders made; ``dst``."""
    dst.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, dst)
    return dst
