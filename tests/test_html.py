"""The HTML reader: charsets, report body inside portal chrome, rowspan/colspan grids, positions."""

from __future__ import annotations

from pathlib import Path

import pytest

from linter.run.check import check_file
from linter.model import Table
from linter.readers import read_document
from tests.expected import finding_labels

from tests.conftest import ROOT

HTML = ROOT / "fixtures" / "html"
DOCX = ROOT / "fixtures" / "docx"
SAME_AS_DOCX = ["filled_2021", "fail_t3_total_cell", "fail_t4_sum", "fail_missing_section", "split_table"]


@pytest.mark.parametrize("name", SAME_AS_DOCX)
def test_word_saved_as_html_gives_the_docx_findings(name: str) -> None:
    assert finding_labels(HTML / f"{name}.html") == finding_labels(DOCX / f"{name}.docx")


def test_portal_page_gives_the_docx_findings() -> None:
    assert finding_labels(HTML / "portal_gbk.html") == finding_labels(DOCX / "fail_t3_total_cell.docx")


def test_portal_chrome_is_left_out_and_gbk_decoded() -> None:
    doc = read_document(HTML / "portal_gbk.html")
    texts = [p.text for p in doc.paragraphs()]
    assert texts[0].endswith("2021年度政府信息公开工作年度报告")
    chrome = ("首页", "您当前的位置", "分享到", "打印本页", "版权所有", "相关链接", "网站标识码")
    assert not [t for t in texts if any(word in t for word in chrome)]
    assert dict(doc.metadata)["encoding"] == "gb18030"


def test_rowspan_colspan_br_and_nbsp_make_the_docx_grid() -> None:
    html_tables = [b for b in read_document(HTML / "portal_gbk.html").blocks if isinstance(b, Table)]
    docx_tables = [b for b in read_document(DOCX / "fail_t3_total_cell.docx").blocks if isinstance(b, Table)]
    assert len(html_tables) == len(docx_tables)
    for h, d in zip(html_tables, docx_tables):
        assert (len(h.rows), h.n_cols) == (len(d.rows), d.n_cols)
        for hr, dr in zip(h.rows, d.rows):
            shape = [(c.grid_row, c.grid_col, c.rowspan, c.colspan) if c else None for c in hr]
            assert shape == [(c.grid_row, c.grid_col, c.rowspan, c.colspan) if c else None for c in dr]
    corner = html_tables[1].rows[0][0]
    assert corner is not None and (corner.rowspan, corner.colspan) == (3, 3)
    business = next(c for c in html_tables[1].rows[2] if c and "商业" in c.text)
    assert business.text == "商业\n企业"  # <br/> inside the label


def test_findings_point_at_the_source_cell() -> None:
    path = HTML / "portal_gbk.html"
    result = check_file(path)
    finding = next(f for f in result.findings if f.rule == "RL-T3-008")
    loc = finding.location
    assert (loc.row_label, loc.column_label, loc.text) == ("（七）总计", "总计", "3051")
    lines = path.read_bytes().decode("gbk").split("\n")
    assert lines[loc.line - 1][loc.column - 1 :].startswith("<td>3051</td>")
    assert loc.xpath == "/html/body/div[3]/div[1]/div[2]/table[2]/tbody/tr[27]/td[8]"
    assert loc.selector == (
        "body > div:nth-of-type(3) > div:nth-of-type(1) > div:nth-of-type(2) > "
        "table:nth-of-type(2) > tbody > tr:nth-of-type(27) > td:nth-of-type(8)"
    )
    assert loc.page is None and (loc.row, loc.col) == (27, 8)
    assert isinstance(read_document(path).blocks[loc.block], Table)


def test_libreoffice_html_positions() -> None:
    path = HTML / "fail_t4_sum.html"
    finding = next(f for f in check_file(path).findings if f.rule == "RL-T4-002")
    lines = path.read_text(encoding="utf-8").split("\n")
    assert lines[finding.location.line - 1][finding.location.column - 1 :].startswith("<td")


@pytest.mark.parametrize("declaration", ["", '<meta charset="gbk">', '<meta charset="utf-8">'])
def test_charset_declared_wrongly_or_not_at_all(tmp_path: Path, declaration: str) -> None:
    body = (
        "<p>一、总体情况</p><table><tr><td>自然人</td><td>商业企业</td></tr><tr><td>1</td><td>&nbsp;</td></tr></table>"
    )
    page = f"<html><head>{declaration}<title>报告</title></head><body>{body}</body></html>"
    path = tmp_path / "page.htm"
    path.write_bytes(page.encode("gb18030"))
    doc = read_document(path)
    assert [p.text for p in doc.paragraphs()] == ["一、总体情况"]
    [table] = [b for b in doc.blocks if isinstance(b, Table)]
    assert [[c.text.strip() if c else None for c in row] for row in table.rows] == [["自然人", "商业企业"], ["1", ""]]


def test_layout_tables_are_not_report_tables(tmp_path: Path) -> None:
    text = "本年度，我区持续推进政府信息公开工作。" * 20
    page = (
        f"<html><body><table><tr><td><a href='/'>首页</a></td></tr><tr><td><p>一、总体情况</p><p>{text}</p>"
        "<table><tr><td>行政复议</td><td>行政诉讼</td></tr><tr><td>1</td><td>2</td></tr></table>"
        "</td></tr></table></body></html>"
    )
    path = tmp_path / "layout.html"
    path.write_text(page, encoding="utf-8")
    doc = read_document(path)
    tables = [b for b in doc.blocks if isinstance(b, Table)]
    assert len(tables) == 1 and tables[0].rows[0][0].text == "行政复议"  # type: ignore[union-attr]
    assert [p.text for p in doc.paragraphs()][:1] == ["一、总体情况"]


def test_an_articles_own_header_is_kept(tmp_path: Path) -> None:
    page = (
        "<html><body><header><nav><a href='/'>首页</a></nav></header><main><article>"
        "<header><h1>某区2021年度政府信息公开工作年度报告</h1></header>"
        "<p>一、总体情况</p><p>本年度……</p></article></main><footer>版权所有</footer></body></html>"
    )
    path = tmp_path / "html5.html"
    path.write_text(page, encoding="utf-8")
    texts = [p.text for p in read_document(path).paragraphs()]
    assert texts == ["某区2021年度政府信息公开工作年度报告", "一、总体情况", "本年度……"]
