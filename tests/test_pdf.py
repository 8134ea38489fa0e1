"""The PDF reader: tables over page breaks, vertical and broken labels, page furniture, page
numbers in locations, and the real 洪泽 2023 report."""

from __future__ import annotations

from pathlib import Path

import pytest

from linter.run.check import check_file
from linter.model import Paragraph, Table
from linter.readers import read_document
from linter.readers.pdf.pdfium import Glyph, PageContent
from tests.expected import finding_labels

from tests.conftest import ROOT

PDF = ROOT / "fixtures" / "pdf"
DOCX = ROOT / "fixtures" / "docx"
HONGZE = ROOT / "fixtures" / "corpus" / "2023_huaian_hongze_qu.pdf"
SAME_AS_DOCX = ["filled_2021", "fail_t3_total_cell", "fail_t4_sum", "fail_missing_section", "split_table"]


@pytest.mark.parametrize("name", SAME_AS_DOCX)
def test_word_exported_as_pdf_gives_the_docx_findings(name: str) -> None:
    assert finding_labels(PDF / f"{name}.pdf") == finding_labels(DOCX / f"{name}.docx")


def test_table3_over_two_pages_is_one_table() -> None:
    doc = read_document(PDF / "filled_2021.pdf")
    tables = [b for b in doc.blocks if isinstance(b, Table)]
    assert len(tables) == 3  # tables 2, 3 and 4; table 3 is printed on pages 3 and 4
    t3 = tables[1]
    pages = {c.page for row in t3.rows for c in row if c is not None}
    assert pages == {3, 4} and t3.page == 3
    assert len(t3.rows) == 28 and t3.n_cols == 10
    assert not [p for p in doc.paragraphs() if "本年新收" in p.text or "（七）总计" in p.text]


def test_findings_carry_the_page() -> None:
    result = check_file(PDF / "fail_t3_total_cell.pdf")
    finding = next(f for f in result.findings if f.rule == "RL-T3-008")
    loc = finding.location
    assert (loc.row_label, loc.column_label, loc.text, loc.page) == ("（七）总计", "总计", "3051", 4)
    assert (loc.row, loc.col) == (27, 8) and loc.line is None


def test_page_numbers_and_footers_are_not_text() -> None:
    doc = read_document(HONGZE)
    texts = [p.text for p in doc.paragraphs()]
    assert not [t for t in texts if t.startswith("-") and t.endswith("-")]
    # A paragraph that continues on the next page stays one paragraph.
    assert any("严格执行“分级审核、先审后发”程序" in t for t in texts)


def test_hongze_report_is_read_in_its_published_form() -> None:
    doc = read_document(HONGZE)
    headings = [p for p in doc.paragraphs() if p.text[:2] in ("一、", "二、", "三、", "四、", "五、", "六、")]
    assert [(p.text[:2], p.page) for p in headings] == [
        ("一、", 1),
        ("二、", 2),
        ("三、", 3),
        ("四、", 4),
        ("五、", 4),
        ("六、", 5),
    ]
    tables = [b for b in doc.blocks if isinstance(b, Table)]
    assert len(tables) == 3  # table 2 (pages 2-3) and table 3 (pages 3-4) joined over the page breaks
    t3 = tables[1]
    vertical = t3.rows[5][0]
    assert vertical is not None and vertical.text.replace("\n", "") == "三、本年度办理结果" and vertical.rowspan > 10
    labels_ = {c.text.replace("\n", "") for row in t3.rows for c in row if c is not None}
    assert "5.要求行政机关确认或重新出具已获取信息" in {x.replace(" ", "") for x in labels_}


