"""Make fixtures/wording/: reports as bodies really word and lay them out, each made from
fixtures/text/filled_2021.txt (a clean 2021 report as text) by the edits described beside it.
Run once by hand; the outputs are committed with their reviewed sidecars.

    python tests/fixturegen/build_wording.py
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]  # a script: before tests is importable
SOURCE = ROOT / "fixtures" / "text" / "filled_2021.txt"
OUT = ROOT / "fixtures" / "wording"

PREAMBLE = "本报告所列数据的统计期限自2021年1月1日起至2021年12月31日止。"
HEADINGS = {
    "四": "四、政府信息公开行政复议、行政诉讼情况",
    "五": "五、存在的主要问题及改进情况",
    "六": "六、其他需要报告的事项",
}


def parts_sentence(four: str, five: str, six: str) -> str:
    return f"本报告包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、{four}、{five}、{six}等六部分。"


def headings(four: str = "", five: str = "", six: str = "", listed: bool = True) -> Callable[[str], str]:
    """The report with parts 四–六 headed as a body wrote them, and the preamble listing them so."""

    def edit(text: str) -> str:
        for number, new in (("四", four), ("五", five), ("六", six)):
            if new:
                text = text.replace(HEADINGS[number] + "\n", f"{number}、{new}\n", 1)
        if listed:
            names = [new or HEADINGS[n][2:] for n, new in (("四", four), ("五", five), ("六", six))]
            text = text.replace(PREAMBLE, PREAMBLE + "\n" + parts_sentence(*names), 1)
        return text

    return edit


def no_heading_five(text: str) -> str:
    """Part 五 without its heading line: table 4 runs straight into its first subheading."""
    text = text.replace(HEADINGS["五"] + "\n", "", 1)
    text = text.replace("（一）存在的主要问题：", "（一）2020年工作中存在问题的改进情况\n", 1)
    text = text.replace("（二）改进措施：", "（二）2021年工作中存在的主要问题和改进措施\n", 1)
    names = [h[2:] for h in HEADINGS.values()]
    return text.replace(PREAMBLE, PREAMBLE + "\n" + parts_sentence(*names), 1)


def cites(sentence: str) -> Callable[[str], str]:
    """The preamble saying which documents the report follows."""
    return lambda text: text.replace(PREAMBLE, sentence + PREAMBLE, 1)


def tables_run_together(text: str) -> str:
    """Each table's cells run together on one line, as portals' text views print them: header
    words, then each row's label and figures with nothing between them."""
    out: list[str] = []
    region: list[str] = []
    for line in text.split("\n") + [""]:
        if (
            line.startswith("\t")
            or (region and not line.strip())
            or (region and line and not line[0].isspace() and len(line) < 8)
        ):
            region.append(line)
            continue
        if region:
            out.append("".join(cell.strip() for cell in region))
            region = []
        out.append(line)
    return "\n".join(out[:-1])


def single_digit_appeals(total: str) -> Callable[[str], str]:
    """Table 4 with one-digit figures (2 lawsuits instead of 12, and the 行政复议 总计 as ``total``),
    the narrative saying 2, and every table run together: table 4 is its header words and 15 digits."""

    def edit(text: str) -> str:
        start = text.index("四、政府信息公开行政复议")
        head, tail = text[:start], text[start:]
        tail = tail.replace("\t3\n\t12\n", f"\t{total}\n\t2\n", 1).replace("\t12\n", "\t2\n", 1)
        head = head.replace("被提起行政诉讼12件", "被提起行政诉讼2件")
        return tables_run_together(head + tail)

    return edit


def fee_named_otherwise(text: str) -> str:
    """The fee statement naming 「信息公开处理费」, and the report signed and dated on the same line."""
    return text.replace(
        "依据《政府信息公开信息处理费管理办法》，2021年本机关未收取信息处理费。",
        "2021年，本机关未收取信息公开处理费。 平潭综合实验区政务公开办公室 2022年1月20日",
        1,
    )


