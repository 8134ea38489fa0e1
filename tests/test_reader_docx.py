"""The DOCX reader: what a reader sees, merged cells counted once, Word features that naive readers drop."""

from __future__ import annotations

from pathlib import Path

import pytest

from linter.errors import InputError
from linter.config.limits import DEFAULT_LIMITS
from linter.model import Paragraph, Table
from linter.readers import read_document
from tests.docxbuild import MAIN_DOCM, p, tbl, tc, tr, write_docx


def read(tmp_path: Path, body: str, **kw: str):
    return read_document(write_docx(tmp_path / "t.docx", body, **kw), DEFAULT_LIMITS)


def texts(doc) -> list[str]:
    return [b.full_text for b in doc.blocks if isinstance(b, Paragraph)]


def test_merged_cells_are_one_logical_cell(tmp_path: Path) -> None:
    body = tbl(
        tr(tc("corner", span=2, vmerge="restart"), tc("A"), tc("B")),
        tr(tc("", span=2, vmerge="continue"), tc("1"), tc("2")),
        tr(tc("x"), tc("y"), tc("wide", span=2)),
        cols=4,
    )
    table = read(tmp_path, body).blocks[0]
    assert isinstance(table, Table)
    corner = table.rows[0][0]
    assert corner is not None and corner is table.rows[1][1] and corner.rowspan == 2 and corner.colspan == 2
    assert [c.text for c in table.origin_cells(1)] == ["1", "2"]
    wide = table.rows[2][2]
    assert wide is table.rows[2][3] and wide.colspan == 2 and (wide.phys_row, wide.phys_col) == (3, 3)


def test_grid_before_and_after_leave_empty_slots(tmp_path: Path) -> None:
    body = tbl(
        tr(tc("a"), tc("b"), tc("c")), tr(tc("m"), trpr='<w:gridBefore w:val="1"/><w:gridAfter w:val="1"/>'), cols=3
    )
    table = read(tmp_path, body).blocks[0]
    assert table.rows[1][0] is None and table.rows[1][1].text == "m" and table.rows[1][2] is None


def test_content_controls_everywhere_are_read(tmp_path: Path) -> None:
    body = (
        "<w:sdt><w:sdtPr/><w:sdtContent>"
        + p("一、总体情况")
        + "</w:sdtContent></w:sdt>"
        + "<w:p><w:r><w:t>前</w:t></w:r><w:sdt><w:sdtContent><w:r><w:t>中</w:t></w:r></w:sdtContent></w:sdt></w:p>"
        + tbl(
            tr(tc("h"), "<w:sdt><w:sdtContent>" + tc("in-sdt-cell") + "</w:sdtContent></w:sdt>"),
            tr(tc("r"), tc("<w:sdt><w:sdtContent>" + p("42") + "</w:sdtContent></w:sdt>", raw=True)),
            cols=2,
        )
    )
    doc = read(tmp_path, body)
    assert texts(doc) == ["一、总体情况", "前中"]
    table = doc.blocks[2]
    assert table.rows[0][1].text == "in-sdt-cell" and table.rows[1][1].text == "42"


def test_tracked_changes_read_as_accepted(tmp_path: Path) -> None:
    cell = (
        '<w:p><w:del w:id="1"><w:r><w:delText>65</w:delText></w:r></w:del>'
        '<w:ins w:id="2"><w:r><w:t>64</w:t></w:r></w:ins></w:p>'
    )
    body = (
        tbl(tr(tc(cell, raw=True)), cols=1)
        + "<w:p><w:moveFrom><w:r><w:t>旧</w:t></w:r></w:moveFrom><w:r><w:t>文</w:t></w:r>"
        "<w:moveTo><w:r><w:t>新</w:t></w:r></w:moveTo></w:p>"
        + '<w:p><w:pPr><w:rPr><w:del w:id="3"/></w:rPr></w:pPr><w:del><w:r><w:delText>三、旧标题</w:delText></w:r></w:del></w:p>'
    )
    doc = read(tmp_path, body)
    assert doc.blocks[0].rows[0][0].text == "64"
    assert texts(doc) == ["文新"]
    assert any(n.code == "revisions" for n in doc.notices)


