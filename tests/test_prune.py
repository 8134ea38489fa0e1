"""Formatting cut out of document.xml before the parse: exact when done, not done when it could not be."""

from __future__ import annotations

import tracemalloc
import zipfile
from pathlib import Path

import pytest

import linter.readers.docx.body as docx_reader
from linter.errors import InputError
from linter.config.limits import DEFAULT_LIMITS
from linter.model import Paragraph, Table
from linter.readers import read_document
from linter.readers.docx.prune import prune
from tests.docxbuild import W_NS, document_xml, write_docx

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
RPR = '<w:rPr><w:rFonts w:ascii="宋体" w:eastAsia="宋体"/><w:sz w:val="32"/><w:lang w:val="en-US"/></w:rPr>'
BORDERS = '<w:tcBorders><w:top w:val="single" w:sz="4"/><w:left w:val="single" w:sz="4"/></w:tcBorders>'
TBLPR = '<w:tblPr><w:tblW w:w="0" w:type="auto"/><w:tblBorders><w:top w:val="single"/></w:tblBorders></w:tblPr>'


def xml(body: str) -> bytes:
    return document_xml(body).encode("utf-8")


def test_formatting_is_cut_and_what_the_reader_uses_stays() -> None:
    body = (
        f'<w:p><w:pPr><w:pStyle w:val="2"/>{RPR}</w:pPr><w:r>{RPR}<w:t>正文</w:t></w:r></w:p>'
        f'<w:tbl>{TBLPR}<w:tblGrid><w:gridCol w:w="1"/></w:tblGrid><w:tr><w:tblPrEx>{TBLPR}</w:tblPrEx>'
        f'<w:tc><w:tcPr><w:gridSpan w:val="2"/>{BORDERS}<w:tcMar><w:left w:w="0"/></w:tcMar></w:tcPr>'
        '<w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t>隐</w:t></w:r><w:r><w:rPr><w:rStyle w:val="a"/></w:rPr>'
        '</w:r></w:p><w:p><w:pPr><w:rPr><w:del w:id="1" w:author="x"/></w:rPr></w:pPr></w:p></w:tc></w:tr>'
        f'<w:tr><w:trPr><w:trHeight w:val="1"/></w:trPr><w:tc><w:tcPr>{BORDERS}<w:vAlign w:val="center"/></w:tcPr>'
        f'<w:p><w:pPr><w:jc w:val="center"/>{RPR}</w:pPr></w:p></w:tc></w:tr>'
        '<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr></w:tr></w:tbl>'
    )
    expected = (
        '<w:p><w:pPr><w:pStyle w:val="2"/><w:rPr/></w:pPr><w:r><w:rPr/><w:t>正文</w:t></w:r></w:p>'
        f'<w:tbl>{TBLPR}<w:tblGrid><w:gridCol w:w="1"/></w:tblGrid><w:tr>'
        '<w:tc><w:tcPr><w:gridSpan w:val="2"/><w:tcMar><w:left w:w="0"/></w:tcMar></w:tcPr>'
        '<w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t>隐</w:t></w:r><w:r><w:rPr><w:rStyle w:val="a"/></w:rPr>'
        '</w:r></w:p><w:p><w:pPr><w:rPr><w:del w:id="1" w:author="x"/></w:rPr></w:pPr></w:p></w:tc></w:tr>'
        '<w:tr><w:trPr><w:trHeight w:val="1"/></w:trPr><w:tc><w:p><w:pPr/></w:p></w:tc></w:tr>'
        '<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr></w:tr></w:tbl>'
    )
    assert prune(xml(body)) == xml(expected)


def test_properties_nested_in_a_change_record_are_judged_on_their_own(tmp_path: Path) -> None:
    # w:rPrChange holds the old w:rPr inside the new one: the outer w:rPr (holding another of its
    # kind) stays, the old one inside is cut like any other, the borders still are.
    def run(old: str) -> str:
        return f'<w:r><w:rPr><w:b/><w:rPrChange w:id="1" w:author="a">{old}</w:rPrChange></w:rPr><w:t>x</w:t></w:r>'

    out = prune(xml(f"<w:p>{run(RPR)}</w:p><w:tbl><w:tr><w:tc><w:tcPr>{BORDERS}</w:tcPr><w:p/></w:tc></w:tr></w:tbl>"))
    assert out == xml(f"<w:p>{run('<w:rPr/>')}</w:p><w:tbl><w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl>")
    # The old properties held hidden text: they stay, and so does the run's text.
    hidden = run("<w:rPr><w:vanish/></w:rPr>")
    assert prune(xml(f"<w:p>{hidden}</w:p>")) == xml(f"<w:p>{hidden}</w:p>")
    doc = read_document(write_docx(tmp_path / "c.docx", f"<w:p>{run(RPR)}</w:p>"), DEFAULT_LIMITS)
    assert [b.full_text for b in doc.blocks if isinstance(b, Paragraph)] == ["x"]


