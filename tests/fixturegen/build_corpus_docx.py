#!/usr/bin/env python3
"""Deterministic Word (.docx) versions of the real reports in fixtures/corpus/.

Each report of fixtures/corpus/ (the 洞头区住建局 2020 text copy and the 平潭综合实验区 2019-2022 page
dumps) is rebuilt as a Word document from the real national 2021 template
(fixtures/template/2021_official_template.docx), reusing the helpers of build_docx.py:

* the narrative is the published text, taken from the corpus file at build time and split into
  paragraphs by the rules declared in its data file (tests/fixturegen/data/corpus/*.yaml);
* the tables are the template's tables (2021 edition) or tables adapted from them to the 2019
  edition layout (table 2 with five blocks and 4 value columns, table 3 with （六）其他处理 as one
  row), filled with the cell values recovered by hand and written in the data file;
* nothing is corrected: published values, defects and oddities stay as published.

The build checks that the document reproduces its source: with all whitespace removed, the text
of every section (narrative and tables alike) equals the corresponding part of the corpus file, so
every recovered digit split concatenates back to the published digit string.

Usage: build_corpus_docx.py [OUTDIR]      (default: fixtures/corpus_docx)
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from build_docx import (  # noqa: E402  (sibling script, not a package)
    DATA,
    REPO,
    RESULTS,
    T3_NEW,
    T3_PREV,
    E,
    El,
    Package,
    Report,
    TEMPLATE,
    clear_para,
    clone,
    first_rpr,
    grid_cells,
    make_run,
    position,
    qn,
    row_cells,
    row_name,
    set_cell_text,
    t3_rows,
    text_of,
    validate,
    NS,
    block_index,
)

CORPUS = REPO / "fixtures" / "corpus"
CORPUS_DATA = DATA / "corpus"
DEFAULT_OUT = REPO / "fixtures" / "corpus_docx"
REPORTS = [
    "2020_dongtou_zhujianju.yaml",
    "2019_pingtan_zhqsyq.yaml",
    "2020_pingtan_zhqsyq.yaml",
    "2021_pingtan_zhqsyq.yaml",
    "2022_pingtan_zhqsyq.yaml",
]
DUMP_SEPARATOR = "==================== 正文 ===================="
NUMERALS = "一二三四五六七八九十"
T3_COLUMNS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
T4_COLUMNS = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
T4_GROUPS = ["行政复议", "未经复议直接起诉", "复议后起诉"]
NARRATIVE = ("preamble", "一", "五", "六")  # sections holding text; 二/三/四 hold the tables
WS = re.compile(r"\s+")


def squeeze(text: str) -> str:
    """Text without any whitespace (Python's \\s, so U+00A0 and U+3000 too), for source comparisons."""
    return WS.sub("", text)


def load(name: str) -> dict:
    with open(CORPUS_DATA / name, encoding="utf-8") as f:
        return yaml.safe_load(f)


def number(v: object) -> int:
    return int(str(v).strip())


# ---------------------------------------------------------------- the source text
@dataclass
class Source:
    """A corpus file cut into the title, the six sections and the preamble, as published."""

    meta: dict  # dump header lines (标题, 发布时间, 原文链接, ...); empty for plain copies
    title: list[str]
    dropped_head: str  # portal chrome dropped before the report's first sentence
    dropped_tail: str  # portal chrome dropped after the report's last sentence
    sections: dict[str, str] = field(default_factory=dict)  # "preamble", "一" … "六" -> raw text
    paragraphs: dict[str, list[str]] = field(default_factory=dict)  # narrative sections -> paragraphs


def read_source(spec: dict) -> Source:
    raw = (CORPUS / spec["source"]).read_text(encoding="utf-8")
    heads = spec["headings"]
    if spec["form"] == "lines":  # one paragraph / table cell per line
        lines = [ln.strip() for ln in raw.splitlines()]
        start = next(i for i, ln in enumerate(lines) if ln)
        title = spec["title"]
        assert lines[start : start + len(title)] == title, (spec["source"], "title lines")
        body, meta, head, tail = "\n".join(lines[start + len(title) :]), {}, "", ""
        cut = [re.search(rf"^{re.escape(h)}$", body, re.M) for h in heads]
        bounds = [(m.start(), m.end()) for m in cut]  # (every heading must stand on its own line)
    else:  # crawler dump: metadata lines, then the whole body on one line
        header, body = raw.split(DUMP_SEPARATOR + "\n", 1)
        meta = dict(ln.split(": ", 1) for ln in header.splitlines() if ": " in ln)
        body = body.rstrip("\n")
        head = tail = ""
        if spec.get("tail"):
            assert body.endswith(spec["tail"]), (spec["source"], "tail")
            body, tail = body[: -len(spec["tail"])], spec["tail"]
        title = spec["title"]
        if spec["title_from"] == "body":  # the report's own title line opens the body
            assert body.startswith(title[0]), (spec["source"], "title in body")
            body = body[len(title[0]) :]
        else:  # the body has no title line: the page title (标题) is the document title
            assert spec["title_from"] == "metadata" and title == [meta["标题"]], (spec["source"], "标题")
        if spec.get("start"):
            at = body.index(spec["start"])
            head, body = body[:at], body[at:]
        bounds, at = [], 0
        for h in heads:
            at = body.index(h, at)
            bounds.append((at, at + len(h)))
            at += len(h)
    src = Source(meta, title, head.strip(), tail.strip())
    names = ["preamble"] + [h[0] for h in heads]
    edges = [0] + [b for pair in bounds for b in pair] + [len(body)]
    for i, name in enumerate(names):
        src.sections[name] = body[edges[2 * i] : edges[2 * i + 1]]
    for name in NARRATIVE:
        src.paragraphs[name] = split_paragraphs(src.sections[name], spec, subheads=name != "preamble")
    return src


def split_paragraphs(text: str, spec: dict, subheads: bool) -> list[str]:
    """Paragraphs of a narrative section: its lines (plain copies), or for dumps the text cut before
    each sub-heading 「（一）」「（二）」… (found in sequence) and, where the dump joined paragraphs with
    a space (spec `space_separates_paragraphs`), at every run of whitespace."""
    if spec["form"] == "lines":
        return [ln for ln in text.split("\n") if ln.strip()]
    cuts, at = [], 0
    for n in NUMERALS if subheads else "":
        at = text.find(f"（{n}）", at)
        if at < 0:
            break
        cuts.append(at)
    pieces = [text[a:b] for a, b in zip([0] + cuts, cuts + [len(text)])]
    if spec.get("space_separates_paragraphs"):
        pieces = [q for p in pieces for q in WS.split(p)]
    return [p.strip() for p in pieces if p.strip()]


# ---------------------------------------------------------------- the dataset
def t2_blocks(ds: dict) -> list[dict]:
    """Table 2 as blocks (caption, header, rows); a 2021-edition mapping gets the template's blocks."""
    if isinstance(ds["table2"], list):
        return ds["table2"]
    return [{"rows": {row: list(cols.values())}, "header": ["信息内容", *cols]} for row, cols in ds["table2"].items()]


def values(ds: dict) -> dict[tuple, str]:
    """Every table cell as {(table, row, column): text}; column labels without line breaks."""
    vals = {}
    for block in t2_blocks(ds):
        cols = [c.replace("\n", "") for c in block["header"][1:]]
        for row, cells in block["rows"].items():
            assert len(cells) == len(cols), (ds["file"], row)
            vals.update({(2, row, c): str(v) for c, v in zip(cols, cells)})
    for path, row in t3_rows(ds["table3"]):
        assert len(row) == 7, (ds["file"], path)
        vals.update({(3, row_name(path), c): str(v) for c, v in zip(T3_COLUMNS, row)})
    assert list(ds["table4"]) == T4_GROUPS, ds["file"]
    for grp, row in ds["table4"].items():
        assert len(row) == 5, (ds["file"], grp)
        vals.update({(4, grp, c): str(v) for c, v in zip(T4_COLUMNS, row)})
    return vals


def relation_failures(ds: dict) -> list[dict]:
    """Every arithmetic relation of tables 3 and 4 that does not hold (the format's relations: T3-A, T3-B, T3-C, T4)."""
    rows = {row_name(p): [number(x) for x in v] for p, v in t3_rows(ds["table3"])}
    results = {
        row_name(p): rows[row_name(p)] for p, _ in t3_rows(ds["table3"]) if p[0] == RESULTS and p[-1] != "（七）总计"
    }
    assert len(results) == (19 if ds["edition"] == 2019 else 21) and len(rows) == len(results) + 4, ds["file"]
    new, prev, done, carry = (rows[k] for k in (T3_NEW, T3_PREV, "（七）总计", "四、结转下年度继续办理"))
    out = []
    for c, col in enumerate(T3_COLUMNS):
        if new[c] + prev[c] != done[c] + carry[c]:
            out.append(
                {
                    "relation": "T3-A",
                    "row": "（七）总计",
                    "column": col,
                    "expected": new[c] + prev[c] - carry[c],
                    "actual": done[c],
                }
            )
        total = sum(r[c] for r in results.values())
        if total != done[c]:
            out.append({"relation": "T3-C", "row": "（七）总计", "column": col, "expected": total, "actual": done[c]})
    for name, r in rows.items():
        if r[6] != sum(r[:6]):
            out.append({"relation": "T3-B", "row": name, "column": "总计", "expected": sum(r[:6]), "actual": r[6]})
    for grp, raw in ds["table4"].items():
        r = [number(x) for x in raw]
        if r[4] != sum(r[:4]):
            out.append({"relation": "T4", "row": grp, "column": "总计", "expected": sum(r[:4]), "actual": r[4]})
    return out


# ---------------------------------------------------------------- building the document
def set_cell_lines(tc: El, text: str) -> None:
    """Like set_cell_text, but a '\\n' in text becomes a <w:br/> between two runs (「本年新」 br 「制作数量」)."""
    set_cell_text(tc, text)
    if "\n" in text:
        p = tc.find(qn("w:p"))
        rpr = first_rpr(p)
        first, *rest = text.split("\n")
        clear_para(p)
        runs = [make_run(part, rpr) for part in [first, *rest]]
        for r in runs[:-1]:
            r.append(E("w:br"))
        p.extend(runs)


def merge_last_two(tr: El) -> El:
    """Merge the last two cells of a row into one gridSpan 2 cell (widths added, right border kept)."""
    *_, prev, last = tr.findall(qn("w:tc"))
    pw, lw = (tc.find("w:tcPr/w:tcW", NS) for tc in (prev, last))
    pw.set(qn("w:w"), str(int(pw.get(qn("w:w"))) + int(lw.get(qn("w:w")))))
    pw.addnext(E("w:gridSpan", {"w:val": 2}))
    right = last.find("w:tcPr/w:tcBorders/w:right", NS)
    prev.find("w:tcPr/w:tcBorders", NS).replace(prev.find("w:tcPr/w:tcBorders/w:right", NS), clone(right))
    tr.remove(last)
    return prev


def table2_2019(proto: El, blocks: list[dict]) -> El:
    """The 2019 table 2 from the template's table 2: per block a caption row (gridSpan 4), a header row
    and data rows; blocks with 2 value columns merge their last value cell (gridSpan 2) in every row."""
    tbl = clone(proto)
    caption, header, data = tbl.findall(qn("w:tr"))[:3]
    for tr in tbl.findall(qn("w:tr")):
        tbl.remove(tr)
    for block in blocks:
        rows = [clone(caption), clone(header)] + [clone(data) for _ in block["rows"]]
        set_cell_text(row_cells(rows[0])[0], block["caption"])
        for tr, texts in zip(rows[1:], [block["header"]] + [[label] for label in block["rows"]]):
            for tc in row_cells(tr):
                set_cell_text(tc, "")
            if len(block["header"]) == 3:
                merge_last_two(tr)
            for tc, text in zip(row_cells(tr), texts):
                set_cell_lines(tc, text)
        tbl.extend(rows)
    return tbl


def table3_2019(proto: El, restart_before: Optional[str]) -> El:
    """The 2019 table 3 from the template's table 3: the three （六） rows become one row labelled
    「（六）其他处理」 with a gridSpan 2 label cell (a copy of the （二） row), so 「三、本年度办理结果」
    spans 20 rows. restart_before: group label of the row where the published table starts the merged
    「三、本年度办理结果」 cell a second time (the 平潭 2019/2020 pages split it 10 + 10)."""
    tbl = clone(proto)
    rows = tbl.findall(qn("w:tr"))
    six = clone(rows[6])  # （二）部分公开: vMerge continuation, label gridSpan 2, 7 values
    set_cell_text(grid_cells(six)[1][2], "（六）其他处理")
    rows[23].addprevious(six)
    for tr in rows[23:26]:
        tbl.remove(tr)
    if restart_before:
        tr = next(
            tr for tr in tbl.findall(qn("w:tr")) if any(text_of(tc) == restart_before for _, _, tc in grid_cells(tr))
        )
        first, top = grid_cells(tr)[0][2], grid_cells(rows[5])[0][2]
        first.find("w:tcPr/w:vMerge", NS).set(qn("w:val"), "restart")
        for p in first.findall(qn("w:p")):
            first.remove(p)
        first.extend(clone(p) for p in top.findall(qn("w:p")))
    return tbl


class CorpusReport(Report):
    """A corpus report built on the template: title, narrative and tables in published order."""

    def __init__(self, spec: dict) -> None:  # noqa: D107 - Report.__init__ is deliberately not called
        self.spec, self.src = spec, read_source(spec)
        self.pkg = Package(TEMPLATE)
        self.doc = self.pkg.xml("word/document.xml")
        self.body = self.doc.find(qn("w:body"))
        self.changes, self.cells, self.t3_tr = [], {}, {}
        self.ids = iter(range(1, 10**6))
        blocks = [c for c in self.body if c.tag in (qn("w:p"), qn("w:tbl"))]
        title_p, head_p, text_p = blocks[1], blocks[3], blocks[4]
        protos = {2: blocks[9], 3: blocks[22], 4: blocks[28]}
        for el in blocks:
            self.body.remove(el)
        sect = self.body.find(qn("w:sectPr"))

        def para(proto: El, text: str) -> El:
            p = clear_para(clone(proto))
            p.append(make_run(text, first_rpr(proto)))
            sect.addprevious(p)
            return p

        self.titles = [para(title_p, t) for t in self.src.title]
        self.paras: dict[str, list[El]] = {"preamble": [para(text_p, t) for t in self.src.paragraphs["preamble"]]}
        self.heads: dict[str, El] = {}
        self.tables: dict[int, El] = {}
        for n, heading in enumerate(spec["headings"], 1):
            key = heading[0]
            self.heads[key] = para(head_p, heading)
            if key in self.src.paragraphs:
                self.paras[key] = [para(text_p, t) for t in self.src.paragraphs[key]]
            else:
                self.tables[n] = self.make_table(n, protos[n])
                sect.addprevious(self.tables[n])
        # Index the cells through the labels, as build_docx.Report does, and fill in the values.
        self.values = values(spec)
        self.ds = {
            "table2": {
                row: dict(zip([c.replace("\n", "") for c in b["header"][1:]], cells))
                for b in t2_blocks(spec)
                for row, cells in b["rows"].items()
            },
            "table3_columns": T3_COLUMNS,
            "table3": spec["table3"],
            "table4_columns": T4_COLUMNS,
            "table4": spec["table4"],
        }
        for index in (self.index_table2, self.index_table3, self.index_table4):
            index()
        assert set(self.cells) == set(self.values), set(self.values) ^ set(self.cells)
        for key, text in self.values.items():
            set_cell_text(self.cells[key], text)
        self.check_against_source()

    def make_table(self, n: int, proto: El) -> El:
        if self.spec["edition"] == 2021:
            return clone(proto)
        if n == 2:
            return table2_2019(proto, self.spec["table2"])
        if n == 3:
            return table3_2019(proto, self.spec.get("t3_label_restart_before"))
        return clone(proto)

    def check_against_source(self) -> None:
        """Whitespace aside, every section of the document reads exactly as in the corpus file."""
        for key, text in self.src.sections.items():
            els = self.paras.get(key, [])
            if key != "preamble":
                n = "一二三四五六".index(key) + 1
                els = [self.heads[key]] + els + ([self.tables[n]] if n in self.tables else [])
            got = "".join(text_of(el) for el in els)
            want = (self.spec["headings"][n - 1] if key != "preamble" else "") + text
            if squeeze(got) != squeeze(want):
                at = next(i for i, (a, b) in enumerate(zip(squeeze(got) + "\0", squeeze(want) + "\0")) if a != b)
                raise AssertionError(
                    f"{self.spec['file']} section {key}: document and source differ at "
                    f"…{squeeze(got)[max(0, at - 30) : at + 30]}… vs …{squeeze(want)[max(0, at - 30) : at + 30]}…"
                )

    # -- manifest helpers
    def t3_cell(self, row: str, col: str) -> El:
        return self.cells[(3, row, col)]

    def layout(self) -> str:
        count = len([c for c in self.body if c.tag in (qn("w:p"), qn("w:tbl"), qn("w:sdt"))])
        heads = ", ".join(f"{n}={block_index(p)}" for n, p in self.heads.items())
        tables = ", ".join(f"{n}={block_index(t)}" for n, t in self.tables.items())
        titles = ", ".join(str(block_index(p)) for p in self.titles)
        return (
            f"{count} body blocks; title paragraph(s) {titles}; headings {heads}; tables {tables}; "
            f"table rows (w:tr) 2={len(self.tables[2].findall(qn('w:tr')))}, "
            f"3={len(self.tables[3].findall(qn('w:tr')))}, 4={len(self.tables[4].findall(qn('w:tr')))}"
        )


# ---------------------------------------------------------------- manifest
def defect_lines(rep: CorpusReport, failures: list[dict]) -> list[str]:
    out = []
    for f in failures:
        if f["relation"] == "T3-C":
            col = f["column"]
            parts = [
                (name, number(v))
                for p, row in t3_rows(rep.spec["table3"])
                for name, v in [(row_name(p), row[T3_COLUMNS.index(col)])]
                if p[0] == RESULTS and p[-1] != "（七）总计" and number(v)
            ]
            out.append(
                f"  - T3-C, column 「{col}」: the result rows add up to {f['expected']} "
                f"({' + '.join(str(v) for _, v in parts)}) but 「（七）总计」 is {f['actual']} — total cell "
                f"at {position(rep.t3_cell('（七）总计', col))}"
            )
            out += [
                f"    - component 「{name}」/「{col}」 = {v} — {position(rep.t3_cell(name, col))}" for name, v in parts
            ]
        else:
            key = (4 if f["relation"] == "T4" else 3, f["row"], f["column"])
            out.append(
                f"  - {f['relation']}, row 「{f['row']}」, column 「{f['column']}」: expected {f['expected']}, "
                f"published {f['actual']} — {position(rep.cells[key])}"
            )
    return out


def manifest(reports: list[CorpusReport]) -> str:
    lines = [(CORPUS_DATA / "manifest_header.md").read_text(encoding="utf-8").rstrip("\n"), ""]
    for rep in reports:
        spec, src = rep.spec, rep.src
        failures = relation_failures(spec)
        lines += [
            f"## {spec['file']}",
            "",
            f"- Source: `fixtures/corpus/{spec['source']}` — {spec['about']}",
            f"- Edition: {spec['edition']} ({'国办公开办函〔2019〕60号' if spec['edition'] == 2019 else '国办公开办函〔2021〕30号'})",
        ]
        for k in ("标题", "发布时间", "原文链接"):
            if k in src.meta:
                lines.append(f"- {k} (dump metadata, not document content): {src.meta[k]}")
        lines.append(f"- Title paragraph(s): {' / '.join(f'「{t}」' for t in src.title)} — {spec['title_note']}")
        if src.dropped_head:
            lines.append(f"- Dropped before the report's first sentence (portal chrome): 「{src.dropped_head}」")
        if src.dropped_tail:
            lines.append(f"- Dropped after the last sentence (portal chrome): 「{src.dropped_tail}」")
        lines.append(f"- Narrative: {spec['narrative_note']}")
        lines.append(f"- Headings (verbatim): {'; '.join(f'「{h}」' for h in spec['headings'])}")
        lines.append(f"- Layout: {rep.layout()}")
        lines.append(f"- Tables: {spec['tables_note']}")
        for note in spec.get("notes", []):
            assert isinstance(note, str), (spec["file"], "quote notes holding ': '", note)
            lines.append(f"- Note: {note}")
        if spec.get("elements"):
            lines.append("- Elements of interest:")
            for el in spec["elements"]:
                lines.append(f"  - {el['what']} — {element_position(rep, el)}")
        if failures:
            lines.append("- Expected: FAIL — known real defect(s), published as such (PROVENANCE.md):")
            lines += defect_lines(rep, failures)
        else:
            lines.append("- Expected: no finding from the arithmetic relations (T3-A, T3-B, T3-C, T4 all hold)")
        lines.append("")
    return "\n".join(lines)


def element_position(rep: CorpusReport, el: dict) -> str:
    if "cell" in el:
        table, row, col = el["cell"]
        return position(rep.cells[(table, row, col)])
    if "heading" in el:
        return position(rep.heads[el["heading"]])
    if "t3_label_row" in el:  # the first grid cell of a table-3 row (the 「三、本年度办理结果」 column)
        return position(grid_cells(rep.t3_tr[el["t3_label_row"]])[0][2])
    if "t2_row" in el:  # the last cell of a table-2 row (a merged gridSpan 2 cell)
        tr = next(tr for tr in rep.tables[2].findall(qn("w:tr")) if text_of(row_cells(tr)[0]) == el["t2_row"])
        return position(row_cells(tr)[-1])
    if "paragraph_startswith" in el:
        return position(
            next(p for ps in rep.paras.values() for p in ps if text_of(p).startswith(el["paragraph_startswith"]))
        )
    raise KeyError(el)


def build_all(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    reports = []
    for name in REPORTS:
        spec = load(name)
        failures = relation_failures(spec)
        declared = spec.get("known_defects", [])
        assert failures == declared, (spec["file"], "relations failing", failures, "declared", declared)
        rep = CorpusReport(spec)
        data = rep.pkg.to_bytes()
        validate(data)
        (out / spec["file"]).write_bytes(data)
        reports.append(rep)
    (out / "MANIFEST.md").write_text(manifest(reports), encoding="utf-8")
    return [out / r.spec["file"] for r in reports] + [out / "MANIFEST.md"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("outdir", nargs="?", type=Path, default=DEFAULT_OUT, help="default: fixtures/corpus_docx")
    for path in build_all(ap.parse_args().outdir):
        print(path)


if __name__ == "__main__":
    main()