def test_fields_show_result_not_instruction(tmp_path: Path) -> None:
    body = (
        '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> DOCPROPERTY Title </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>2021年度报告</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
        '<w:p><w:fldSimple w:instr="PAGE"><w:r><w:t>7</w:t></w:r></w:fldSimple></w:p>'
    )
    assert texts(read(tmp_path, body)) == ["2021年度报告", "7"]


def test_breaks_tabs_hidden_and_hyperlinks(tmp_path: Path) -> None:
    body = (
        "<w:p><w:r><w:t>商业</w:t><w:br/><w:t>企业</w:t><w:tab/><w:t>x</w:t></w:r>"
        "<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r>"
        '<w:hyperlink r:id="rId9"><w:r><w:t>链接</w:t></w:r></w:hyperlink></w:p>'
    )
    assert texts(read(tmp_path, body)) == ["商业\n企业\tx链接"]


NUMBERING = (
    '<w:abstractNum w:abstractNumId="0">'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>'
    '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    '<w:num w:numId="2"><w:abstractNumId w:val="0"/></w:num>'
)
STYLES = (
    '<w:style w:type="paragraph" w:styleId="H1"><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/>'
    "</w:numPr></w:pPr></w:style>"
    '<w:style w:type="paragraph" w:styleId="H1b"><w:basedOn w:val="H1"/></w:style>'
)


def numpr(num: int, lvl: int) -> str:
    return f'<w:numPr><w:ilvl w:val="{lvl}"/><w:numId w:val="{num}"/></w:numPr>'


def test_auto_numbering_renders_labels(tmp_path: Path) -> None:
    body = (
        p("总体情况", numpr(1, 0))
        + p("主动公开方面", numpr(1, 1))
        + p("依申请公开方面", numpr(1, 1))
        + p("主动公开政府信息情况", '<w:pStyle w:val="H1b"/>')  # numbering via the style chain
        + p("收到和处理政府信息公开申请情况", numpr(2, 0))  # another numId on the same abstractNum continues
        + p("不编号", numpr(0, 0))
    )
    doc = read(tmp_path, body, numbering=NUMBERING, styles=STYLES)
    assert texts(doc) == [
        "一、总体情况",
        "（一）主动公开方面",
        "（二）依申请公开方面",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "不编号",
    ]
    assert doc.blocks[0].label == "一、" and doc.blocks[0].text == "总体情况"


def test_layout_table_is_unwrapped_and_nested_tables_follow(tmp_path: Path) -> None:
    inner = tbl(tr(tc("行政复议"), tc("行政诉讼")), cols=2)
    body = tbl(tr(tc(inner + p(""), raw=True)), cols=1) + tbl(tr(tc("outer"), tc(inner + p("after"), raw=True)), cols=2)
    doc = read(tmp_path, body)
    assert [type(b).__name__ for b in doc.blocks] == ["Table", "Paragraph", "Table", "Table"]
    assert doc.blocks[0].rows[0][0].text == "行政复议"
    assert doc.blocks[2].rows[0][1].text == "行政复议\n行政诉讼\nafter"
    assert doc.blocks[3].index == 3 and doc.blocks[3].rows[0][1].text == "行政诉讼"


@pytest.mark.parametrize(
    ("setup", "code"),
    [
        ("docm", "RL-IO-009"),
        ("no-document", "RL-IO-003"),
        ("bad-xml", "RL-IO-006"),
        ("doctype", "RL-IO-006"),
    ],
)
def test_package_errors(tmp_path: Path, setup: str, code: str) -> None:
    path = tmp_path / "x.docx"
    if setup == "docm":
        write_docx(path, p("x"), main_type=MAIN_DOCM)
    elif setup == "no-document":
        import zipfile

        with zipfile.ZipFile(path, "w") as zf:
            zf.writestr("[Content_Types].xml", "<Types/>")
    elif setup == "bad-xml":
        write_docx(path, "", document="<w:document><w:body><w:p>")
    else:
        write_docx(
            path,
            "",
            document='<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            "<w:body><w:p><w:r><w:t>&e;</w:t></w:r></w:p></w:body></w:document>",
        )
    with pytest.raises(InputError) as info:
        read_document(path)
    assert info.value.code == code


