#!/usr/bin/env python3
"""Deterministic generator of realistic Word (.docx) fixtures for reportlint.

Starts from the real 2021-edition national template (authored in WPS), fills it
with the datasets in tests/fixturegen/data/ by editing the OOXML parts with lxml
(no python-docx), and derives variants exercising Word features (automatic
numbering, content controls, tracked changes, split/nested tables, fields,
hyperlinks, full-width digits) plus failing reports whose defects are recorded
precisely in MANIFEST.md.

Usage: build_docx.py [OUTDIR]      (default: fixtures/docx)
"""

from __future__ import annotations

import argparse
import copy
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator, Optional

import yaml
from lxml import etree

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
TEMPLATE = REPO / "fixtures" / "template" / "2021_official_template.docx"
DATA = HERE / "data"
DEFAULT_OUT = REPO / "fixtures" / "docx"

NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "w14": "http://schemas.microsoft.com/office/word/2010/wordml",
    "xml": "http://www.w3.org/XML/1998/namespace",
    "ct": "http://schemas.openxmlformats.org/package/2006/content-types",
    "pr": "http://schemas.openxmlformats.org/package/2006/relationships",
    "dc": "http://purl.org/dc/elements/1.1/",
}
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
AUTHOR, DATE = "政务公开办", "2022-01-20T09:30:00Z"  # tracked-change metadata
HEADINGS = [
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
]
RESULTS = "三、本年度办理结果"
T3_NEW, T3_PREV = "一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量"
TO_FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
Key = tuple  # (table number, row label, column label); table numbers follow the template: 2, 3, 4
El = etree._Element

# Narrative fields that quote table cells: the narrative must agree with these cells.
QUOTES: dict[str, list[Key]] = {
    "t2_norm_new": [(2, "行政规范性文件", "本年制发件数")],
    "t2_norm_repealed": [(2, "行政规范性文件", "本年废止件数")],
    "t2_norm_valid": [(2, "行政规范性文件", "现行有效件数")],
    "t3_new": [(3, T3_NEW, "总计")],
    "t3_prev": [(3, T3_PREV, "总计")],
    "t3_done": [(3, "（七）总计", "总计")],
    "t3_carry": [(3, "四、结转下年度继续办理", "总计")],
    "t4_review": [(4, "行政复议", "总计")],
    "t4_lit": [(4, "未经复议直接起诉", "总计"), (4, "复议后起诉", "总计")],
}


# ---------------------------------------------------------------- XML helpers
def qn(name: str) -> str:
    prefix, tag = name.split(":")
    return f"{{{NS[prefix]}}}{tag}"


def E(tag: str, attrs: Optional[dict] = None, *children: El, text: Optional[str] = None) -> El:
    """Build an element; attribute names carry their prefix (e.g. 'w:val')."""
    el = etree.Element(qn(tag))
    for k, v in (attrs or {}).items():
        el.set(qn(k), str(v))
    el.extend(children)
    if text is not None:
        set_text(el, text)
    return el


def set_text(t: El, text: str) -> None:
    t.text = text
    if text != text.strip(" \t\r\n"):
        t.set(qn("xml:space"), "preserve")
    else:
        t.attrib.pop(qn("xml:space"), None)


def local(el: El) -> str:
    return etree.QName(el).localname


def text_of(el: El) -> str:
    return "".join(t.text or "" for t in el.iter(qn("w:t")))


def clone(el: El) -> El:
    """Deep copy without w14:paraId/textId, which must stay unique in a document."""
    c = copy.deepcopy(el)
    for e in c.iter():
        e.attrib.pop(qn("w14:paraId"), None)
        e.attrib.pop(qn("w14:textId"), None)
    return c


def first_rpr(el: El) -> Optional[El]:
    return next((r.find(qn("w:rPr")) for r in el.iter(qn("w:r")) if r.find(qn("w:rPr")) is not None), None)


def run_of(child: El, rpr: Optional[El] = None) -> El:
    """A w:r holding a copy of rpr (if any) and `child`."""
    r = E("w:r", None, copy.deepcopy(rpr)) if rpr is not None else E("w:r")
    r.append(child)
    return r


def make_run(text: str, rpr: Optional[El] = None, tag: str = "w:t") -> El:
    return run_of(E(tag, text=text), rpr)


def add_rpr(run: El, *props: El) -> None:
    """Insert run properties right after w:rFonts (callers pass them in schema order)."""
    rpr = run.find(qn("w:rPr"))
    if rpr is None:
        rpr = E("w:rPr")
        run.insert(0, rpr)
    at = rpr.index(rpr.find(qn("w:rFonts"))) + 1 if rpr.find(qn("w:rFonts")) is not None else 0
    for i, p in enumerate(props):
        rpr.insert(at + i, p)


