"""PDF exports of the .docx fixtures, made with LibreOffice the way a clerk saves a report as PDF,
in the shapes that break PDF readers. Run by hand; the outputs are committed, so tests never need
LibreOffice.

    apt-get install -y libreoffice-writer-nogui fonts-noto-cjk fonts-dejavu-core
    python tests/fixturegen/build_pdfs.py                      # everything
    python tests/fixturegen/build_pdfs.py --only repeated_header  # one shape (LibreOffice writes a new
                                                                   # date and id into every PDF it makes)
    python tests/fixturegen/build_pdfs.py --missing           # .docx fixtures added since: their PDFs

Writes fixtures/pdf_export/:
- rules/, docx/, corpus_docx/: every .docx fixture of those folders exported as it is (the same
  findings and labels are expected as from the .docx; tracked_changes.docx is left out: the PDF
  prints the deleted text, struck through);
- shapes/: real reports (fixtures/corpus_docx) changed before the export:
  * ``*_narrow_*``: narrow text columns (wide margins), with several top margins so that the
    page breaks fall in different table rows: rows and group labels broken across pages;
  * ``*_whole_rows``: rows kept whole (``cantSplit``), so only row-spanning group labels
    (「三、本年度办理结果」, 「（四）无法提供」) break over a page;
  * ``*_repeated_header``: table 3's header rows repeated on each page (Word's 「重复标题行」);
  * ``*_table4_new_page`` / ``*_tables_adjacent``: table 4 starting at the top of a new page
    right after table 3, with the section heading on the page before, or with nothing printed
    between the two tables;
  * ``*_vertical_labels``: the group labels written vertically (text direction top to bottom,
    as WPS writes them); ``*_rotated_labels``: turned to read upwards;
  * ``*_no_cjk_font``: exported where no CJK font is installed: every Chinese glyph is drawn
    with one glyph of a Latin font whose text mapping says 「平」 or 「根」, and the true text is
    in ActualText marked content;
  * ``*_no_cjk_font_stripped``: the same with the ActualText removed (its text layer is
    garbled for every reader).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import tempfile
import zipfile
import zlib
from pathlib import Path
from typing import Callable

from lxml import etree

ROOT = Path(__file__).resolve().parents[2]  # a script: before tests is importable
OUT = ROOT / "fixtures" / "pdf_export"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
SKIP = {"tracked_changes"}  # the PDF prints the tracked deletions
Transform = Callable[[etree._Element], None]


def q(tag: str) -> str:
    return f"{{{W}}}{tag}"


def soffice(sources: list[Path], outdir: Path, profile: Path, env: dict[str, str] | None = None) -> None:
    """Export ``sources`` to PDF in ``outdir`` with a private LibreOffice profile (others may run
    LibreOffice at the same time)."""
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf:writer_pdf_Export",
            "--outdir",
            str(outdir),
            *map(str, sources),
        ],
        check=True,
        capture_output=True,
        timeout=900,
        env={**os.environ, **(env or {})},
    )


def transformed(src: Path, dst: Path, *steps: Transform) -> Path:
    """A copy of ``src`` with its document.xml changed by ``steps``."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "word/document.xml":
                root = etree.fromstring(data)
                for step in steps:
                    step(root)
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            zout.writestr(info, data)
    return dst


def margins(left: int, right: int, top: int) -> Transform:
    """Page margins in twips (1/20 pt)."""

    def step(root: etree._Element) -> None:
        for mar in root.iter(q("pgMar")):
            mar.set(q("left"), str(left))
            mar.set(q("right"), str(right))
            mar.set(q("top"), str(top))

    return step


def _tr_pr(tr: etree._Element) -> etree._Element:
    pr = tr.find(q("trPr"))
    if pr is None:
        pr = etree.Element(q("trPr"))
        tblpr_ex = tr.find(q("tblPrEx"))
        (tblpr_ex.addnext if tblpr_ex is not None else lambda e: tr.insert(0, e))(pr)
    return pr


def whole_rows(root: etree._Element) -> None:
    for tr in root.iter(q("tr")):
        pr = _tr_pr(tr)
        if pr.find(q("cantSplit")) is None:
            pr.insert(0, etree.Element(q("cantSplit")))


