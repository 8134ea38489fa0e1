"""Read an OFD: OFD.xml names the document (DocRoot); its Document.xml lists the pages and the
templates they draw on; each page's Content.xml holds text, path and image objects. The page
content is given to the PDF reader's layout code, so tables joined over page breaks, page
furniture and the garble check work as for PDF. An OFD with no text objects (pages of images, or
glyphs drawn as outlines) is treated as a scan (RL-IO-022). The zip and XML limits are the .docx's."""

from __future__ import annotations

import posixpath
from pathlib import Path
from typing import Optional

from lxml import etree

from linter.config.limits import Limits
from linter.i18n import Msg
from linter.errors import InputError, limit_exceeded
from linter.model import Document
from linter.readers.docx.package import Package
from linter.readers.ofd.geometry import MM, Drawn, draw, numbers
from linter.readers.pdf.pdfium import Glyph, PageContent
from linter.readers.pdf.reader import document_from_pages

A4 = (210.0, 297.0)


def damaged(detail: Msg) -> InputError:
    """RL-IO-029: the OFD's structure is incomplete (a file it names is missing, no pages)."""
    return InputError("RL-IO-029", detail)


def _local(el: etree._Element) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def _child(el: Optional[etree._Element], name: str) -> Optional[etree._Element]:
    if el is None:
        return None
    for child in el:
        if _local(child) == name:
            return child
    return None


def _resolve(base: str, loc: str) -> str:
    """A BaseLoc or DocRoot: absolute from the package root when it starts with /, else relative
    to the folder of the file that names it."""
    loc = loc.strip().replace("\\", "/")
    path = loc.lstrip("/") if loc.startswith("/") else posixpath.join(posixpath.dirname(base), loc)
    return posixpath.normpath(path).lstrip("./") if path else path


def _box(el: Optional[etree._Element]) -> Optional[tuple[float, float]]:
    box = numbers(el.text if el is not None else None, 4)
    return (box[2], box[3]) if box and box[2] > 0 and box[3] > 0 else None


class _Ofd:
    def __init__(self, pkg: Package, limits: Limits) -> None:
        self.pkg = pkg
        self.limits = limits
        self._templates: dict[str, Drawn] = {}

    def xml(self, name: str, what: Msg) -> etree._Element:
        if not self.pkg.has(name):
            raise damaged(Msg.of("detail.ofd.missing", what=what, name=name))
        root = self.pkg.xml(name, ids=False)
        assert root is not None
        return root

    def pages(self) -> list[PageContent]:
        entry = self.xml("OFD.xml", Msg.of("detail.ofd.entry_file"))
        root = next((el for el in entry.iter("{*}DocRoot") if (el.text or "").strip()), None)
        if root is None:
            raise damaged(Msg.of("detail.ofd.ofd_xml_names_no"))
        doc_name = _resolve("OFD.xml", root.text or "")
        document = self.xml(doc_name, Msg.of("detail.ofd.document"))
        common = _child(document, "CommonData")
        size = _box(_child(_child(common, "PageArea"), "PhysicalBox")) or A4
        templates = {
            el.get("ID", ""): _resolve(doc_name, el.get("BaseLoc", ""))
            for el in (common.iter("{*}TemplatePage") if common is not None else ())
        }
        entries = [el for el in document.iter("{*}Page") if el.get("BaseLoc")]
        if not entries:
            raise damaged(Msg.of("detail.ofd.lists_no_pages", doc_name=doc_name))
        if len(entries) > self.limits.max_pdf_pages:
            raise limit_exceeded(
                "max_pdf_pages",
                self.limits.max_pdf_pages,
                Msg.of("detail.ofd.ofd_pages", n_entries=len(entries)),
            )
        return [
            self._page(number, _resolve(doc_name, el.get("BaseLoc", "")), size, templates)
            for number, el in enumerate(entries, 1)
        ]

    def _page(self, number: int, name: str, size: tuple[float, float], templates: dict[str, str]) -> PageContent:
        page = self.xml(name, Msg.of("detail.ofd.page"))
        width, height = _box(_child(_child(page, "Area"), "PhysicalBox")) or size
        content = PageContent(number, width * MM, height * MM)
        used = draw(page, content, _namespace(page))
        # The templates the page draws on come first, the last named first (as drawn).
        pictures = 0.0
        glyphs: list[Glyph] = []
        hrules: list[tuple[float, float, float]] = []
        vrules: list[tuple[float, float, float]] = []
        for template_id in reversed(used.templates):
            loc = templates.get(template_id)
            if not loc or not self.pkg.has(loc):
                continue
            drawn = self._template(loc)
            glyphs += drawn.glyphs
            hrules += drawn.hrules
            vrules += drawn.vrules
            for area in drawn.images:
                pictures += area
        if glyphs or hrules or vrules:
            content.glyphs[:0] = glyphs
            content.hrules[:0] = hrules
            content.vrules[:0] = vrules
        for area in used.images:
            pictures += area
        content.pictures = (
            min(1.0, pictures / (content.width * content.height)) if content.width * content.height else 0.0
        )
        return content

    def _template(self, loc: str) -> Drawn:
        """What a template page draws, read once for all the pages that draw on it."""
        drawn = self._templates.get(loc)
        if drawn is None:
            root = self.xml(loc, Msg.of("detail.ofd.template_page"))
            out = PageContent(0, 0.0, 0.0)
            used = draw(root, out, _namespace(root))
            drawn = Drawn(out.glyphs, out.hrules, out.vrules, used.images)
            self._templates[loc] = drawn
        return drawn


def _namespace(root: etree._Element) -> str:
    tag = root.tag if isinstance(root.tag, str) else ""
    return tag[: tag.index("}") + 1] if tag.startswith("{") else ""


def read_ofd(path: Path, limits: Limits, pkg: Optional[Package] = None) -> Document:
    """Read an OFD; ``pkg``: its package, already open (the caller closes it)."""
    opened = pkg is None
    pkg = Package(path, limits) if pkg is None else pkg
    try:
        pages = _Ofd(pkg, limits).pages()
    finally:
        if opened:
            pkg.close()
    return document_from_pages(
        path,
        "ofd",
        pages,
        limits,
        no_text=Msg.of("detail.ofd.ofd_without_text_objects"),
    )