def test_hongze_known_defect_is_found_and_no_false_arithmetic() -> None:
    result = check_file(HONGZE)
    assert (result.format, result.edition, result.report_year) == ("pdf", 2021, 2023)
    t4 = sorted(
        (f.location.column_label, f.expected or "", f.actual or "", f.location.page)
        for f in result.findings
        if f.rule == "RL-T4-002"
    )
    # 行政复议: only the total can be wrong (11 = its parts); 复议后起诉: the total or its one part of 5
    assert t4 == [("复议后起诉 总计", "", "", 4), ("行政复议 总计", "11", "0", 4)]
    arithmetic = [
        f for f in result.findings if f.rule in ("RL-T3-002", "RL-T3-003", "RL-T3-004", "RL-T3-005", "RL-T3-006")
    ]
    assert arithmetic == []
    assert not [f for f in result.findings if f.rule.startswith("RL-PARSE")]


def test_unreadable_pdfs(tmp_path: Path) -> None:
    import pypdfium2 as pdfium

    blank = pdfium.PdfDocument.new()
    blank.new_page(595, 842)
    blank.save(tmp_path / "scan.pdf")
    blank.close()
    assert check_file(tmp_path / "scan.pdf").error.code == "RL-IO-022"  # type: ignore[union-attr]
    (tmp_path / "cut.pdf").write_bytes((PDF / "filled_2021.pdf").read_bytes()[:3000])
    assert check_file(tmp_path / "cut.pdf").error.code == "RL-IO-023"  # type: ignore[union-attr]
    assert check_file(ROOT / "fixtures" / "bad" / "password.pdf").error.code == "RL-IO-024"  # type: ignore[union-attr]


def test_paragraphs_are_rebuilt_from_lines() -> None:
    doc = read_document(PDF / "filled_2021.pdf")
    first = list(doc.paragraphs())[:3]
    assert first[0].text == "平潭综合实验区2021年度政府信息公开工作年度报告"  # as in the .docx
    assert all(isinstance(p, Paragraph) and p.page == 1 for p in first)