def test_an_unclosed_element_costs_one_scan() -> None:
    # Half a million tags after an unclosed w:rPr: no match, no backtracking state kept.
    data = xml("<w:p><w:r><w:rPr>" + "<w:b/>" * 500_000 + "</w:r></w:p>")
    tracemalloc.start()
    try:
        assert prune(data) == data
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 1_000_000  # a backtracking loop would keep about 60 MB of state here


@pytest.mark.parametrize(
    "data",
    [
        xml(f"<!-- {RPR} --><w:p><w:r>{RPR}<w:t>x</w:t></w:r></w:p>"),  # a comment
        xml(f"<w:p><w:r>{RPR}<w:t><![CDATA[{RPR}]]></w:t></w:r></w:p>"),  # CDATA
        xml(f"<?pi {RPR}?><w:p><w:r>{RPR}</w:r></w:p>"),  # a processing instruction
        document_xml(f"<w:p><w:r>{RPR}</w:r></w:p>").encode("utf-16"),  # UTF-16 (with its BOM)
        document_xml(f"<w:p><w:r>{RPR}</w:r></w:p>").replace("UTF-8", "GB18030").encode("gb18030"),
        xml(f'<w:p><w:r>{RPR}<t xmlns="{W_NS}">x</t></w:r></w:p>'),  # a default namespace
        xml(f'<w:p xmlns:w="{W_NS}/x"><w:r>{RPR}</w:r></w:p>'),  # the prefix bound to another namespace inside
        xml(f'<w:p><w:pPr><x:pStyle xmlns:x="{W_NS}" x:val="1"/></w:pPr></w:p>'),  # the namespace under another prefix
        xml('<w:p><w:pPr><x:pStyle x:val="1"/></w:pPr></w:p>').replace(
            b"<w:document ", f'<w:document xmlns:x="{W_NS}" '.encode()
        ),
        # the namespace under another prefix, declared with a space before "=" or in single quotes
        xml("<w:p><w:pPr><x:vanish/></w:pPr></w:p>").replace(
            b"<w:document ", f'<w:document xmlns:x ="{W_NS}" '.encode()
        ),
        xml("<w:p><w:pPr><x:vanish/></w:pPr></w:p>").replace(
            b"<w:document ", f"<w:document xmlns:x='{W_NS}' ".encode()
        ),
        xml(f"<w:p><w:r>{RPR}</w:r></w:p>").replace(
            b"<w:document ", b"<w:document xmlns = 'urn:x' "
        ),  # a default namespace, spaced
        xml(f"<w:p><w:r>{RPR}</w:r></w:p>").replace(
            b"<w:document ", b'<w:document xmlns:w2="&#104;ttp://x" '
        ),  # a URI with references
        xml(f"<w:p><w:r>{RPR}<w:t>xmlns</w:t></w:r></w:p>"),  # the word in text: not a declaration read here
    ],
)
def test_parts_where_a_cut_could_be_wrong_are_left_whole(data: bytes) -> None:
    assert prune(data) is data


def test_declarations_are_read_whatever_their_spacing_and_quotes() -> None:
    single = xml(f"<w:p><w:r>{RPR}</w:r></w:p>").replace(b'xmlns:w="', b"xmlns:w = '").replace(b'main"', b"main'")
    assert prune(single) == single.replace(RPR.encode(), b"<w:rPr/>")


@pytest.mark.parametrize("declaration", [f'xmlns:x ="{W_NS}"', f"xmlns:x='{W_NS}'"])
def test_text_under_another_prefix_reads_the_same_with_or_without_the_cut(
    declaration: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The namespace bound to x: as well (with a space before "=") and a run hidden through x:vanish
    # inside run properties: the cut must not take the properties away and show the hidden text.
    document = document_xml("<w:p><w:r><w:rPr><x:vanish/></w:rPr><w:t>隐藏</w:t></w:r><w:r><w:t>正文</w:t></w:r></w:p>")
    document = document.replace("<w:document ", f"<w:document {declaration} ")
    path = write_docx(tmp_path / "x.docx", "", document=document)
    with_cut = [b.full_text for b in read_document(path, DEFAULT_LIMITS).blocks if isinstance(b, Paragraph)]
    monkeypatch.setattr(docx_reader, "prune", lambda data: data)
    without = [b.full_text for b in read_document(path, DEFAULT_LIMITS).blocks if isinstance(b, Paragraph)]
    assert with_cut == without == ["正文"]


def test_the_prefix_declared_again_for_the_same_namespace_is_cut() -> None:
    # lxml and python-docx declare xmlns:w again on paragraphs they copy from another tree.
    data = xml(f'<w:p xmlns:w="{W_NS}"><w:r>{RPR}<w:t>x</w:t></w:r></w:p>')
    assert prune(data) == xml(f'<w:p xmlns:w="{W_NS}"><w:r><w:rPr/><w:t>x</w:t></w:r></w:p>')


def test_unclosed_or_respelled_elements_are_not_cut() -> None:
    odd = xml("<w:p><w:r><w:rPr ><w:b/></w:rPr ><w:t>x</w:t></w:r></w:p>")
    assert prune(odd) == odd
    # An end tag written with a space: the next "</w:rPr>" belongs to another run's properties
    # (begun with an attribute), and cutting up to it would take the text between along.
    respelled = xml(
        "<w:p><w:r><w:rPr><w:b/></w:rPr ><w:t>正文</w:t></w:r>"
        '<w:r><w:rPr w:x="1"><w:i/></w:rPr><w:t>尾</w:t></w:r></w:p>'
    )
    assert prune(respelled) == respelled
    unclosed = xml("<w:p><w:r><w:rPr><w:b/><w:t>x</w:t></w:r></w:p>")  # malformed: left to the parser
    assert prune(unclosed) == unclosed


def test_the_original_error_and_line_when_the_cut_part_does_not_parse(tmp_path: Path) -> None:
    # Mismatched tags on line 3 of the file: the message gives the file's line, not the cut part's.
    document = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<w:document xmlns:w="{W_NS}"><w:body>\n'
        f"<w:p><w:r>{RPR}</w:r></w:x>\n</w:body></w:document>"
    )
    with pytest.raises(InputError) as caught:
        read_document(write_docx(tmp_path / "bad.docx", "", document=document), DEFAULT_LIMITS)
    assert caught.value.code == "RL-IO-006" and "line 3" in str(caught.value.detail)