def test_run_in_headings_and_contents_lines(tmp_path: Path) -> None:
    """A heading run into its first sentence is the section; a contents line is not."""
    from linter.run.check import check_file

    long = "2021年，本机关认真贯彻落实《中华人民共和国政府信息公开条例》，持续推进政务公开工作。"
    body = (
        p("政府信息公开工作年度报告")
        + p("一、总体情况 1")
        + p("二、主动公开政府信息情况……2")
        + p("一、总体情况。" + long)
        + p("二、主动公开政府信息情况 " + long)
        + p("三、收到和处理政府信息公开申请情况：" + long)
        + p("四、政府信息公开行政复议、行政诉讼情况")
        + p("五、存在的主要问题及改进情况")
        + p("六、其他需要报告的事项")
    )
    result = check_file(write_docx(tmp_path / "runin.docx", body))
    assert [f for f in result.findings if f.rule.startswith("RL-STR")] == []


# ---- element paths: the reader writes simple tables' paths itself; they must equal libxml2's -----


def _assert_paths_resolve(path: Path) -> int:
    """Every block's and cell's xpath names exactly one element of document.xml, whose
    getpath() is that same string (paragraph -> w:p, table -> w:tbl, cell -> w:tc)."""
    import zipfile

    from lxml import etree

    root = etree.fromstring(zipfile.ZipFile(path).read("word/document.xml"))
    tree = root.getroottree()
    ns = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
    checked = 0
    doc = read_document(path, DEFAULT_LIMITS)
    for block in doc.blocks:
        items = [(block.xpath, "p" if isinstance(block, Paragraph) else "tbl")]
        if isinstance(block, Table):
            items += [(c.xpath, "tc") for row in block.rows for c in row if c is not None]
        for xpath, local in items:
            found = root.xpath(xpath, namespaces=ns)
            assert len(found) == 1 and etree.QName(found[0]).localname == local, xpath
            assert tree.getpath(found[0]) == xpath
            checked += 1
    return checked


def test_cell_paths_equal_libxml2_paths_in_real_template_files() -> None:
    root = Path(__file__).resolve().parents[1] / "fixtures"
    files = sorted((root / "docx").glob("*.docx")) + sorted((root / "corpus_docx").glob("*.docx"))
    assert len(files) >= 20
    assert sum(_assert_paths_resolve(f) for f in files) > 5000


def test_cell_paths_with_wrapped_deleted_and_single_rows(tmp_path: Path) -> None:
    deleted = '<w:del w:id="1" w:author="a" w:date="2024-01-01T00:00:00Z"/>'
    old_span = '<w:tcPrChange w:id="2" w:author="a"><w:tcPr><w:gridSpan w:val="2"/></w:tcPr></w:tcPrChange>'
    body = (
        p("x")
        + tbl(tr(tc("only")), cols=1)  # one row, one cell: no [1] indexes
        + tbl(tr(tc("a"), tc("b")), tr(tc("gone"), tc("gone"), trpr=deleted), tr(tc("c"), tc("d")), cols=2)
        + tbl(
            tr(tc("e"), tc("f")),
            "<w:sdt><w:sdtContent>" + tr(tc("g"), tc("h")) + "</w:sdtContent></w:sdt>",
            tr(tc("i"), "<w:customXml>" + tc("j") + "</w:customXml>"),
            cols=2,
        )
        + tbl(tr(f"<w:tc><w:tcPr>{old_span}</w:tcPr>{p('k')}</w:tc>", tc("l")), cols=2)
    )
    path = write_docx(tmp_path / "t.docx", body)
    assert _assert_paths_resolve(path) == 1 + 2 + 5 + 7 + 3
    tables = [b for b in read_document(path, DEFAULT_LIMITS).blocks if isinstance(b, Table)]
    assert [[c.text for c in t.origin_cells(r)] for t in tables for r in range(len(t.rows))] == [
        ["only"],
        ["a", "b"],
        ["c", "d"],
        ["e", "f"],
        ["g", "h"],
        ["i", "j"],
        ["k", "l"],
    ]
    assert tables[1].rows[1][0].phys_row == 2 and tables[3].rows[0][0].colspan == 1


# ---- styles.xml is parsed only when it can matter -----------------------------------------------

