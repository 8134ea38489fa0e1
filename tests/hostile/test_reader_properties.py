"""Property-based tests of the readers: any WordprocessingML built from a hostile grammar (merges
and spans with odd values, tracked changes, fields, content controls, nested tables, symbols)
is read into a consistent model or refused with an RL-IO code; never an exception, never text
that cannot be printed, and every xpath the model reports points at its element."""

from __future__ import annotations

import tempfile
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st
from lxml import etree

from linter.run.check import Options, check_file
from linter.errors import INPUT_ERRORS, InputError
from linter.config.limits import DEFAULT_LIMITS
from linter.model import Paragraph, Table
from linter.readers import read_document
from linter.readers.docx.numbering import format_number, safe_int
from linter.readers.docx.package import safe_parser
from linter.ruleset.loader import builtin_editions, builtin_ruleset
from tests.docxbuild import W_NS, document_xml, write_docx
from tests.hostile.craft import pending_reader

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
ODD = st.one_of(
    st.sampled_from(
        ["0", "1", "2", "3", "-1", "x", "", "999999999", "restart", "continue", "2147483648", "١٢", "²", " 2", "1e3"]
    ),
    st.integers(-3, 70).map(str),
)
XML_CHAR = st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff") | st.sampled_from(
    ["\t", "\n", "一", "（", "）", "总", "计", "1", "２", "、", "\u3000", "\u200b"]
)
TEXT = st.text(XML_CHAR, max_size=12).map(lambda s: s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))
NS = {"w": W_NS}
DOCUMENTED = {r.id for e in builtin_editions() for r in builtin_ruleset(e).rules}


def attr(name: str, value: str) -> str:
    return f'w:{name}="{value}"'.replace("&", "&amp;").replace("<", "&lt;") if '"' not in value else f"w:{name}='0'"


run_items = st.one_of(
    TEXT.map(lambda t: f'<w:t xml:space="preserve">{t}</w:t>'),
    st.sampled_from(
        [
            "<w:tab/>",
            "<w:br/>",
            "<w:cr/>",
            "<w:noBreakHyphen/>",
            '<w:fldChar w:fldCharType="begin"/>',
            '<w:fldChar w:fldCharType="separate"/>',
            '<w:fldChar w:fldCharType="end"/>',
            "<w:instrText> PAGE </w:instrText>",
            "<w:delText>删</w:delText>",
        ]
    ),
    st.text("0123456789ABCDEFabcdefx-", max_size=10).map(lambda c: f'<w:sym w:char="{c}"/>'),
)
runs = st.builds(
    lambda hidden, items: f"<w:r>{'<w:rPr><w:vanish/></w:rPr>' if hidden else ''}{''.join(items)}</w:r>",
    st.booleans(),
    st.lists(run_items, max_size=4),
)
inline = st.recursive(
    runs,
    lambda kids: (
        st.builds(
            lambda wrap, ks: f"<w:{wrap}>{''.join(ks)}</w:{wrap}>",
            st.sampled_from(["ins", "del", "hyperlink", "smartTag", "moveTo", "moveFrom"]),
            st.lists(kids, max_size=3),
        )
        | st.lists(kids, max_size=3).map(lambda ks: f"<w:sdt><w:sdtContent>{''.join(ks)}</w:sdtContent></w:sdt>")
    ),
    max_leaves=8,
)
ppr = st.one_of(
    st.just(""),
    st.builds(
        lambda ilvl, num, ol, style: (
            f"<w:pPr><w:pStyle {attr('val', style)}/>"
            f"<w:numPr><w:ilvl {attr('val', ilvl)}/><w:numId {attr('val', num)}/></w:numPr>"
            f"<w:outlineLvl {attr('val', ol)}/></w:pPr>"
        ),
        ODD,
        ODD,
        ODD,
        st.sampled_from(["H1", "TOC1", "x", ""]),
    ),
    st.just('<w:pPr><w:rPr><w:del w:id="1"/></w:rPr></w:pPr>'),
)
paragraph = st.builds(lambda pp, ks: f"<w:p>{pp}{''.join(ks)}</w:p>", ppr, st.lists(inline, max_size=3))


