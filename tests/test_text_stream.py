"""Tables as other portals' text views write them: one cell a line, each ended by a bar
(「规章 |」, a bar alone for an empty cell), a line of bars padding a row to the table's grid
width (「|||」), and nothing marking where a row starts (seen in the text of real pages of a
district 统计局 and of a 民政局, 2023). The first line of bars ends the first row and gives the
width; every row is as wide. Such a table is cut into rows of that width and read by the format's
columns, as padded rows are: never 「缺少行/列」."""

from __future__ import annotations

from pathlib import Path

from test_text_padded import _T2, _T4, REPORT, _table3

from linter.run.check import check_file


def _stream(rows: list[list[str]], width: int) -> str:
    """Each cell on its line ended by a bar, then the row's padding as one line of bars."""
    lines: list[str] = []
    for row in rows:
        lines += [f"{c} |" if c else "|" for c in row]
        if len(row) < width:
            lines.append("|" * (width - len(row)))
    return "\n".join(lines)


def _t2(change: dict[str, list[str]] | None = None) -> list[list[str]]:
    rows = [line.split(" | ") for line in _T2.splitlines()]
    return [r[:1] + (change or {}).get(r[0], r[1:]) for r in rows]


def _findings(tmp_path: Path, t2: str, t3: str, t4: str) -> list[tuple[object, ...]]:
    path = tmp_path / "report.txt"
    path.write_text(REPORT.format(t2=t2, t3=t3, t4=t4), encoding="utf-8")
    result = check_file(path)
    assert result.error is None
    return [
        (f.rule, f.severity, f.location.table, f.location.row_label, f.location.column_label, f.location.line)
        for f in result.findings
    ]


def test_a_report_whose_tables_are_one_cell_a_line_reads_whole(tmp_path: Path) -> None:
    assert _findings(tmp_path, _stream(_t2(), 4), _stream(_table3(), 10), _stream(_T4, 15)) == []


def test_a_wrong_cell_is_named_with_its_line(tmp_path: Path) -> None:
    t3 = _table3({"(七)总计": ["5", "0", "0", "0", "0", "0", "5"]})
    found = _findings(tmp_path, _stream(_t2(), 4), _stream(t3, 10), _stream(_T4, 15))
    text = REPORT.format(t2=_stream(_t2(), 4), t3=_stream(t3, 10), t4=_stream(_T4, 15)).splitlines()
    total = text.index("(七)总计 |") + 1  # the row's label; its figures follow, one a line
    assert found == [
        ("RL-T3-008", "error", 3, "（七）总计", "自然人", total + 1),
        ("RL-T3-008", "error", 3, "（七）总计", "总计", total + 7),
    ], found


def test_a_slash_for_not_applicable_is_the_cell_it_stands_in(tmp_path: Path) -> None:
    # 「/」 in 规章's three cells (a body without rule-making power): three cells that are not
    # numbers, each named; nothing of the table reported missing.
    found = _findings(tmp_path, _stream(_t2({"规章": ["/", "/", "/"]}), 4), _stream(_table3(), 10), _stream(_T4, 15))
    assert [f[:5] for f in found] == [
        ("RL-T2-002", "error", 2, "规章", "本年制发件数"),
        ("RL-T2-002", "error", 2, "规章", "本年废止件数"),
        ("RL-T2-002", "error", 2, "规章", "现行有效件数"),
    ], found


def test_the_last_rows_padding_may_be_left_out(tmp_path: Path) -> None:
    # The page ends the table after 「行政事业性收费 | 0 |」, without the row's padding.
    t2 = _stream(_t2(), 4).removesuffix("\n||")
    assert t2.endswith("0 |")
    assert _findings(tmp_path, t2, _stream(_table3(), 10), _stream(_T4, 15)) == []


def test_a_table_whose_first_rows_have_no_padding_is_cut_at_the_padded_rows(tmp_path: Path) -> None:
    # Table 2 printed without its first caption row (「第二十条第(一)项」): its first three rows fill
    # the four columns, so the first line of bars comes after the (五) caption, sixteen cells in.
    # The width is the one that cuts every padded row's end: 4, not 16.
    t2 = _t2()[1:]
    assert _findings(tmp_path, _stream(t2, 4), _stream(_table3(), 10), _stream(_T4, 15)) == []
    # 「/」 in 规章's three cells: each named in its column, so the first rows were cut at four cells.
    slashed = _t2({"规章": ["/", "/", "/"]})[1:]
    found = _findings(tmp_path, _stream(slashed, 4), _stream(_table3(), 10), _stream(_T4, 15))
    assert [f[:5] for f in found] == [
        ("RL-T2-002", "error", 2, "规章", "本年制发件数"),
        ("RL-T2-002", "error", 2, "规章", "本年废止件数"),
        ("RL-T2-002", "error", 2, "规章", "现行有效件数"),
    ], found
