"""Word 97-2003 binary documents (.doc, and WPS's .wps): LibreOffice's .doc copy of every .docx
fixture (tests/fixturegen/build_docs.py) gives the findings of its .docx, with the same rule ids,
labels and positions; the reader's model is the .docx reader's; damaged and hostile files get
RL-IO errors."""

from __future__ import annotations

import io
import random
import struct
from pathlib import Path

import olefile
import pytest

from linter.config.limits import Limits
from linter.errors import InputError
from linter.model import Table
from linter.readers import read_document
from linter.readers.detect import read_in_child
from linter.run.check import check_file
from tests.conftest import FIXTURES, cli
from tests.expected import finding_labels, finding_rows

EXPORT = FIXTURES / "doc_export"
SOURCES = {
    "shapes": FIXTURES / "pdf_export" / "shapes",
    "wps": FIXTURES / "docx",
    "hidden_text": FIXTURES / "docx",
    "pieces": EXPORT / "pieces",  # Word's symbols and 8-bit pieces (tests/fixturegen/build_doc_pieces.py)
}
# What LibreOffice's .doc export changes, so the models differ where the findings do not: a
# trailing space of a cell dropped, a page break written as a paragraph property, and a deleted
# paragraph mark written as a kept one (Word shows those .doc files so too).
CONVERTER_CHANGES = {"docx/fullwidth", "docx/split_table", "docx/tracked_changes"}


def _source(doc: Path) -> Path:
    folder, *rel = doc.relative_to(EXPORT).parent.parts
    return SOURCES.get(folder, FIXTURES / folder).joinpath(*rel) / f"{doc.stem}.docx"


PAIRS = sorted(p for p in EXPORT.rglob("*") if p.suffix in (".doc", ".wps"))


def test_every_docx_fixture_has_its_doc() -> None:
    """A .docx fixture added later gets its .doc from ``tests/fixturegen/build_docs.py --missing``."""
    for folder in ("rules", "docx", "corpus_docx", "inbox", "template"):
        docx = {
            p.relative_to(FIXTURES / folder).with_suffix("")
            for p in (FIXTURES / folder).rglob("*.docx")
            if p.stem != "content_controls"
        }
        assert {p.relative_to(EXPORT / folder).with_suffix("") for p in (EXPORT / folder).rglob("*.doc")} == docx, (
            folder
        )
    assert len(list((EXPORT / "shapes").glob("*.doc"))) == 35
    assert len(PAIRS) == 124


@pytest.mark.parametrize("doc", PAIRS, ids=lambda p: str(p.relative_to(EXPORT)))
def test_a_doc_gives_the_findings_of_its_docx(doc: Path) -> None:
    assert finding_labels(doc) == finding_labels(_source(doc))
    ours, theirs = check_file(doc), check_file(_source(doc))
    assert ours.format == "doc"
    key = lambda row: sorted(row.items())  # noqa: E731
    assert sorted(finding_rows(ours), key=key) == sorted(finding_rows(theirs), key=key)  # blocks, rows, cells too


def _model(path: Path) -> list[tuple[object, ...]]:
    out: list[tuple[object, ...]] = []
    for block in read_document(path).blocks:
        if isinstance(block, Table):
            out.append(
                (
                    block.index,
                    block.n_cols,
                    tuple(
                        tuple(
                            None
                            if c is None
                            else (c.text, c.grid_row, c.grid_col, c.rowspan, c.colspan, c.phys_row, c.phys_col)
                            for c in row
                        )
                        for row in block.rows
                    ),
                )
            )
        else:
            out.append((block.index, block.label, block.text))
    return out


@pytest.mark.parametrize(
    "doc",
    [p for p in PAIRS if f"{p.parent.name}/{p.stem}" not in CONVERTER_CHANGES],
    ids=lambda p: str(p.relative_to(EXPORT)),
)
def test_a_doc_reads_as_its_docx(doc: Path) -> None:
    """Every paragraph (numbering label and text) and every table cell (text, grid slot, spans,
    physical row and cell) as the .docx reader reads the .docx."""
    assert _model(doc) == _model(_source(doc))


