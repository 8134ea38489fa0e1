"""Derive one small .docx fixture per rule case from the generated real-template fixtures.

Each case is a base fixture plus a few edits of word/document.xml (paragraph text, table cells
addressed by format labels, removed rows). Run: ``python tests/rulecases/build.py [OUTDIR]``;
the expected findings live next to each output in ``*.expected.yaml`` (written by hand, checked
by tests/test_fixtures.py).
"""

from __future__ import annotations

import copy
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

from lxml import etree

ROOT = Path(__file__).resolve().parents[2]  # a script: before tests is importable
sys.path.insert(0, str(ROOT))

from linter.run.check import Options  # noqa: E402
from linter.recognise.edition import choose_edition, table_evidence  # noqa: E402
from linter.recognise.metadata import identify  # noqa: E402
from linter.readers import read_document  # noqa: E402
from linter.recognise.report import recognise  # noqa: E402
from linter.ruleset.loader import builtin_ruleset  # noqa: E402

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NS = {"w": W[1:-1]}
FIXTURES = ROOT / "fixtures"

Edit = Callable[[etree._Element, Path], None]


def _visible_ts(el: etree._Element) -> list[etree._Element]:
    return [t for t in el.iter(W + "t") if not any(a.tag in (W + "del", W + "moveFrom") for a in t.iterancestors())]


def _set_text(el: etree._Element, text: str) -> None:
    ts = _visible_ts(el)
    ts[0].text = text
    for t in ts[1:]:
        t.text = ""


def _paragraphs(root: etree._Element, contains: str) -> list[etree._Element]:
    body = root.find(W + "body")
    return [
        p
        for p in body.iter(W + "p")
        if contains in "".join(t.text or "" for t in _visible_ts(p))
        and p.getparent().tag != W + "tc"
        and not any(a.tag == W + "tc" for a in p.iterancestors())
    ]


def para_text(contains: str, text: str) -> Edit:
    def edit(root: etree._Element, src: Path) -> None:
        (p,) = _paragraphs(root, contains)
        _set_text(p, text)

    return edit


def replace_in_paragraphs(old: str, new: str) -> Edit:
    def edit(root: etree._Element, src: Path) -> None:
        for p in _paragraphs(root, ""):
            for t in _visible_ts(p):
                if t.text and old in t.text:
                    t.text = t.text.replace(old, new)

    return edit


def remove_paragraphs(*contains: str) -> Edit:
    def edit(root: etree._Element, src: Path) -> None:
        for c in contains:
            for p in _paragraphs(root, c):
                p.getparent().remove(p)

    return edit


def append_paragraph(after_contains: str, text: str) -> Edit:
    def edit(root: etree._Element, src: Path) -> None:
        anchor = _paragraphs(root, after_contains)[-1]
        p = copy.deepcopy(anchor)
        _set_text(p, text)
        anchor.addnext(p)

    return edit


def _report(src: Path):
    doc = read_document(src)
    return recognise(
        doc, builtin_ruleset(choose_edition(identify(doc).year, table_evidence(doc, Options().editions())))
    )


def _cell_xpath(src: Path, table: str, row: str, col: str) -> str:
    report = _report(src)
    found = next(r for r in report.tables[table].rows if r.key == row)
    return found.cells[col].xpath


def cell(table: str, row: str, col: str, text: str) -> Edit:
    def edit(root: etree._Element, src: Path) -> None:
        (tc,) = root.xpath(_cell_xpath(src, table, row, col), namespaces=NS)
        _set_text(tc, text)

    return edit


def header_text(old: str, new: str) -> Edit:
    def edit(root: etree._Element, src: Path) -> None:
        for t in root.iter(W + "t"):
            if t.text and old in t.text:
                t.text = t.text.replace(old, new)

    return edit


def remove_row(table: str, row: str) -> Edit:
    def edit(root: etree._Element, src: Path) -> None:
        report = _report(src)
        found = next(r for r in report.tables[table].rows if r.key == row)
        xpath = next(c for c in found.cells.values() if c is not None).xpath
        (tc,) = root.xpath(xpath, namespaces=NS)
        tr = tc.getparent()
        tr.getparent().remove(tr)

    return edit


@dataclass(frozen=True)
class Case:
    name: str
    base: str  # relative to fixtures/
    edits: tuple[Edit, ...] = field(default_factory=tuple)
    note: str = ""


