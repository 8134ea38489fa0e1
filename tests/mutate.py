"""Change one cell or remove one paragraph of a real .docx, addressed by the element path the reader reports."""

from __future__ import annotations

import zipfile
from pathlib import Path

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def rewrite_document(src: Path, dst: Path, edit) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "word/document.xml":
                root = etree.fromstring(data)
                edit(root)
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            zout.writestr(info, data)
    return dst


def set_cell_text(root: etree._Element, xpath: str, text: str) -> None:
    """Put ``text`` in the first visible w:t of the cell and empty the others."""
    (tc,) = root.xpath(xpath, namespaces={"w": W[1:-1]})
    ts = [t for t in tc.iter(W + "t") if not any(a.tag in (W + "del", W + "moveFrom") for a in t.iterancestors())]
    if not ts:
        p = tc.find(W + "p")
        run = etree.SubElement(p, W + "r")
        ts = [etree.SubElement(run, W + "t")]
    ts[0].text = text
    for t in ts[1:]:
        t.text = ""


def remove_element(root: etree._Element, xpath: str) -> None:
    (el,) = root.xpath(xpath, namespaces={"w": W[1:-1]})
    el.getparent().remove(el)
