"""The annotated copy in a real office suite: LibreOffice converts it to PDF with the comments as
PDF annotations, and to ODT with each comment anchored in the table cell or paragraph the finding
names. Skipped when LibreOffice is not installed, unless REPORTLINT_REQUIRE_E2E is set (.ci/run
installs it and sets it)."""

from __future__ import annotations

import copy
import os
import re
import shutil
import subprocess
import zipfile
from datetime import datetime, timezone
from pathlib import Path
from typing import Optional

import pytest
from lxml import etree

from linter.annotate.comments import AUTHOR, AnnotateResult, annotate_file
from linter.engine.lint import Selection
from linter.run.check import Options
from linter.model import Paragraph, Table
from linter.readers import read_document

from tests.conftest import NOT_S1, ROOT

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
CASES = ("fail_t3_total_cell", "fail_blank_cells", "fail_missing_section", "fail_t4_sum", "fail_t3_missing_row")
WHEN = datetime(2024, 3, 1, 9, 30, tzinfo=timezone.utc)
PDF_WITH_NOTES = 'pdf:writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"}}'
ODF = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "dc": "http://purl.org/dc/elements/1.1/",
}


def soffice() -> str:
    if SOFFICE is None:
        if os.environ.get("REPORTLINT_REQUIRE_E2E"):
            pytest.fail("LibreOffice is required (REPORTLINT_REQUIRE_E2E is set) but soffice is not installed")
        pytest.skip("LibreOffice (soffice) is not installed")
    return SOFFICE


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[AnnotateResult, Path, Path]]:
    program = soffice()
    work = tmp_path_factory.mktemp("office")
    results = {
        name: annotate_file(ROOT / f"fixtures/docx/{name}.docx", work / f"{name}.docx", date=WHEN) for name in CASES
    }
    docs = [str(work / f"{name}.docx") for name in CASES]
    profile = f"-env:UserInstallation=file://{work / 'profile'}"
    for target in (PDF_WITH_NOTES, "odt"):
        subprocess.run(
            [program, profile, "--headless", "--norestore", "--convert-to", target, "--outdir", str(work), *docs],
            check=True,
            timeout=300,
            capture_output=True,
        )
    originals = [str(ROOT / f"fixtures/docx/{name}.docx") for name in CASES]  # to compare the text with
    subprocess.run(
        [
            program,
            profile,
            "--headless",
            "--norestore",
            "--convert-to",
            "odt",
            "--outdir",
            str(work / "original"),
            *originals,
        ],
        check=True,
        timeout=300,
        capture_output=True,
    )
    return {name: (results[name], work / f"{name}.pdf", work / f"{name}.odt") for name in CASES}


def pdf_text_annotations(pdf: Path) -> list[tuple[str, str]]:
    """(author, contents) of each /Text annotation (LibreOffice writes them uncompressed)."""
    raw = pdf.read_bytes()
    out = []
    for m in re.finditer(rb"/Subtype\s*/Text\b(.*?)>>", raw, re.S):
        body = m.group(1)
        contents = re.search(rb"/Contents\s*<([0-9A-Fa-f\s]*)>", body)
        author = re.search(rb"/T\s*<([0-9A-Fa-f\s]*)>", body)
        out.append((_pdf_string(author.group(1)) if author else "", _pdf_string(contents.group(1)) if contents else ""))
    return out


def _pdf_string(hexdigits: bytes) -> str:
    data = bytes.fromhex(re.sub(rb"\s", b"", hexdigits).decode())
    return data[2:].decode("utf-16-be") if data.startswith(b"\xfe\xff") else data.decode("latin-1")


@pytest.mark.parametrize("name", CASES)
def test_pdf_has_one_note_per_finding(converted, name: str) -> None:
    result, pdf, _ = converted[name]
    notes = pdf_text_annotations(pdf)
    assert len(notes) == len(result.check.findings) > 0
    for f in result.check.findings:
        assert any(text.startswith(f.rule) and f.message in text for _, text in notes), f.rule
    assert all(author.startswith(AUTHOR) for author, _ in notes)


