"""Error localization: the wrong cell named with its printed value and its correction; several
possible wrong cells named without a value; blanks forced by the relations; the narrative judged
against the corrected table; the JSON ``fix`` field and the HTML report's marks."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from linter.run.check import Options, check_file
from linter.findings import Finding
from linter.reporters.html.report import HtmlReporter
from tests.celledit import cells, edit_cells

from linter.engine.lint import Selection
from tests.conftest import NOT_S1, ROOT

BASE = ROOT / "fixtures" / "docx" / "filled_2021.docx"
T3 = "三、收到和处理政府信息公开申请情况"
OTHER = Selection(ignore=NOT_S1)  # the base report's own RL-S1-002 (tests/conftest.py)


@pytest.fixture(scope="module")
def known():  # type: ignore[no-untyped-def]
    return cells(BASE)


def check(tmp_path: Path, known, changes, lang: str = "zh") -> list[Finding]:  # type: ignore[no-untyped-def]
    path = edit_cells(BASE, tmp_path / "changed.docx", changes, known)
    result = check_file(path, Options(lang=lang, selection=OTHER))
    assert result.error is None
    return result.findings


def where(f: Finding) -> tuple[object, ...]:
    return (f.rule, f.location.row_label, f.location.column_label, f.expected, f.actual, f.fix)


def test_a_raised_applicant_cell_is_named_with_its_value(tmp_path: Path, known) -> None:  # type: ignore[no-untyped-def]
    findings = check(tmp_path, known, {("t3", "public", "natural"): "28"})
    assert [where(f) for f in findings] == [("RL-T3-008", "（一）予以公开", "自然人", "27", "28", "27")]
    (f,) = findings
    assert f.severity == "error" and "应为 27" in f.message
    related = {(r.row_label, r.column_label) for r in f.related}
    assert ("（一）予以公开", "总计") in related and ("（七）总计", "自然人") in related
    assert ("一、本年新收政府信息公开申请数量", "总计") not in related  # not in a failed relation
    assert f.to_dict()["fix"] == {"value": "27"}


def test_an_emptied_cell_gets_the_value_the_relations_force(tmp_path: Path, known) -> None:  # type: ignore[no-untyped-def]
    findings = check(tmp_path, known, {("t3", "public", "natural"): ""})
    assert [where(f) for f in findings] == [("RL-T3-005", "（一）予以公开", "自然人", "27", "", "27")]
    assert "应为 27" in findings[0].message and "建议填写0" not in findings[0].message


def test_a_blank_the_relations_make_zero_keeps_the_blank_warning(tmp_path: Path, known) -> None:  # type: ignore[no-untyped-def]
    findings = check(tmp_path, known, {("t3", "deny_third", "legal"): ""})
    assert [(f.rule, f.severity, f.location.row_label, f.expected, f.fix) for f in findings] == [
        ("RL-T3-005", "warning", "4.保护第三方合法权益", None, None)
    ]
    assert "建议填写0" in findings[0].message


def test_a_blank_total_beside_other_blanks_gets_its_row_sum(tmp_path: Path, known) -> None:  # type: ignore[no-untyped-def]
    # Two rows' 总计 blank, and the 科研机构 column blank throughout (its 0s left out): the relations
    # alone leave both open (科研机构 could hold any part of either); the blank cells count as 0,
    # as the blank-cell warning says, so each 总计 is the sum of its row's figures.
    blanks = {ref: "" for ref in known if ref[0] == "t3" and ref[2] == "research"}
    findings = check(tmp_path, known, {**blanks, ("t3", "public", "total"): "", ("t3", "partial", "total"): ""})
    forced = [where(f) for f in findings if f.severity == "error"]
    assert forced == [
        ("RL-T3-005", "（一）予以公开", "总计", "30", "", "30"),
        ("RL-T3-005", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "总计", "5", "", "5"),
    ]
    (blank,) = [f for f in findings if f.severity == "warning"]
    assert blank.rule == "RL-T3-005" and "建议填写0" in blank.message and "「总计」" not in blank.message


def test_a_changed_total_is_named_not_its_parts(tmp_path: Path, known) -> None:  # type: ignore[no-untyped-def]
    findings = check(tmp_path, known, {("t3", "total", "natural"): "60"})
    assert [where(f) for f in findings] == [("RL-T3-008", "（七）总计", "自然人", "63", "60", "63")]


def test_row_one_changed_while_the_text_keeps_the_true_figure(tmp_path: Path, known) -> None:  # type: ignore[no-untyped-def]
    findings = check(tmp_path, known, {("t3", "new", "total"): "72"})
    assert [where(f) for f in findings] == [("RL-T3-008", "一、本年新收政府信息公开申请数量", "总计", "70", "72", "70")]
    (f,) = findings  # no RL-NAR-001: the sentence is right, and it is named as the evidence
    sentence = [r for r in f.related if r.row is None]
    assert len(sentence) == 1 and "70件" in (sentence[0].text or "") and "正文" in f.message


def test_text_that_disagrees_with_the_corrected_table_is_told_the_corrected_value(tmp_path: Path, known) -> None:  # type: ignore[no-untyped-def]
    # 一 总计 72 (should be 70) and the sentence changed to 68 as well: the sentence is wrong too,
    # and the value offered to it is the corrected 70, not the printed 72.
    from tests.mutate import rewrite_document

    path = edit_cells(BASE, tmp_path / "a.docx", {("t3", "new", "total"): "72"}, known)

    def edit(root) -> None:  # type: ignore[no-untyped-def]
        for t in root.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t"):
            if t.text and "收到政府信息公开申请70件" in t.text:
                t.text = t.text.replace("申请70件", "申请68件")

    rewrite_document(path, tmp_path / "b.docx", edit)
    findings = check_file(tmp_path / "b.docx", Options(selection=OTHER)).findings
    nar = [f for f in findings if f.rule == "RL-NAR-001"]
    assert [(f.expected, f.actual) for f in nar] == [("70", "68")]
    assert [where(f) for f in findings if f.rule != "RL-NAR-001"] == [
        ("RL-T3-008", "一、本年新收政府信息公开申请数量", "总计", "70", "72", "70")
    ]


def test_a_table4_component_names_the_candidates_without_a_value(tmp_path: Path, known) -> None:  # type: ignore[no-untyped-def]
    # 结果维持 1 -> 0: the total (3) or any of the four parts (1+0+2+0 -> 0+0+2+0) may be wrong
    findings = check(tmp_path, known, {("t4", "cases", "review.upheld"): "0"})
    assert [where(f) for f in findings] == [("RL-T4-002", None, "行政复议 总计", None, None, None)]
    (f,) = findings
    assert [r.column_label for r in f.related] == [
        "行政复议 总计",
        "行政复议 结果维持",
        "行政复议 结果纠正",
        "行政复议 其他结果",
        "行政复议 尚未审结",
    ]
    assert "无法确定" in f.message and not re.search(r"应为", f.message)


def test_cells_that_cannot_absorb_the_difference_are_not_candidates(tmp_path: Path, known) -> None:  # type: ignore[no-untyped-def]
    # 结果维持 1 -> 3: the parts add up to 5 against a total of 3; a part of 0 cannot be lowered
    findings = check(tmp_path, known, {("t4", "cases", "review.upheld"): "3"})
    (f,) = findings
    assert (f.rule, f.expected) == ("RL-T4-002", None)
    assert [r.column_label for r in f.related] == ["行政复议 总计", "行政复议 结果维持", "行政复议 其他结果"]


def test_two_wrong_cells_in_different_rows_and_columns_are_both_named(tmp_path: Path, known) -> None:  # type: ignore[no-untyped-def]
    findings = check(tmp_path, known, {("t3", "public", "natural"): "28", ("t3", "deny_third", "legal"): "3"})
    assert [where(f) for f in findings] == [
        ("RL-T3-008", "（一）予以公开", "自然人", "27", "28", "27"),
        ("RL-T3-008", "4.保护第三方合法权益", "法律服务机构", "0", "3", "0"),
    ]


def test_two_cells_that_could_be_either_of_two_pairs_get_no_value(tmp_path: Path, known) -> None:  # type: ignore[no-untyped-def]
    # 自然人 and 总计 of row （一） both raised by 6: the same as row （二） raised by 6 (both rows
    # hold at least 6 in those columns), so neither pair is offered a value.
    base = {("t3", "public", "natural"): "33", ("t3", "public", "total"): "36"}
    findings = [f for f in check(tmp_path, known, base) if f.severity == "error"]
    assert {f.rule for f in findings} == {"RL-T3-008"}
    assert all(f.expected is None and f.fix is None for f in findings)
    named = {(r.row_label, r.column_label) for f in findings for r in f.related}
    assert ("（一）予以公开", "自然人") in named


def test_beyond_two_wrong_cells_the_relations_are_reported_without_a_value(tmp_path: Path, known) -> None:  # type: ignore[no-untyped-def]
    findings = check(
        tmp_path,
        known,
        {("t3", "new", "natural"): "65", ("t3", "public", "business"): "2", ("t3", "partial", "research"): "1"},
    )
    errors = [f for f in findings if f.severity == "error"]
    assert {f.rule for f in errors} == {"RL-T3-002", "RL-T3-003", "RL-T3-004"}
    assert all(f.expected is None and f.fix is None for f in errors)


def test_english_messages(tmp_path: Path, known) -> None:  # type: ignore[no-untyped-def]
    (f,) = check(tmp_path, known, {("t3", "public", "natural"): "28"}, lang="en")
    assert f.message == (
        "probably a wrong cell: it holds 28; the 2 relation(s) of table 3 it is in make it 27. "
        "row: 28+0+0+2+0+1 = 31, 总计 is 30; "
        "column: 28+5+0+0+0+0+1+0+6+1+22+0+0+0+0+0+0+0+0+0+1 = 64, （七）总计 is 63"
    )


def test_a_wrong_cell_shows_the_row_and_column_sums_that_cross_at_it(tmp_path: Path, known) -> None:  # type: ignore[no-untyped-def]
    (f,) = check(tmp_path, known, {("t3", "public", "natural"): "28"})
    assert f.rule == "RL-T3-008" and f.message == (
        "疑似填错的单元格：填写为 28，按表3的2项勾稽关系应为 27。该行：28+0+0+2+0+1 = 31，总计为 30；"
        "该列：28+5+0+0+0+0+1+0+6+1+22+0+0+0+0+0+0+0+0+0+1 = 64，（七）总计为 63"
    )


def test_a_relation_finding_shows_its_numbers(tmp_path: Path, known) -> None:  # type: ignore[no-untyped-def]
    findings = check(
        tmp_path,
        known,
        {("t3", "new", "natural"): "65", ("t3", "public", "business"): "2", ("t3", "partial", "research"): "1"},
    )
    messages = {f.message for f in findings}
    assert any(m.endswith("（列「自然人」）：65+0 = 65，63+1 = 64") for m in messages)
    assert (
        "行「一、本年新收政府信息公开申请数量」的总计应等于自然人与五类法人或其他组织之和：65+0+0+2+0+4 = 71，总计为 70"
        in messages
    )


def test_html_report_marks_the_culprit_and_its_relation_cells(tmp_path: Path, known) -> None:  # type: ignore[no-untyped-def]
    path = edit_cells(BASE, tmp_path / "changed.docx", {("t3", "public", "natural"): "28"}, known)
    page = HtmlReporter(lang="zh").render([check_file(path, Options(keep_tables=True, selection=OTHER))])
    bad = re.findall(
        r'<td [^>]*class="bad error[^"]*"[^>]*data-rules="([^"]*)"[^>]*>(\d+)<span class="expected">([^<]*)</span>',
        page,
    )
    assert bad == [("RL-T3-008", "28", "应为 27")]
    related = re.findall(r'<td id="c-\d+-\d+-(\d+)-(\d+)"[^>]*class="rel"', page)  # ids: file, block, row, cell
    assert ("6", "9") in related and ("27", "3") in related  # the row's 总计 and the column's （七）总计


FORMS = [("html", "html"), ("pdf", "pdf"), ("text", "txt")]
NAMED = {
    "fail_t3_two_cells": [
        ("RL-T3-008", "（一）予以公开", "自然人", "27", "28"),
        ("RL-T3-008", "4.保护第三方合法权益", "法律服务机构", "0", "3"),
    ],
    "fail_t3_blank_forced": [("RL-T3-005", "（一）予以公开", "自然人", "27", "")],
    "fail_t3_row_one": [("RL-T3-008", "一、本年新收政府信息公开申请数量", "总计", "70", "72")],
    "fail_t3_total_cell": [("RL-T3-008", "（七）总计", "总计", "3050", "3051")],
}


@pytest.mark.parametrize("name", sorted(NAMED))
@pytest.mark.parametrize(("folder", "ext"), [("docx", "docx"), *FORMS])
def test_each_published_form_names_the_same_cell(folder: str, ext: str, name: str) -> None:
    result = check_file(ROOT / "fixtures" / folder / f"{name}.{ext}", Options(selection=OTHER))
    assert result.error is None
    assert [
        (f.rule, f.location.row_label, f.location.column_label, f.expected, f.actual) for f in result.findings
    ] == NAMED[name]


def test_the_narrative_components_settle_which_table4_cell_is_wrong() -> None:
    """Table 4's 行政复议 19+4+3+2 ≠ 27: any of the five cells could be wrong, but the narrative's
    结果维持18件、结果纠正4件、其他结果3件、尚未审结2件 add up to the table's 总计 and name 结果维持."""
    result = check_file(ROOT / "fixtures/docx/fail_t4_narrative.docx", Options(selection=OTHER))
    (f,) = result.findings
    assert (f.rule, f.location.column_label, f.expected, f.actual, f.fix) == (
        "RL-T4-002",
        "行政复议 结果维持",
        "18",
        "19",
        "18",
    )
    assert "正文「" in f.message and "也写作 18，与更正后的值一致" in f.message
    assert f.location.block is not None and any(r.block == 7 for r in f.related)  # the sentence is its evidence


def test_without_the_narrative_the_candidates_stay_open(tmp_path: Path) -> None:
    import zipfile

    src, dst = ROOT / "fixtures/docx/fail_t4_narrative.docx", tmp_path / "silent.docx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                data = (
                    data.decode("utf-8")
                    .replace("（其中结果维持18件、结果纠正4件、其他结果3件、尚未审结2件）", "")
                    .encode("utf-8")
                )
            zout.writestr(item, data)
    (f,) = [f for f in check_file(dst, Options(selection=OTHER)).findings if f.rule == "RL-T4-002"]
    assert f.expected is None and f.fix is None and "无法确定是哪个单元格填错" in f.message


def test_a_narrative_total_that_agrees_with_the_parts_names_the_total() -> None:
    findings = check_file(ROOT / "fixtures/docx/fail_t4_sum.docx", Options(selection=OTHER)).findings
    review = next(f for f in findings if f.location.column_label == "行政复议 总计")
    assert (review.rule, review.expected, review.actual) == ("RL-T4-002", "27", "25")
    assert not any(f.rule == "RL-NAR-001" and f.actual == "27" for f in findings)  # evidence, not a finding
