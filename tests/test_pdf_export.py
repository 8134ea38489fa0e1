"""PDFs that LibreOffice exported from the .docx fixtures, from real reports changed into the
shapes that break PDF readers (tests/fixturegen/build_pdfs.py) and with table 2 in the layouts
clerks print it in (tests/fixturegen/build_t2_layouts.py): each gives the findings of its .docx,
with the same rule ids and row/column labels; tables broken over pages read as drawn."""

from __future__ import annotations

from pathlib import Path

import pytest

from linter.run.check import Options, check_file
from linter.model import Table
from linter.readers import read_document
from linter.readers.pdf.layout import find_tables
from linter.readers.pdf.pdfium import PdfFile
from tests.expected import finding_labels

from tests.conftest import ROOT

FIXTURES = ROOT / "fixtures"
EXPORT = FIXTURES / "pdf_export"
SHAPES = EXPORT / "shapes"
T2_LAYOUTS = EXPORT / "t2_layouts"


def _source(pdf: Path) -> Path:
    """The .docx a PDF was exported from: next to it (shapes/), or in the fixture folder it is named after."""
    here = pdf.with_suffix(".docx")
    return here if here.exists() else FIXTURES / pdf.parent.name / f"{pdf.stem}.docx"


PAIRS = sorted(p for p in EXPORT.glob("*/*.pdf") if _source(p).exists())


def test_the_docx_fixtures_have_their_pdf_exports() -> None:
    """Each export still has its .docx; a .docx fixture added later gets its PDF when
    ``tests/fixturegen/build_pdfs.py --missing`` is run (it needs LibreOffice)."""
    made = {"rules": 27, "docx": 17, "corpus_docx": 5}  # the fixtures when the exports were made
    for folder, count in made.items():
        docx = {p.stem for p in (FIXTURES / folder).glob("*.docx")}
        pdfs = {p.stem for p in (EXPORT / folder).glob("*.pdf")}
        assert pdfs <= docx and len(pdfs) >= count, (folder, sorted(pdfs - docx))
    assert len([p for p in PAIRS if p.parent == SHAPES]) == 35
    # table 2 in 6 layouts for 4 reports, and the page break in 3 places for 5 reports (in one of
    # them no padding puts it after the first column names)
    assert len([p for p in PAIRS if p.parent == T2_LAYOUTS]) == 6 * 4 + 3 * 5 - 1