@pytest.mark.parametrize("name", CASES)
def test_odt_comments_sit_in_the_named_cell_or_paragraph(converted, name: str) -> None:
    result, _, odt = converted[name]
    with zipfile.ZipFile(odt) as zf:
        content = etree.fromstring(zf.read("content.xml"))
    body = content.find("office:body/office:text", ODF)
    tables = [
        t
        for t in body.iter(f"{{{ODF['table']}}}table")
        if not any(etree.QName(a).localname == "table" for a in t.iterancestors())
    ]
    notes = list(body.iter(f"{{{ODF['office']}}}annotation"))
    assert len(notes) == len(result.annotations)
    doc = read_document(ROOT / f"fixtures/docx/{name}.docx")
    doc_tables = [b for b in doc.blocks if isinstance(b, Table)]
    positions: list[tuple[int, int, int]] = []
    for ann in result.annotations:
        f = ann.finding
        note = next(n for n in notes if _note_text(n).startswith(f.rule) and f.message in _note_text(n))
        assert note.findtext("dc:creator", namespaces=ODF) == AUTHOR
        cell = _ancestor(note, "table", "table-cell")
        expected = _cell_of(doc_tables, ann.anchor)
        if expected is not None:
            assert cell is not None, f.rule
            assert _odt_position(tables, cell) == expected, f.rule
            positions.append(expected)
        else:
            para = next(b for b in doc.blocks if isinstance(b, Paragraph) and b.xpath == ann.anchor)
            holder = _ancestor(note, "text", "p")
            holder = holder if holder is not None else _ancestor(note, "text", "h")
            # (the paragraph's text, without the notes anchored in it: one on a quoted figure sits mid-paragraph)
            bare = copy.deepcopy(holder)
            for n in list(bare.iter(f"{{{ODF['office']}}}annotation")):
                n.text, n.tail = None, n.tail  # the note's own text goes; the paragraph's after it stays
                for child in list(n):
                    n.remove(child)
            shown = "".join(bare.itertext())
            assert re.sub(r"\s", "", para.text) in re.sub(r"\s", "", shown), f.rule
    if name == "fail_t3_total_cell":  # table 3 is the second table; 总计 (w:tc 9) is grid column 10
        assert set(positions) == {(2, 27, 10)}


@pytest.mark.parametrize("name", CASES)
def test_odt_keeps_every_text(converted, name: str) -> None:
    result, _, odt = converted[name]
    notes, texts = _odt_texts(odt)
    assert notes == len(result.annotations) > 0
    assert texts == _odt_texts(odt.parent / "original" / odt.name)[1]


def _note_text(note: etree._Element) -> str:
    return "\n".join("".join(p.itertext()) for p in note.iter(f"{{{ODF['text']}}}p"))


def _ancestor(el: etree._Element, ns: str, local: str) -> Optional[etree._Element]:
    return next((a for a in el.iterancestors() if a.tag == f"{{{ODF[ns]}}}{local}"), None)


def _cell_of(tables: list[Table], xpath: str) -> Optional[tuple[int, int, int]]:
    """(table number, 1-based row, 1-based grid column) of the docx cell at ``xpath``."""
    for t, table in enumerate(tables, 1):
        for row in table.rows:
            for c in row:
                if c is not None and c.xpath == xpath:
                    return t, c.phys_row, c.grid_col + 1
    return None


def _odt_position(tables: list[etree._Element], cell: etree._Element) -> tuple[int, int, int]:
    table = _ancestor(cell, "table", "table")
    row = cell.getparent()
    rows = [r for r in table.iter(f"{{{ODF['table']}}}table-row") if _ancestor(r, "table", "table") is table]
    col = 1
    for sib in row:
        if sib is cell:
            break
        col += int(sib.get(f"{{{ODF['table']}}}number-columns-repeated", "1"))
    return tables.index(table) + 1, rows.index(row) + 1, col


# Findings on the places LibreOffice loses text when a comment is anchored there: cells wrapped in
# content controls (w:sdt around the w:tc, and around the cell's w:p), the first cell of a table
# inside a block-level content control (table 4 of the fixture) and a heading inside one (二).
_T3 = "/w:document/w:body/w:tbl[2]"
SDT_CASES = {
    "cells": [(f"{_T3}/w:tr[4]/w:tc[2]", "65"), (f"{_T3}/w:tr[27]/w:sdt/w:sdtContent/w:tc", "70")],
    "table4": [("/w:document/w:body/w:sdt[2]/w:sdtContent/w:tbl/w:tr[4]", None)],  # its row of figures removed
    "table2": [("/w:document/w:body/w:tbl[1]", None)],  # missing: the finding goes to heading 二, in a content control
}