def clear_para(p: El) -> El:
    for c in [c for c in p if c.tag != qn("w:pPr")]:
        p.remove(c)
    return p


def set_cell_text(tc: El, text: str) -> None:
    """Replace the cell content by one run copying the rPr of a run in the cell, else in the row."""
    rpr = first_rpr(tc)
    rpr = rpr if rpr is not None else first_rpr(tc.getparent())
    paras = tc.findall(qn("w:p"))
    for p in paras[1:]:
        tc.remove(p)
    clear_para(paras[0])
    if text:
        paras[0].append(make_run(text, rpr))


def insert_numpr(p: El, ilvl: int) -> None:
    """Add w:numPr (numId 1) to a paragraph, at its schema position inside w:pPr."""
    ppr = p.find(qn("w:pPr"))
    before = {qn("w:" + n) for n in ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl")}
    at = max([i + 1 for i, c in enumerate(ppr) if c.tag in before] or [0])
    ppr.insert(at, E("w:numPr", None, E("w:ilvl", {"w:val": ilvl}), E("w:numId", {"w:val": 1})))


def row_cells(tr: El) -> list[El]:
    """The w:tc of a row, looking through cell-level w:sdt."""
    return [c if local(c) == "tc" else c.find("w:sdtContent/w:tc", NS) for c in tr if local(c) in ("tc", "sdt")]


def grid_cells(tr: El) -> list[tuple[int, int, El]]:
    """(first grid column, span, tc) for each cell of a row."""
    gb = tr.find("w:trPr/w:gridBefore", NS)
    col, out = int(gb.get(qn("w:val"))) if gb is not None else 0, []
    for tc in row_cells(tr):
        gs = tc.find("w:tcPr/w:gridSpan", NS)
        out.append((col, int(gs.get(qn("w:val"))) if gs is not None else 1, tc))
        col += out[-1][1]
    return out


def vmerge(tc: El) -> Optional[str]:
    vm = tc.find("w:tcPr/w:vMerge", NS)
    return None if vm is None else vm.get(qn("w:val"), "continue")


def block_index(el: El) -> int:
    """0-based index of the body-level block (w:p, w:tbl, w:sdt) holding el."""
    while local(el.getparent()) != "body":
        el = el.getparent()
    return [c for c in el.getparent() if local(c) in ("p", "tbl", "sdt")].index(el)


def position(el: El) -> str:
    """Physical position as documented in MANIFEST.md."""
    tc = el if local(el) == "tc" else next((a for a in el.iterancestors() if local(a) == "tc"), None)
    if tc is None:
        return f"body block {block_index(el)}"
    tr = next(a for a in tc.iterancestors() if local(a) == "tr")
    col = next(c for c, _, t in grid_cells(tr) if t is tc)
    return (
        f"body block {block_index(tr)}, w:tr {tr.getparent().findall(qn('w:tr')).index(tr) + 1}, "
        f"w:tc {row_cells(tr).index(tc) + 1} (grid col {col})"
    )


def isolate(p: El, prefix: str, target: str) -> El:
    """Split the run holding prefix+target so that `target` is alone in its own run; return that run."""
    for r in p.iter(qn("w:r")):
        t = r.find(qn("w:t"))
        if t is not None and prefix + target in (t.text or ""):
            full = t.text
            i = full.index(prefix + target) + len(prefix)
            for part, side in ((full[:i], r.addprevious), (full[i + len(target) :], r.addnext)):
                if part:
                    piece = clone(r)
                    set_text(piece.find(qn("w:t")), part)
                    side(piece)
            set_text(t, target)
            return r
    raise KeyError(target)


# ---------------------------------------------------------------- package I/O
class Package:
    """The parts of a .docx, kept in template order; XML parts are parsed on demand."""

    def __init__(self, path: Path) -> None:
        with zipfile.ZipFile(path) as z:
            self.names = [n for n in z.namelist() if not n.endswith("/")]
            self.raw = {n: z.read(n) for n in self.names}
        self.trees: dict[str, El] = {}

    def xml(self, name: str) -> El:
        if name not in self.trees:
            self.trees[name] = etree.fromstring(self.raw[name])
        return self.trees[name]

    def add_rel(self, rel_type: str, target: str, external: bool = False) -> str:
        rels = self.xml("word/_rels/document.xml.rels")
        rid = "rId%d" % (max(int(r.get("Id")[3:]) for r in rels if r.get("Id", "").startswith("rId")) + 1)
        rel = etree.SubElement(rels, qn("pr:Relationship"), Id=rid, Type=REL + rel_type, Target=target)
        if external:
            rel.set("TargetMode", "External")
        return rid

    def add_part(self, name: str, root: El, content_type: str, rel_type: str, after: str) -> None:
        self.names.insert(self.names.index(after) + 1, name)
        self.trees[name] = root
        etree.SubElement(
            self.xml("[Content_Types].xml"), qn("ct:Override"), PartName="/" + name, ContentType=content_type
        )
        self.add_rel(rel_type, name.split("/", 1)[1])

    def to_bytes(self) -> bytes:
        """Deterministic zip: fixed member order, timestamps and attributes."""
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
            for name in self.names:
                data = self.raw.get(name)
                if name in self.trees:
                    data = etree.tostring(self.trees[name], xml_declaration=True, encoding="UTF-8", standalone=True)
                info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
                info.compress_type, info.create_system, info.external_attr = zipfile.ZIP_DEFLATED, 3, 0o644 << 16
                z.writestr(info, data, compresslevel=9)
        return buf.getvalue()


# ---------------------------------------------------------------- datasets
def load_yaml(name: str) -> dict:
    with open(DATA / name, encoding="utf-8") as f:
        return yaml.safe_load(f)


def row_name(path: tuple[str, ...]) -> str:
    """Label of a table-3 row: its top label, or result group + item (「（三）不予公开 1.属于国家秘密」)."""
    return " ".join(path[1:]) if path[0] == RESULTS else path[0]


def t3_rows(tree: dict, prefix: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], list]]:
    for label, v in tree.items():
        yield from t3_rows(v, prefix + (label,)) if isinstance(v, dict) else [(prefix + (label,), v)]