def test_the_first_run_properties_still_count_first(tmp_path: Path) -> None:
    # Only a run's first w:rPr counts: cutting the first must not promote the hidden second one.
    body = "<w:p><w:r><w:rPr><w:b/></w:rPr><w:rPr><w:vanish/></w:rPr><w:t>显示</w:t></w:r></w:p>"
    doc = read_document(write_docx(tmp_path / "t.docx", body), DEFAULT_LIMITS)
    assert [b.full_text for b in doc.blocks if isinstance(b, Paragraph)] == ["显示"]


def _all_docx() -> list[Path]:
    return sorted(p for p in FIXTURES.rglob("*.docx") if p.is_file())


def test_every_bundled_docx_reads_the_same_with_and_without_the_cut(monkeypatch: pytest.MonkeyPatch) -> None:
    """The model (texts, labels, styles, cells, spans, element paths, notices) is the same."""
    files = _all_docx()
    cut = 0
    for path in files:
        monkeypatch.setattr(docx_reader, "prune", prune)
        try:
            with_cut: object = read_document(path, DEFAULT_LIMITS)
        except InputError as exc:
            with_cut = ("error", exc.code)
        monkeypatch.setattr(docx_reader, "prune", lambda data: data)
        try:
            whole: object = read_document(path, DEFAULT_LIMITS)
        except InputError as exc:
            whole = ("error", exc.code)
        assert with_cut == whole, path.name
        try:
            with zipfile.ZipFile(path) as zf:
                data = zf.read("word/document.xml")
            cut += prune(data) is not data
        except (zipfile.BadZipFile, KeyError):
            pass
    tables = [
        b for b in read_document(FIXTURES / "docx" / "filled_2021.docx", DEFAULT_LIMITS).blocks if isinstance(b, Table)
    ]
    assert len(files) >= 40 and cut >= 30 and len(tables) >= 3  # the comparison covered real content


def test_cell_paths_follow_the_prefix_the_file_writes(tmp_path: Path) -> None:
    # A cut part proves every W element is written w:..., so row and cell paths are written
    # without asking each element; where W is also bound to x: (no cut) they are asked for.
    def cells(p: str, first: str) -> str:
        return "".join(f"<{p}:tc><{p}:p><{p}:r><{p}:t>{t}</{p}:t></{p}:r></{p}:p></{p}:tc>" for t in (first, "1"))

    # the second row's cells written x:tc (the same namespace) in the mixed file
    body = (
        f"<w:p><w:r>{RPR}<w:t>正文</w:t></w:r></w:p>"
        f"<w:tbl><w:tr>{cells('w', '甲')}</w:tr><w:tr>{cells('x', '乙')}</w:tr></w:tbl>"
    )
    plain = document_xml(body.replace("x:", "w:"))
    mixed = document_xml(body).replace("<w:document ", f'<w:document xmlns:x="{W_NS}" ')
    assert prune(plain.encode()) != plain.encode() and prune(mixed.encode()) == mixed.encode()
    for name, document, second in (("plain", plain, "w:tc"), ("mixed", mixed, "x:tc")):
        doc = read_document(write_docx(tmp_path / f"{name}.docx", "", document=document), DEFAULT_LIMITS)
        grid = next(b for b in doc.blocks if isinstance(b, Table))
        assert [c.text for c in grid.rows[1] if c] == ["乙", "1"]
        assert grid.rows[0][1].xpath == "/w:document/w:body/w:tbl/w:tr[1]/w:tc[2]"
        assert grid.rows[1][1].xpath == f"/w:document/w:body/w:tbl/w:tr[2]/{second}[2]"
