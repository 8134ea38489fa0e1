"""The reconciliation over findings, for any rule whose finding on a sentence names the table cell
it compares with (RL-NAR-001 and narrative rules written later alike)."""

from __future__ import annotations

from linter.checks import Draft, Traits
from linter.findings import Finding
from linter.model import Location
from linter.engine.reconcile import reconcile

CELL = Location(table=3, row_label="一、本年新收政府信息公开申请数量", column_label="总计", block=28, row=4, col=8)
OTHER = Location(table=3, row_label="二、上年结转政府信息公开申请数量", column_label="总计", block=28, row=5, col=8)
SENTENCE = Location(block=7, text="共收到政府信息公开申请70件")
QUOTE = Traits()  # a kind about the text, as any later narrative kind
LOCALIZE = Traits(judges_table=True)


def culprit(fix: str = "70", actual: str = "72") -> tuple[Finding, Draft, Traits]:
    f = Finding("RL-T3-008", "requests.wrong-cell", "error", "疑似填错", CELL, fix, actual, (OTHER,), fix=fix)
    return f, Draft("culprit", CELL, fix=fix), LOCALIZE


def quote(quoted: str, table_value: str = "72", cells: tuple[Location, ...] = (CELL,)) -> tuple[Finding, Draft, Traits]:
    f = Finding(
        "RL-NAR-009",
        "content.quote",
        "warning",
        f"正文为{quoted}，表中为{table_value}",
        SENTENCE,
        table_value,
        quoted,
        cells,
    )
    return f, Draft("mismatch", SENTENCE), QUOTE


def test_a_sentence_that_agrees_with_the_correction_is_evidence_not_a_finding() -> None:
    (cell,) = reconcile([culprit(), quote("70")], "zh")
    assert cell.rule == "RL-T3-008" and cell.related == (OTHER, SENTENCE)
    assert cell.message == "疑似填错；正文「共收到政府信息公开申请70件」也写作 70，与更正后的值一致"


def test_a_sentence_that_agrees_with_neither_is_given_the_corrected_value() -> None:
    _cell, sentence = reconcile([culprit(), quote("68")], "en")
    assert (sentence.expected, sentence.actual) == ("70", "68")
    assert sentence.message.endswith("(the table's figure is probably wrong; its relations make it 70)")


def test_a_sum_of_cells_is_corrected_by_the_located_cell_only() -> None:
    # the sentence quotes 一 + 二 (72 + 3 = 75 printed); with 一 corrected to 70 the sum is 73
    (cell,) = reconcile([culprit(), quote("73", "75", (CELL, OTHER))], "zh")
    assert cell.related[-1] == SENTENCE


def test_a_sentence_compared_with_candidate_cells_gets_no_value() -> None:
    candidates = Finding("RL-T4-002", "appeals.wrong-cell", "error", "无法确定", OTHER, None, None, (CELL, OTHER))
    sentence = quote("27")
    out = reconcile([(candidates, Draft("candidates", OTHER, uncertain=True), LOCALIZE), sentence], "zh")
    assert [(f.rule, f.expected) for f in out] == [("RL-T4-002", None), ("RL-NAR-009", None)]


def test_nothing_changes_without_a_located_cell() -> None:
    items = [quote("70")]
    assert reconcile(items, "zh") == [items[0][0]]
