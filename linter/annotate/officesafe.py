"""Where a comment can go without LibreOffice losing text.

LibreOffice (7.4 and later) drops the text of the first paragraph of a content control's content
(``w:sdtContent``) when a comment is anchored in that paragraph: a heading wrapped in a
block-level content control, the first cell of a table inside one, a cell wrapped in one, or a
cell whose paragraph is (forms made with Word's developer tools fill cells so). The XML stays
intact and Word shows it, but a copy opened or saved in LibreOffice loses the words. Anywhere
else in a content control (its second paragraph, another cell of the table) keeps them.

A comment meant for such a place goes to the nearest place that keeps its text instead: the
first cell of its row that does (the row's label, usually), else the nearest paragraph before its
table or paragraph (the heading of the table), else after it; the comment says where it belongs.
"""

from __future__ import annotations

from typing import Iterator, Optional

from lxml import etree

from linter.annotate.docxcomments import W, anchor_paragraphs, own_paragraph


def kept(anchor: etree._Element) -> bool:
    """Whether LibreOffice keeps the text of the paragraphs a comment on ``anchor`` (a w:p or a
    w:tc: its first and last paragraphs) is spliced into."""
    first, last = anchor_paragraphs(anchor)
    return not any(p is not None and _opens_content_control(p) for p in (first, last))


def _opens_content_control(p: etree._Element) -> bool:
    return any(next(content.iter(W + "p"), None) is p for content in p.iterancestors(W + "sdtContent"))


def nearest_kept(anchor: etree._Element) -> Optional[etree._Element]:
    """The nearest w:tc or w:p with text whose comment LibreOffice keeps, for an ``anchor`` it
    does not: a cell before it in its row (the first such, the row's label), else a paragraph
    before (then after) the body-level block holding it; None if there is none."""
    cell = anchor if anchor.tag == W + "tc" else next(anchor.iterancestors(W + "tc"), None)
    row = next(cell.iterancestors(W + "tr"), None) if cell is not None else None
    if cell is not None and row is not None:
        cells = [c for c in row.iter(W + "tc") if next(c.iterancestors(W + "tr"), None) is row]
        for before in cells[: cells.index(cell)]:  # the row's label first
            if _has_text(before) and kept(before):
                return before
    top = anchor
    for a in anchor.iterancestors():
        if a.tag == W + "body":
            break
        top = a
    for siblings, backwards in ((top.itersiblings(preceding=True), True), (top.itersiblings(), False)):
        for sibling in siblings:
            paras = list(_paragraphs(sibling))
            for p in reversed(paras) if backwards else paras:
                if _has_text(p) and kept(p):
                    return p
    return None


def _paragraphs(el: etree._Element) -> Iterator[etree._Element]:
    """The paragraphs of a body-level element outside tables (a paragraph, or those a block-level
    content control holds)."""
    if el.tag == W + "p":
        yield el
    elif el.tag == W + "sdt":
        for p in el.iter(W + "p"):
            if own_paragraph(p, el):
                yield p


def _has_text(el: etree._Element) -> bool:
    return any((t.text or "").strip() for t in el.iter(W + "t"))
