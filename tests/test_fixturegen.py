"""Checks for the Word fixture generator tests/fixturegen/build_docx.py and its data."""
from __future__ import annotations

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
    rows = [t3["一、本年新收政府信息公开申请数量"], t3["二、上年结转政府信息公开申请数量"], *items,
            results["（七）总计"], t3["四、结转下年度继续办理"]]
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
