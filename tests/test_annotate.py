"""``reportlint annotate``: one Word comment per finding at its cell or paragraph, read back from the
copy; untouched bytes preserved; a clean report copied unchanged; re-annotation replaces comments."""

from __future__ import annotations

import re
import zipfile
from datetime import datetime, timezone
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from lxml import etree

from linter.annotate.comments import AUTHOR, annotate_file
from linter.run.check import Options, check_file
from linter.run.previous import load_previous
from linter.cli import main
from linter.reporters.wording import value_parts
from linter.engine.lint import Selection
from linter.readers import read_document
from linter.recognise.report import Report
from tests.annotations import INSERTED, expected_anchor, kept_place, read_comments
from tests.conftest import NOT_S1
from tests.expected import sidecar_options
from tests.mutate import rewrite_document, set_cell_text

from tests.conftest import ROOT

WHEN = datetime(2024, 3, 1, 9, 30, tzinfo=timezone.utc)
FIXTURES = sorted(
    [
        *(ROOT / "fixtures" / "docx").glob("*.docx"),
        *(ROOT / "fixtures" / "rules").glob("*.docx"),
        *(ROOT / "fixtures" / "corpus_docx").glob("*.docx"),
    ]
)
# Parts reportlint may change; every other zip member must be identical.
EDITED = {"word/document.xml", "word/comments.xml", "[Content_Types].xml", "word/_rels/document.xml.rels"}


def _options(fixture: Path) -> tuple[Options, Report | None]:
    opts = sidecar_options(fixture)
    options = Options(selection=Selection(select=tuple(opts.get("select", ()))))
    previous = None
    if opts.get("previous"):
        previous, _ = load_previous(fixture.parent / opts["previous"], Options())
    return options, previous


def _members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {i.filename: zf.read(i) for i in zf.infolist()}


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_one_comment_per_finding_at_its_cell_or_paragraph(fixture: Path, tmp_path: Path) -> None:
    options, previous = _options(fixture)
    out = tmp_path / "reviewed.docx"
    result = annotate_file(fixture, out, options, previous, date=WHEN)
    assert result.failed is None
    findings = result.check.findings
    if not findings:  # a clean report: the copy is the original, byte for byte
        assert out.read_bytes() == fixture.read_bytes()
        return
    comments = read_comments(out)
    assert len(comments) == len(findings) == len(result.annotations)
    doc = read_document(fixture)
    from linter.recognise.metadata import find_title

    title = find_title(doc)
    by_id = {c.id: c for c in comments}
    for ann in result.annotations:
        back = by_id[str(ann.comment_id)]
        f = ann.finding
        assert (back.author, back.initials, back.date) == (AUTHOR, "RL", "2024-03-01T09:30:00Z")
        assert back.text.startswith(f.rule) and f.message in back.text
        for part in value_parts(f, "zh"):  # the values the message leaves out, and only those
            assert part in back.text
        if f.expected is not None:  # never said twice
            assert back.text.count(f"应为 {f.expected}") == f.message.count(f"应为 {f.expected}")
        assert back.anchor == ann.anchor == expected_anchor(f, doc, title.block if title else None), f.rule
        if ann.nearest:
            assert "批注附在最近的位置" in back.text
    # Everything but the edited parts is identical; the document is the original plus our markup.
    before, after = _members(fixture), _members(out)
    assert [n for n in after if n not in before] in ([], ["word/comments.xml"])
    for name, data in before.items():
        if name not in EDITED:
            assert after[name] == data, name
    assert INSERTED.sub("", after["word/document.xml"].decode()) == before["word/document.xml"].decode()
    # python-docx reads the comments back.
    reopened = docx.Document(str(out))
    assert sorted(c.author for c in reopened.comments) == [AUTHOR] * len(findings)
    assert {c.comment_id for c in reopened.comments} == {a.comment_id for a in result.annotations}


OTHER = Options(selection=Selection(ignore=NOT_S1))  # the fixtures' own RL-S1-002 (tests/conftest.py)


def test_missing_section_is_anchored_at_the_next_heading_with_a_note(tmp_path: Path) -> None:
    out = tmp_path / "r.docx"
    result = annotate_file(ROOT / "fixtures/docx/fail_missing_section.docx", out, OTHER, date=WHEN)
    (ann,) = result.annotations
    assert ann.nearest
    (c,) = read_comments(out)
    assert "缺少第五部分" in c.text and "「六、其他需要报告的事项」" in c.text and "批注附在最近的位置" in c.text