def test_a_rebuilt_cross_reference_table_is_a_reading_problem(tmp_path: Path) -> None:
    data = (PDF / "fail_t4_sum.pdf").read_bytes()
    cut = data.index(b" obj", len(data) // 3)
    path = tmp_path / "shifted.pdf"  # every object after this point is off its xref offset
    path.write_bytes(data[: cut - 20] + b"% 44 bytes that shift the objects after them\n" + data[cut - 20 :])
    result = check_file(path)
    assert result.error is None
    damaged = [f for f in result.findings if f.rule == "RL-PARSE-002"]
    assert len(damaged) == 1 and "内容已损坏" in damaged[0].message
    # PDFium repaired it: the report's own defects are still found, nothing else.
    assert sorted(finding_labels(path), key=repr) == sorted(
        finding_labels(PDF / "fail_t4_sum.pdf") + [("RL-PARSE-002", "warning", None, None, None, None, None, None)],
        key=repr,
    )


def test_a_single_pdf_is_checked_in_a_child_process(tmp_path: Path) -> None:
    """PDFium is native code: even one PDF runs where a crash or hang costs only its result. The
    time limit, which exists only in a checking child, shows where it ran."""
    from linter.run.batch import run
    from linter.run.check import Options
    from linter.config.limits import Limits

    options = Options(lang="en", limits=Limits(max_seconds_per_file=0.001))
    [pdf] = run([PDF / "filled_2021.pdf"], options)
    assert pdf.error is not None and pdf.error.code == "RL-IO-012"
    [docx] = run([DOCX / "filled_2021.docx"], options)  # a single .docx still runs in this process
    assert docx.error is None and docx.format == "docx"
    [normal] = run([PDF / "fail_t4_sum.pdf"], Options())
    assert normal.error is None and normal.findings == check_file(PDF / "fail_t4_sum.pdf").findings


def test_the_previous_report_reaches_a_pdf_checked_in_a_child() -> None:
    from linter.run.batch import run
    from linter.run.check import Options
    from linter.run.previous import load_previous

    previous, failed = load_previous(DOCX / "filled_2021.docx", Options())
    assert failed is None and previous is not None
    [result] = run([PDF / "fail_t4_sum.pdf"], Options(), previous=previous)
    assert result.previous == str(DOCX / "filled_2021.docx")


def test_a_native_crash_costs_one_result_and_the_batch_goes_on(tmp_path: Path) -> None:
    from linter.run.check import Options
    from linter.run.pool import check_files_limited
    from tests.hostile import slow

    crash = tmp_path / "segv.pdf"
    crash.write_bytes((PDF / "filled_2021.pdf").read_bytes())
    results = list(check_files_limited([crash, PDF / "fail_t4_sum.pdf"], Options(lang="en"), check=slow.by_name))
    assert results[0].error is not None and results[0].error.code == "RL-INT-002"
    assert "signal 11" in results[0].error.message
    assert (
        results[1].error is None
        and results[1].findings == check_file(PDF / "fail_t4_sum.pdf", Options(lang="en")).findings
    )


def test_cli_check_of_one_pdf_reports_a_stopped_child_as_its_result(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from linter.cli import main

    (tmp_path / "reportlint.yaml").write_text("limits: {max_seconds_per_file: 0.001}\n", encoding="utf-8")
    pdf = tmp_path / "one.pdf"
    pdf.write_bytes((PDF / "filled_2021.pdf").read_bytes())
    result = CliRunner().invoke(
        main, ["check", "--lang", "en", "--config", str(tmp_path / "reportlint.yaml"), str(pdf)]
    )
    assert result.exit_code == 2 and "RL-IO-012" in result.output and "Traceback" not in result.output


def test_a_missing_bottom_ruling_before_a_page_break_is_tolerated() -> None:
    """WPS draws no bottom line under the last row before a page break (洪泽 2023, page 3): the
    frame is closed where the vertical rulings end, and the group 「（四）无法提供」 goes on over the
    page boundary."""
    from linter.readers.pdf.pdfium import PdfFile
    from linter.readers.pdf.layout import TOL, _merge, find_tables

    with PdfFile(HONGZE) as pdf:
        page3 = pdf.read_page(2)
    part = find_tables(page3)[0][1]
    assert not [y for y, _, _ in _merge(page3.hrules) if abs(y - part.bottom) <= TOL]
    t3 = [b for b in read_document(HONGZE).blocks if isinstance(b, Table)][1]

    def row(label: str) -> list[tuple[str, int]]:
        for cells in t3.rows:
            texts = ["".join(c.text.split()) for c in dict.fromkeys(c for c in cells if c is not None)]
            if label in texts:
                return [
                    ("".join(c.text.split()), c.page or 0) for c in dict.fromkeys(c for c in cells if c is not None)
                ]
        raise AssertionError(label)

    assert row("2.没有现成信息需要另行制作") == [
        ("三、本年度办理结果", 3),
        ("（四）无法提供", 3),
        ("2.没有现成信息需要另行制作", 3),
        ("3", 3),
        ("0", 3),
        ("0", 3),
        ("0", 3),
        ("0", 3),
        ("0", 3),
        ("3", 3),
    ]
    assert row("3.补正后申请内容仍不明确")[:3] == [
        ("三、本年度办理结果", 3),
        ("（四）无法提供", 3),
        ("3.补正后申请内容仍不明确", 4),
    ]


def test_characters_without_a_text_mapping_are_a_reading_problem(tmp_path: Path) -> None:
    """A font whose encoding names glyphs that map to no character (/g101…): PDFium gives their
    codes ('A', 'B', 'C'), which read as text but are not the document's."""
    from tests.hostile.craft import _pdf_file, _stream

    font = (
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
        b"/Encoding << /Type /Encoding /Differences [65 /g101 /g102 /g103] >> >>"
    )
    path = tmp_path / "unmapped.pdf"
    path.write_bytes(
        _pdf_file(
            [
                b"<< /Type /Catalog /Pages 2 0 R >>",
                b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 5 0 R /Resources << /Font << /F1 4 0 R >> >> >>",
                font,
                _stream(b"BT /F1 12 Tf 72 760 Td (ABCABCABCABC Hello) Tj ET\n"),
            ]
        )
    )
    doc = read_document(path)
    assert [(n.code, dict(n.params)) for n in doc.notices] == [("unmapped-glyphs", {"page": "1", "count": "12"})]
    parse = [f for f in check_file(path).findings if f.rule == "RL-PARSE-002"]
    assert [f.message for f in parse] == ["第1页有 12 个字符在 PDF 字体中没有文字映射，无法读取"]


def test_a_previous_year_pdf_is_read_in_a_child_process() -> None:
    from linter.run.check import Options
    from linter.run.previous import load_previous
    from linter.config.limits import Limits

    stopped, failed = load_previous(
        PDF / "filled_2021.pdf", Options(lang="en", limits=Limits(max_seconds_per_file=0.001))
    )
    assert stopped is None and failed is not None and failed.error is not None and failed.error.code == "RL-IO-012"
    report, failed = load_previous(PDF / "filled_2021.pdf", Options())
    assert failed is None and report is not None and report.report_year == 2021
    with_previous = check_file(PDF / "fail_t4_sum.pdf", previous=report)
    assert with_previous.previous == str(PDF / "filled_2021.pdf")


def test_which_rows_either_side_of_a_page_break_are_one_row() -> None:
    from linter.readers.pdf.join import _Cell, _row_broken

    def row(*texts: str, r: int = 0) -> list[_Cell]:
        return [_Cell(r, r + 1, c, c + 1, t, 3) for c, t in enumerate(texts)]

    # The label broken in two, the numbers (vertically centred) in the lower half.
    assert _row_broken(row("（二）部分公开（区分处理的，只计", "", ""), row("这一情形，不计其他情形）", "5", "5"))
    # The numbers in the upper half, the label's end below.
    assert _row_broken(row("2.没有现成信息需要", "3", "3"), row("另行制作", "", ""))
    # Two whole rows: values on both sides.
    assert not _row_broken(row("4.保护第三方合法权益", "0", "0"), row("5.属于三类内部事务信息", "1", "1"))
    # A whole row whose values were left blank, then the next item.
    assert not _row_broken(row("4.保护第三方合法权益", "", ""), row("5.属于三类内部事务信息", "1", "1"))
    # A header row above the first row of values: a value under a heading.
    assert not _row_broken(row("信息内容", "本年处理决定数量"), row("行政许可", "5"))
    # Different cells either side.
    assert not _row_broken(row("第二十条第（五）项"), row("信息内容", "本年处理决定数量"))


def test_a_pdf_with_a_chinese_file_name_is_read(tmp_path: Path) -> None:
    path = tmp_path / "洪泽区 2023年 政府信息公开年报.pdf"
    path.write_bytes(HONGZE.read_bytes())
    assert finding_labels(path) == finding_labels(HONGZE)


def test_the_garble_test_on_real_and_garbled_text() -> None:
    from linter.readers.pdf.reader import garbled
    from linter.readers.pdf.pdfium import Glyph

    def glyphs(text: str) -> list[Glyph]:
        return [Glyph(ch, 10.0 * i, 100.0, 10.0 * i + 10, 112.0) for i, ch in enumerate(text)]

    real = "本年度共收到政府信息公开申请64件，其中自然人申请62件，法人或其他组织申请2件，均已按时答复。"
    assert garbled(glyphs(real)) == ""
    assert garbled(glyphs("平" * 40 + "根" * 5 + "2021")) == "平" * 12
    assert garbled(glyphs("平" * 29)) == ""  # too few characters to tell
    assert garbled(glyphs("一、总体情况" * 3 + "平" * 12)) == ""  # 12 of 30: under half


def test_page_numbers_and_running_headers_are_page_furniture() -> None:
    from linter.readers.pdf.reader import _furniture
    from linter.readers.pdf.pdfium import PageContent
    from linter.readers.pdf.lines import Line

    pages = []
    for n in (1, 2, 3):
        lines = [
            Line(n, 30, 42, 200, 400, "淮安市洪泽区人民政府文件"),
            Line(n, 100, 112, 90, 500, f"正文第{n}页"),
            Line(n, 790, 802, 280, 310, f"- {n} -"),
        ]
        if n == 3:
            lines.append(Line(n, 770, 782, 300, 500, "2024年1月20日"))  # a date in the margin, once: text
        pages.append((PageContent(n, 595, 842), lines))
    furniture = _furniture(pages)
    kept = [ln.text for _, lines in pages for ln in lines if id(ln) not in furniture]
    assert kept == ["正文第1页", "正文第2页", "正文第3页", "2024年1月20日"]


def _page(
    number: int, texts: list[tuple[str, float, float]], frames: list[tuple[list[float], list[float]]]
) -> PageContent:
    """A page of 595 x 842 points: ``texts`` as (text, left, top), characters 10 points wide and
    high; ``frames`` as (column boundaries, row boundaries), every cell ruled."""

    page = PageContent(number, 595, 842)
    for text, left, top in texts:
        page.glyphs += [Glyph(ch, left + 10 * i, top, left + 10 * i + 10, top + 10) for i, ch in enumerate(text)]
    for xs, ys in frames:
        page.hrules += [(y, xs[0], xs[-1]) for y in ys]
        page.vrules += [(x, ys[0], ys[-1]) for x in xs]
    return page


def _blocks(pages: list[PageContent]) -> list[object]:
    from linter.config.limits import DEFAULT_LIMITS
    from linter.readers.pdf.reader import document_from_pages

    doc = document_from_pages(Path("t.pdf"), "pdf", pages, DEFAULT_LIMITS)
    out: list[object] = []
    for block in doc.blocks:
        if isinstance(block, Table):
            out.append(
                [
                    [c.text if c is not None and c.grid_col == i else None for i, c in enumerate(row)]
                    for row in block.rows
                ]
            )
        else:
            assert isinstance(block, Paragraph)
            out.append(block.text)
    return out


def test_a_caption_row_cut_off_at_the_foot_of_a_page_heads_the_table_on_the_next() -> None:
    """A row spanning the table's width, alone at the foot of a page (one column: a box), is the
    first row of the table the next page starts with; the same row with text below it, or not
    followed by a table of its frame, stays text."""
    caption = _page(
        1,
        [("正文一段", 100, 100), ("第二十条第（一）项", 110, 765)],
        [([100, 500], [760, 780])],  # the page's body reaches down to 780 (the page before the last)
    )
    rows = _page(
        2,
        [("信息内容", 110, 65), ("数量", 310, 65), ("规章", 110, 85), ("3", 310, 85), ("结尾", 100, 300)],
        [([100, 300, 500], [60, 80, 100])],
    )
    assert _blocks([caption, rows]) == [
        "正文一段",
        [["第二十条第（一）项", None], ["信息内容", "数量"], ["规章", "3"]],
        "结尾",
    ]
    # Text below the box on its page: a boxed note, not a cut-off row.
    noted = _page(
        1, [("正文一段", 100, 100), ("第二十条第（一）项", 110, 705), ("注释", 100, 765)], [([100, 500], [700, 720])]
    )
    assert _blocks([noted, rows])[1:3] == ["第二十条第（一）项注释", [["信息内容", "数量"], ["规章", "3"]]]
    # Followed by a table of another frame.
    narrow = _page(2, [("信息内容", 110, 65), ("数量", 210, 65)], [([100, 200, 300], [60, 80])])
    assert _blocks([caption, narrow])[:2] == ["正文一段", "第二十条第（一）项"]


def test_a_last_row_spanning_the_table_alone_at_the_top_of_a_page_ends_the_table() -> None:
    table = _page(
        1,
        [("正文一段", 100, 100), ("项目", 110, 745), ("数量", 310, 745), ("甲", 110, 765), ("1", 310, 765)],
        [([100, 300, 500], [740, 760, 780])],
    )
    note = _page(2, [("注：数据截至年底", 110, 65), ("结尾", 100, 300)], [([100, 500], [60, 80])])
    assert _blocks([table, note]) == [
        "正文一段",
        [["项目", "数量"], ["甲", "1"], ["注：数据截至年底", None]],
        "结尾",
    ]