def dataset_values(ds: dict) -> dict[Key, str]:
    """Every table cell of a dataset as {(table, row, column): text}."""
    vals = {(2, row, c): str(v) for row, cols in ds["table2"].items() for c, v in cols.items()}
    for path, row in t3_rows(ds["table3"]):
        vals.update({(3, row_name(path), c): str(v) for c, v in zip(ds["table3_columns"], row)})
    for grp, row in ds["table4"].items():
        vals.update({(4, grp, c): str(v) for c, v in zip(ds["table4_columns"], row)})
    return vals


def check_dataset(ds: dict) -> None:
    """Assert every arithmetic relation of tables 3 and 4."""
    rows = {row_name(p): v for p, v in t3_rows(ds["table3"])}
    results = [v for p, v in t3_rows(ds["table3"]) if p[0] == RESULTS and p[-1] != "（七）总计"]
    assert len(results) == 21 and len(rows) == 25, ds["id"]
    new, prev, done, carry = (rows[k] for k in (T3_NEW, T3_PREV, "（七）总计", "四、结转下年度继续办理"))
    for c in range(7):
        assert new[c] + prev[c] == done[c] + carry[c], (ds["id"], "一+二 = 七+四", c)
        assert done[c] == sum(r[c] for r in results), (ds["id"], "（七）总计", c)
    for name, r in rows.items():
        assert r[6] == sum(r[:6]), (ds["id"], name)
    for grp, r in ds["table4"].items():
        assert r[4] == sum(r[:4]), (ds["id"], grp)


# ---------------------------------------------------------------- the report
@dataclass
class Change:
    desc: str
    target: Optional[El] = None  # position computed on the final tree ...
    where: str = ""  # ... or given explicitly (removed elements)