def repeated_header(root: etree._Element) -> None:
    """Table 3's three header rows repeated at the top of each page it runs onto."""
    for tr in _tables(root)[1].findall(q("tr"))[:3]:
        pr = _tr_pr(tr)
        if pr.find(q("tblHeader")) is None:
            pr.append(etree.Element(q("tblHeader")))


def _tables(root: etree._Element) -> list[etree._Element]:
    return root.findall(f"{q('body')}/{q('tbl')}")


def _page_break_before(tbl: etree._Element) -> None:
    p = tbl.find(f"{q('tr')}/{q('tc')}/{q('p')}")
    assert p is not None
    ppr = p.find(q("pPr"))
    if ppr is None:
        ppr = etree.Element(q("pPr"))
        p.insert(0, ppr)
    ppr.insert(0, etree.Element(q("pageBreakBefore")))


def table4_new_page(root: etree._Element) -> None:
    _page_break_before(_tables(root)[-1])


def tables_adjacent(root: etree._Element) -> None:
    """Nothing printed between tables 3 and 4: the section heading between them is removed (the
    .docx then lacks it too) and an empty paragraph with a page break before it takes its place."""
    t3, t4 = _tables(root)[-2:]
    for el in list(t3.itersiblings()):
        if el is t4:
            break
        el.getparent().remove(el)
    empty = etree.Element(q("p"))
    ppr = etree.SubElement(empty, q("pPr"))
    etree.SubElement(ppr, q("pageBreakBefore"))
    t3.addnext(empty)


GROUP_LABEL = re.compile(r"^(三、本年度办理结果|（[三四五六]）[^0-9]{2,5})$")


def rotated_labels(root: etree._Element) -> None:
    """Group labels turned to read upwards (Word's 「文字方向」 rotated by 90°)."""
    vertical_labels(root)
    for direction in root.iter(q("textDirection")):
        direction.set(q("val"), "btLr")


def vertical_labels(root: etree._Element) -> None:
    """Group labels (the first cell of a vertical merge) written top to bottom."""
    for tc in root.iter(q("tc")):
        text = "".join(tc.itertext()).strip()
        pr = tc.find(q("tcPr"))
        merge = pr.find(q("vMerge")) if pr is not None else None
        if pr is None or merge is None or merge.get(q("val")) != "restart" or not GROUP_LABEL.match(text):
            continue
        direction = etree.SubElement(pr, q("textDirection"))
        direction.set(q("val"), "tbRl")


