"""Checks for the Word fixture generators tests/fixturegen/build_docx.py (fixtures/docx) and
build_corpus_docx.py (fixtures/corpus_docx, the real corpus reports), and their data."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
import yaml
from lxml import etree

REPO = Path(__file__).resolve().parents[1]
GENERATOR = REPO / "tests" / "fixturegen" / "build_docx.py"
DATA = REPO / "tests" / "fixturegen" / "data"
COMMITTED = REPO / "fixtures" / "docx"
DATASETS = ["pingtan_2021.yaml", "synthetic_large_2021.yaml"]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def load(name: str) -> dict:
    return yaml.safe_load((DATA / name).read_text(encoding="utf-8"))


def table3_rows(ds: dict) -> tuple[list[list[int]], list[list[int]]]:
    """(all 25 rows in template order, the 21 result rows)."""
    t3 = ds["table3"]
    results = t3["三、本年度办理结果"]
    items = [r for k, v in results.items() if k != "（七）总计" for r in (v.values() if isinstance(v, dict) else [v])]
    rows = [
        t3["一、本年新收政府信息公开申请数量"],
        t3["二、上年结转政府信息公开申请数量"],
        *items,
        results["（七）总计"],
        t3["四、结转下年度继续办理"],
    ]
    return rows, items


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("docx")
    subprocess.run([sys.executable, str(GENERATOR), str(out)], check=True, capture_output=True)
    return out


def test_generator_reproduces_committed_fixtures(generated: Path) -> None:
    names = sorted(p.name for p in generated.iterdir())
    assert len(names) == len(load("fixtures.yaml")) + 1  # + MANIFEST.md
    for name in names:
        assert (COMMITTED / name).is_file(), f"{name} is not committed; run {GENERATOR.name}"
        assert _contents(generated / name) == _contents(COMMITTED / name), f"{name} differs; regenerate"


def _contents(path: Path) -> object:
    """A file's bytes, or for a .docx its members' names and bytes (zlib output may differ by build)."""
    if path.suffix != ".docx":
        return path.read_bytes()
    import zipfile

    with zipfile.ZipFile(path) as zf:
        return [(info.filename, zf.read(info.filename)) for info in zf.infolist()]


@pytest.mark.parametrize("name", DATASETS)
def test_dataset_relations(name: str) -> None:
    ds = load(name)
    assert ds["table3_columns"] == ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
    rows, items = table3_rows(ds)
    new, prev, *_, total, carry = rows
    assert len(items) == 21 and len(rows) == 25
    for row in rows:
        assert len(row) == 7 and row[6] == sum(row[:6]), row
    for c in range(7):
        assert new[c] + prev[c] == total[c] + carry[c], c
        assert total[c] == sum(item[c] for item in items), c
    assert list(ds["table4"]) == ["行政复议", "未经复议直接起诉", "复议后起诉"]
    for group, row in ds["table4"].items():
        assert len(row) == 5 and row[4] == sum(row[:4]), group


def test_large_dataset_is_not_masked_by_zeros() -> None:
    ds = load("synthetic_large_2021.yaml")
    rows, items = table3_rows(ds)
    assert rows[0][6] > 2500 and rows[-2][6] == 3050
    assert all(any(item[c] for item in items) for c in range(6))
    assert sum(1 for item in items if item[6]) >= 15
    assert all(row[4] for row in ds["table4"].values())
    # fail_t3_missing_row.docx removes this row, so it must be all zero here.
    assert ds["table3"]["三、本年度办理结果"]["（三）不予公开"]["8.属于行政查询事项"] == [0] * 7


@pytest.mark.parametrize("path", sorted(COMMITTED.glob("*.docx")), ids=lambda p: p.name)
def test_fixture_opens(path: Path) -> None:
    with zipfile.ZipFile(path) as z:
        for part in z.namelist():
            if part.endswith((".xml", ".rels")):
                etree.fromstring(z.read(part))
    docx.Document(str(path))


@pytest.mark.parametrize("name, dataset", [("filled_2021.docx", DATASETS[0]), ("filled_2021_large.docx", DATASETS[1])])
def test_table3_values_read_back_with_python_docx(name: str, dataset: str) -> None:
    table = docx.Document(str(COMMITTED / name)).tables[1]
    read = []
    for row in table.rows[3:]:
        cells = [c for i, c in enumerate(row.cells) if i == 0 or c._tc is not row.cells[i - 1]._tc]
        read.append([int(c.text) for c in cells[-7:]])
    assert read == table3_rows(load(dataset))[0]


def accepted_texts(path: Path) -> list[str]:
    """Body block texts with all tracked changes accepted and content controls unwrapped."""
    body = etree.fromstring(zipfile.ZipFile(path).read("word/document.xml")).find(f"{W}body")
    for p in [p for p in body.iter(f"{W}p") if p.find(f"{W}pPr/{W}rPr/{W}del") is not None]:
        p.getparent().remove(p)
    for tag in ("del", "moveFrom"):
        for el in list(body.iter(f"{W}{tag}")):
            el.getparent().remove(el)
    for el in [el for tag in ("ins", "moveTo", "sdt") for el in body.iter(f"{W}{tag}")]:
        content = el.find(f"{W}sdtContent") if el.tag == f"{W}sdt" else el
        for kid in list(content):
            el.addprevious(kid)
        el.getparent().remove(el)
    return ["".join(t.text or "" for t in b.iter(f"{W}t")) for b in body if b.tag in (f"{W}p", f"{W}tbl")]


@pytest.mark.parametrize("name", ["tracked_changes.docx", "content_controls.docx"])
def test_accepted_view_equals_filled_report(name: str) -> None:
    assert accepted_texts(COMMITTED / name) == accepted_texts(COMMITTED / "filled_2021.docx")


# ---------------------------------------------------------------- fixtures/corpus_docx
CORPUS_GENERATOR = REPO / "tests" / "fixturegen" / "build_corpus_docx.py"
CORPUS_DATA = DATA / "corpus"
CORPUS_COMMITTED = REPO / "fixtures" / "corpus_docx"
CORPUS_SPECS = sorted(p.name for p in CORPUS_DATA.glob("*.yaml"))
T3_COLS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]


def corpus_spec(name: str) -> dict:
    return yaml.safe_load((CORPUS_DATA / name).read_text(encoding="utf-8"))


def flat_rows(tree: dict) -> list[tuple[str, list[int]]]:
    """Table-3 rows in document order as (label path, values); values parsed as integers."""
    out = []
    for label, v in tree.items():
        if isinstance(v, dict):
            out += [(f"{label} {sub}", vals) for sub, vals in flat_rows(v)]
        else:
            out.append((label, [int(str(x).strip()) for x in v]))
    return out


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def body_blocks(path: Path) -> list:
    body = etree.fromstring(zipfile.ZipFile(path).read("word/document.xml")).find(f"{W}body")
    return [b for b in body if b.tag in (f"{W}p", f"{W}tbl", f"{W}sdt")]


def block_text(block) -> str:
    return "".join(t.text or "" for t in block.iter(f"{W}t"))


@pytest.fixture(scope="module")
def corpus_generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("corpus_docx")
    subprocess.run([sys.executable, str(CORPUS_GENERATOR), str(out)], check=True, capture_output=True)
    return out


def test_corpus_generator_reproduces_committed_fixtures(corpus_generated: Path) -> None:
    names = sorted(p.name for p in corpus_generated.iterdir())
    assert names == sorted([corpus_spec(n)["file"] for n in CORPUS_SPECS] + ["MANIFEST.md"])
    for name in names:
        assert (CORPUS_COMMITTED / name).is_file(), f"{name} is not committed; run {CORPUS_GENERATOR.name}"
        assert _contents(corpus_generated / name) == _contents(CORPUS_COMMITTED / name), f"{name} differs; regenerate"


def test_corpus_covers_every_report() -> None:
    sources = {corpus_spec(n)["source"] for n in CORPUS_SPECS}
    assert sources == {p.name for p in (REPO / "fixtures" / "corpus").glob("*.txt")}


@pytest.mark.parametrize("name", CORPUS_SPECS)
def test_corpus_relations_fail_only_where_published(name: str) -> None:
    """Recompute T3-A/B/C and T4 from the data file: exactly the declared real defects fail."""
    spec = corpus_spec(name)
    rows = flat_rows(spec["table3"])
    by = dict(rows)
    results = [v for k, v in rows if k.startswith("三、本年度办理结果") and not k.endswith("（七）总计")]
    assert len(rows) == (23 if spec["edition"] == 2019 else 25) and len(results) == len(rows) - 4
    new, prev = by["一、本年新收政府信息公开申请数量"], by["二、上年结转政府信息公开申请数量"]
    done, carry = by["三、本年度办理结果 （七）总计"], by["四、结转下年度继续办理"]
    failing = set()
    for c, col in enumerate(T3_COLS):
        if new[c] + prev[c] != done[c] + carry[c]:
            failing.add(("T3-A", "（七）总计", col))
        if sum(r[c] for r in results) != done[c]:
            failing.add(("T3-C", "（七）总计", col))
    failing |= {("T3-B", k.split(" ")[-1], "总计") for k, v in rows if v[6] != sum(v[:6])}
    for grp, raw in spec["table4"].items():
        v = [int(str(x).strip()) for x in raw]
        if v[4] != sum(v[:4]):
            failing.add(("T4", grp, "总计"))
    assert failing == {(d["relation"], d["row"], d["column"]) for d in spec["known_defects"]}


def test_corpus_known_defect_is_the_provenance_one() -> None:
    """PROVENANCE.md: 平潭 2020, the result rows give 27 (自然人 26) but （七）总计 is 21 (自然人 20)."""
    spec = corpus_spec("2020_pingtan_zhqsyq.yaml")
    results = spec["table3"]["三、本年度办理结果"]
    assert results["（七）总计"] == [20, 0, 0, 0, 0, 1, 21]
    nonzero = {k: v for k, v in flat_rows(results) if any(v) and k != "（七）总计"}
    assert {k: v[6] for k, v in nonzero.items()} == {
        "（一）予以公开": 7,
        "（二）部分公开": 6,
        "（四）无法提供 1.本机关不掌握相关政府信息": 4,
        "（四）无法提供 3.补正后申请内容仍不明确": 3,
        "（五）不予处理 2.重复申请": 3,
        "（六）其他处理": 4,
    }
    assert spec["known_defects"] == [
        {"relation": "T3-C", "row": "（七）总计", "column": "自然人", "expected": 26, "actual": 20},
        {"relation": "T3-C", "row": "（七）总计", "column": "总计", "expected": 27, "actual": 21},
    ]
    # The position given in MANIFEST.md holds the published totals.
    manifest = (CORPUS_COMMITTED / "MANIFEST.md").read_text(encoding="utf-8")
    section = manifest.split("## 2020_pingtan_zhqsyq.docx")[1].split("\n## ")[0]
    for col, value in (("自然人", "20"), ("总计", "21")):
        m = re.search(rf"T3-C, column 「{col}」.* total cell at body block (\d+), w:tr (\d+), w:tc (\d+)", section)
        block, tr, tc = (int(g) for g in m.groups())
        cell = (
            body_blocks(CORPUS_COMMITTED / "2020_pingtan_zhqsyq.docx")[block]
            .findall(f"{W}tr")[tr - 1]
            .findall(f"{W}tc")[tc - 1]
        )
        assert block_text(cell) == value


@pytest.mark.parametrize("name", CORPUS_SPECS)
def test_corpus_docx_reads_as_its_source(name: str) -> None:
    """Whitespace aside, the document's text (title, narrative and tables) is the published text."""
    spec = corpus_spec(name)
    raw = (REPO / "fixtures" / "corpus" / spec["source"]).read_text(encoding="utf-8")
    blocks = body_blocks(CORPUS_COMMITTED / spec["file"])
    titles = [block_text(b) for b in blocks[: len(spec["title"])]]
    assert titles == spec["title"]
    if spec["form"] == "lines":
        lines = [ln.strip() for ln in raw.splitlines() if ln.strip()]
        assert lines[: len(titles)] == titles
        source = "".join(lines[len(titles) :])
    else:
        header, source = raw.split("==================== 正文 ====================\n", 1)
        meta = dict(ln.split(": ", 1) for ln in header.splitlines() if ": " in ln)
        source = source.strip()
        if spec.get("tail"):
            source = source.removesuffix(spec["tail"])
        if spec["title_from"] == "body":
            source = source.removeprefix(titles[0])
        else:
            assert titles == [meta["标题"]]
        if spec.get("start"):
            source = source[source.index(spec["start"]) :]
    document = "".join(block_text(b) for b in blocks[len(titles) :])
    assert squeeze(document) == squeeze(source)
    # headings verbatim, each its own paragraph, in order
    paras = [block_text(b) for b in blocks if b.tag == f"{W}p"]
    assert [p for p in paras if p in spec["headings"]] == spec["headings"]