@pytest.mark.parametrize("pdf", PAIRS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_pdf_export_gives_the_docx_findings(pdf: Path) -> None:
    assert finding_labels(pdf) == finding_labels(_source(pdf))


def _tables(path: Path) -> list[Table]:
    return [b for b in read_document(path).blocks if isinstance(b, Table)]


def _row(table: Table, label: str) -> list[str]:
    for row in table.rows:
        texts = [c.text for c in row if c is not None]
        if any("".join(t.split()) == label for t in texts):
            seen: list[int] = []
            out = []
            for c in row:
                if c is not None and id(c) not in seen:
                    seen.append(id(c))
                    out.append("".join(c.text.split()))
            return out
    raise AssertionError(f"no row {label}")


def _page_parts(path: Path) -> list[list[str]]:
    """Per page, the texts of its tables' cells, as drawn on that page."""
    with PdfFile(path) as pdf:
        return [["".join(c.text.split()) for t in find_tables(page)[0] for c in t.cells] for page in pdf.read_pages()]


def test_a_row_broken_across_pages_is_one_row_again() -> None:
    pdf = SHAPES / "2022_pingtan_zhqsyq_narrow_c.pdf"
    label = "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"
    parts = _page_parts(pdf)
    # As printed: the label starts at the bottom of one page and ends at the top of the next.
    first = next(i for i, texts in enumerate(parts) if "2.申请人逾期未按收费通知要求缴" in texts)
    assert "纳费用、行政机关不再处理其政府信息公开申请" in parts[first + 1]
    t3 = _tables(pdf)[1]
    assert _row(t3, label) == _row(_tables(_source(pdf))[1], label)
    assert _row(t3, label)[-8:] == [label, "0", "0", "0", "0", "0", "0", "0"]


def test_a_group_label_broken_across_pages_is_one_cell_again() -> None:
    pdf = SHAPES / "2019_pingtan_zhqsyq_whole_rows.pdf"
    parts = _page_parts(pdf)
    first = next(i for i, texts in enumerate(parts) if "（三）不" in texts)
    assert "予公开" in parts[first + 1]  # the rows inside the group are whole on either page
    t3 = _tables(pdf)[1]
    group = next(c for row in t3.rows for c in row if c is not None and "".join(c.text.split()) == "（三）不予公开")
    assert group.rowspan == 8  # 1.属于国家秘密 … 8.属于行政查询事项
    labels = {"".join(c.text.split()) for row in t3.rows for c in row if c is not None}
    assert not {"（三）不", "予公开"} & labels


def test_header_rows_repeated_on_the_next_page_are_dropped() -> None:
    pdf = SHAPES / "2021_pingtan_zhqsyq_repeated_header.pdf"
    assert [i + 1 for i, texts in enumerate(_page_parts(pdf)) if "申请人情况" in texts] == [4, 5]  # as printed
    t3 = _tables(pdf)[1]
    assert len(t3.rows) == len(_tables(_source(pdf))[1].rows) == 28
    headers = {id(c) for row in t3.rows for c in row if c is not None and "".join(c.text.split()) == "申请人情况"}
    assert len(headers) == 1
    assert {c.page for row in t3.rows for c in row if c is not None} == {4, 5}


def test_a_repeated_header_row_is_dropped_and_a_broken_header_row_joined() -> None:
    pdf = SHAPES / "2019_pingtan_zhqsyq_narrow_c.pdf"  # table 2's header row breaks over a page
    docx_tables = _tables(_source(pdf))
    assert [(len(t.rows), t.n_cols) for t in _tables(pdf)] == [(len(t.rows), t.n_cols) for t in docx_tables]


@pytest.mark.parametrize(
    "stem,pages", [("2021_pingtan_zhqsyq", (4, 4, 5, 6)), ("2020_dongtou_zhujianju", (2, 2, 3, 4))]
)
@pytest.mark.parametrize("shape", ["table4_new_page", "tables_adjacent"])
def test_a_table_at_the_top_of_a_page_is_not_glued_to_the_one_before(
    stem: str, pages: tuple[int, ...], shape: str
) -> None:
    """Table 3 ends on the page after it starts, half-way down; table 4 starts the next page, with
    the section heading before it (table4_new_page) or nothing printed between (tables_adjacent)."""
    pdf = SHAPES / f"{stem}_{shape}.pdf"
    tables = _tables(pdf)
    t2, t3, t4 = tables
    assert [len(t.rows) for t in tables] == [len(t.rows) for t in _tables(_source(pdf))]
    assert (t2.page, t3.page, max(c.page or 0 for row in t3.rows for c in row if c), t4.page) == pages
    assert t4.rows[0][0] is not None and "".join(t4.rows[0][0].text.split()) == "行政复议"


@pytest.mark.parametrize("shape", ["vertical_labels", "rotated_labels"])
def test_vertical_and_rotated_group_labels_read_in_order(shape: str) -> None:
    t3 = _tables(SHAPES / f"2021_pingtan_zhqsyq_{shape}.pdf")[1]
    groups = {"".join(c.text.split()) for row in t3.rows[3:] for c in row if c is not None and c.rowspan > 2}
    assert groups == {"三、本年度办理结果", "（三）不予公开", "（四）无法提供", "（五）不予处理", "（六）其他处理"}


@pytest.mark.parametrize("stem", ["2021_pingtan_zhqsyq", "2020_dongtou_zhujianju"])
def test_a_pdf_without_cjk_font_is_read_through_its_actual_text(stem: str) -> None:
    pdf = SHAPES / f"{stem}_no_cjk_font.pdf"
    assert finding_labels(pdf) == finding_labels(FIXTURES / "corpus_docx" / f"{stem}.docx")


@pytest.mark.parametrize("stem", ["2021_pingtan_zhqsyq", "2020_dongtou_zhujianju"])
def test_a_garbled_text_layer_is_one_warning_and_nothing_else(stem: str) -> None:
    result = check_file(SHAPES / f"{stem}_no_cjk_font_stripped.pdf")
    assert result.error is None
    assert [(f.rule, f.severity) for f in result.findings] == [("RL-PARSE-002", "warning")]
    message = result.findings[0].message
    assert message.startswith("PDF 第1,2,3页的文字层无法正确读取") and "未对报告做任何校验" in message
    english = check_file(SHAPES / f"{stem}_no_cjk_font_stripped.pdf", Options(lang="en"))
    assert english.findings[0].message.startswith("the text layer of the PDF's page(s) 1,2,3 cannot be read correctly")


@pytest.mark.parametrize("stem", ["2020_dongtou_zhujianju", "2021_pingtan_zhqsyq", "t2_oldformat_values"])
def test_a_caption_row_alone_at_the_foot_of_a_page_heads_table_2(stem: str) -> None:
    pdf = T2_LAYOUTS / f"{stem}_page_break_caption.pdf"
    parts = _page_parts(pdf)
    # As printed: the caption row alone (a frame of one column, not a table) ends a page, the
    # column names start the next.
    page = next(i for i, texts in enumerate(parts) if texts[:1] == ["信息内容"])
    assert "第二十条第（一）项" not in parts[page - 1]
    t2 = _tables(pdf)[0]
    first = t2.rows[0][0]
    assert first is not None and first.text == "第二十条第（一）项" and first.colspan == t2.n_cols == 4
    assert first.page == page and t2.rows[1][0] is not None and t2.rows[1][0].page == page + 1
    assert [(len(t.rows), t.n_cols) for t in _tables(pdf)] == [(len(t.rows), t.n_cols) for t in _tables(_source(pdf))]
