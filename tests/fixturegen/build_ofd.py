"""OFD (GB/T 33190) copies of PDF fixtures, written from the geometry PDFium gives of each page:
what a PDF-to-OFD converter writes. Run by hand; the outputs are committed.

    python tests/fixturegen/build_ofd.py

Each page becomes a Content.xml: a TextObject per run of characters on one line (Boundary at the
run's box, TextCode X/Y at its first baseline, DeltaX between the characters, repeated steps
written ``g N d`` as producers write them; a character turned a quarter is a TextObject of its own
with a rotating CTM), a PathObject per ruling line, and for a page PDFium sees as a picture an
ImageObject over it (its picture: fixtures/scans/scan_page4.png). Every page draws on one template
page holding nothing, as producers' OFDs do. Writes fixtures/ofd/<name>.ofd for the PDFs below.

Two more shapes, of what real producers write, for a few of the PDFs (``SHAPED``):

- fixtures/ofd/wps_like/: as WPS 文字's 「输出为 OFD」 writes a page: a TextObject per run of one
  script on a line (Chinese, or Latin and digits), each full-width punctuation mark an object of
  its own, the run's box shared by its characters, TextCode X a small inset into the Boundary;
- fixtures/ofd/converter_like/: as PDF-to-OFD converters (数科, 金格) write one: a TextObject per
  character, drawn through a CTM that scales points to millimetres (Size in points), a
  CGTransform with its glyph index and a FillColor beside the TextCode, the XML indented.
"""

from __future__ import annotations

import itertools
import sys
import zipfile
from pathlib import Path
from typing import Callable
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[2]  # a script: before tests is importable
sys.path.insert(0, str(ROOT))

from linter.readers.pdf.pdfium import Glyph, PageContent, PdfFile  # noqa: E402

OUT = ROOT / "fixtures" / "ofd"
MM = 25.4 / 72  # millimetres per point
ASCENT = 0.85
NS = "http://www.ofdspec.org/2016"
SOURCES = [
    *sorted((ROOT / "fixtures" / "pdf_export" / "corpus_docx").glob("*.pdf")),
    *(
        ROOT / "fixtures" / "pdf_export" / "shapes" / f"{name}.pdf"
        for name in (
            "2021_pingtan_zhqsyq_repeated_header",
            "2019_pingtan_zhqsyq_whole_rows",
            "2022_pingtan_zhqsyq_narrow_c",
            "2021_pingtan_zhqsyq_table4_new_page",
            "2021_pingtan_zhqsyq_vertical_labels",
            "2021_pingtan_zhqsyq_no_cjk_font_stripped",
        )
    ),
    ROOT / "fixtures" / "scans" / "scanned_table3_2021.pdf",
]
PICTURE = ROOT / "fixtures" / "scans" / "scan_page4.png"
SHAPED = [
    ROOT / "fixtures" / "pdf_export" / "corpus_docx" / f"{name}.pdf"
    for name in ("2019_pingtan_zhqsyq", "2020_dongtou_zhujianju", "2021_pingtan_zhqsyq", "2022_pingtan_zhqsyq")
]
PT = 0.3528  # the CTM converters write: a point in millimetres, as they round it
INSET = 0.8467  # mm: where WPS starts a run's TextCode inside its Boundary


def n(value: float) -> str:
    return f"{value:.3f}".rstrip("0").rstrip(".") or "0"


def deltas(values: list[float]) -> str:
    """DeltaX with runs of one step written ``g N d``."""
    out: list[str] = []
    i = 0
    rounded = [n(v) for v in values]
    while i < len(rounded):
        j = i
        while j + 1 < len(rounded) and rounded[j + 1] == rounded[i]:
            j += 1
        count = j - i + 1
        out.append(f"g {count} {rounded[i]}" if count > 2 else " ".join(rounded[i : j + 1]))
        i = j + 1
    return " ".join(out)


def _grouped(glyphs: list[Glyph], joins: Callable[[Glyph, Glyph], bool]) -> list[list[Glyph]]:
    """Upright glyphs in drawing order, each joined to the run before when ``joins(last, glyph)``."""
    out: list[list[Glyph]] = []
    for g in glyphs:
        last = out[-1][-1] if out else None
        if last is not None and g.turn == 0 and last.turn == 0 and joins(last, g):
            out[-1].append(g)
        else:
            out.append([g])
    return out


def runs(glyphs: list[Glyph]) -> list[list[Glyph]]:
    """Characters that sit on one line one after the other, upright, in drawing order."""
    return _grouped(
        glyphs,
        lambda last, g: abs(g.top - last.top) < 0.01 and abs(g.bottom - last.bottom) < 0.01 and g.x0 >= last.x0,
    )


def _script(ch: str) -> int:
    """0: Chinese; 1: Latin, digits, ASCII punctuation; 2: a full-width punctuation mark."""
    if ch < "\u2e80":
        return 1
    return 2 if "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uff20" else 0