def markdown(text: str) -> str:
    """The report as a PDF-to-Markdown converter writes it: 「## 」 before each part's heading,
    each table as a pipe table (one row a line, a rule after the first)."""
    out: list[str] = []
    row: list[str] = []
    table: list[str] = []

    def end_row() -> None:
        if row:
            table.append("| " + " | ".join(row) + " |")
            if len(table) == 1:
                table.append("|" + "---|" * len(row))
            row.clear()

    for line in text.split("\n") + [""]:
        if line.startswith("\t"):
            row.append(line.strip())
            continue
        if not line.strip() and (row or table):
            end_row()
            continue
        if row and line and not line[0].isspace() and len(line) < 8:
            row[-1] += line.strip()  # a line break inside a cell
            continue
        end_row()
        if table:
            out.extend(table + [""])
            table.clear()
        out.append("## " + line if line[:2] in HEADING_NUMBERS else line)
    return "\n".join(out[:-1])


HEADING_NUMBERS = ("一、", "二、", "三、", "四、", "五、", "六、")


def other_handling_one_row(total: str) -> Callable[[str], str]:
    """（六）其他处理 as the 2019 format printed it, one row (1 自然人, the 总计 ``total``), in a 2021
    report: the row stands for the group, so a wrong cell in it is still found."""

    def edit(text: str) -> str:
        start = text.index("\t（六）其他处理\n")
        end = text.index("\t（七）总计")
        row = "\t（六）其他处理\n" + "".join(f"\t{v}\n" for v in ("1", "0", "0", "0", "0", "0", total)) + "\n"
        return text[:start] + row + text[end:]

    return edit


VARIANTS: dict[str, Callable[[str], str]] = {
    # 「办结依申请69件，其中公开答复30件」: 69 concluded (not 30), 30 disclosed, as table 3 says.
    "narrative_concluded": lambda text: text.replace("依法依规办结69件", "办结依申请69件，其中公开答复30件", 1),
    "other_handling_one_row": other_handling_one_row("1"),
    "other_handling_one_row_wrong_total": other_handling_one_row("2"),
    # Markdown as PDF converters write it: every part and table read as in the text.
    "markdown": markdown,
    "fee_named_otherwise": fee_named_otherwise,
    # Every table run together with multi-digit figures (「规章000行政规范性文件693665」): no row
    # fits one split only, so each table is RL-PARSE-001, never 「缺少表N」.
    "run_together": tables_run_together,
    # Table 4 as 15 single digits after its header words: read, and its sums checked.
    "run_together_appeals": single_digit_appeals("3"),
    "run_together_appeals_wrong_total": single_digit_appeals("4"),
    # A 2021 report citing the superseded format by its title: RL-CITE-002.
    "cite_trial_format_title": cites(
        "本报告根据《中华人民共和国政府信息公开条例》和《中华人民共和国政府信息公开工作年度报告格式（试行）》要求编制。"
    ),
    # The same by the notice that issued it (title nested in 〈〉, and its number): one finding.
    "cite_trial_format_notice": cites(
        "本报告按照《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开"
        "工作年度报告格式（试行）〉的通知》（国办公开办函〔2019〕60号）编制。"
    ),
    # The right format, cited both ways: nothing to report.
    "cite_current_format": cites(
        "本报告按照《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开"
        "工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）编制。"
    ),
    # 「整改措施」 and 「其他需报告的事项」; heading 四 and the preamble join with 「与」.
    "worded_rectification": headings(
        "政府信息公开行政复议与行政诉讼情况", "存在的主要问题及整改措施", "其他需报告的事项"
    ),
    "worded_next_year_plan": headings("", "存在的主要问题及明年工作计划", ""),
    "worded_measures": headings("", "存在的主要问题及改进措施", "需要说明的其他事项与附表"),
    "no_heading_five": no_heading_five,
}


def main() -> None:
    source = SOURCE.read_text(encoding="utf-8")
    OUT.mkdir(exist_ok=True)
    for name, edit in VARIANTS.items():
        text = edit(source)
        assert text != source, name
        (OUT / f"{name}.txt").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
