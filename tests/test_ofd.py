"""OFD (GB/T 33190): copies of PDF fixtures written from the PDFs' page geometry
(tests/fixturegen/build_ofd.py), in three shapes (fixtures/ofd: a text object per run of
characters with one box; wps_like/: per run of one script, as WPS writes; converter_like/: per
character through a scaling CTM, as PDF-to-OFD converters write), give the findings of their
PDFs, page by page; the package is checked as a .docx is; structure errors and scans are named."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from linter.config.limits import Limits
from linter.errors import InputError
from linter.model import Table
from linter.readers import read_document
from linter.readers.ofd.geometry import MM, deltas
from linter.engine.lint import Selection
from linter.run.check import Options, check_file
from tests.conftest import FIXTURES, NOT_S1

OFD = FIXTURES / "ofd"
PDFS = {
    p.stem: p
    for p in [
        *(FIXTURES / "pdf_export" / "corpus_docx").glob("*.pdf"),
        *(FIXTURES / "pdf_export" / "shapes").glob("*.pdf"),
        FIXTURES / "scans" / "scanned_table3_2021.pdf",
    ]
}
PAIRS = sorted(OFD.rglob("*.ofd"))


def _findings(path: Path) -> list[tuple[object, ...]]:
    result = check_file(path, Options(selection=Selection(ignore=NOT_S1)))  # their own RL-S1-002 (conftest)
    assert result.error is None, result.error
    return sorted(
        (
            (
                f.rule,
                f.severity,
                f.location.section,
                f.location.table,
                f.location.row_label,
                f.location.column_label,
                f.expected,
                f.actual,
                f.location.page,
            )
            for f in result.findings
        ),
        key=lambda row: tuple("" if x is None else str(x) for x in row),
    )


def test_the_ofd_fixtures() -> None:
    assert len(PAIRS) == 20 and all(p.stem in PDFS for p in PAIRS)
    assert sorted({p.parent.name for p in PAIRS}) == ["converter_like", "ofd", "wps_like"]


@pytest.mark.parametrize("ofd", PAIRS, ids=lambda p: str(p.relative_to(OFD).with_suffix("")))
def test_an_ofd_gives_the_findings_of_its_pdf(ofd: Path) -> None:
    assert check_file(ofd).format == "ofd"
    assert _findings(ofd) == _findings(PDFS[ofd.stem])


def _tables(path: Path) -> list[list[list[str]]]:
    return [
        [[c.text for c in table.origin_cells(r)] for r in range(len(table.rows))]
        for table in read_document(path).blocks
        if isinstance(table, Table)
    ]


@pytest.mark.parametrize(
    "stem",
    ["2021_pingtan_zhqsyq_repeated_header", "2019_pingtan_zhqsyq_whole_rows", "2021_pingtan_zhqsyq_vertical_labels"],
)
def test_tables_over_page_breaks_read_as_from_the_pdf(stem: str) -> None:
    tables = _tables(OFD / f"{stem}.ofd")
    assert tables == _tables(PDFS[stem]) and len(tables) == 3


def test_a_garbled_text_layer_is_one_warning() -> None:
    assert [r[:2] for r in _findings(OFD / "2021_pingtan_zhqsyq_no_cjk_font_stripped.ofd")] == [
        ("RL-PARSE-002", "warning")
    ]


def test_scanned_pages_are_named() -> None:
    assert [(r[0], r[-1]) for r in _findings(OFD / "scanned_table3_2021.ofd")] == [
        ("RL-PARSE-003", 3),
        ("RL-PARSE-003", 4),
    ]


def test_delta_notation() -> None:
    assert deltas("g 3 4.5 1 g 2 0.5", 10) == [4.5, 4.5, 4.5, 1.0, 0.5, 0.5]
    assert deltas("g 99999999 1", 4) == [1.0] * 4  # never more than the text has characters
    assert deltas("1 x 2", 5) == [1.0]


def _rewrite(src: Path, dst: Path, drop: str = "", change: dict[str, bytes] | None = None, first: str = "") -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        names = zin.namelist()
        if first:
            names.remove(first)
            names.append(first)  # the entry file last: found by the zip's directory
        for name in names:
            if name != drop:
                zout.writestr(name, (change or {}).get(name, zin.read(name)))
    return dst


def test_detected_by_its_entry_file_wherever_it_lies(tmp_path: Path) -> None:
    moved = _rewrite(OFD / "2021_pingtan_zhqsyq.ofd", tmp_path / "report.docx", first="OFD.xml")
    assert zipfile.ZipFile(moved).namelist()[-1] == "OFD.xml"
    assert check_file(moved).format == "ofd"


def test_structure_errors_are_named(tmp_path: Path) -> None:
    src = OFD / "2021_pingtan_zhqsyq.ofd"
    missing = _rewrite(src, tmp_path / "missing.ofd", drop="Doc_0/Pages/Page_2/Content.xml")
    result = check_file(missing)
    assert result.error is not None and result.error.code == "RL-IO-029"
    assert "Doc_0/Pages/Page_2/Content.xml" in result.error.message
    broken = _rewrite(src, tmp_path / "broken.ofd", change={"Doc_0/Document.xml": b"<ofd:Document"})
    assert check_file(broken).error.code == "RL-IO-006"  # type: ignore[union-attr]
    (tmp_path / "cut.ofd").write_bytes(src.read_bytes()[:20000])
    assert check_file(tmp_path / "cut.ofd").error.code == "RL-IO-002"  # type: ignore[union-attr]
    with pytest.raises(InputError) as raised:
        read_document(src, Limits(max_zip_members=3))
    assert raised.value.code == "RL-IO-005" and "max_zip_members" in str(raised.value.detail)


def test_an_ofd_without_text_objects_is_a_scan(tmp_path: Path) -> None:
    src = OFD / "scanned_table3_2021.ofd"
    with zipfile.ZipFile(src) as zf:
        pages = [n for n in zf.namelist() if n.startswith("Doc_0/Pages/")]
        images_only = {
            name: re.sub(rb"(?s)<ofd:(TextObject|PathObject)\b.*?</ofd:\1>", b"", zf.read(name)) for name in pages
        }
    scan = _rewrite(src, tmp_path / "scan.ofd", change=images_only)
    result = check_file(scan)
    assert result.error is not None and result.error.code == "RL-IO-022"
    assert "OFD 中没有文字对象" in result.error.message


def test_a_template_page_is_drawn_under_every_page_and_read_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What a template page holds (a running header here) is drawn first on each page naming it;
    its Content.xml is read once for the whole document. A TextObject's text is its TextCode
    children's."""
    from linter.readers.docx.package import Package
    from linter.readers.ofd.reader import _Ofd

    src = OFD / "2021_pingtan_zhqsyq.ofd"
    template = "Doc_0/Tpls/Tpl_0/Content.xml"
    header = (
        '<ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Content><ofd:Layer ID="1">'
        '<ofd:TextObject ID="2" Boundary="20 10 60 5" Font="1" Size="4">'
        '<ofd:TextCode X="0" Y="4" DeltaX="g 6 4">平潭综合实验区</ofd:TextCode>'
        '<ofd:CGTransform><ofd:TextCode X="0" Y="4">不是</ofd:TextCode></ofd:CGTransform>'
        "</ofd:TextObject></ofd:Layer></ofd:Content></ofd:Page>"
    ).encode()
    made = _rewrite(src, tmp_path / "header.ofd", change={template: header})
    read: list[str] = []
    parse = Package.xml

    def counted(self: Package, name: str, ids: bool = True) -> object:
        read.append(name)
        return parse(self, name, ids)

    monkeypatch.setattr(Package, "xml", counted)
    package = Package(made, Limits())
    try:
        pages = _Ofd(package, Limits()).pages()
    finally:
        package.close()
    assert len(pages) == 6 and read.count(template) == 1
    for page in pages:
        assert "".join(g.text for g in page.glyphs[:7]) == "平潭综合实验区"
        assert "不是" not in "".join(g.text for g in page.glyphs)
    assert [round(g.x0 / MM - 20, 3) for g in pages[0].glyphs[:3]] == [0.0, 4.0, 8.0]


