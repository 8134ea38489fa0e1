"""A column header misprinted by one character (「先行有效件数」 for 现行有效件数) is read as its
column and named once (RL-T2-001 column_typo, a warning), in a table with cells and in a table a
text dump ran together; it was 「缺少列」, an error, and its values unread."""

from __future__ import annotations

from pathlib import Path

from linter.run.check import check_file
from tests.conftest import ROOT


def t2_findings(path: Path) -> list[tuple[str, str, str | None, str | None, str | None]]:
    return [
        (f.rule, f.severity, f.location.column_label, f.expected, f.actual)
        for f in check_file(path).findings
        if f.rule == "RL-T2-001"
    ]


def test_a_misprinted_header_in_a_table_with_cells(tmp_path: Path) -> None:
    text = (ROOT / "fixtures" / "text" / "filled_2021.txt").read_text(encoding="utf-8")
    assert text.count("现行有效件数") == 1
    path = tmp_path / "report.txt"
    path.write_text(text.replace("现行有效件数", "先行有效件数"), encoding="utf-8")
    assert t2_findings(path) == [("RL-T2-001", "warning", "现行有效件数", "现行有效件数", "先行有效件数")]
    # Its values are read: the findings are those of the report as filled, but for the header.
    assert [f.rule for f in check_file(path).findings if f.rule != "RL-T2-001"] == [
        f.rule for f in check_file(ROOT / "fixtures" / "text" / "filled_2021.txt").findings
    ]


def test_a_misprinted_header_in_a_run_together_table() -> None:
    assert ("RL-T2-001", "warning", "现行有效件数", "现行有效件数", "先行有效件数") in t2_findings(
        ROOT / "fixtures" / "real" / "2023_pingtan_htp.txt"
    )


def test_a_header_two_characters_off_is_not_taken(tmp_path: Path) -> None:
    text = (ROOT / "fixtures" / "text" / "filled_2021.txt").read_text(encoding="utf-8")
    path = tmp_path / "report.txt"
    path.write_text(text.replace("现行有效件数", "先行有效文数"), encoding="utf-8")
    assert ("RL-T2-001", "error", "现行有效件数", "现行有效件数", None) in t2_findings(path)