HIDDEN_STYLE = (
    '<w:style w:type="character" w:styleId="Hid"><w:rPr><w:vanish/></w:rPr></w:style>'
    '<w:style w:type="character" w:styleId="Bold"><w:rPr><w:b/></w:rPr></w:style>'
)


def _styled(style: str, text: str) -> str:
    return (
        f'<w:p><w:r><w:rPr><w:rStyle w:val="{style}"/></w:rPr><w:t>{text}</w:t></w:r><w:r><w:t>可见</w:t></w:r></w:p>'
    )


def test_hidden_character_style_hides_its_runs(tmp_path: Path) -> None:
    doc = read(tmp_path, _styled("Hid", "隐藏") + _styled("Bold", "粗体"), styles=HIDDEN_STYLE)
    assert texts(doc) == ["可见", "粗体可见"]


def test_styles_part_is_parsed_only_for_numbering_styles_or_hidden_styles(tmp_path: Path, monkeypatch) -> None:
    from linter.readers.docx import package

    parsed: list[str] = []
    real = package.parse_xml
    monkeypatch.setattr(
        package, "parse_xml", lambda data, name, limits: parsed.append(name) or real(data, name, limits)
    )
    bold_only = '<w:style w:type="character" w:styleId="Bold"><w:rPr><w:b/></w:rPr></w:style>'
    assert texts(read(tmp_path, _styled("Bold", "粗体"), styles=bold_only)) == ["粗体可见"]
    assert "word/styles.xml" not in parsed  # rStyle used, but no style hides text
    parsed.clear()
    assert texts(read(tmp_path, _styled("Hid", "隐藏"), styles=HIDDEN_STYLE)) == ["可见"]
    assert "word/styles.xml" in parsed
    parsed.clear()
    doc = read(tmp_path, p("标题", '<w:pStyle w:val="H1b"/>'), numbering=NUMBERING, styles=STYLES)
    assert texts(doc) == ["一、标题"] and "word/styles.xml" in parsed


def test_styles_part_skipped_still_refuses_doctype_and_utf16_is_parsed(tmp_path: Path) -> None:
    import zipfile

    from linter.readers.docx.package import Package

    path = tmp_path / "p.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("a.xml", '<!DOCTYPE x [<!ENTITY e "v">]><x/>')
        zf.writestr("b.xml", '<?xml version="1.0" encoding="UTF-16"?><x><numPr/></x>'.encode("utf-16"))
        zf.writestr("c.xml", "<x><other/></x>")
    pkg = Package(path, DEFAULT_LIMITS)
    with pytest.raises(InputError) as err:
        pkg.xml_if("a.xml", (b"numPr",))
    assert err.value.code == "RL-IO-006"
    b = pkg.xml_if("b.xml", (b"vanish",))  # UTF-16: bytes prove nothing, so it is parsed
    assert b is not None and b[0].tag == "numPr"
    assert pkg.xml_if("c.xml", (b"numPr",)) is None and pkg.xml_if("d.xml", (b"numPr",)) is None
    assert pkg.xml_if("c.xml", (b"other",)) is not None


# ---- element lookups equal lxml's find/findall ------------------------------------------------------


@pytest.mark.parametrize("path", [("a",), ("a", "b"), ("a", "b", "c"), ("x",), ("a", "x"), ("b",), ()])
def test_child_lookup_equals_find(path: tuple[str, ...]) -> None:
    from lxml import etree

    from linter.readers.docx.elements import child, children, has_child

    # The first <a> has no <b>; the second has two, the first of them without <c>.
    root = etree.fromstring("<r><!-- c --><a><x/></a><?pi?><a><b id='1'/><b id='2'><c id='3'/></b></a><b id='4'/></r>")
    found = child(root, *path)
    expected = root.find("/".join(path)) if path else root
    assert found is expected
    if len(path) == 1:
        assert children(root, path[0]) == root.findall(path[0])
        assert has_child(root, path[0], "zz") == (root.find(path[0]) is not None)


