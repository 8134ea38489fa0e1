"""Label variants of real reports give no finding: the tables are matched by meaning, not bytes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from linter.engine.lint import Selection
from linter.run.check import Options, check_file
from tests.conftest import NOT_S1
from tests.mutate import rewrite_document

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
BASE = Path(__file__).resolve().parent.parent / "fixtures" / "docx" / "filled_2021.docx"


def _replace(pattern: str, repl: str):
    def edit(root) -> None:
        for t in root.iter(W + "t"):
            if t.text:
                t.text = re.sub(pattern, repl, t.text)

    return edit


VARIANTS = {
    "captions without brackets": _replace(r"第二十条第（(.)）项", r"第二十条第\1项"),
    "half-width brackets": _replace(r"（(.)）", r"(\1)"),
    "enumerations with 、": _replace(r"^(\d)\.", r"\1、"),
    "short 部分公开 label": _replace(r"（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "（二）部分公开"),
    "spaces inside labels": _replace(r"^(本年新收)(政府信息)", r"\1 \2"),
    "ASCII quotes": _replace(r"[“”]", '"'),
}


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_variant_gives_no_finding(tmp_path: Path, name: str) -> None:
    mutated = rewrite_document(BASE, tmp_path / "variant.docx", VARIANTS[name])
    result = check_file(mutated, Options(selection=Selection(ignore=NOT_S1)))  # its own RL-S1-002 (conftest)
    assert result.error is None
    assert [(f.rule, f.message) for f in result.findings] == []