def test_an_empty_path_is_no_ruling(tmp_path: Path) -> None:
    """A PathObject whose AbbreviatedData is empty draws nothing (it was an internal error)."""
    src = OFD / "2021_pingtan_zhqsyq.ofd"
    name = "Doc_0/Pages/Page_3/Content.xml"
    with zipfile.ZipFile(src) as zf:
        content = zf.read(name)
    emptied = re.sub(rb"<ofd:AbbreviatedData>[^<]*</ofd:AbbreviatedData>", b"<ofd:AbbreviatedData/>", content, count=1)
    assert emptied != content
    made = _rewrite(src, tmp_path / "empty_path.ofd", change={name: emptied})
    assert check_file(made).error is None
    assert _findings(made) == _findings(src)


def test_a_code_goes_on_where_the_one_before_left_the_pen() -> None:
    """A TextCode without X/Y starts where the code before it in the same text object left the
    pen: after a single character, moved by its DeltaX (the font's advance without one: an em for
    a Chinese character, half for a narrow one) and its DeltaY; a new text object starts at 0."""
    from lxml import etree

    from linter.readers.ofd.geometry import draw
    from linter.readers.pdf.pdfium import PageContent

    ns = "http://www.ofdspec.org/2016"
    page = etree.fromstring(
        f'<ofd:Page xmlns:ofd="{ns}"><ofd:Content><ofd:Layer ID="1">'
        '<ofd:TextObject ID="2" Boundary="10 20 100 10" Size="4">'
        '<ofd:TextCode X="0" Y="4" DeltaX="7" DeltaY="2">甲</ofd:TextCode>'
        "<ofd:TextCode>乙</ofd:TextCode>"
        '<ofd:TextCode Y="4">丙</ofd:TextCode>'
        '<ofd:TextCode X="30">a</ofd:TextCode>'
        "<ofd:TextCode>b</ofd:TextCode>"
        "</ofd:TextObject>"
        '<ofd:TextObject ID="3" Boundary="10 40 100 10" Size="4" CTM="0.5 0 0 0.5 0 0">'
        "<ofd:TextCode>丁</ofd:TextCode><ofd:TextCode>戊</ofd:TextCode>"
        "</ofd:TextObject></ofd:Layer></ofd:Content></ofd:Page>"
    )
    out = PageContent(1, 600.0, 800.0)
    draw(page, out, "{" + ns + "}")
    placed = [(g.text, round(g.x0 / MM, 3), round(g.top / MM + 0.85 * (g.bottom - g.top) / MM, 3)) for g in out.glyphs]
    assert placed == [
        ("甲", 10.0, 24.0),
        ("乙", 17.0, 26.0),  # X after 甲's DeltaX, Y after its DeltaY
        ("丙", 21.0, 24.0),  # after 乙: an em (no DeltaX); its own Y
        ("a", 40.0, 24.0),
        ("b", 42.0, 24.0),  # after a: half an em
        ("丁", 10.0, 40.0),  # a new object: X and Y from 0, through its CTM (an em of 2 mm)
        ("戊", 12.0, 40.0),
    ]