def wps_runs(glyphs: list[Glyph]) -> list[list[Glyph]]:
    """Characters of one script on a line one after the other (a box of their own may differ by
    a fraction of a point), upright, in drawing order; a full-width punctuation mark alone."""
    return _grouped(
        glyphs,
        lambda last, g: (
            _script(g.text) == _script(last.text) != 2
            and abs(g.top - last.top) < 0.5
            and abs(g.bottom - last.bottom) < 0.5
            and last.x0 <= g.x0 <= last.x1 + 2
        ),
    )


def wps_text_object(ident: int, run: list[Glyph]) -> str:
    if run[0].turn:
        return text_object(ident, run)
    top, bottom = min(g.top for g in run), max(g.bottom for g in run)
    first = run[0]
    size = (bottom - top) * MM
    width = (run[-1].x1 - first.x0) * MM + INSET
    box = f"{n(first.x0 * MM - INSET)} {n(top * MM)} {n(width)} {n(size)}"
    steps = [(b.x0 - a.x0) * MM for a, b in itertools.pairwise(run)]
    delta = f' DeltaX="{deltas(steps)}"' if steps else ""
    return (
        f'<ofd:TextObject ID="{ident}" Boundary="{box}" Font="1" Size="{n(size)}">'
        f'<ofd:TextCode X="{INSET}" Y="{n(ASCENT * size)}"{delta}>{escape("".join(g.text for g in run))}'
        "</ofd:TextCode></ofd:TextObject>"
    )


def converter_text_object(ident: int, run: list[Glyph]) -> str:
    """One character, in points through a CTM of ``PT`` (turned a quarter for a turned one)."""
    (g,) = run
    scale = PT * 72 / 25.4  # the CTM's points are a little larger than the page's
    text = escape(g.text)
    if g.turn:
        size = (g.x1 - g.x0) / scale
        ctm = f"0 {PT} -{PT} 0 0 0" if g.turn == 1 else f"0 -{PT} {PT} 0 0 0"
        y = g.top if g.turn == 1 else g.bottom
        box = f"{n((g.x0 + g.x1) / 2 * MM)} {n(y * MM)} {n(size * PT)} {n((g.bottom - g.top) * MM)}"
        baseline = 0.0
    else:
        size = (g.bottom - g.top) / scale
        ctm = f"{PT} 0 0 {PT} 0 0"
        box = f"{n(g.x0 * MM)} {n(g.top * MM)} {n((g.x1 - g.x0) * MM)} {n((g.bottom - g.top) * MM)}"
        baseline = ASCENT * size
    return (
        f'\n\t\t\t<ofd:TextObject ID="{ident}" Boundary="{box}" CTM="{ctm}" Font="1" Size="{n(size)}">'
        f'\n\t\t\t\t<ofd:FillColor Value="0 0 0"/>'
        f'\n\t\t\t\t<ofd:CGTransform CodePosition="0" CodeCount="1" GlyphCount="1">'
        f"<ofd:Glyphs>{ord(g.text) % 30000}</ofd:Glyphs></ofd:CGTransform>"
        f'\n\t\t\t\t<ofd:TextCode X="0" Y="{n(baseline)}">{text}</ofd:TextCode>'
        "\n\t\t\t</ofd:TextObject>"
    )


SHAPES = {
    "": (runs, lambda ident, run: text_object(ident, run)),
    "wps_like": (wps_runs, wps_text_object),
    "converter_like": (lambda glyphs: [[g] for g in glyphs], converter_text_object),
}


def text_object(ident: int, run: list[Glyph]) -> str:
    first = run[0]
    text = escape("".join(g.text for g in run))
    if first.turn:
        size = (first.x1 - first.x0) * MM
        ctm = "0 1 -1 0 0 0" if first.turn == 1 else "0 -1 1 0 0 0"
        y = first.top if first.turn == 1 else first.bottom
        box = f"{n((first.x0 + first.x1) / 2 * MM)} {n(y * MM)} {n(size)} {n((first.bottom - first.top) * MM)}"
        return (
            f'<ofd:TextObject ID="{ident}" Boundary="{box}" CTM="{ctm}" Font="1" Size="{n(size)}">'
            f'<ofd:TextCode X="0" Y="0">{text}</ofd:TextCode></ofd:TextObject>'
        )
    size = (first.bottom - first.top) * MM
    width = (run[-1].x1 - first.x0) * MM
    box = f"{n(first.x0 * MM)} {n(first.top * MM)} {n(width)} {n(size)}"
    steps = [(b.x0 - a.x0) * MM for a, b in itertools.pairwise(run)]
    delta = f' DeltaX="{deltas(steps)}"' if steps else ""
    return (
        f'<ofd:TextObject ID="{ident}" Boundary="{box}" Font="1" Size="{n(size)}">'
        f'<ofd:TextCode X="0" Y="{n(ASCENT * size)}"{delta}>{text}</ofd:TextCode></ofd:TextObject>'
    )