def cell(blocks: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    tcpr = st.lists(
        st.one_of(
            ODD.map(lambda v: f"<w:gridSpan {attr('val', v)}/>"),
            st.sampled_from(
                [
                    '<w:vMerge w:val="restart"/>',
                    "<w:vMerge/>",
                    "<w:hMerge/>",
                    '<w:hMerge w:val="restart"/>',
                    "<w:cellDel/>",
                ]
            ),
        ),
        max_size=2,
    )
    return st.builds(
        lambda props, content: f"<w:tc><w:tcPr>{''.join(props)}</w:tcPr>{''.join(content)}</w:tc>",
        tcpr,
        st.lists(blocks, min_size=0, max_size=2),
    )


def table(blocks: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    trpr = st.one_of(
        st.just(""),
        ODD.map(lambda v: f"<w:trPr><w:gridBefore {attr('val', v)}/></w:trPr>"),
        st.just("<w:trPr><w:del/></w:trPr>"),
    )
    row = st.builds(lambda pr, cells: f"<w:tr>{pr}{''.join(cells)}</w:tr>", trpr, st.lists(cell(blocks), max_size=5))
    wrapped_row = row | row.map(lambda r: f"<w:sdt><w:sdtContent>{r}</w:sdtContent></w:sdt>")
    return st.builds(
        lambda n, rows: "<w:tbl><w:tblGrid>" + '<w:gridCol w:w="1"/>' * n + "</w:tblGrid>" + "".join(rows) + "</w:tbl>",
        st.integers(0, 8),
        st.lists(wrapped_row, max_size=6),
    )


blocks = st.recursive(
    paragraph,
    lambda kids: (
        table(kids)
        | st.lists(kids, max_size=3).map(lambda ks: f"<w:sdt><w:sdtContent>{''.join(ks)}</w:sdtContent></w:sdt>")
    ),
    max_leaves=12,
)
bodies = st.lists(blocks, max_size=6).map("".join)


def _check_model(path: Path) -> None:
    try:
        doc = read_document(path)
    except InputError as exc:
        assert exc.code in INPUT_ERRORS
        return
    root = etree.fromstring(zipfile.ZipFile(path).read("word/document.xml"), safe_parser())
    tree = root.getroottree()
    for i, block in enumerate(doc.blocks):
        assert block.index == i
        if isinstance(block, Paragraph):
            block.full_text.encode("utf-8")
            assert "\x00" not in block.full_text
            assert tree.getpath(root.xpath(block.xpath, namespaces=NS)[0]) == block.xpath
        else:
            assert isinstance(block, Table)
            assert block.n_cols <= DEFAULT_LIMITS.max_table_cols
            for r, line in enumerate(block.rows):
                assert len(line) == block.n_cols
                for c, item in enumerate(line):
                    if item is None:
                        continue
                    item.text.encode("utf-8")
                    assert item.rowspan >= 1 and item.colspan >= 1 and item.phys_row >= 1 and item.phys_col >= 1
                    assert item.grid_row <= r and item.grid_col <= c
                    assert tree.getpath(root.xpath(item.xpath, namespaces=NS)[0]) == item.xpath


@SETTINGS
@given(bodies)
def test_any_body_reads_consistently(body: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = write_docx(Path(tmp) / "h.docx", body)
        _check_model(path)
        result = check_file(path, Options(lang="en"))
        assert result.error is None or result.error.code.startswith("RL-IO-"), result.error
        assert {f.rule for f in result.findings} <= DOCUMENTED


# Magic bytes of every format detect.py knows.
MAGIC = [
    b"PK\x03\x04",
    b"PK\x05\x06",
    b"",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
    b"\xef\xbb\xbf",
    b"{\\rtf1",
    b"\x89PNG\r\n\x1a\n",
    b"%PDF-1.7\n",
    b"<html>",
    b"<!DOCTYPE html>",
]


@SETTINGS
@given(st.binary(max_size=3000), st.sampled_from(MAGIC))
def test_any_bytes_are_a_document_or_an_input_error(data: bytes, magic: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "b.docx"
        path.write_bytes(magic + data)
        result = check_file(path)
        if result.error is not None and not pending_reader(result.error.code, result.error.debug):
            assert result.error.code in INPUT_ERRORS and not result.error.code.startswith("RL-INT"), result.error


@SETTINGS
@given(
    st.lists(
        st.tuples(
            st.sampled_from(
                [
                    "word/document.xml",
                    "[Content_Types].xml",
                    "_rels/.rels",
                    "word/styles.xml",
                    "word/numbering.xml",
                    "other",
                ]
            ),
            st.binary(max_size=200) | TEXT.map(str.encode),
        ),
        max_size=6,
    )
)
def test_any_package_of_junk_members_is_an_input_error(members: list[tuple[str, bytes]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "junk.docx"
        with zipfile.ZipFile(path, "w") as zf:
            for name, blob in members:
                zf.writestr(name, blob)
        try:
            read_document(path)
        except InputError as exc:
            assert exc.code in INPUT_ERRORS


@given(
    st.integers(),
    st.sampled_from(
        [
            "decimal",
            "decimalZero",
            "chineseCounting",
            "chineseLegalSimplified",
            "ideographTraditional",
            "ideographZodiac",
            "decimalEnclosedCircle",
            "decimalFullWidth",
            "lowerLetter",
            "upperLetter",
            "lowerRoman",
            "upperRoman",
            "bullet",
            "none",
            "madeUp",
        ]
    ),
)
def test_number_formats_are_cheap_for_any_counter(n: int, fmt: str) -> None:
    text, _known = format_number(n, fmt)
    assert len(text) <= max(40, len(str(n)) * 2)


@given(st.text(max_size=30))
def test_safe_int_never_raises(text: str) -> None:
    assert isinstance(safe_int(text, -7), int)


def test_numbering_and_styles_from_the_grammar_are_tolerated(tmp_path: Path) -> None:
    numbering = (
        '<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="²"><w:start w:val="x"/>'
        '<w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1%2%3"/></w:lvl></w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    )
    body = document_xml(
        '<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>x</w:t></w:r></w:p>'
    )
    path = write_docx(tmp_path / "n.docx", "", numbering=numbering, document=body)
    doc = read_document(path)
    assert isinstance(doc.blocks[0], Paragraph) and doc.blocks[0].text == "x"


# Text and HTML: any mixture of report-like tokens, markup and odd characters, in any encoding.
_TEXT_TOKENS = st.sampled_from(
    [
        "一、总体情况",
        "三、收到和处理政府信息公开申请情况",
        "（七）总计",
        "总计",
        "自然人",
        "本年新收政府信息公开申请数量",
        "\t",
        "\n",
        "\r\n",
        " ",
        "　",
        "12",
        "０",
        "-3",
        "1,234",
        "—",
        "无",
        "\x0c",
        "\x00",
        "\ufeff",
        "\ufffd",
        "𠀀",
        "<table>",
        "</table>",
        "<tr>",
        "<td>",
        '<td colspan="99999">',
        '<td rowspan="-1">',
        "<th>",
        "<br>",
        "&nbsp;",
        "&#0;",
        "&#xD800;",
        "&unknown;",
        "<!DOCTYPE html>",
        '<meta charset="gbk">',
        '<meta charset="x-nope">',
        "<script>",
        '<img src="http://127.0.0.1:9/x">',
        "<p>",
        "</p>",
        "<h1>",
        "<!--",
        "-->",
        "<![CDATA[",
        "]]>",
    ]
)


@SETTINGS
@given(
    st.lists(_TEXT_TOKENS, max_size=120),
    st.sampled_from(["utf-8", "gb18030", "utf-16", "big5"]),
    st.sampled_from([".txt", ".html"]),
)
def test_any_text_or_html_is_read_or_refused(tokens: list[str], encoding: str, suffix: str) -> None:
    body = "".join(tokens)
    if suffix == ".html":
        body = "<html><body>" + body + "</body></html>"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"t{suffix}"
        path.write_bytes(body.encode(encoding, errors="replace"))
        result = check_file(path, Options(lang="en"))
        if result.error is not None and not pending_reader(result.error.code, result.error.debug):
            assert result.error.code in INPUT_ERRORS and not result.error.code.startswith("RL-INT"), result.error
        assert {f.rule for f in result.findings} <= DOCUMENTED
        for f in result.findings:
            f.message.encode("utf-8")