def test_table_3_rows_kept_in_the_data_stream_are_read() -> None:
    """LibreOffice writes every row of table 3 with sprmPHugePapx (its properties in the Data
    stream): without them the rows lose their cell edges and merges."""
    doc = EXPORT / "corpus_docx" / "2021_pingtan_zhqsyq.doc"
    with olefile.OleFileIO(str(doc)) as ole:
        assert len(ole.openstream("Data").read()) > 10_000
    t3 = [b for b in read_document(doc).blocks if isinstance(b, Table)][1]
    assert (len(t3.rows), t3.n_cols) == (28, 10)
    rows = [[(c.text, c.colspan) for c in t3.origin_cells(r)] for r in (26, 27)]
    assert rows == [
        [("（七）总计", 2)] + [(v, 1) for v in ("63", "0", "0", "2", "0", "4", "69")],
        [("四、结转下年度继续办理", 3)] + [(v, 1) for v in ("1", "0", "0", "0", "0", "0", "1")],
    ]


def test_automatic_numbering_reads_as_shown() -> None:
    doc = read_document(EXPORT / "docx" / "autonum_headings.doc")
    labelled = [(p.label, p.text) for p in doc.paragraphs() if p.label]
    assert ("四、", "政府信息公开行政复议、行政诉讼情况") in labelled
    assert [label for label, _ in labelled][:6] == ["一、", "（一）", "（二）", "（三）", "（四）", "（五）"]


def test_a_wps_file_is_read_as_a_doc() -> None:
    wps = EXPORT / "wps" / "filled_2021.wps"
    assert wps.read_bytes() == (EXPORT / "docx" / "filled_2021.doc").read_bytes()
    result = check_file(wps)
    assert result.error is None and result.format == "doc"
    assert [f.rule for f in result.findings] == ["RL-S1-002"]  # the .docx's own (tests/conftest.py)


def test_a_doc_is_read_in_a_child_process() -> None:
    assert read_in_child(EXPORT / "docx" / "filled_2021.doc")
    assert not read_in_child(FIXTURES / "docx" / "filled_2021.docx")


def test_encrypted_and_old_word_files_are_named() -> None:
    encrypted = check_file(FIXTURES / "bad" / "encrypted_word97.doc")
    assert encrypted.error is not None and encrypted.error.code == "RL-IO-004"
    old = check_file(FIXTURES / "bad" / "word95.doc")
    assert old.error is not None and old.error.code == "RL-IO-007" and "Word 6.0/95" in old.error.message


def _with_stream(doc: Path, name: str, change: bytes, at: int) -> bytes:
    buf = io.BytesIO(doc.read_bytes())
    with olefile.OleFileIO(buf, write_mode=True) as ole:
        stream = bytearray(ole.openstream(name).read())
        stream[at : at + len(change)] = change
        ole.write_stream(name, bytes(stream))
    return buf.getvalue()


def test_damaged_and_truncated_docs_get_an_input_error(tmp_path: Path) -> None:
    source = EXPORT / "corpus_docx" / "2021_pingtan_zhqsyq.doc"
    data = source.read_bytes()
    rnd = random.Random(27)
    codes: set[str] = set()
    for i in range(60):
        if i % 3 == 0:
            mutated = data[: rnd.randrange(len(data))]
        else:
            raw = bytearray(data)
            for _ in range(8):
                raw[rnd.randrange(len(raw))] ^= 1 << rnd.randrange(8)
            mutated = bytes(raw)
        path = tmp_path / f"{i}.doc"
        path.write_bytes(mutated)
        result = check_file(path)
        assert result.error is None or result.error.code.startswith("RL-IO-"), result.error
        if result.error is not None:
            codes.add(result.error.code)
    assert "RL-IO-028" in codes
    # The piece table pointing outside the text: the damage is named, no exception.
    fib = _with_stream(source, "WordDocument", struct.pack("<I", 0x7FFFFFF0), 0x01A2)  # fcClx
    bad = tmp_path / "clx.doc"
    bad.write_bytes(fib)
    result = check_file(bad)
    assert result.error is not None and result.error.code == "RL-IO-028"
    assert "损坏" in result.error.message


@pytest.mark.parametrize(("limit", "value"), [("max_doc_pieces", 0), ("max_doc_fkp_pages", 1)])
def test_the_limits_cap_pieces_and_property_pages(limit: str, value: int) -> None:
    with pytest.raises(InputError) as raised:
        read_document(EXPORT / "corpus_docx" / "2021_pingtan_zhqsyq.doc", Limits(**{limit: value}))
    assert raised.value.code == "RL-IO-005" and limit in str(raised.value.detail)


