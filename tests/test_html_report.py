"""The HTML report as text: self-contained, escaped, one index entry per file, every finding listed,
the cells the findings name highlighted (the browser test checks the same in the rendered DOM)."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from linter.run.check import Options, check_files
from linter.cli import main
from linter.reporters import REPORTERS, get_reporter
from linter.reporters.html.report import HtmlReporter
from tests.mutate import rewrite_document, set_cell_text

from tests.conftest import ROOT

TABLES = Options(keep_tables=True)  # the checking children return tables 2–4 for the HTML report
BATCH = [
    ROOT / "examples/pingtan_2021_correct.docx",
    ROOT / "examples/sample_2021_broken_table3.docx",
    ROOT / "fixtures/docx/fail_blank_cells.docx",
    ROOT / "fixtures/docx/fail_t3_missing_row.docx",
]


def expected_cells(results) -> tuple[set[str], set[str]]:
    """Ids of the cells findings name (highlighted) and of their related cells (outlined)."""
    bad: set[str] = set()
    related: set[str] = set()
    for n, r in enumerate(results, 1):
        for f in r.findings:
            loc = f.location
            if loc.table is None or loc.row is None or loc.block is None:
                continue
            cid = f"c-{n}-{loc.block}-{loc.row}-{loc.col or 1}"
            bad.add(cid)
            for rel in f.related:
                if rel.block is not None and rel.row is not None and (not rel.file or rel.file == r.path):
                    rid = f"c-{n}-{rel.block}-{rel.row}-{rel.col or 1}"
                    if rid != cid:
                        related.add(rid)
    return bad, related


def test_registered_and_chosen_by_name() -> None:
    assert REPORTERS["html"] == "linter.reporters.html.report:HtmlReporter"
    assert get_reporter("html") is HtmlReporter


def test_self_contained_and_every_finding_listed(tmp_path: Path) -> None:
    results = check_files(BATCH, TABLES)
    page = HtmlReporter(lang="zh").render(results)
    assert page.startswith("<!DOCTYPE html>") and page.count("<html") == 1
    # Nothing is loaded: no external scripts, styles, images, fonts or links.
    assert not re.search(r"<(?:link|img|iframe|object|embed)\b|\bsrc=|@import|url\(|@font-face", page)
    assert re.findall(r'href="([^"]*)"', page) and all(h.startswith("#") for h in re.findall(r'href="([^"]*)"', page))
    assert "default-src 'none'" in page
    index = re.search(r'<table id="index".*?</table>', page, re.S).group()
    assert index.count("<tr data-order=") == len(BATCH)
    for r in results:
        for f in r.findings:
            assert (
                f.message.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;") in page
            )
    bad, related = expected_cells(results)
    assert set(re.findall(r'<td id="(c-[\d-]+)"[^>]*class="bad ', page)) == bad
    assert set(re.findall(r'<td id="(c-[\d-]+)"[^>]*class="(?:bad [a-z]+ )?rel"', page)) == related
    assert "应为 3050" in page  # the expected value is shown in the broken total cell


def test_document_text_is_escaped(tmp_path: Path) -> None:
    hostile = "<img src=x onerror=alert(1)>\"'&"
    src = ROOT / "fixtures/docx/filled_2021.docx"
    broken = rewrite_document(
        src,
        tmp_path / "<b>x.docx",
        lambda root: set_cell_text(root, "/w:document/w:body/w:tbl[2]/w:tr[27]/w:tc[9]", hostile),
    )
    results = check_files([broken], TABLES)
    assert results[0].findings
    page = HtmlReporter(lang="en").render(results)
    assert "<img" not in page and "<b>x" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page and "&lt;b&gt;x.docx" in page
    assert 'class="bad error"' in page


def test_unreadable_file_in_a_batch(tmp_path: Path) -> None:
    empty = tmp_path / "empty.docx"
    empty.write_bytes(b"")
    results = check_files([empty, ROOT / "examples/sample_2021_broken_table3.docx"], TABLES)
    page = HtmlReporter(lang="zh").render(results)
    assert "RL-IO-008" in page and 'data-count="unreadable">1<' in page and 'data-count="errors">1<' in page


def test_cli_writes_the_html_report(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = CliRunner().invoke(main, ["check", "--format", "html", "-o", str(out), *map(str, BATCH)])
    assert result.exit_code == 1
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "sample_2021_broken_table3.docx" in page


def test_web_page_and_text_reports_get_their_cells_highlighted() -> None:
    """The page draws whatever the reader found, so HTML and text reports work the same way."""
    files = [ROOT / "fixtures/html/fail_t3_total_cell.html", ROOT / "fixtures/text/fail_t4_sum.txt"]
    results = check_files(files, TABLES)
    assert [r.format for r in results] == ["html", "text"]
    page = HtmlReporter(lang="zh").render(results)
    bad, related = expected_cells(results)
    assert bad and set(re.findall(r'<td id="(c-[\d-]+)"[^>]*class="bad ', page)) == bad
    assert set(re.findall(r'<td id="(c-[\d-]+)"[^>]*class="(?:bad [a-z]+ )?rel"', page)) == related