def test_missing_row_is_anchored_on_the_tables_first_cell(tmp_path: Path) -> None:
    out = tmp_path / "r.docx"
    result = annotate_file(ROOT / "fixtures/docx/fail_t3_missing_row.docx", out, OTHER, date=WHEN)
    (ann,) = result.annotations
    assert ann.nearest and ann.anchor.endswith("/w:tbl[2]/w:tr[1]/w:tc[1]")
    assert "表3的第一个单元格" in read_comments(out)[0].text


def test_reannotating_replaces_the_comments_and_is_idempotent(tmp_path: Path) -> None:
    src = ROOT / "fixtures/docx/fail_t4_sum.docx"
    once, twice = tmp_path / "once.docx", tmp_path / "twice.docx"
    first = annotate_file(src, once, date=WHEN)
    second = annotate_file(once, twice, date=WHEN)
    assert second.removed == len(first.annotations) == 4  # RL-NAR-001, two RL-T4-002, RL-S1-002
    assert len(read_comments(twice)) == 4
    assert twice.read_bytes() == once.read_bytes()


def test_english_comments(tmp_path: Path) -> None:
    out = tmp_path / "r.docx"
    annotate_file(ROOT / "fixtures/docx/fail_t3_total_cell.docx", out, Options(lang="en"), date=WHEN)
    texts = [c.text for c in read_comments(out)]
    assert any("holds 3051" in t and "make it 3050" in t and "Basis: " in t for t in texts)
    assert not any("expected 3050" in t for t in texts)  # the message says it already


def test_other_comments_are_kept_and_ids_do_not_collide(tmp_path: Path) -> None:
    src = ROOT / "fixtures/docx/fail_t4_sum.docx"
    human = tmp_path / "human.docx"
    d = docx.Document(str(src))
    para = next(p for p in d.paragraphs if p.runs)
    d.add_comment(para.runs, text="请核对", author="张三", initials="ZS")
    d.save(str(human))
    once, twice = tmp_path / "once.docx", tmp_path / "twice.docx"
    annotate_file(human, once, date=WHEN)
    annotate_file(once, twice, date=WHEN)
    comments = read_comments(twice)
    assert [c.text for c in comments if c.author == "张三"] == ["请核对"]
    ours = [c for c in comments if c.author == AUTHOR]
    assert len(ours) == len(check_file(src).findings) and all(c.anchor for c in comments)
    assert len({c.id for c in comments}) == len(comments)


def test_word_style_xml_is_preserved_byte_for_byte(tmp_path: Path) -> None:
    """Word writes a double-quoted declaration, CRLF and character references; keep them."""
    src = ROOT / "fixtures/docx/fail_t4_sum.docx"
    members = _members(src)
    text = members["word/document.xml"].decode()
    text = text.replace(
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n",
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n',
        1,
    )
    text = text.replace("总体情况", "&#x603B;体情况", 1).replace("<w:body>", "<w:body >", 1)
    wordish = tmp_path / "wordish.docx"
    with zipfile.ZipFile(wordish, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, text.encode() if name == "word/document.xml" else data)
    out = tmp_path / "r.docx"
    result = annotate_file(wordish, out, OTHER, date=WHEN)
    assert len(result.annotations) == 3
    after = _members(out)["word/document.xml"].decode()
    assert INSERTED.sub("", after) == text
    assert after.startswith('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n')