def test_annotate_gives_a_doc_a_review_sheet(tmp_path: Path) -> None:
    """A .doc cannot carry Word comments: its findings go to a review sheet beside the copy asked for."""
    result = cli("annotate", str(EXPORT / "docx" / "fail_t3_total_cell.doc"), "-o", str(tmp_path / "out.docx"))
    assert result.exit_code == 1
    assert f"已写入审核意见单 {tmp_path / 'out.审核意见.docx'}：2 条意见" in result.output  # RL-T3-008, RL-S1-002
    assert not (tmp_path / "out.docx").exists()


def test_tracked_changes_read_as_accepted() -> None:
    """Deleted text (sprmCFRMarkDel) is not read, inserted text is; so the table holds the new values."""
    doc = read_document(EXPORT / "docx" / "tracked_changes.doc")
    texts = [p.text for p in doc.paragraphs()]
    assert "三、收到和处理政府信息公开申请情况" in texts
    assert not any("（旧）" in t for t in texts)
    assert set(texts) == {p.text for p in read_document(FIXTURES / "docx" / "tracked_changes.docx").paragraphs()}
    assert any(n.code == "revisions" for n in doc.notices)


def test_fields_show_their_results_and_toc_entries_are_known() -> None:
    from linter.readers.doc.body import _fields

    text = '目录\x13 TOC \\o "1-3" \x14一、总体情况\r二、主动公开\x15正文\x13 PAGE \x13 X \x14y\x15\x145\x15。'
    hidden, toc = _fields(text)
    shown = "".join(ch for i, ch in enumerate(text) if not any(a <= i < b for a, b in hidden))
    assert shown.translate({0x13: None, 0x14: None, 0x15: None}) == "目录一、总体情况\r二、主动公开正文5。"
    assert [text[a + 1 : b] for a, b in toc] == ["一、总体情况\r二、主动公开"]


def test_hidden_text_is_not_read() -> None:
    """The .doc holds hidden runs (sprmCFVanish) after two headings and in a table cell; they are
    not text a reader sees, so the document reads as filled_2021.docx (test_a_doc_reads_as_its_docx)."""
    doc = EXPORT / "hidden_text" / "filled_2021.doc"
    with olefile.OleFileIO(str(doc)) as ole:
        word = ole.openstream("WordDocument").read()
    assert "隐藏的批注文字".encode("utf-16-le") in word
    assert not any("隐藏" in p.text for p in read_document(doc).paragraphs())


def test_symbols_and_8bit_pieces_are_read_as_word_shows_them() -> None:
    """Word stores a symbol font's character as 0x28 in the text with sprmCSymbol naming the font
    and the character (a Wingdings check box), and every run of characters Windows-1252 holds in
    an 8-bit piece (0x80-0x9F: 1252's quotes and dashes). The fixture is built that way (asserted
    here, so that it cannot lose what it tests) and reads as its .docx (w:sym) reads."""
    from linter.readers.doc.binary import sprms
    from linter.readers.doc.fib import open_word
    from linter.readers.doc.pieces import character_runs, main_text, read_pieces

    doc = EXPORT / "pieces" / "filled_2021_symbols.doc"
    word = open_word(doc.read_bytes())
    pieces, _prcs = read_pieces(word, Limits())
    raw = main_text(word, pieces)
    assert "公开渠道：(政府网站 (政务新媒体\r" in raw
    narrow = [p for p in pieces if p.compressed]
    assert len(narrow) == 141 and len(pieces) == 281
    fees = raw.index("Fees: €0")
    held = next(p for p in pieces if p.cp <= fees < p.cp_end)
    assert held.compressed and word.word[held.fc_of(fees) : held.fc_of(fees) + 16] == "Fees: €0 – “none".encode(
        "cp1252"
    )
    symbols = {
        int.from_bytes(op[2:], "little")
        for grpprl in character_runs(word, Limits()).props
        for sprm, op in sprms(grpprl)
        if sprm == 0x6A09
    }
    assert symbols == {0xF0FE, 0xF06F}
    paragraphs = [p.text for p in read_document(doc).paragraphs()]
    assert "公开渠道：\uf0fe政府网站 \uf06f政务新媒体" in paragraphs
    assert "Fees: €0 – “none” — ‘free’ … www.pingtan.gov.cn" in paragraphs
    assert any("推行“应公开尽公开”，全年主动公开政府信息2645条" in p for p in paragraphs)
    assert _model(doc) == _model(doc.with_suffix(".docx"))
