"""Hostile text in file names and report text: no control sequence reaches the terminal, every
format stays valid (openpyxl opens the workbook, junitparser the JUnit file), no spreadsheet cell
is a formula, SARIF URIs are URI references, bidirectional controls are gone from names."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from junitparser import JUnitXml
from openpyxl import load_workbook

from tests.conftest import cli

ESC_TITLE = "\x1b]0;pwned\x07"
CLEAR = "\x1b[2J"
NAME = "=1+1" + CLEAR + "报\u202e告\n第二行.txt"
TEXT = f'{ESC_TITLE}=HYPERLINK("http://x","点击"){CLEAR}关于办公用品采购的会议纪要\n\n会议决定采购办公用品。\n'
CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069]")


@pytest.fixture()
def hostile(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / NAME).write_text(TEXT, encoding="utf-8")
    (folder / "@SUM(1).txt").write_text(TEXT, encoding="utf-8")
    return folder


def test_the_terminal_gets_no_control_sequence(hostile: Path) -> None:
    result = cli("check", str(hostile))
    assert result.exit_code == 1
    assert not CONTROLS.search(result.output), repr(result.output)
    shown = str(hostile / "=1+1报告\\n第二行.txt")  # one line: the name's line break written as \n
    assert any(line.startswith(shown + "：") for line in result.output.splitlines())


def test_xlsx_opens_and_has_no_formula(hostile: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out.xlsx"
    monkeypatch.chdir(hostile)  # names as given: "=1+1…" and "@SUM(1).txt" start their cells
    result = cli("check", "--format", "xlsx", "-o", str(out), ".")
    assert result.exit_code == 1, result.output
    book = load_workbook(out)
    texts = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                assert cell.data_type != "f", (cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    assert not CONTROLS.search(cell.value)
                    texts.append(cell.value)
    assert any(v.startswith("=1+1报告") for v in texts)
    assert "@SUM(1).txt" in texts
    assert any(v.startswith("=HYPERLINK") or "=HYPERLINK" in v for v in texts)  # the report's own text, quoted


def test_csv_cells_that_would_be_formulas_are_text(hostile: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    assert cli("check", "--format", "csv", "-o", str(out), "=1+1.txt", str(hostile)).exit_code == 2
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert rows[1][0] == "'=1+1.txt"  # a cell starting with = is written with a leading '
    for row in rows[1:]:
        assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in row), row


def test_junit_parses_and_sarif_uris_are_encoded(hostile: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.xml"
    assert cli("check", "--format", "junit", "-o", str(out), str(hostile)).exit_code == 1
    xml = JUnitXml.fromfile(str(out))
    names = [suite.name for suite in xml]
    assert str(hostile / "=1+1报告\\n第二行.txt") in names
    assert not CONTROLS.search(out.read_text(encoding="utf-8"))
    data = json.loads(cli("check", "--format", "sarif", str(hostile)).stdout)
    uris = {
        loc["physicalLocation"]["artifactLocation"]["uri"] for r in data["runs"][0]["results"] for loc in r["locations"]
    }
    assert (hostile / NAME).as_uri() in uris  # percent-encoded, the name's bytes kept
    assert all(re.fullmatch(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+", u) for u in uris), uris


def test_html_report_has_no_control_characters(hostile: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.html"
    assert cli("check", "--format", "html", "-o", str(out), str(hostile)).exit_code == 1
    page = out.read_text(encoding="utf-8")
    assert not CONTROLS.search(page)
    assert "=1+1报告\\n第二行.txt" in page