@pytest.mark.parametrize(
    "fixture,cell",
    [
        ("content_controls", "/w:document/w:body/w:tbl[2]/w:tr[27]/w:sdt/w:sdtContent/w:tc"),
        ("content_controls", "/w:document/w:body/w:sdt[2]/w:sdtContent/w:tbl/w:tr[4]/w:tc[5]"),
        ("tracked_changes", "/w:document/w:body/w:tbl[2]/w:tr[6]/w:tc[3]"),
    ],
)
def test_cells_in_content_controls_and_tracked_changes(fixture: str, cell: str, tmp_path: Path) -> None:
    """A broken cell inside a content control / next to tracked changes: comments land on the
    cells the findings name (or, where LibreOffice would lose the cell's text, its row's label),
    and the sdt and revision markup is untouched."""
    broken = rewrite_document(
        ROOT / f"fixtures/docx/{fixture}.docx", tmp_path / "broken.docx", lambda root: set_cell_text(root, cell, "999")
    )
    out = tmp_path / "r.docx"
    result = annotate_file(broken, out, date=WHEN)
    assert result.failed is None and result.annotations
    doc = read_document(broken)
    from linter.recognise.metadata import find_title

    title = find_title(doc)
    back = {c.id: c for c in read_comments(out)}
    root = etree.fromstring(_members(broken)["word/document.xml"])
    for ann in result.annotations:
        expected = kept_place(root, expected_anchor(ann.finding, doc, title.block if title else None))
        assert back[str(ann.comment_id)].anchor == expected
    assert any(
        a.anchor == cell or a.finding.location.xpath == cell or any(r.xpath == cell for r in a.finding.related)
        for a in result.annotations
    )
    before = _members(broken)["word/document.xml"].decode()
    after = _members(out)["word/document.xml"].decode()
    assert INSERTED.sub("", after) == before
    for tag in ("<w:sdt>", "<w:ins ", "<w:del "):
        assert after.count(tag) == before.count(tag)


def test_empty_cell_paragraph_is_opened(tmp_path: Path) -> None:
    """A blank cell written as <w:p/> gets the range markers inside an opened paragraph."""
    src = ROOT / "fixtures/docx/fail_blank_cells.docx"
    cell = "/w:document/w:body/w:tbl[2]/w:tr[6]/w:tc[9]"

    def empty(root) -> None:
        from lxml import etree

        (tc,) = root.xpath(cell, namespaces={"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"})
        for p in tc.findall("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p"):
            tc.remove(p)
        etree.SubElement(tc, "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p")

    broken = rewrite_document(src, tmp_path / "b.docx", empty)
    assert "<w:p/></w:tc>" in _members(broken)["word/document.xml"].decode()
    out = tmp_path / "r.docx"
    result = annotate_file(broken, out, date=WHEN)
    assert result.failed is None and any(a.anchor == cell for a in result.annotations)
    assert "<w:p><w:commentRangeStart" in _members(out)["word/document.xml"].decode()
    assert all(c.anchor for c in read_comments(out))