class Report:
    """The template filled with one dataset; fixture functions then mutate it, recording changes."""

    def __init__(self, ds: dict, narrative: dict) -> None:
        self.ds, self.values = ds, dataset_values(ds)
        self.pkg = Package(TEMPLATE)
        self.doc = self.pkg.xml("word/document.xml")
        self.body = self.doc.find(qn("w:body"))
        self.changes: list[Change] = []
        self.ids = iter(range(1, 10**6))
        self.cells: dict[Key, El] = {}
        self.t3_tr: dict[str, El] = {}
        self.tables = {
            n: self.find_table(m) for n, m in ((2, "第二十条第（一）项"), (3, "申请人情况"), (4, "行政复议"))
        }
        for index in (self.index_table2, self.index_table3, self.index_table4):
            index()
        assert set(self.cells) == set(self.values), set(self.values) ^ set(self.cells)
        for key, text in self.values.items():
            set_cell_text(self.cells[key], text)
        self.write_narrative(narrative)

    # -- locating cells by their labels
    def find_table(self, marker: str) -> El:
        return next(
            t for t in self.body.findall(qn("w:tbl")) if any(text_of(tc) == marker for tc in t.iter(qn("w:tc")))
        )

    def index_table2(self) -> None:
        header: dict[str, int] = {}  # column label -> grid column, from the latest 「信息内容」 row
        for tr in self.tables[2].findall(qn("w:tr")):
            cells = grid_cells(tr)
            label = text_of(cells[0][2])
            if label == "信息内容":
                header = {text_of(tc): col for col, _, tc in cells[1:]}
            elif label in self.ds["table2"]:
                by_col = {col: tc for col, _, tc in cells}
                self.cells.update({(2, label, n): by_col[header[n]] for n in self.ds["table2"][label]})

    def index_table3(self) -> None:
        rows, columns = self.tables[3].findall(qn("w:tr")), self.ds["table3_columns"]
        colpos = {text_of(tc): c for tr in rows for c, s, tc in grid_cells(tr) if s == 1 and text_of(tc) in columns}
        paths = [p for p, _ in t3_rows(self.ds["table3"])]
        ctx: dict[int, str] = {}  # grid column -> label of the vertically merged cell covering it
        for tr in rows:
            path = []
            for col, _, tc in (c for c in grid_cells(tr) if c[0] < min(colpos.values())):
                if vmerge(tc) != "continue":
                    ctx[col] = text_of(tc)
                path.append(ctx.get(col, ""))
            match = [p for p in paths if len(p) == len(path) and all(a.startswith(b) for a, b in zip(path, p))]
            if match:
                self.t3_tr[row_name(match[0])] = tr
                by_col = {col: tc for col, _, tc in grid_cells(tr)}
                self.cells.update({(3, row_name(match[0]), c): by_col[colpos[c]] for c in columns})

    def index_table4(self) -> None:
        *head, data = self.tables[4].findall(qn("w:tr"))
        group_at = {
            c: text_of(tc)  # grid column -> label of the group header spanning it
            for tr in head
            for col, s, tc in grid_cells(tr)
            if s > 1
            for c in range(col, col + s)
        }
        by_col = {col: tc for col, _, tc in grid_cells(data)}
        self.cells.update(
            {
                (4, group_at[c], text_of(tc)): by_col[c]
                for tr in head
                for c, s, tc in grid_cells(tr)
                if text_of(tc) in self.ds["table4_columns"]
            }
        )

    # -- narrative
    def fields(self) -> dict:
        site = self.ds["website"]
        f = {
            "body": self.ds["body"],
            "year": self.ds["year"],
            **self.ds["facts"],
            "portal": f"政府门户网站（{site}）" if site else "政府门户网站",
        }
        return f | {k: sum(int(self.values[c]) for c in cells) for k, cells in QUOTES.items()}

    def write_narrative(self, nar: dict) -> None:
        f = self.fields()
        fmt = lambda s: s.replace("\n", "").format_map(f)  # noqa: E731 - YAML line breaks are not text
        paras = self.body.findall(qn("w:p"))
        self.heads = {h[0]: p for p in paras for h in HEADINGS if text_of(p) == h}
        self.title = next(p for p in paras if text_of(p) == "政府信息公开工作年度报告格式模板")
        holders, current = {}, None  # placeholder paragraph of each section
        for p in paras:
            current = next((h[0] for h in HEADINGS if text_of(p) == h), current)
            if text_of(p).startswith("（文字描述"):
                holders[current] = p
        title_rpr = first_rpr(self.title)
        clear_para(self.title).append(make_run(fmt(nar["title"]), title_rpr))
        self.title.addnext(self.replace(holders["一"], [[(fmt(nar["preamble"]), False)]], keep=True)[0])
        s1 = nar["section1"]
        items = [
            [(f"（{'一二三四五六七八九十'[i]}）{it['label']}", True), (fmt(it["text"]), False)]
            for i, it in enumerate(s1["items"])
        ]
        self.secs = {
            "一": self.replace(holders["一"], [[(fmt(s1["intro"]), False)]] + items),
            "五": self.replace(holders["五"], [[(fmt(t), False)] for t in nar["section5"]]),
            "六": self.replace(holders["六"], [[(fmt(t), False)] for t in nar["section6"]]),
        }
        self.items = self.secs["一"][1:]

    def replace(self, holder: El, paras: list, keep: bool = False) -> list[El]:
        """Paragraphs of (text, bold) segments cloned from a placeholder, keeping its pPr and run rPr."""
        out = []
        for segments in paras:
            p = clear_para(clone(holder))
            for text, bold in segments:
                p.append(make_run(text, first_rpr(holder)))
                if bold:
                    add_rpr(p[-1], E("w:b"), E("w:bCs"))
            out.append(p)
        if not keep:
            for p in out:
                holder.addprevious(p)
            holder.getparent().remove(holder)
        return out

    # -- recorded mutations
    def set(self, key: Key, new: str, why: str = "") -> None:
        tc, (table, row, col) = self.cells[key], key
        old = text_of(tc)
        set_cell_text(tc, new)
        shown = [f"「{v}」" if v else "(blank)" for v in (old, new)]
        self.note(f"table {table}, row 「{row}」, column 「{col}」: {shown[0]} → {shown[1]}{why}", tc)

    def note(self, desc: str, target: Optional[El] = None, where: str = "") -> None:
        self.changes.append(Change(desc, target, where))

    def rev(self, tag: str, *children: El) -> El:
        """A revision element (w:ins, w:del, w:moveFrom, ...) with a fresh id."""
        return E(tag, {"w:id": next(self.ids), "w:author": AUTHOR, "w:date": DATE}, *children)

    def sdt(self, alias: str, content: El, text_type: bool = False) -> El:
        """Wrap `content` in place into a w:sdt (block, cell or run level follows from where it is)."""
        props = E(
            "w:sdtPr",
            None,
            E("w:alias", {"w:val": alias}),
            E("w:tag", {"w:val": alias}),
            E("w:id", {"w:val": 100000 + next(self.ids)}),
            *([E("w:text")] if text_type else []),
        )
        sdt = E("w:sdt", None, props)
        content.addprevious(sdt)
        sdt.append(E("w:sdtContent", None, content))
        return sdt

    def section(self, numeral: str) -> list[El]:
        return [self.heads[numeral]] + self.secs.get(numeral, [])

    def remove(self, els: list[El], what: Callable[[El], str]) -> None:
        wheres = [position(el) for el in els]  # all positions in the base layout, before any removal
        for el, where in zip(els, wheres):
            self.note(f"removed {what(el)}", where=f"was {where} in the base layout")
            el.getparent().remove(el)


