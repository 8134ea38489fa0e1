"""Paths and helpers the tests share: the checkout, its fixture folders, the command line in-process."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner, Result

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
DOCX = FIXTURES / "docx"
RULES = FIXTURES / "rules"


def cli(*args: str) -> Result:
    """``reportlint ARGS`` run in this process."""
    from linter.cli import main

    return CliRunner().invoke(main, list(args))


def copy(src: Path, dst: Path) -> Path:
    """``src`` copied to ``dst``, its folders made; ``dst``."""
    dst.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, dst)
    return dst