def test_paragraph_properties_found_wherever_they_are_and_first_of_each_kind_counts(tmp_path: Path) -> None:
    # pPr after the runs (not schema order), two pStyle (the first counts, as with find), a
    # negative outline level ignored, a deleted paragraph mark in the second rPr.
    late = (
        '<w:p><w:r><w:t>后置属性</w:t></w:r><w:pPr><w:pStyle w:val="Heading1"/>'
        '<w:pStyle w:val="Other"/><w:outlineLvl w:val="-1"/></w:pPr></w:p>'
    )
    marked = (
        '<w:p><w:pPr><w:outlineLvl w:val="1"/><w:outlineLvl w:val="3"/><w:rPr><w:b/></w:rPr>'
        '<w:rPr><w:del w:id="1" w:author="a" w:date="2024-01-01T00:00:00Z"/></w:rPr></w:pPr></w:p>'
    )
    doc = read(tmp_path, late + marked + p("后文"))
    paras = [b for b in doc.blocks if isinstance(b, Paragraph)]
    assert [(x.text, x.style, x.outline_level) for x in paras] == [("后置属性", "Heading1", None), ("后文", "", None)]
    assert any(n.code == "revisions" for n in doc.notices)


def _cells(doc) -> list[list[str]]:
    table = next(b for b in doc.blocks if isinstance(b, Table))
    return [[c.text for c in table.origin_cells(r)] for r in range(len(table.rows))]


PLAIN_BODY = p("标题") + tbl(
    tr(tc("项目"), tc("本年新收")),
    tr(tc("（一）予以公开"), tc("12")),
    tr(tc("<w:p><w:r><w:t>两</w:t></w:r><w:r><w:t>段</w:t></w:r></w:p>" + p("第二段"), raw=True), tc("0")),
    cols=2,
)


def test_pretty_printed_xml_reads_the_same_as_compact_xml(tmp_path: Path) -> None:
    # Whitespace between tags (hand-edited or pretty-printed XML) is not text: the reader must not
    # take the one-call text path there. Compact and indented files give the same model.
    from tests.docxbuild import document_xml

    compact = read(tmp_path, PLAIN_BODY)
    indented = document_xml(PLAIN_BODY).replace("><", ">\n    <")
    pretty = read_document(write_docx(tmp_path / "p.docx", "", document=indented), DEFAULT_LIMITS)
    assert _cells(compact) == _cells(pretty) == [["项目", "本年新收"], ["（一）予以公开", "12"], ["两段\n第二段", "0"]]
    assert texts(compact) == texts(pretty) == ["标题"]


def test_run_text_is_read_from_w_t_and_layout_elements_only(tmp_path: Path) -> None:
    # Text between tags (which Word refuses to open) and text of unknown elements is not run text,
    # in a paragraph and in a table cell alike; tabs, breaks and non-breaking hyphens are.
    plain = "<w:p><w:r>散<w:t>正文</w:t>落</w:r></w:p>"
    laid_out = (
        "<w:p><w:r>散<w:x>未知</w:x><w:tab/><w:t>甲</w:t><w:br/>"
        "<w:t>乙</w:t><w:noBreakHyphen/><w:t>丙</w:t><w:cr/></w:r></w:p>"
    )
    doc = read(tmp_path, plain + laid_out + tbl(tr(tc("1"), tc("2")), cols=2).replace("<w:t>1</w:t>", "散<w:t>1</w:t>"))
    assert texts(doc) == ["正文", "\t甲\n乙-丙\n"]
    assert _cells(doc) == [["1", "2"]]


def test_comment_inside_w_t_reads_as_before(tmp_path: Path) -> None:
    # lxml's .text stops at a comment; the w:t-by-w:t path is kept for such files.
    body = "<w:p><w:r><w:t>甲<!-- note -->乙</w:t></w:r></w:p>"
    assert texts(read(tmp_path, body)) == ["甲"]


def test_run_hidden_by_its_first_vanish_and_math_is_not_run_text(tmp_path: Path) -> None:
    m_ns = "http://schemas.openxmlformats.org/officeDocument/2006/math"
    body = (
        '<w:p><w:r><w:rPr><w:vanish w:val="0"/><w:vanish/></w:rPr><w:t>显示</w:t></w:r>'
        "<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r>"
        "<w:r><w:rPr><w:b/></w:rPr><w:rPr><w:vanish/></w:rPr><w:t>次属性</w:t></w:r></w:p>"
        f'<w:p><w:r><w:t>公式</w:t></w:r><m:oMath xmlns:m="{m_ns}"><m:r><m:t>x+1</m:t></m:r></m:oMath></w:p>'
    )
    assert texts(read(tmp_path, body)) == ["显示次属性", "公式"]