# ---------------------------------------------------------------- correct variants
def fx_autonum(rep: Report) -> None:
    rep.pkg.add_part(
        "word/numbering.xml",
        etree.parse(str(DATA / "numbering.xml")).getroot(),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml",
        "numbering",
        after="word/styles.xml",
    )
    rep.pkg.xml("word/styles.xml").append(etree.parse(str(DATA / "heading_style.xml")).getroot())
    for numeral, p in rep.heads.items():
        t = p.find(".//w:t", NS)
        set_text(t, t.text[2:])  # drop the typed 「一、」
        if numeral == "四":
            p.find("w:pPr/w:pStyle", NS).set(qn("w:val"), "ReportHeading1")
            rep.note(
                "heading 四 numbered through its paragraph style ReportHeading1 (style numPr: numId 1, "
                "ilvl omitted = 0); no numPr on the paragraph",
                p,
            )
        else:
            insert_numpr(p, 0)
            rep.note(f"heading {numeral}: direct numPr ilvl 0 / numId 1, text 「{text_of(p)}」", p)
    for p in rep.items:
        t = p.find(".//w:t", NS)
        set_text(t, t.text[3:])  # drop the typed 「（一）」
        insert_numpr(p, 1)
        rep.note(f"section 一 sub-paragraph, numPr ilvl 1 (renders 「（n）」), text 「{text_of(p)[:9]}…」", p)


def fx_content_controls(rep: Report) -> None:
    rep.note("block-level w:sdt around heading 二", rep.sdt("章节标题", rep.heads["二"]))
    for key in [
        (3, T3_NEW, "自然人"),
        (3, "（一）予以公开", "总计"),
        (3, "（四）无法提供 1.本机关不掌握相关政府信息", "自然人"),
    ]:
        rep.sdt(f"{key[1]}/{key[2]}", rep.cells[key].find(qn("w:p")), text_type=True)
        rep.note(
            f"w:sdt inside the w:tc around its w:p: table 3 「{key[1]}」/「{key[2]}」 = {text_of(rep.cells[key])}",
            rep.cells[key],
        )
    for key in [(3, "（七）总计", "总计"), (3, "四、结转下年度继续办理", "自然人")]:
        rep.sdt(f"{key[1]}/{key[2]}", rep.cells[key])
        rep.note(
            f"cell-level w:sdt around the whole w:tc: table 3 「{key[1]}」/「{key[2]}」 = {text_of(rep.cells[key])}",
            rep.cells[key],
        )
    run = isolate(rep.items[1], "共收到政府信息公开申请", rep.values[(3, T3_NEW, "总计")])
    rep.sdt("新收申请数", run, text_type=True)
    rep.note(f"run-level w:sdt around 「{text_of(run)}」 in 「共收到政府信息公开申请{text_of(run)}件」", rep.items[1])
    rep.note("block-level w:sdt around the whole table 4", rep.sdt("表四", rep.tables[4]))