def page_xml(content: PageContent, first_id: int, shape: str = "") -> tuple[str, int]:
    ident = first_id
    objects: list[str] = []
    if content.pictures >= 0.3:
        objects.append(
            f'<ofd:ImageObject ID="{ident}" Boundary="0 0 {n(content.width * MM)} '
            f'{n(content.height * MM)}" CTM="{n(content.width * MM)} 0 0 {n(content.height * MM)} 0 0" '
            f'ResourceID="2"/>'
        )
        ident += 1
    for y, x0, x1 in content.hrules:
        objects.append(
            f'<ofd:PathObject ID="{ident}" Boundary="{n(x0 * MM)} {n(y * MM)} {n((x1 - x0) * MM)} 0.5" '
            f'LineWidth="0.25"><ofd:AbbreviatedData>M 0 0 L {n((x1 - x0) * MM)} 0</ofd:AbbreviatedData>'
            f"</ofd:PathObject>"
        )
        ident += 1
    for x, top, bottom in content.vrules:
        objects.append(
            f'<ofd:PathObject ID="{ident}" Boundary="{n(x * MM)} {n(top * MM)} 0.5 {n((bottom - top) * MM)}" '
            f'LineWidth="0.25"><ofd:AbbreviatedData>M 0 0 L 0 {n((bottom - top) * MM)}</ofd:AbbreviatedData>'
            f"</ofd:PathObject>"
        )
        ident += 1
    split, write = SHAPES[shape]
    for run in split(content.glyphs):
        objects.append(write(ident, run))
        ident += 1
    box = f"0 0 {n(content.width * MM)} {n(content.height * MM)}"
    xml = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Page xmlns:ofd="{NS}"><ofd:Template TemplateID="3" '
        f'ZOrder="Background"/><ofd:Area><ofd:PhysicalBox>{box}</ofd:PhysicalBox></ofd:Area><ofd:Content>'
        f'<ofd:Layer ID="{ident}">' + "".join(objects) + "</ofd:Layer></ofd:Content></ofd:Page>"
    )
    return xml, ident + 1


def ofd_from_pdf(pdf: Path, dst: Path, shape: str = "") -> None:
    with PdfFile(pdf) as source:
        pages = list(source.read_pages())
    first = pages[0]
    box = f"0 0 {n(first.width * MM)} {n(first.height * MM)}"
    members: dict[str, str | bytes] = {}
    ident = 10
    entries = []
    for i, content in enumerate(pages):
        xml, ident = page_xml(content, ident, shape)
        members[f"Doc_0/Pages/Page_{i}/Content.xml"] = xml
        entries.append(f'<ofd:Page ID="{ident}" BaseLoc="Pages/Page_{i}/Content.xml"/>')
        ident += 1
    pictures = any(p.pictures >= 0.3 for p in pages)
    members["OFD.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<ofd:OFD xmlns:ofd="{NS}" DocType="OFD" Version="1.0"><ofd:DocBody>'
        f"<ofd:DocInfo><ofd:DocID>{pdf.stem}</ofd:DocID><ofd:Creator>reportlint tests/fixturegen/build_ofd.py"
        f"</ofd:Creator></ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>"
    )
    members["Doc_0/Document.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Document xmlns:ofd="{NS}"><ofd:CommonData>'
        f"<ofd:MaxUnitID>{ident}</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>{box}</ofd:PhysicalBox></ofd:PageArea>"
        f"<ofd:PublicRes>PublicRes.xml</ofd:PublicRes>"
        + ("<ofd:DocumentRes>DocumentRes.xml</ofd:DocumentRes>" if pictures else "")
        + '<ofd:TemplatePage ID="3" BaseLoc="Tpls/Tpl_0/Content.xml"/></ofd:CommonData><ofd:Pages>'
        + "".join(entries)
        + "</ofd:Pages></ofd:Document>"
    )
    members["Doc_0/PublicRes.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Res xmlns:ofd="{NS}" BaseLoc="Res"><ofd:Fonts>'
        '<ofd:Font ID="1" FontName="宋体" FamilyName="宋体"/></ofd:Fonts></ofd:Res>'
    )
    members["Doc_0/Tpls/Tpl_0/Content.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Page xmlns:ofd="{NS}"><ofd:Content><ofd:Layer ID="4"/>'
        "</ofd:Content></ofd:Page>"
    )
    if pictures:
        members["Doc_0/DocumentRes.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Res xmlns:ofd="{NS}" BaseLoc="Res"><ofd:MultiMedias>'
            '<ofd:MultiMedia ID="2" Type="Image" Format="PNG"><ofd:MediaFile>scan.png</ofd:MediaFile>'
            "</ofd:MultiMedia></ofd:MultiMedias></ofd:Res>"
        )
        members["Doc_0/Res/scan.png"] = PICTURE.read_bytes()
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, data)


def main() -> None:
    OUT.mkdir(exist_ok=True)
    for pdf in SOURCES:
        ofd_from_pdf(pdf, OUT / f"{pdf.stem}.ofd")
        print(pdf.stem)
    for shape in ("wps_like", "converter_like"):
        (OUT / shape).mkdir(exist_ok=True)
        for pdf in SHAPED:
            ofd_from_pdf(pdf, OUT / shape / f"{pdf.stem}.ofd", shape)
            print(f"{shape}/{pdf.stem}")


if __name__ == "__main__":
    main()
