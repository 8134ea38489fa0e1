"""Read Word comments back from a .docx: their text and the paragraph or cell they are anchored on."""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from lxml import etree

from linter.model import Document, Paragraph, Table
from linter.findings import Finding

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = "{%s}" % W_NS

# What reportlint inserts into document.xml (the tests strip it to compare with the original).
INSERTED = re.compile(
    r'<w:commentRangeStart w:id="\d+"/>|<w:commentRangeEnd w:id="\d+"/>'
    r'<w:r><w:commentReference w:id="\d+"/></w:r>'
)


@dataclass(frozen=True)
class ReadComment:
    id: str
    author: str
    initials: str
    date: str
    text: str
    anchor: Optional[str]  # element path of the w:tc (cell comments) or w:p the range sits in


def read_comments(path: Path) -> list[ReadComment]:
    with zipfile.ZipFile(path) as zf:
        doc = etree.fromstring(zf.read("word/document.xml"))
        names = zf.namelist()
        comments = etree.fromstring(zf.read("word/comments.xml")) if "word/comments.xml" in names else None
    if comments is None:
        return []
    out = []
    for c in comments.iter(W + "comment"):
        cid = c.get(W + "id")
        text = "\n".join("".join(t.text or "" for t in p.iter(W + "t")) for p in c.iter(W + "p"))
        out.append(
            ReadComment(
                cid, c.get(W + "author", ""), c.get(W + "initials", ""), c.get(W + "date", ""), text, _anchor(doc, cid)
            )
        )
    return out


def _anchor(doc: etree._Element, cid: Optional[str]) -> Optional[str]:
    starts = doc.xpath("//w:commentRangeStart[@w:id=$id]", namespaces={"w": W_NS}, id=cid)
    ends = doc.xpath("//w:commentRangeEnd[@w:id=$id]", namespaces={"w": W_NS}, id=cid)
    refs = doc.xpath("//w:commentReference[@w:id=$id]", namespaces={"w": W_NS}, id=cid)
    if len(starts) != 1 or len(ends) != 1 or len(refs) != 1:
        return None
    start_cell = _container(starts[0], W + "tc")
    end_cell = _container(ends[0], W + "tc")
    if start_cell is not None and start_cell is end_cell:
        return doc.getroottree().getpath(start_cell)
    start_p, end_p = _container(starts[0], W + "p"), _container(ends[0], W + "p")
    if start_p is not None and start_p is end_p:
        return doc.getroottree().getpath(start_p)
    return None


def _container(el: etree._Element, tag: str) -> Optional[etree._Element]:
    return next((a for a in el.iterancestors() if a.tag == tag), None)


def expected_anchor(finding: Finding, doc: Document, title_block: Optional[int]) -> str:
    """Where a finding's comment must be: its cell or paragraph; for a finding on a whole row the
    row's first cell (its label); for a table-level finding the table's first cell; without a
    block the title."""
    loc = finding.location
    if loc.xpath:
        return loc.xpath
    block = doc.blocks[loc.block if loc.block is not None else title_block]  # type: ignore[index]
    if isinstance(block, Table) and loc.row is not None:
        label = next(c for row in block.rows for c in row if c is not None and c.phys_row == loc.row and c.xpath)
        assert label.xpath
        return label.xpath
    if isinstance(block, Table):
        first = next(c for row in block.rows for c in row if c is not None)
        assert first.xpath
        return first.xpath
    assert isinstance(block, Paragraph) and block.xpath
    return block.xpath


def kept_place(doc: etree._Element, xpath: str) -> str:
    """Where a comment meant for the w:tc or w:p at ``xpath`` goes so that LibreOffice keeps the
    text: there, unless its (first) paragraph opens a content control's content; then the first
    cell of its row with text that does not, else the nearest body-level paragraph with text before."""
    ns = {"w": W_NS}

    def opens(p: etree._Element) -> bool:
        return any(c.xpath("(.//w:p)[1]", namespaces=ns)[0] is p for c in p.iterancestors(W + "sdtContent"))

    def first_p(el: etree._Element) -> etree._Element:
        return el if el.tag == W + "p" else el.xpath(".//w:p", namespaces=ns)[0]

    (el,) = doc.xpath(xpath, namespaces=ns)
    if not opens(first_p(el)):
        return xpath
    path = doc.getroottree().getpath
    row = _container(el, W + "tr")
    if row is not None:
        for tc in row.xpath(".//w:tc[ancestor::w:tr[1] = $row]", namespaces=ns, row=row):
            if "".join(tc.itertext()).strip() and not opens(first_p(tc)):
                return path(tc)
    top = el
    while top.getparent() is not None and top.getparent().tag != W + "body":
        top = top.getparent()
    for before in top.itersiblings(W + "p", preceding=True):
        if "".join(before.itertext()).strip():
            return path(before)
    raise AssertionError(f"no place for {xpath}")
