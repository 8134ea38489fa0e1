"""Reports whose tables are pictures: a PDF with scanned pages among its text pages, web pages
whose tables are images. Run by hand; the outputs are committed, so tests never need LibreOffice.

    python tests/fixturegen/build_scans.py

Writes fixtures/scans/:
- ``scanned_table3_2021.pdf``: fixtures/corpus_docx/2021_pingtan_zhqsyq.docx with table 3
  replaced, as an office does with a stamped table, by the two printed pages that hold it, scanned
  (here: its PDF export's pages 4 and 5 rendered to greyscale pictures at 100 dpi), each on a page
  of its own; exported by LibreOffice;
- ``image_table3_2021.html``: fixtures/html/filled_2021.html with table 3 replaced by an <img>;
- ``image_tables_2021.html``: the same with tables 2, 3 and 4 replaced by <img> elements;
- ``scan_page*.png``: the pictures (the web pages refer to them; nothing reads them).
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import tempfile
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]  # a script: before tests is importable
OUT = ROOT / "fixtures" / "scans"
SOURCE = ROOT / "fixtures" / "corpus_docx" / "2021_pingtan_zhqsyq.docx"
EXPORT = ROOT / "fixtures" / "pdf_export" / "corpus_docx" / "2021_pingtan_zhqsyq.pdf"
HTML = ROOT / "fixtures" / "html" / "filled_2021.html"


def png(width: int, height: int, rows: list[bytes]) -> bytes:
    """An 8-bit greyscale PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"".join(b"\x00" + row for row in rows)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


def scan(page_index: int) -> bytes:
    """A page of the PDF export as a greyscale picture at 100 dpi."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(EXPORT))
    bitmap = pdf[page_index].render(scale=100 / 72, grayscale=True)
    width, height, stride = bitmap.width, bitmap.height, bitmap.stride
    data = bytes(bitmap.buffer)
    channels = stride // width if stride >= width else 1
    rows = [
        bytes(data[y * stride + x * channels] for x in range(width))
        if channels > 1
        else data[y * stride : y * stride + width]
        for y in range(height)
    ]
    pdf.close()
    return png(width, height, rows)


def scanned_docx(pictures: list[Path], dst: Path) -> None:
    """The report with table 3 replaced by the pictures, each on a page of its own."""
    from docx import Document
    from docx.shared import Cm

    doc = Document(str(SOURCE))
    table = doc.tables[1]._tbl
    following = table.getnext()
    for picture in pictures:
        para = doc.add_paragraph()
        para.paragraph_format.page_break_before = True
        para.add_run().add_picture(str(picture), width=Cm(15.5))
        table.addprevious(para._p)
    table.getparent().remove(table)
    if following is not None and following.tag.endswith("}p"):
        from docx.text.paragraph import Paragraph

        Paragraph(following, doc._body).paragraph_format.page_break_before = True
    doc.save(str(dst))


def image_html(tables: tuple[int, ...]) -> str:
    """filled_2021.html with its tables at ``tables`` (0-based) replaced by pictures."""
    html = HTML.read_bytes().decode("utf-8")
    spans = [m.span() for m in re.finditer(r"(?s)<table\b.*?</table>", html)]
    for i in sorted(tables, reverse=True):
        a, b = spans[i]
        html = (
            html[:a]
            + f'<p><img src="scan_page{4 if i < 2 else 5}.png" width="620" height="877" alt=""/></p>'
            + html[b:]
        )
    return html


def main() -> None:
    OUT.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        pictures = []
        for index in (3, 4):
            picture = OUT / f"scan_page{index + 1}.png"
            picture.write_bytes(scan(index))
            pictures.append(picture)
        docx = work / "scanned_table3_2021.docx"
        scanned_docx(pictures, docx)
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation=file://{work / 'profile'}",
                "--headless",
                "--convert-to",
                "pdf:writer_pdf_Export",
                "--outdir",
                str(work),
                str(docx),
            ],
            check=True,
            capture_output=True,
            timeout=600,
        )
        shutil.copy(work / "scanned_table3_2021.pdf", OUT / "scanned_table3_2021.pdf")
    (OUT / "image_table3_2021.html").write_text(image_html((1,)), encoding="utf-8")
    (OUT / "image_tables_2021.html").write_text(image_html((0, 1, 2)), encoding="utf-8")


if __name__ == "__main__":
    main()