@pytest.fixture(scope="module")
def sdt_round_trip(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[AnnotateResult, Path, Path]]:
    from tests.mutate import remove_element, rewrite_document, set_cell_text

    program = soffice()
    work = tmp_path_factory.mktemp("office-sdt")
    out: dict[str, tuple[AnnotateResult, Path, Path]] = {}
    for name, edits in SDT_CASES.items():

        def edit(root: etree._Element, edits: list[tuple[str, Optional[str]]] = edits) -> None:
            for xpath, text in edits:
                set_cell_text(root, xpath, text) if text is not None else remove_element(root, xpath)

        src = rewrite_document(ROOT / "fixtures/docx/content_controls.docx", work / f"{name}.docx", edit)
        # the fixture's own RL-S1-002 (tests/conftest.py) left out: the cases are about the cells
        result = annotate_file(
            src, work / f"{name}.reviewed.docx", Options(selection=Selection(ignore=NOT_S1)), date=WHEN
        )
        out[name] = (result, work / f"{name}.odt", work / f"{name}.reviewed.odt")
    profile = f"-env:UserInstallation=file://{work / 'profile'}"
    docs = [str(work / f"{n}{kind}.docx") for n in SDT_CASES for kind in ("", ".reviewed")]
    subprocess.run(
        [program, profile, "--headless", "--norestore", "--convert-to", "odt", "--outdir", str(work), *docs],
        check=True,
        timeout=300,
        capture_output=True,
    )
    return out


def _odt_texts(odt: Path) -> tuple[int, list[str]]:
    """(number of comments, the text of every paragraph and heading, cells included, comments left out)."""
    with zipfile.ZipFile(odt) as zf:
        content = etree.fromstring(zf.read("content.xml"))
    notes = list(content.iter(f"{{{ODF['office']}}}annotation"))
    for note in notes:  # (the text after it, its tail, stays)
        parent, before = note.getparent(), note.getprevious()
        if before is not None:
            before.tail = (before.tail or "") + (note.tail or "")
        else:
            parent.text = (parent.text or "") + (note.tail or "")
        parent.remove(note)
    return len(notes), ["".join(p.itertext()) for p in content.iter(f"{{{ODF['text']}}}p", f"{{{ODF['text']}}}h")]


@pytest.mark.parametrize("name", list(SDT_CASES))
def test_libreoffice_keeps_every_text_of_a_copy_with_content_controls(sdt_round_trip, name: str) -> None:
    result, original, annotated = sdt_round_trip[name]
    notes, texts = _odt_texts(annotated)
    _, expected = _odt_texts(original)
    assert notes == len(result.annotations) == len(result.check.findings) > 0
    assert texts == expected  # every paragraph and cell, as LibreOffice reads the file without comments


def test_comments_meant_for_content_controls_sit_where_libreoffice_keeps_them(sdt_round_trip) -> None:
    cells, _, _ = sdt_round_trip["cells"]
    # The wrong cells are wrapped in content controls: each comment goes to its row's label and
    # says so; the rule, the message and the cell it names are unchanged.
    assert [
        (a.finding.rule, a.finding.location.row, a.finding.location.col, a.anchor, a.nearest) for a in cells.annotations
    ] == [("RL-T3-008", 4, 2, f"{_T3}/w:tr[4]/w:tc[1]", True), ("RL-T3-008", 27, 9, f"{_T3}/w:tr[27]/w:tc[2]", True)]
    table4, _, _ = sdt_round_trip["table4"]
    # A finding on table 4 as a whole went to its first cell, inside the content control: it goes
    # to the paragraph before the table instead.
    assert [(a.finding.rule, a.anchor, a.nearest) for a in table4.annotations] == [
        ("RL-T4-001", "/w:document/w:body/w:p[29]", True)
    ]
    table2, _, _ = sdt_round_trip["table2"]
    # Heading 二, where a missing table 2 is told, is wrapped in a content control: the paragraph before it.
    assert [(a.finding.rule, a.anchor, a.nearest) for a in table2.annotations] == [
        ("RL-T2-001", "/w:document/w:body/w:p[11]", True)
    ]
    from tests.annotations import read_comments

    notes = [c.text.splitlines()[-1] for c in read_comments(Path(cells.output or ""))]
    assert notes == [
        "（该问题所在的单元格或段落位于内容控件中，批注放在那里时 LibreOffice 打开会丢失其文字，"
        f"因此批注附在最近的位置：单元格「{label}」）"
        for label in ("一、本年新收政府信息公开申请数量", "（七）总计")
    ]