@pytest.mark.parametrize("name", CORPUS_SPECS)
def test_corpus_tables_layout_and_values(name: str) -> None:
    spec = corpus_spec(name)
    doc = docx.Document(str(CORPUS_COMMITTED / spec["file"]))
    assert len(doc.tables) == 3
    t2, t3, t4 = (t._tbl for t in doc.tables)
    rows2 = t2.findall(f"{W}tr")
    if spec["edition"] == 2019:
        assert len(rows2) == 18 and len(t3.findall(f"{W}tr")) == 26
        captions = [block_text(r) for r in rows2 if len(r.findall(f"{W}tc")) == 1]
        assert captions == [f"第二十条第（{n}）项" for n in "一五六八九"]
        data_cells = sum(
            len(r.findall(f"{W}tc")) - 1
            for r in rows2
            if len(r.findall(f"{W}tc")) > 1 and block_text(r.findall(f"{W}tc")[0]) != "信息内容"
        )
        assert data_cells == 22
        for r in rows2:  # blocks （八） and （九）: last cell spans 2 grid columns, in header and data rows
            cells = r.findall(f"{W}tc")
            if len(cells) == 3:
                assert cells[-1].find(f"{W}tcPr/{W}gridSpan").get(f"{W}val") == "2"
        # 「三、本年度办理结果」: one 20-row merge, or (平潭 2019/2020, as published) two merges of 10 rows
        first = [r.findall(f"{W}tc")[0] for r in t3.findall(f"{W}tr")[5:25]]
        restarts = [i for i, tc in enumerate(first) if tc.find(f"{W}tcPr/{W}vMerge").get(f"{W}val") == "restart"]
        assert restarts == ([0, 10] if spec.get("t3_label_restart_before") else [0])
        assert all(block_text(first[i]) == "三、本年度办理结果" for i in restarts)
    else:
        assert len(rows2) == 14 and len(t3.findall(f"{W}tr")) == 28
    # table 3 values read back with python-docx, in row order
    read = []
    for row in doc.tables[1].rows[3:]:
        cells = [c for i, c in enumerate(row.cells) if i == 0 or c._tc is not row.cells[i - 1]._tc]
        read.append([int(c.text.strip()) for c in cells[-7:]])
    assert read == [v for _, v in flat_rows(spec["table3"])]
    t4_values = [block_text(tc) for tc in t4.findall(f"{W}tr")[-1].findall(f"{W}tc")]
    assert t4_values == [str(v) for grp in spec["table4"].values() for v in grp]


@pytest.mark.parametrize("path", sorted(CORPUS_COMMITTED.glob("*.docx")), ids=lambda p: p.name)
def test_corpus_fixture_opens(path: Path) -> None:
    with zipfile.ZipFile(path) as z:
        for part in z.namelist():
            if part.endswith((".xml", ".rels")):
                etree.fromstring(z.read(part))
    docx.Document(str(path))
