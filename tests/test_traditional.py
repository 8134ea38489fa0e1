"""Reports written in traditional characters read as their simplified text does: the format's facts
fold every traditional form of the characters the rules and the code read by (tests/traditional.py
says which), one character for one, and what a message quotes stays as the report wrote it."""

from __future__ import annotations

from pathlib import Path

import pytest

from linter.recognise.normalize import fold_traditional, label_key
from linter.ruleset.facts import format_facts
from linter.run.check import check_file
from tests.conftest import ROOT
from tests.traditional import also_simplified, missing

TEXT = ROOT / "fixtures" / "text"


def test_every_traditional_form_of_the_rules_characters_is_folded() -> None:
    pytest.importorskip("opencc")
    assert missing(dict(format_facts().traditional)) == {}  # `python tests/traditional.py` prints them


def test_no_folded_form_is_a_simplified_character_of_its_own() -> None:
    # 乾 is 干 in traditional writing but a word of its own in simplified: folding it would confuse two words
    assert [t for t in format_facts().traditional if also_simplified(t)] == []


def test_the_fold_keeps_every_offset() -> None:
    text = "一、總體情況　第二十條第（一）項規章 法人或其他組織 結果維持 屬於國家秘密 乾坤"
    folded = fold_traditional(text)
    assert folded == "一、总体情况　第二十条第（一）项规章 法人或其他组织 结果维持 属于国家秘密 乾坤"
    assert len(folded) == len(text)
    assert label_key("（二）部分公開（區分處理的，只計這一情形，不計其他情形）") == label_key(
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
    )


def _rows(path: Path) -> list[tuple[object, ...]]:
    result = check_file(path)
    assert result.error is None
    return sorted(
        (
            f.rule,
            f.location.section,
            f.location.table,
            f.location.row_label,
            f.location.column_label,
            f.location.block,
            f.location.row,
            f.location.col,
            f.location.line,
            f.location.column,
            f.expected,
            f.actual,
        )
        for f in result.findings
    )


def test_a_report_in_traditional_characters_gives_its_simplified_sources_findings() -> None:
    source, traditional = TEXT / "fail_t4_sum.txt", TEXT / "traditional_fail_t4_sum.txt"
    assert "總體情況" in traditional.read_text(encoding="utf-8")
    rows = _rows(traditional)
    assert rows == _rows(source)
    assert {r[0] for r in rows} == {"RL-NAR-001", "RL-T4-002", "RL-S1-002"}


def test_messages_quote_the_report_as_it_is_written() -> None:
    result = check_file(TEXT / "traditional_fail_t4_sum.txt")
    [narrative] = [f for f in result.findings if f.rule == "RL-NAR-001"]
    assert "「全年因政府信息公開工作被申請行政復議27件，被提起行政訴訟21件。」" in narrative.message
    assert narrative.location.text == "全年因政府信息公開工作被申請行政復議27件，被提起行政訴訟21件。"


def test_a_title_after_a_breadcrumb_in_traditional_characters_names_its_body() -> None:
    from linter.model import Document, Paragraph
    from linter.recognise.metadata import body_kind, identify

    text = "當前位置：首頁 > 信息公開年報 平潭綜合實驗區2021年度政府信息公開工作年度報告"
    title = identify(Document("r.txt", "text", (Paragraph(0, text),))).title
    assert title is not None and (title.body, title.year) == ("平潭綜合實驗區", 2021)
    assert body_kind(title.body) == "government"
