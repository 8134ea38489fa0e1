"""Word 97-2003 (.doc) copies of the .docx fixtures, saved by LibreOffice as a clerk saves a report
in the old format. Run by hand; the outputs are committed, so tests never need LibreOffice.

    apt-get install -y libreoffice-writer-nogui
    python tests/fixturegen/build_docs.py             # every .docx fixture
    python tests/fixturegen/build_docs.py --missing   # .docx fixtures added since

Writes fixtures/doc_export/<folder>/<path>.doc for each fixtures/<folder>/<path>.docx (the folders
below and their subfolders; fixtures/bad holds broken files on purpose) and fixtures/doc_export/shapes/ from
fixtures/pdf_export/shapes/. The same findings and labels are expected as from the .docx
(tests/test_doc.py). content_controls.docx is left out: LibreOffice writes a block content control
as a form field followed by its text again (and reads that .doc back with the text twice).

Also writes, from fixtures/doc_export/docx/filled_2021.doc:
- doc_export/hidden_text/filled_2021.doc: filled_2021.docx with hidden runs (w:vanish) after two
  section headings and in the 「（七）总计」 cell, saved as .doc: it reads as filled_2021.docx;
- doc_export/wps/filled_2021.wps: the same bytes. A Kingsoft WPS .wps is the Word binary format
  (the same WordDocument stream, WPS's additions ignored by readers); no WPS Office here to make one;
- bad/word95.doc: its FIB's nFib set to Word 6.0/95's (0x0065), which reportlint refuses (RL-IO-007);
- bad/encrypted_word97.doc: its FIB's fEncrypted flag set, as a password-protected .doc has it
  (RL-IO-004; the text is left as it is: the flag alone decides).
"""

from __future__ import annotations

import argparse
import shutil
import struct
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]  # a script: before tests is importable
FIXTURES = ROOT / "fixtures"
OUT = FIXTURES / "doc_export"
SOURCES = {
    "rules": FIXTURES / "rules",
    "docx": FIXTURES / "docx",
    "corpus_docx": FIXTURES / "corpus_docx",
    "inbox": FIXTURES / "inbox",
    "template": FIXTURES / "template",
    "shapes": FIXTURES / "pdf_export" / "shapes",
}


SKIP = {"content_controls"}


def soffice(sources: list[Path], outdir: Path, profile: Path) -> None:
    """Save ``sources`` as Word 97-2003 in ``outdir`` with a private LibreOffice profile (others
    may run LibreOffice at the same time)."""
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "doc:MS Word 97",
            "--outdir",
            str(outdir),
            *map(str, sources),
        ],
        check=True,
        capture_output=True,
        timeout=1800,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--missing", action="store_true", help="only .docx fixtures without a .doc yet")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        profile = Path(tmp) / "profile"
        for folder, src in SOURCES.items():
            for here in sorted({p.parent for p in src.rglob("*.docx")}):  # subfolders keep their place
                rel = here.relative_to(src)
                out = OUT / folder / rel
                docs = [
                    p
                    for p in sorted(here.glob("*.docx"))
                    if p.stem not in SKIP and not (args.missing and (out / f"{p.stem}.doc").exists())
                ]
                if not docs:
                    continue
                staging = Path(tmp) / folder / rel
                staging.mkdir(parents=True)
                soffice(docs, staging, profile)
                out.mkdir(parents=True, exist_ok=True)
                for doc in sorted(staging.glob("*.doc")):
                    shutil.move(str(doc), out / doc.name)
                print(f"{folder}/{rel}: {len(docs)}")
    derived()


def with_hidden_text(src: Path, dst: Path) -> None:
    """A copy of the .docx ``src`` with a hidden run (w:vanish) after each section heading's text
    and in a table cell: text Word does not show, so a reader must not either."""
    import zipfile

    hidden = "<w:r><w:rPr><w:vanish/></w:rPr><w:t>（隐藏的批注文字 2020年 12345）</w:t></w:r>"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "word/document.xml":
                text = data.decode("utf-8")
                for heading in ("一、总体情况", "二、主动公开政府信息情况", "（七）总计"):
                    at = text.index(heading)
                    end = text.index("</w:r>", at) + len("</w:r>")
                    text = text[:end] + hidden + text[end:]
                data = text.encode("utf-8")
            zout.writestr(info, data)


def with_fib(src: Path, dst: Path, offset: int, value: int) -> None:
    """A copy of the .doc ``src`` with the 16-bit FIB field at ``offset`` set to ``value``."""
    import olefile

    shutil.copy(src, dst)
    with olefile.OleFileIO(str(dst), write_mode=True) as ole:
        word = bytearray(ole.openstream("WordDocument").read())
        struct.pack_into("<H", word, offset, value)
        ole.write_stream("WordDocument", bytes(word))


def derived() -> None:
    doc = OUT / "docx" / "filled_2021.doc"
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "filled_2021.docx"
        with_hidden_text(FIXTURES / "docx" / "filled_2021.docx", source)
        soffice([source], Path(tmp), Path(tmp) / "profile")
        (OUT / "hidden_text").mkdir(exist_ok=True)
        shutil.copy(Path(tmp) / "filled_2021.doc", OUT / "hidden_text" / "filled_2021.doc")
    (OUT / "wps").mkdir(exist_ok=True)
    shutil.copy(doc, OUT / "wps" / "filled_2021.wps")
    with_fib(doc, FIXTURES / "bad" / "word95.doc", 2, 0x0065)
    import olefile

    with olefile.OleFileIO(str(doc)) as ole:
        flags = struct.unpack_from("<H", ole.openstream("WordDocument").read(), 0x0A)[0]
    with_fib(doc, FIXTURES / "bad" / "encrypted_word97.doc", 0x0A, flags | 0x0100)


if __name__ == "__main__":
    main()