def test_numbering_and_outline_of_old_properties_are_ignored(tmp_path: Path) -> None:
    # w:pPrChange holds the properties before a tracked change: its numPr/outlineLvl do not apply.
    numbering = (
        '<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
        '<w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl></w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    )
    old = (
        '<w:p><w:pPr><w:pPrChange w:id="1" w:author="a"><w:pPr><w:numPr><w:ilvl w:val="0"/>'
        '<w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr></w:pPrChange></w:pPr>'
        "<w:r><w:t>旧编号</w:t></w:r></w:p>"
    )
    new = p("新编号", '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="1"/>')
    doc = read(tmp_path, old + new, numbering=numbering)
    paras = [b for b in doc.blocks if isinstance(b, Paragraph)]
    assert [(x.full_text, x.outline_level) for x in paras] == [("旧编号", None), ("一、新编号", 1)]


def test_breaks_tabs_and_symbols_without_other_specials(tmp_path: Path) -> None:
    # Paragraphs whose runs hold only breaks, tabs and symbols besides w:t take their own fast
    # path; a w:tab in w:pPr/w:tabs is a tab stop and adds nothing; a w:br outside a run neither.
    tabs = '<w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>'
    body = (
        f"<w:p>{tabs}<w:r><w:t>甲</w:t><w:tab/><w:t>乙</w:t></w:r></w:p>"
        f"<w:p>{tabs}<w:r><w:t>只有制表位</w:t></w:r></w:p>"
        '<w:p><w:r><w:t>上</w:t><w:br/><w:t>下</w:t><w:cr/><w:noBreakHyphen/><w:sym w:font="Wingdings" w:char="2611"/>'
        "</w:r><w:br/></w:p>"
        + tbl(tr(tc("<w:p><w:r><w:t>尚未</w:t><w:br/><w:t>审结</w:t></w:r></w:p>", raw=True), tc("3")), cols=2)
    )
    doc = read(tmp_path, body)
    assert texts(doc) == ["甲\t乙", "只有制表位", "上\n下\n-☑"]
    assert _cells(doc) == [["尚未\n审结", "3"]]


@pytest.mark.parametrize(
    "depth, limit, refused",
    [
        (220, 256, False),  # the default: libxml2's own limit, no extra pass
        (220, 200, True),  # a lower limit runs the check
        (257, 256, True),  # libxml2 refuses past 256 whatever the setting
    ],
)
def test_xml_depth_limit(depth: int, limit: int, refused: bool) -> None:
    from dataclasses import replace
    from linter.readers.docx.package import parse_xml

    data = b"<a>" * depth + b"</a>" * depth
    limits = replace(DEFAULT_LIMITS, max_xml_depth=limit)
    if not refused:
        assert parse_xml(data, "x.xml", limits).tag == "a"
        return
    with pytest.raises(InputError) as err:
        parse_xml(data, "x.xml", limits)
    assert err.value.code == "RL-IO-005" and "max_xml_depth" in str(err.value)


def test_merged_cells_start_once_in_their_rows(tmp_path: Path) -> None:
    body = tbl(
        tr(tc("角", span=2, vmerge="restart"), tc("A"), tc("B")),
        tr(tc("", span=2, vmerge="continue"), tc("1"), tc("2")),
        tr(tc("x"), tc("宽", span=3)),
        tr(tc("y"), trpr='<w:gridBefore w:val="2"/>'),
        cols=4,
    )
    table = read(tmp_path, body).blocks[0]
    assert isinstance(table, Table)
    assert [[c.text for c in table.origin_cells(r)] for r in range(4)] == [
        ["角", "A", "B"],
        ["1", "2"],
        ["x", "宽"],
        ["y"],
    ]
    corner = table.rows[0][0]
    assert corner is not None and (corner.rowspan, corner.colspan) == (2, 2) and table.rows[1][1] is corner
    wide = table.rows[2][1]
    assert wide is not None and (wide.colspan, wide.phys_col) == (3, 2) and table.rows[2][3] is wide
