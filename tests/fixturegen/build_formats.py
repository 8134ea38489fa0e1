"""Make the fixtures of other published forms from the .docx fixtures (issue #4). Run once by hand;
the outputs are committed, so tests and CI never need LibreOffice.

    apt-get install -y libreoffice-writer-nogui fonts-noto-cjk
    pip install msoffcrypto-tool            # only for the encrypted .docx
    python tests/fixturegen/build_formats.py

Writes:
- fixtures/html/<name>.html and fixtures/pdf/<name>.pdf: Word reports saved by LibreOffice as
  HTML and PDF (the same findings as the .docx are expected);
- fixtures/text/<name>.txt: the same reports as plain text in the layout of a table copied out of
  Word (one cell per line after a tab, rows separated by blank lines), made from the model;
- fixtures/bad/: files that must be refused with a specific error (.doc, .wps, encrypted .docx,
  RTF renamed .docx, an image renamed .docx, .odt, empty file).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOCX = ROOT / "fixtures" / "docx"
# Reports converted to HTML and PDF: a clean one, arithmetic defects, a table split in two.
CONVERTED = ("filled_2021", "fail_t3_total_cell", "fail_t4_sum", "fail_missing_section", "split_table")


def soffice(src: Path, target: str, outdir: Path) -> Path:
    subprocess.run(["soffice", "--headless", "--convert-to", target, "--outdir", str(outdir), str(src)],
                   check=True, capture_output=True, timeout=300)
    return outdir / (src.stem + "." + target.split(":", 1)[0])


def tiny_png() -> bytes:
    """A 1x1 white PNG (what a scanned page saved under a .docx name starts like)."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\xff"))
            + chunk(b"IEND", b""))


def tabbed_text(docx: Path) -> str:
    """A report as text the way Word copies it: a line per paragraph; per table row, a line per
    physical cell starting with a tab (a vertically merged cell leaves an empty one), blank lines
    between rows."""
    sys.path.insert(0, str(ROOT))
    from linter.model import Paragraph
    from linter.readers import read_document

    out: list[str] = []
    for block in read_document(docx).blocks:
        if isinstance(block, Paragraph):
            out.append(block.full_text.replace("\n", " ").strip())
            continue
        for r, line in enumerate(block.rows):
            seen: set[int] = set()
            for cell in line:
                if cell is None or id(cell) in seen:
                    continue
                seen.add(id(cell))
                text = cell.text.replace("\u3000", " ").strip() if cell.grid_row == r else ""
                out.append("\t" + "\n".join(part.strip() for part in text.split("\n")))
            out.append("")
        out.append("")
    return "\n".join(out) + "\n"


def main() -> None:
    html_dir, pdf_dir, bad_dir, text_dir = (ROOT / "fixtures" / d for d in ("html", "pdf", "bad", "text"))
    for d in (html_dir, pdf_dir, bad_dir, text_dir):
        d.mkdir(exist_ok=True)
    for name in CONVERTED:
        (text_dir / f"{name}.txt").write_text(tabbed_text(DOCX / f"{name}.docx"), encoding="utf-8")
    # A table whose header cannot be laid out from the text: table 4 copied without the empty
    # cells that the vertically merged 结果维持…总计 of 行政复议 leave in the third header row.
    text = (text_dir / "filled_2021.txt").read_text(encoding="utf-8")
    mark = "\t复议后起诉\n\n"
    assert text.count(mark + "\t\n" * 5) == 1
    (text_dir / "ambiguous_table4.txt").write_text(text.replace(mark + "\t\n" * 5, mark), encoding="utf-8")
    # A few bytes that are not UTF-8 inside a paragraph (a damaged download).
    data = (text_dir / "filled_2021.txt").read_bytes()
    cut = data.index("一、总体情况".encode()) + 40
    (text_dir / "broken_bytes.txt").write_bytes(data[:cut] + b"\xff\xfe" + data[cut:])
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        for name in CONVERTED:
            src = DOCX / f"{name}.docx"
            shutil.copy(soffice(src, "html:HTML (StarWriter)", out), html_dir / f"{name}.html")
            shutil.copy(soffice(src, "pdf:writer_pdf_Export", out), pdf_dir / f"{name}.pdf")
        src = DOCX / "filled_2021.docx"
        shutil.copy(soffice(src, "doc:MS Word 97", out), bad_dir / "legacy_word97.doc")
        # Kingsoft .wps files are the same OLE container as .doc; no WPS Office here to make one.
        shutil.copy(bad_dir / "legacy_word97.doc", bad_dir / "kingsoft.wps")
        shutil.copy(soffice(src, "rtf:Rich Text Format", out), bad_dir / "rtf_renamed.docx")
        shutil.copy(soffice(src, "odt:writer8", out), bad_dir / "opendocument.odt")
    (bad_dir / "scan_renamed.docx").write_bytes(tiny_png())
    try:
        import msoffcrypto.format.ooxml as ooxml
    except ImportError:
        print("msoffcrypto-tool not installed: encrypted.docx not rebuilt", file=sys.stderr)
    else:
        with (DOCX / "filled_2021.docx").open("rb") as plain, (bad_dir / "encrypted.docx").open("wb") as enc:
            ooxml.OOXMLFile(plain).encrypt("reportlint", enc)
    (bad_dir / "empty.docx").write_bytes(b"")


if __name__ == "__main__":
    main()