def fx_tracked(rep: Report) -> None:
    wrong = {
        (3, T3_NEW, "自然人"): "65",
        (3, "（一）予以公开", "自然人"): "26",
        (3, "（四）无法提供 1.本机关不掌握相关政府信息", "其他"): "2",
        (3, "（七）总计", "总计"): "68",
    }
    for key, old in wrong.items():
        tc, new = rep.cells[key], rep.values[key]
        rpr = first_rpr(tc)
        clear_para(tc.find(qn("w:p"))).extend(
            [rep.rev("w:del", make_run(old, rpr, "w:delText")), rep.rev("w:ins", make_run(new, rpr))]
        )
        rep.note(f"table 3 「{key[1]}」/「{key[2]}」: w:del 「{old}」 then w:ins 「{new}」 (accepted value {new})", tc)
    # One sentence moved from the end of section 一 item （二） to the start of item （三）.
    sentence = "全区各政府信息公开单位均明确一名分管领导和一名经办人员，负责政府信息公开工作。"
    src, run = rep.items[1], isolate(rep.items[2], "", sentence)
    rpr = src.findall(qn("w:r"))[-1].find(qn("w:rPr"))
    move_from, move_to = next(rep.ids), next(rep.ids)
    range_attrs = {"w:author": AUTHOR, "w:date": DATE, "w:name": "move1"}
    run.addprevious(E("w:moveToRangeStart", {"w:id": move_to, **range_attrs}))
    run.addnext(E("w:moveToRangeEnd", {"w:id": move_to}))
    run.addprevious(rep.rev("w:moveTo"))
    run.getprevious().append(run)
    src.extend(
        [
            E("w:moveFromRangeStart", {"w:id": move_from, **range_attrs}),
            rep.rev("w:moveFrom", make_run(sentence, rpr)),
            E("w:moveFromRangeEnd", {"w:id": move_from}),
        ]
    )
    rep.note(f"w:moveFrom (to be dropped; text in w:t) at the end of section 一 item （二）: 「{sentence}」", src)
    rep.note("w:moveTo (kept) with the same sentence at the start of section 一 item （三）", rep.items[2])
    # A whole deleted paragraph holding a fake heading, just before heading 三.
    p = clone(rep.heads["三"])
    p.find("w:pPr/w:rPr", NS).insert(0, rep.rev("w:del"))
    r = p.find(qn("w:r"))
    r.replace(r.find(qn("w:t")), E("w:delText", text="三、收到和处理政府信息公开申请情况（旧）"))
    r.addprevious(rep.rev("w:del"))
    r.getprevious().append(r)
    rep.heads["三"].addprevious(p)
    rep.note(
        "deleted paragraph (w:del in the paragraph-mark rPr, its run in w:del/w:delText): "
        "「三、收到和处理政府信息公开申请情况（旧）」",
        p,
    )


def fx_split(rep: Report) -> None:
    tbl = rep.tables[3]
    rows = tbl.findall(qn("w:tr"))
    cut = rows.index(rep.t3_tr["（四）无法提供 3.补正后申请内容仍不明确"]) + 1
    part2 = E("w:tbl", None, clone(tbl.find(qn("w:tblPr"))), clone(tbl.find(qn("w:tblGrid"))), *rows[cut:])
    grid_cells(rows[cut])[0][2].find("w:tcPr/w:vMerge", NS).set(qn("w:val"), "restart")
    brk = E("w:p", None, E("w:r", None, E("w:br", {"w:type": "page"})))
    tbl.addnext(brk)
    brk.addnext(part2)
    rep.note(f"table 3 part 1: header + rows up to 「（四）… 3.补正后申请内容仍不明确」 ({cut} rows)", tbl)
    rep.note('empty paragraph holding <w:br w:type="page"/>', brk)
    rep.note(
        f"table 3 part 2 ({len(rows) - cut} rows, no header rows); its first row has a vMerge restart with "
        "empty text in the 「三、本年度办理结果」 column, then the original 「（五）不予处理」 restart",
        part2,
    )


def fx_fullwidth(rep: Report) -> None:
    padded = {
        (3, T3_NEW, "自然人"): " {} ",
        (3, T3_NEW, "总计"): "\u3000{}",
        (3, "（七）总计", "自然人"): "{}\u3000",
        (4, "未经复议直接起诉", "结果维持"): " {}",
    }
    for key, text in rep.values.items():
        if key[0] in (3, 4):
            set_cell_text(rep.cells[key], padded.get(key, "{}").format(text.translate(TO_FULLWIDTH)))
    rep.note("every table-3 and table-4 value written with full-width digits (e.g. 「６４」)")
    for key, pattern in padded.items():
        rep.note(f"table {key[0]} 「{key[1]}」/「{key[2]}」 padded as {pattern.format('…')!r}", rep.cells[key])
    for tr in rep.t3_tr.values():
        for t in (t for col, _, tc in grid_cells(tr) if col < 3 for t in tc.iter(qn("w:t"))):
            set_text(t, t.text.translate(str.maketrans("（）“”", '()""')))
    rep.note('table 3 row labels: （）→() and “”→" (e.g. 「(一)予以公开」, 「3.危及"三安全一稳定"」)')
    tc = grid_cells(rep.t3_tr[T3_PREV])[0][2]
    p = tc.find(qn("w:p"))
    first, second = make_run("二、上年结转", first_rpr(p)), make_run("政府信息公开申请数量", first_rpr(p))
    first.append(E("w:br"))
    clear_para(p).extend([first, second])
    rep.note("label 「二、上年结转政府信息公开申请数量」 split over two runs, the first ending in <w:br/>", tc)


