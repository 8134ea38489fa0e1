"""Findings read as a reviewer writes them: a value is said once (no 「（应为 X）」 after a sentence
that says X), a quote only when it is the offending text, and no half-width punctuation inside
Chinese: over every message template and over what the fixtures' findings render to."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from linter.annotate.comments import comment_text
from linter.findings import Finding
from linter.i18n import CATALOGUE
from linter.model import Location
from linter.reporters.text import format_finding
from linter.reporters.wording import is_value, shown_quote, stated, value_note, with_note
from linter.ruleset.loader import builtin_editions, builtin_ruleset
from linter.run.check import check_file

from tests.conftest import ROOT

CJK = r"[\u3400-\u9fff「」（）《》，。；：、]"
# Half-width punctuation with Chinese on both sides (「情况: 错误」, 「自然人,商业企业」).
HALF_WIDTH = re.compile(CJK + r"\s*[,;:!?()]\s*" + CJK)
NOTE = re.compile(r"（((?:应为|实为) [^）]+)）")

FIXTURES = sorted(
    [
        *ROOT.glob("fixtures/docx/fail_*.docx"),
        *ROOT.glob("fixtures/rules/*.docx"),
        *ROOT.glob("fixtures/corpus/*.txt"),
        *ROOT.glob("fixtures/corpus/*.pdf"),
        *ROOT.glob("fixtures/inbox/*.docx"),
        *ROOT.glob("examples/*.docx"),
    ]
)


def _templates() -> list[str]:
    out = [entry["zh"] for entry in CATALOGUE.values()]
    for edition in builtin_editions():
        for rule in builtin_ruleset(edition).rules:
            out += [m["zh"] for m in rule.messages.values()]
            out += [rule.summary["zh"]]
    return out


def problems(line: str) -> list[str]:
    """What a reviewer would strike out of one rendered line."""
    found = [f"half-width punctuation: {m.group(0)!r}" for m in HALF_WIDTH.finditer(line)]
    for m in NOTE.finditer(line):
        before = line[: m.start()]
        for part in m.group(1).split("，"):
            word, _, value = part.partition(" ")
            if stated(value, before):
                found.append(f"{word} {value} said twice")
            if word == "应为" and "应为" in before.rsplit("。", 1)[-1] and stated(value, before):
                found.append(f"trailing （应为 after a sentence stating it: {value}")
    return found


def test_the_check_of_a_line_catches_what_it_is_for() -> None:
    assert problems("填写为 1289，应为 1288（应为 1288，实为 1289）") == [
        "应为 1288 said twice",
        "trailing （应为 after a sentence stating it: 1288",
        "实为 1289 said twice",
    ]
    assert problems("统计期限不是全年（应为2021年1月1日至2021年12月31日）（应为 2021年1月1日至2021年12月31日）")
    assert problems("情况: 错误") and problems("自然人,商业企业")
    assert problems("x.docx: 表3 row 3") == [] and problems("合计为 30（实为 31）") == []


@pytest.mark.parametrize("template", _templates())
def test_message_templates_use_full_width_punctuation(template: str) -> None:
    template = template.replace("「键: 值」", "")  # YAML's own syntax, quoted
    assert not HALF_WIDTH.search(re.sub(r"\{[^}]*\}", "值", template)), template
    assert "（应为 {expected}）" not in template


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: str(p.relative_to(ROOT)))
def test_fixture_findings_say_each_value_once(path: Path) -> None:
    result = check_file(path)
    for f in result.findings:
        line = format_finding(result.path, f, "zh")
        assert problems(line) == [], line
        comment = "\n".join("".join(text for text, _ in para) for para in comment_text(f, None, "zh"))
        assert problems(comment) == [], comment
        if f.expected is not None and stated(f.expected, f.message):
            assert value_note(f, "zh") == "" or f.expected not in value_note(f, "zh")


def test_values_only_and_only_those_the_sentence_leaves_out() -> None:
    loc = Location(section="三、收到和处理政府信息公开申请情况", table=3, row_label="（七）总计", block=2, row=5, col=3)
    said = Finding("RL-T3-008", "x", "error", "填写为 3051，按表3的3项勾稽关系应为 3050", loc, "3050", "3051")
    assert value_note(said, "zh") == ""
    bare = Finding("RL-T3-004", "x", "error", "列「商业企业」的（七）总计应等于各项之和", loc, "30", "31")
    assert value_note(bare, "zh") == "（应为 30，实为 31）" and with_note(bare, "en").endswith(
        " (expected 30, found 31)"
    )
    # 30 is not stated by 3050; a bound or a list is not a value to type in.
    assert not stated("30", "应为 3050") and stated("6", "报告包括六个部分")
    assert not is_value("<= 21") and not is_value("工作考核、社会评议") and is_value("2021年1月1日")
    bound = Finding("RL-T3-007", "x", "warning", "之和（26）超过了（20）", loc, "<= 20", "26")
    assert value_note(bound, "zh") == ""


def test_a_heading_that_only_anchors_a_finding_is_not_quoted() -> None:
    heading = Location(section="一、总体情况", block=3, text="一、总体情况")
    f = Finding(
        "RL-S1-002",
        "x",
        "warning",
        "未写明工作考核、社会评议和责任追究情况（各级人民政府的报告须写明）",
        heading,
        "工作考核、社会评议、责任追究",
    )
    assert shown_quote(f, "zh") == "" and value_note(f, "zh") == ""
    para = Location(section="六、其他需要报告的事项", block=9, text="依据《办法》，2020年本机关未收取信息处理费。")
    g = Finding("RL-META-001", "x", "warning", "信息处理费的说明写的是2020年，而报告年度是2021年", para, "2021", "2020")
    assert shown_quote(g, "zh") == "原文「依据《办法》，2020年本机关未收取信息处理费。」"


def test_content_findings_name_what_is_missing_as_a_sentence() -> None:
    result = check_file(ROOT / "fixtures/corpus/2023_huaian_hongze_qu.pdf")
    (f,) = [f for f in result.findings if f.rule == "RL-S1-002"]
    assert f.message == "未写明工作考核、社会评议和责任追究情况（各级人民政府的报告须写明）"
    assert f.expected == "工作考核、社会评议、责任追究"  # the JSON keeps its value
    line = format_finding("r.pdf", f, "zh")
    assert "原文" not in line and "（应为" not in line


def _every_output(paths: list[Path], show: bool, tmp: Path) -> dict[str, str]:
    """What a person reads: the text, HTML and CSV reports, the xlsx cells and the Word comments."""
    import io

    from openpyxl import load_workbook

    from linter.annotate.comments import annotate_file
    from linter.reporters import get_reporter
    from linter.run.check import Options
    from tests.annotations import read_comments

    results = [check_file(p, Options(keep_tables=True)) for p in paths]
    out: dict[str, str] = {}
    for fmt in ("text", "html", "csv"):
        reporter = get_reporter(fmt)(lang="zh")
        reporter.show_positions = show
        out[fmt] = reporter.render(results)
    xlsx = get_reporter("xlsx")(lang="zh")
    xlsx.show_positions = show
    book = load_workbook(io.BytesIO(xlsx.render(results)))  # type: ignore[arg-type]
    out["xlsx"] = "\n".join(str(c.value) for sheet in book for row in sheet.iter_rows() for c in row if c.value)
    comments = []
    for i, p in enumerate(paths):
        if p.suffix == ".docx":
            dst = tmp / f"{i}.docx"
            annotate_file(p, dst, Options(show_positions=show))
            comments += [c.text for c in read_comments(dst)]
    out["comments"] = "\n".join(comments)
    return out


INJECTED = sorted([*ROOT.glob("fixtures/docx/fail_*.docx"), ROOT / "fixtures/corpus/2023_huaian_hongze_qu.pdf"])


def test_no_internal_positions_unless_asked_for(tmp_path: Path) -> None:
    plain = _every_output(INJECTED, False, tmp_path)
    for fmt, text in plain.items():
        assert "块" not in text and "列-" not in text, fmt
    assert "（第3页，表3第9行）" in plain["text"]  # a misspelt row label: the row said in words
    assert "表3第9行" in plain["xlsx"] and "表3第9行" in plain["html"]
    shown = _every_output(INJECTED, True, tmp_path)
    for fmt in ("text", "html", "csv", "xlsx", "comments"):
        assert "块" in shown[fmt], fmt


def test_one_separator_inside_a_candidate_cell_name() -> None:
    result = check_file(ROOT / "fixtures/corpus/2023_huaian_hongze_qu.pdf")
    (f,) = [f for f in result.findings if "无法确定" in f.message]
    assert f.message.endswith("可能是：「复议后起诉·总计」、「复议后起诉·结果维持」")