def test_word_companion_parts_are_cleaned(tmp_path: Path) -> None:
    """Word 2013+ keeps comment state in commentsExtended.xml keyed by paragraph id: entries of
    removed reportlint comments go too, others stay."""
    once = tmp_path / "once.docx"
    annotate_file(ROOT / "fixtures/docx/fail_t4_sum.docx", once, date=WHEN)
    members = _members(once)
    comments = members["word/comments.xml"].decode()
    ids = re.findall(r'<w:comment w:id="(\d+)"', comments)
    n = [0]

    def tag_para(m: re.Match) -> str:
        n[0] += 1
        return f'<w:p w14:paraId="0000000{n[0]}">'

    comments = re.sub(r"<w:p>", tag_para, comments).replace(
        "<w:comments ", '<w:comments xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" ', 1
    )
    ext = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<w15:commentsEx '
        'xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml">'
        + "".join(f'<w15:commentEx w15:paraId="0000000{i}" w15:done="0"/>' for i in range(1, n[0] + 1))
        + '<w15:commentEx w15:paraId="ABCDEF01" w15:done="0"/></w15:commentsEx>'
    )
    rels = (
        members["word/_rels/document.xml.rels"]
        .decode()
        .replace(
            "</Relationships>",
            '<Relationship Id="rId99" Type="http://schemas.microsoft.com/office/2011/relationships/'
            'commentsExtended" Target="commentsExtended.xml"/></Relationships>',
        )
    )
    resaved = tmp_path / "resaved.docx"
    with zipfile.ZipFile(resaved, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            data = {"word/comments.xml": comments.encode(), "word/_rels/document.xml.rels": rels.encode()}.get(
                name, data
            )
            zf.writestr(name, data)
        zf.writestr("word/commentsExtended.xml", ext)
    again = tmp_path / "again.docx"
    result = annotate_file(resaved, again, date=WHEN)
    assert result.removed == len(ids)
    left = _members(again)["word/commentsExtended.xml"].decode()
    assert left.count("<w15:commentEx ") == 1 and "ABCDEF01" in left


def test_cli_exit_codes(tmp_path: Path) -> None:
    run = CliRunner().invoke
    faulty, clean = ROOT / "fixtures/docx/fail_t4_sum.docx", ROOT / "fixtures/docx/filled_2021.docx"
    r = run(main, ["annotate", str(faulty), "-o", str(tmp_path / "a.docx")])
    assert r.exit_code == 1 and "RL-T4-002" in r.output and "批注" in r.output
    r = run(main, ["annotate", str(clean), "--ignore", "RL-S1-002", "-o", str(tmp_path / "b.docx")])
    assert r.exit_code == 0 and (tmp_path / "b.docx").read_bytes() == clean.read_bytes()
    r = run(
        main,
        [
            "annotate",
            str(faulty),
            "-o",
            str(tmp_path / "c.docx"),
            "--fail-on",
            "error",
            "--select",
            "RL-NAR-001",
            "--lang",
            "en",
        ],
    )
    assert r.exit_code == 0 and "comment(s)" in r.output  # warnings only
    copy = tmp_path / "same.docx"
    copy.write_bytes(faulty.read_bytes())
    r = run(main, ["annotate", str(copy), "-o", str(copy)])
    assert r.exit_code == 2 and copy.read_bytes() == faulty.read_bytes()
    empty = tmp_path / "empty.docx"
    empty.write_bytes(b"")
    r = run(main, ["annotate", str(empty), "-o", str(tmp_path / "d.docx")])
    assert r.exit_code == 2 and not (tmp_path / "d.docx").exists()
    text = tmp_path / "report.txt"
    text.write_text("平潭综合实验区2021年度政府信息公开工作年度报告\n", encoding="utf-8")
    r = run(main, ["annotate", str(text), "-o", str(tmp_path / "e.docx")])  # not Word: a review sheet instead
    assert r.exit_code == 1 and not (tmp_path / "e.docx").exists() and (tmp_path / "e.审核意见.docx").is_file()


def test_original_is_never_written(tmp_path: Path) -> None:
    src = tmp_path / "src.docx"
    src.write_bytes((ROOT / "fixtures/docx/fail_t3_total_cell.docx").read_bytes())
    stat = src.stat()
    annotate_file(src, tmp_path / "out.docx")
    assert src.read_bytes() == (ROOT / "fixtures/docx/fail_t3_total_cell.docx").read_bytes()
    assert src.stat().st_mtime_ns == stat.st_mtime_ns


def test_cell_without_a_paragraph_falls_back_to_the_first_paragraph(tmp_path: Path) -> None:
    """A malformed cell with no w:p cannot hold a range: its finding still gets a comment."""
    cell = "/w:document/w:body/w:tbl[2]/w:tr[27]/w:tc[9]"

    def strip(root) -> None:
        (tc,) = root.xpath(cell, namespaces={"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"})
        for p in tc.findall("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p"):
            tc.remove(p)

    broken = rewrite_document(ROOT / "fixtures/docx/fail_t3_total_cell.docx", tmp_path / "b.docx", strip)
    out = tmp_path / "r.docx"
    result = annotate_file(broken, out, date=WHEN)
    on_cell = [a for a in result.annotations if a.finding.location.xpath == cell]
    assert result.failed is None and not result.unplaced and on_cell
    assert all(a.nearest and a.anchor != cell for a in on_cell)
    assert len(read_comments(out)) == len(result.check.findings)


def test_a_row_finding_sits_on_its_row_label_without_the_nearest_note(tmp_path: Path) -> None:
    out = tmp_path / "r.docx"
    result = annotate_file(ROOT / "fixtures/rules/t3_row_typo.docx", out, OTHER, date=WHEN)
    (ann,) = result.annotations
    assert ann.finding.rule == "RL-T3-001" and not ann.nearest
    (back,) = read_comments(out)
    xml = zipfile.ZipFile(out).read("word/document.xml").decode("utf-8")
    start = xml.index(f'<w:commentRangeStart w:id="{back.id}"/>')
    assert "2.其他法律行政止公开" in re.sub(
        r"<[^>]+>", "", xml[start : xml.index(f'<w:commentRangeEnd w:id="{back.id}"/>')]
    )
    assert "没有对应的段落或单元格" not in back.text
    # A row the document lacks has no cell of its own: the table's first cell, with the note.
    missing = annotate_file(ROOT / "fixtures/docx/fail_t3_missing_row.docx", tmp_path / "m.docx", OTHER, date=WHEN)
    (note,) = read_comments(tmp_path / "m.docx")
    assert missing.annotations[0].nearest and "没有对应的段落或单元格" in note.text