def fx_nested(rep: Report) -> None:
    none = {"w:val": "none", "w:sz": 0, "w:space": 0, "w:color": "auto"}
    sides = ("top", "left", "bottom", "right", "insideH", "insideV")
    tbl_pr = E(
        "w:tblPr",
        None,
        E("w:tblW", {"w:w": 0, "w:type": "auto"}),
        E("w:jc", {"w:val": "center"}),
        E("w:tblBorders", None, *(E("w:" + s, none) for s in sides)),
        E("w:tblLayout", {"w:type": "fixed"}),
    )
    cell = E("w:tc", None, E("w:tcPr", None, E("w:tcW", {"w:w": 9960, "w:type": "dxa"})))
    outer = E("w:tbl", None, tbl_pr, E("w:tblGrid", None, E("w:gridCol", {"w:w": 9960})), E("w:tr", None, cell))
    rep.tables[4].addprevious(outer)
    cell.extend([rep.tables[4], E("w:p")])
    rep.note("borderless 1×1 layout w:tbl whose only w:tc holds the real table 4 followed by an empty w:p", outer)
    title, rpr = text_of(rep.title), first_rpr(rep.title)
    clear_para(rep.title).extend(
        run_of(x, rpr)
        for x in [
            E("w:fldChar", {"w:fldCharType": "begin"}),
            E("w:instrText", text=" DOCPROPERTY Title "),
            E("w:fldChar", {"w:fldCharType": "separate"}),
            E("w:t", text=title[:-12]),
            E("w:t", text=title[-12:]),
            E("w:fldChar", {"w:fldCharType": "end"}),
        ]
    )
    rep.pkg.xml("docProps/core.xml").append(E("dc:title", text=title))
    rep.note(
        "title paragraph = fldChar begin / instrText ' DOCPROPERTY Title ' / separate / two result runs / end; "
        "docProps/core.xml dc:title holds the same text",
        rep.title,
    )
    site = rep.ds["website"]
    run = isolate(rep.items[0], "政府门户网站（", site)
    link = E("w:hyperlink", {"r:id": rep.pkg.add_rel("hyperlink", f"https://{site}/", external=True), "w:history": 1})
    run.addprevious(link)
    link.append(run)
    add_rpr(run, E("w:color", {"w:val": "0000FF"}), E("w:u", {"w:val": "single"}))
    rep.note(
        f"w:hyperlink (external relationship to https://{site}/) around 「{site}」 in section 一 item （一）",
        rep.items[0],
    )


# ---------------------------------------------------------------- failing variants
def apply_edits(rep: Report, edits: list) -> None:
    """Cell edits from fixtures.yaml: [table, row, column, new value ('+N' = dataset value plus N), remark]."""
    for table, row, col, new, why in edits:
        key = (table, row, col)
        rep.set(key, str(int(rep.values[key]) + int(new)) if new.startswith("+") else new, why)


def fx_fail_missing_section(rep: Report) -> None:
    rep.remove(rep.section("五"), lambda el: f"paragraph 「{text_of(el)[:18]}…」")


def fx_fail_swapped(rep: Report) -> None:
    before = {n: position(rep.heads[n]) for n in "五六"}
    anchor = rep.section("六")[-1]
    for el in rep.section("五"):
        anchor.addnext(el)
        anchor = el
    for n in "五六":
        rep.note(
            f"heading {n} with its {len(rep.secs[n])} narrative paragraphs",
            where=f"heading moved from {before[n]} (base layout) to {position(rep.heads[n])}",
        )


def fx_fail_missing_table4(rep: Report) -> None:
    rep.remove([rep.tables[4]], lambda el: "table 4 (the whole w:tbl; heading 四 and the empty paragraphs kept)")
    rep.note(
        "the narrative still quotes table-4 figures (行政复议/行政诉讼 counts, section 一 item （二）)", rep.items[1]
    )


def fx_fail_missing_row(rep: Report) -> None:
    name, tbl = "（三）不予公开 8.属于行政查询事项", rep.tables[3]
    assert all(rep.values[(3, name, c)] == "0" for c in rep.ds["table3_columns"]), "row must be all zero"
    rep.note(
        f"removed table-3 row 「{name}」 (all seven cells were 0, so every sum still holds)",
        where=f"was w:tr {tbl.findall(qn('w:tr')).index(rep.t3_tr[name]) + 1} of the w:tbl at {position(tbl)}",
    )
    tbl.remove(rep.t3_tr[name])