def strip_actual_text(src: Path, dst: Path) -> None:
    """Remove the ActualText spans from every content stream and write the PDF again with a
    correct cross-reference table (LibreOffice writes plain objects and a classic xref)."""
    data = src.read_bytes()
    objects = {}
    for m in re.finditer(rb"(\d+) 0 obj\s*(.*?)endobj", data, re.S):
        body = m.group(2)
        s = re.search(rb"stream\r?\n", body)
        if s and b"/FlateDecode" in body[: s.start()]:
            end = body.rindex(b"endstream")
            content = zlib.decompress(body[s.end() : end])
            if b"ActualText" in content:
                content = re.sub(rb"/Span\s*<<\s*/ActualText\s*<[0-9A-Fa-f]*>\s*>>\s*BDC\s*", b"", content)
                content = re.sub(rb"(?m)^EMC\s*$\n?", b"", content)
                packed = zlib.compress(content)
                head = re.sub(rb"/Length\s+\d+(\s+0\s+R)?", b"/Length " + str(len(packed)).encode(), body[: s.start()])
                body = head + b"stream\n" + packed + b"\nendstream\n"
        objects[int(m.group(1))] = body
    trailer = re.search(rb"trailer\s*(<<.*?>>)\s*startxref", data, re.S)
    assert trailer is not None
    out = bytearray(b"%PDF-1.6\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for num in sorted(objects):
        offsets[num] = len(out)
        out += b"%d 0 obj\n" % num + objects[num] + b"endobj\n"
    size = max(objects) + 1
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for num in range(1, size):
        out += (b"%010d 00000 n \n" % offsets[num]) if num in offsets else b"0000000000 65535 f \n"
    head = re.sub(rb"/Size\s+\d+", b"/Size %d" % size, trailer.group(1))
    out += b"trailer\n" + head + b"\nstartxref\n%d\n%%%%EOF\n" % xref
    dst.write_bytes(bytes(out))


SHAPES: dict[str, tuple[Transform, ...]] = {
    "narrow_a": (margins(2400, 2400, 1440),),
    "narrow_b": (margins(2400, 2400, 2000),),
    "narrow_c": (margins(2600, 2600, 2600),),
    "narrow_d": (margins(2800, 2800, 1900),),
    "whole_rows": (margins(2400, 2400, 1700), whole_rows),
}
FEW_SHAPES: dict[str, tuple[Transform, ...]] = {  # for two reports: one of each edition
    "table4_new_page": (table4_new_page,),
    "tables_adjacent": (tables_adjacent,),
    "vertical_labels": (vertical_labels,),
    "rotated_labels": (rotated_labels,),
    "repeated_header": (margins(2400, 2400, 1440), repeated_header),
}
NO_CJK = ("2021_pingtan_zhqsyq", "2020_dongtou_zhujianju")
FONTS_CONF = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig><dir>/usr/share/fonts/truetype/dejavu</dir><cachedir>{cache}</cachedir></fontconfig>
"""


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description="PDF exports of the .docx fixtures (fixtures/pdf_export)")
    ap.add_argument("--only", help="remake only these shapes, comma-separated (the other files stay as they are)")
    ap.add_argument(
        "--missing",
        action="store_true",
        help="export only the .docx fixtures that have no PDF yet (rules/, docx/, corpus_docx/)",
    )
    args = ap.parse_args(argv)
    only = set(args.only.split(",")) if args.only else None
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        profile = tmp / "profile"
        shapes = OUT / "shapes"
        if args.missing:
            for folder in ("rules", "docx", "corpus_docx"):
                out = OUT / folder
                sources = sorted(
                    p
                    for p in (ROOT / "fixtures" / folder).glob("*.docx")
                    if p.stem not in SKIP and not (out / f"{p.stem}.pdf").exists()
                )
                if sources:
                    soffice(sources, out, profile)
            return
        if only is None:
            for folder in ("rules", "docx", "corpus_docx"):
                out = OUT / folder
                shutil.rmtree(out, ignore_errors=True)
                out.mkdir(parents=True)
                sources = sorted(p for p in (ROOT / "fixtures" / folder).glob("*.docx") if p.stem not in SKIP)
                soffice(sources, out, profile)
            shutil.rmtree(shapes, ignore_errors=True)
        shapes.mkdir(parents=True, exist_ok=True)
        made = tmp / "docx"
        made.mkdir()
        variants = []
        for src in sorted((ROOT / "fixtures" / "corpus_docx").glob("*.docx")):
            shapes_here = {**SHAPES, **(FEW_SHAPES if src.stem in NO_CJK else {})}
            for name, steps in shapes_here.items():
                if only is None or name in only:
                    variants.append(transformed(src, made / f"{src.stem}_{name}.docx", *steps))
        if variants:
            soffice(variants, shapes, profile)
        for docx in variants:  # the changed reports themselves, for the .docx side of the tests
            shutil.copy(docx, shapes / docx.name)
        if only is not None and "no_cjk_font" not in only:
            return
        (tmp / "fonts.conf").write_text(FONTS_CONF.format(cache=tmp / "fc-cache"), encoding="utf-8")
        latin = tmp / "latin"
        latin.mkdir()
        sources = [ROOT / "fixtures" / "corpus_docx" / f"{stem}.docx" for stem in NO_CJK]
        soffice(sources, latin, tmp / "profile-latin", {"FONTCONFIG_FILE": str(tmp / "fonts.conf")})
        for stem in NO_CJK:
            shutil.copy(latin / f"{stem}.pdf", shapes / f"{stem}_no_cjk_font.pdf")
            strip_actual_text(latin / f"{stem}.pdf", shapes / f"{stem}_no_cjk_font_stripped.pdf")


if __name__ == "__main__":
    main()