NEXT_YEAR = (replace_in_paragraphs("2021", "2022"),)
CASES = [
    Case(
        "ver_2021_tables_2020_year.docx",
        "docx/filled_2021.docx",
        (replace_in_paragraphs("2021", "2020"),),
        "report year 2020 (2019 format required) but 2021-format tables",
    ),
    Case(
        "tpl_residue.docx",
        "docx/filled_2021.docx",
        (
            para_text("（一）存在的主要问题", "（文字描述）"),
            para_text("平潭综合实验区2021年度政府信息公开工作年度报告", "XX区2021年度政府信息公开工作年度报告"),
        ),
        "placeholder paragraph in section 五; XX in the title",
    ),
    Case(
        "meta_period.docx",
        "docx/filled_2021.docx",
        (para_text("统计期限", "本报告所列数据的统计期限自2020年1月1日起至2020年12月31日止。"),),
        "statistics period 2020 under a 2021 title",
    ),
    Case(
        "meta_fee_year.docx",
        "docx/filled_2021.docx",
        (para_text("信息处理费管理办法", "依据《政府信息公开信息处理费管理办法》，2020年本机关未收取信息处理费。"),),
        "section 六 fee statement names 2020 in a 2021 report",
    ),
    Case("meta_filename_2019.docx", "docx/filled_2021.docx", (), "a 2021 report in a file named 2019"),
    Case(
        "meta_late.docx",
        "docx/filled_2021.docx",
        (append_paragraph("如对本报告有任何疑问", "2022年4月15日"),),
        "dated 2022-04-15, after 3月31日",
    ),
    Case(
        "meta_late_department.docx",
        "docx/filled_2021.docx",
        (
            replace_in_paragraphs("平潭综合实验区", "平潭综合实验区住房和城乡建设局"),
            append_paragraph("如对本报告有任何疑问", "2022年2月15日"),
        ),
        "a department (局) dated 2022-02-15, after 1月31日",
    ),
    Case(
        "s1_missing_aspects.docx",
        "docx/filled_2021.docx",
        (remove_paragraphs("（四）平台建设方面", "（五）监督保障方面"),),
        "section 一 without 平台建设 and 监督保障",
    ),
    Case(
        "s1_government.docx",
        "docx/filled_2021.docx",
        (replace_in_paragraphs("平潭综合实验区", "平潭县人民政府"),),
        "a government (人民政府) report without 社会评议 / 责任追究",
    ),
    Case(
        "s1_government_ok.docx",
        "docx/filled_2021.docx",
        (
            replace_in_paragraphs("平潭综合实验区", "平潭县人民政府"),
            append_paragraph("（五）监督保障方面", "全年开展政务公开工作考核和社会评议，未发生需要责任追究的情形。"),
        ),
        "a government report that states 工作考核、社会评议、责任追究",
    ),
    Case(
        "s5_empty.docx",
        "docx/filled_2021.docx",
        (remove_paragraphs("（一）存在的主要问题", "（二）改进措施"),),
        "section 五 has no text",
    ),
    Case(
        "s5_vague.docx",
        "docx/filled_2021.docx",
        (remove_paragraphs("（二）改进措施"), para_text("（一）存在的主要问题", "本年度各项工作总体顺利。")),
        "section 五 names neither problems nor measures",
    ),
    Case(
        "s6_no_fee.docx",
        "docx/filled_2021.docx",
        (para_text("信息处理费管理办法", "无。"),),
        "section 六 without the 信息处理费 statement",
    ),
    Case("s6_items.docx", "docx/filled_2021.docx", (), "opt-in RL-S6-002: section 六 has none of the optional items"),
    Case(
        "s6_items_ok.docx",
        "docx/filled_2021.docx",
        (
            append_paragraph(
                "信息处理费管理办法", "（一）2021年度政务公开工作要点落实情况。全面完成年度工作要点各项任务。"
            ),
            append_paragraph("工作要点落实情况", "（二）人大代表建议和政协提案办理结果公开情况。办理结果均已公开。"),
            append_paragraph("提案办理结果公开情况", "（三）政务公开工作创新情况。试点“政务公开+”服务。"),
        ),
        "opt-in RL-S6-002: section 六 with the three optional items",
    ),
    Case(
        "str_variants.docx",
        "docx/filled_2021.docx",
        (
            para_text("四、政府信息公开行政复议", "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况"),
            para_text("五、存在的主要问题", "五、政府信息公开工作存在的主要问题及改进情况"),
        ),
        "statute-style headings for 四 and 五",
    ),
    Case("t2_missing_row.docx", "docx/filled_2021.docx", (remove_row("t2", "coercion"),), "table 2 without 行政强制"),
    Case(
        "t2_values.docx",
        "docx/filled_2021.docx",
        (
            cell("t2", "fee", "fee.amount", "242523100元"),
            cell("t2", "permit", "permit.decisions", "2,293"),
            cell("t2", "penalty", "enforce.decisions", "无"),
            header_text("本年收费金额（单位：万元）", "本年收费金额"),
        ),
        "fee in 元, thousands separator, 无, header without unit",
    ),
    Case(
        "t3_row_typo.docx",
        "docx/filled_2021.docx",
        (header_text("2.其他法律行政法规禁止公开", "2.其他法律行政止公开"),),
        "a misprinted table-3 row label (as in the published 洪泽 2023 report): read as that row, one warning",
    ),
    Case(
        "t3_results_exceed.docx",
        "docx/filled_2021.docx",
        (cell("t3", "public", "natural", "35"), cell("t3", "public", "total", "38")),
        "（一）予以公开 自然人 27→35 (总计 30→38): the result rows exceed 一+二",
    ),
    Case(
        "ver_2019_tables_2021_year.docx",
        "corpus_docx/2020_dongtou_zhujianju.docx",
        (replace_in_paragraphs("2020", "2021"),),
        "the 2020 洞头 report relabelled 2021: 2019-format tables",
    ),
    Case(
        "t2_oldformat_missing_row.docx",
        "corpus_docx/2020_dongtou_zhujianju.docx",
        (remove_row("t2", "other_services"),),
        "2019 table 2 without 其他对外管理服务事项",
    ),
    Case(
        "t2_oldformat_values.docx",
        "corpus_docx/2020_dongtou_zhujianju.docx",
        (cell("t2", "permit", "permit.change", "减三"), cell("t2", "penalty", "enforce.decisions", "7.5")),
        "2019 table 2: 本年增/减 「减三」 and a decision count 「7.5」",
    ),
    Case(
        "t2_oldformat_clean.docx",
        "corpus_docx/2020_dongtou_zhujianju.docx",
        (cell("t2", "purchase", "purchase.amount", "609725.09"),),
        "洞头 2020 with the amount written without 「元」: a clean 2019-format table 2",
    ),
    Case(
        "t2_oldformat_cross_year.docx",
        "corpus_docx/2020_pingtan_zhqsyq.docx",
        (cell("t2", "permit", "permit.previous", "400"),),
        "平潭 2020 with 行政许可 上一年项目数量 396→400; previous = 平潭 2019 (396, 增减 0)",
    ),
    Case(
        "x001_2022.docx",
        "docx/filled_2021.docx",
        NEXT_YEAR,
        "the 2021 report relabelled 2022; checked with previous = filled_2021.docx: 上年结转 0 ≠ last year's 结转 1",
    ),
    Case(
        "x001_ok_2022.docx",
        "docx/filled_2021.docx",
        NEXT_YEAR
        + (
            cell("t3", "carried", "natural", "1"),
            cell("t3", "carried", "total", "1"),
            cell("t3", "next_year", "natural", "2"),
            cell("t3", "next_year", "total", "2"),
            cell("t2", "normative", "reg.valid", "731"),
            replace_in_paragraphs("上年结转0件", "上年结转1件"),
            replace_in_paragraphs("1件结转下年度", "2件结转下年度"),
            replace_in_paragraphs("现行有效665件", "现行有效731件"),
            append_paragraph("（二）改进措施", "（三）2022年将重点推进基层政务公开标准化规范化建设。"),
        ),
        "a consistent 2022 follow-up of filled_2021.docx (previous year)",
    ),
    # ---- the narrative read as a reviewer does (figures, period, parts, documents cited) ----------
    Case(
        "nar_results_ok.docx",
        "docx/filled_2021.docx",
        (
            append_paragraph(
                "（二）依申请公开方面",
                "从办理结果看，予以公开30件，占43.48%；部分公开5件，占7.25%；予以公开及部分公开共35件；"
                "不予公开8件；因本机关不掌握等原因无法提供25件；不予处理0件；其他处理1件。"
                "被申请行政复议3件，其中结果维持1件、其他结果2件；被提起行政诉讼12件，结果维持12件。",
            ),
        ),
        "every result category quoted as table 3 and table 4 give it (shares of （七）总计 69)",
    ),
    Case(
        "nar_results_off.docx",
        "docx/filled_2021.docx",
        (
            append_paragraph(
                "（二）依申请公开方面",
                "从办理结果看，予以公开30件，占45%；予以公开及部分公开36件，因本机关不掌握等原因无法提供27件。"
                "被申请行政复议3件，其中结果维持2件、其他结果1件。",
            ),
        ),
        "予以公开 30/69 printed 45% (43%); 予以公开及部分公开 36 (（一）+（二） = 35); 无法提供 27 (25); 复议维持 2 (1), 其他结果 1 (2)",
    ),
    Case(
        "nar_accepted_off.docx",
        "corpus_docx/2020_dongtou_zhujianju.docx",
        (
            append_paragraph(
                "依申请公开政府信息2条", "2020年共受理政府信息公开申请3件，受理的申请件已按规定在法定期限内予以答复。"
            ),
        ),
        "洞头 2020 saying 受理3件 where table 3 row 一 (and 一 + 二) gives 2",
    ),
    Case(
        "nar_change_ok.docx",
        "corpus_docx/2022_pingtan_zhqsyq.docx",
        (replace_in_paragraphs("收到政府信息公开申请75件，", "收到政府信息公开申请75件，同比增长7.1%，"),),
        "平潭 2022, 收到75件 (一 + 二) 同比增长7.1% against 平潭 2021's 70",
    ),
    Case(
        "nar_change_off.docx",
        "corpus_docx/2022_pingtan_zhqsyq.docx",
        (replace_in_paragraphs("收到政府信息公开申请75件，", "收到政府信息公开申请75件，同比增长15%，"),),
        "平潭 2022, 收到75件 同比增长15%: 74/70 is +6%, 75/70 +7%",
    ),
    Case(
        "meta_period_malformed.docx",
        "docx/filled_2021.docx",
        (para_text("统计期限", "本报告中所列数据统计期限自20211月1日至202112月31日止。"),),
        "statistics period with 年 dropped: 「20211月1日」",
    ),
    Case(
        "meta_period_partial.docx",
        "docx/filled_2021.docx",
        (para_text("统计期限", "本报告所列数据的统计期限自2021年1月1日起至2021年6月30日止。"),),
        "statistics period of half the year",
    ),
    Case(
        "meta_period_reversed.docx",
        "docx/filled_2021.docx",
        (para_text("统计期限", "本报告所列数据的统计期限自2021年12月31日起至2021年1月1日止。"),),
        "statistics period ending before it starts",
    ),
    Case(
        "str_parts_five.docx",
        "corpus_docx/2021_pingtan_zhqsyq.docx",
        (
            replace_in_paragraphs(
                "、政府信息公开工作存在的主要问题及改进情况和其他需要报告的事项等六个部分",
                "和其他需要报告的事项等六个部分",
            ),
        ),
        "平潭 2021 preamble announcing 六个部分 and listing five",
    ),
    Case(
        "cite_title.docx",
        "corpus_docx/2021_pingtan_zhqsyq.docx",
        (replace_in_paragraphs("根据《中华人民共和国政府信息公开条例》", "根据《中华人民共和国信息公开条例》"),),
        "平潭 2021 naming the regulation 《中华人民共和国信息公开条例》",
    ),
    Case(
        "cite_undefined.docx",
        "docx/filled_2021.docx",
        (replace_in_paragraphs("认真贯彻落实《中华人民共和国政府信息公开条例》", "认真贯彻落实《条例》"),),
        "《条例》 used without the full title ever being given",
    ),
    Case(
        "cite_notice.docx",
        "corpus_docx/2022_pingtan_zhqsyq.docx",
        (
            replace_in_paragraphs(
                "《国务院办公厅政府信息与政务公开办公室关于印发<中华人民共和国政府信息公开工作年度报告格式>的通知》（国办公开办函〔2021〕30号）",
                "《国务院办公厅政府信息与政务公开办公室关于政府信息公开工作年度报告有关事项的通知》（国办公开办函〔2019〕60号）",
            ),
        ),
        "平潭 2022 citing the 2019 format notice (60号), as 平潭 2020 does",
    ),
]


def build(case: Case, out: Path) -> Path:
    src = FIXTURES / case.base
    target = out / case.name
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "word/document.xml":
                root = etree.fromstring(data)
                for edit in case.edits:
                    edit(root, src)
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            zout.writestr(info, data)
    return target


def main(argv: Optional[list[str]] = None) -> None:
    args = argv if argv is not None else sys.argv[1:]
    out = Path(args[0]) if args else ROOT / "fixtures" / "rules"
    out.mkdir(parents=True, exist_ok=True)
    only = set(args[1:])  # optional case names: build just those
    for case in CASES:
        if not only or case.name in only:
            build(case, out)


if __name__ == "__main__":
    main()