def fx_t4_components(rep: Report) -> None:
    """Section 一 item （二） names the components of 行政复议 (as many reports do): they agree with
    the table's 总计, so they tell which of the group's cells an edit made wrong."""
    parts = ("结果维持", "结果纠正", "其他结果", "尚未审结")
    named = "、".join(f"{p}{rep.values[(4, '行政复议', p)]}件" for p in parts)
    cue = f"被申请行政复议{rep.values[(4, '行政复议', '总计')]}件"
    (t,) = [t for t in rep.items[1].iter(qn("w:t")) if cue in (t.text or "")]
    t.text = t.text.replace(cue, f"{cue}（其中{named}）")
    rep.note(f"section 一 item （二） names the components of 行政复议: {named}", rep.items[1])


VARIANTS: dict[str, Callable[[Report], None]] = {
    "t4_components": fx_t4_components,
    "autonum": fx_autonum,
    "content_controls": fx_content_controls,
    "tracked": fx_tracked,
    "split": fx_split,
    "fullwidth": fx_fullwidth,
    "nested": fx_nested,
    "missing_section": fx_fail_missing_section,
    "swapped_sections": fx_fail_swapped,
    "missing_table4": fx_fail_missing_table4,
    "missing_row": fx_fail_missing_row,
}


# ---------------------------------------------------------------- output
def attached(rep: Report, el: El) -> bool:
    return any(a is rep.doc for a in el.iterancestors())


def layout(rep: Report) -> str:
    heads = ", ".join(f"{n}={block_index(p)}" for n, p in rep.heads.items() if attached(rep, p))
    tables = ", ".join(f"{n}={block_index(t)}" for n, t in rep.tables.items() if attached(rep, t))
    count = len([c for c in rep.body if local(c) in ("p", "tbl", "sdt")])
    return f"{count} body blocks; block index of headings {heads}; of tables {tables}"


def as_number(text: str) -> str:
    return text.translate({ord(c): ord(c) - 0xFEE0 for c in "０１２３４５６７８９"}).strip(" \u3000")


def narrative_drift(rep: Report) -> list[str]:
    """Narrative numbers (generated from the dataset) that no longer match the table."""
    out, base = [], rep.fields()
    for name, keys in QUOTES.items():
        texts = [as_number(text_of(rep.cells[k])) for k in keys]
        shown = sum(map(int, texts)) if all(t.lstrip("-").isdigit() for t in texts) else "/".join(texts)
        if attached(rep, rep.cells[keys[0]]) and shown != base[name]:
            cells = " + ".join(f"table {t} 「{r}」/「{c}」" for t, r, c in keys)
            out.append(f"the narrative still quotes {base[name]} for {cells}; the table now gives {shown or '(blank)'}")
    return out


def manifest(entries: list[tuple[dict, Report]]) -> str:
    lines = [(DATA / "manifest_header.md").read_text(encoding="utf-8").rstrip("\n"), ""]
    for fx, rep in entries:
        lines += [
            f"## {fx['name']}",
            "",
            f"- Dataset: `{fx['dataset']}`",
            f"- Expected: {fx['expect']}",
            f"- Exercises: {fx['exercises']}",
            f"- Layout: {layout(rep)}",
        ]
        if rep.changes:
            lines.append("- Changes and elements of interest:")
            for c in rep.changes:
                where = c.where or (position(c.target) if c.target is not None else "")
                lines.append(f"  - {c.desc}" + (f" — {where}" if where else ""))
        lines += [f"- Note: {d}" for d in narrative_drift(rep)] + [""]
    return "\n".join(lines)


def validate(data: bytes) -> None:
    """Every XML part of the package must be well-formed."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for n in z.namelist():
            if n.endswith((".xml", ".rels")):
                etree.fromstring(z.read(n))


def build_all(out: Path) -> list[Path]:
    datasets = {d["id"]: d for d in (load_yaml(n) for n in ("pingtan_2021.yaml", "synthetic_large_2021.yaml"))}
    for ds in datasets.values():
        check_dataset(ds)
    narrative = load_yaml("narrative.yaml")
    out.mkdir(parents=True, exist_ok=True)
    entries = []
    for fx in load_yaml("fixtures.yaml"):
        rep = Report(datasets[fx["dataset"]], narrative)
        if "variant" in fx:
            VARIANTS[fx["variant"]](rep)
        apply_edits(rep, fx.get("edits", []))
        data = rep.pkg.to_bytes()
        validate(data)
        (out / fx["name"]).write_bytes(data)
        entries.append((fx, rep))
    (out / "MANIFEST.md").write_text(manifest(entries), encoding="utf-8")
    return [out / fx["name"] for fx, _ in entries] + [out / "MANIFEST.md"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("outdir", nargs="?", type=Path, default=DEFAULT_OUT, help="default: fixtures/docx")
    for path in build_all(ap.parse_args().outdir):
        print(path)


if __name__ == "__main__":
    main()
