"""The annotated copy in a real office suite: LibreOffice converts it to PDF with the comments as
PDF annotations, and to ODT with each comment anchored in the table cell or paragraph the finding
names. Skipped when LibreOffice is not installed, unless REPORTLINT_REQUIRE_E2E is set (.ci/run
installs it and sets it)."""

from __future__ import annotations

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
from linter.model import Paragraph, Table
from linter.readers import read_document

from tests.conftest import ROOT
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
CASES = ("fail_t3_total_cell", "fail_blank_cells", "fail_missing_section", "fail_t4_sum", "fail_t3_missing_row")
WHEN = datetime(2024, 3, 1, 9, 30, tzinfo=timezone.utc)
PDF_WITH_NOTES = 'pdf:writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"}}'
ODF = {"office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
       "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
       "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
       "dc": "http://purl.org/dc/elements/1.1/"}


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
    results = {name: annotate_file(ROOT / f"fixtures/docx/{name}.docx", work / f"{name}.docx", date=WHEN)
               for name in CASES}
    docs = [str(work / f"{name}.docx") for name in CASES]
    profile = f"-env:UserInstallation=file://{work / 'profile'}"
    for target in (PDF_WITH_NOTES, "odt"):
        subprocess.run([program, profile, "--headless", "--norestore", "--convert-to", target, "--outdir", str(work),
                        *docs], check=True, timeout=300, capture_output=True)
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
    tables = [t for t in body.iter(f"{{{ODF['table']}}}table")
              if not any(etree.QName(a).localname == "table" for a in t.iterancestors())]
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
            inside = set().union(*(_note_strings(n) for n in holder.iter(f"{{{ODF['office']}}}annotation")))
            shown = "".join(t for t in holder.itertext() if t not in inside)
            assert re.sub(r"\s", "", para.text) in re.sub(r"\s", "", shown), f.rule
    if name == "fail_t3_total_cell":  # table 3 is the second table; 总计 (w:tc 9) is grid column 10
        assert set(positions) == {(2, 27, 10)}


def _note_text(note: etree._Element) -> str:
    return "\n".join("".join(p.itertext()) for p in note.iter(f"{{{ODF['text']}}}p"))


def _note_strings(note: etree._Element) -> set[str]:
    return set(note.itertext())


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
