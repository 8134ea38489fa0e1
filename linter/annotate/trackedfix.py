"""A located wrong cell's correction written into a .docx as a tracked change (修订): the cell's
text runs wrapped in ``w:del`` (their ``w:t`` become ``w:delText``) and the corrected value in a
new run inside ``w:ins``, by author ``reportlint`` with a date. Word, WPS and LibreOffice show it as
an editor's suggestion to accept or reject. Every other byte of the document stays as it was.

A cell is changed only when its structure is plain: text in runs directly in the cell's
paragraphs, no tracked change, field, content control or hyperlink of its own, and its text the
value the finding read. Anything else is left alone (the comment still says what to write).
"""

from __future__ import annotations

from typing import Optional

from lxml import etree

from linter.annotate.docxcomments import W, W_NS, DocxComments
from linter.findings import Finding
from linter.recognise.values import parse_value
from linter.annotate.xmlsplice import escape

_RANK = 15  # after a comment's start mark (10), before its end mark (20) at the same offset
_NOT_PLAIN = {
    W + name
    for name in (
        "ins",
        "del",
        "moveFrom",
        "moveTo",
        "sdt",
        "fldSimple",
        "fldChar",
        "hyperlink",
        "smartTag",
        "customXml",
        "tbl",
    )
}


def write_fix(pkg: DocxComments, finding: Finding, author: str, date: str) -> bool:
    """Write ``finding.fix`` into its cell as a tracked change; whether it was written."""
    if finding.fix is None or not finding.location.xpath:
        return False
    tc = pkg.resolve(finding.location.xpath)
    if tc is None or tc.tag != W + "tc" or any(el.tag in _NOT_PLAIN for el in tc.iter() if el is not tc):
        return False
    paras = [p for p in tc if p.tag == W + "p"]
    if not paras:
        return False
    texts = list(tc.iter(W + "t"))
    runs = [r for p in paras for r in p if r.tag == W + "r" and r.find(W + "t") is not None]
    if any(t.getparent() not in runs for t in texts):
        return False  # text somewhere else than a run of the cell's own paragraphs
    printed = parse_value("".join(t.text or "" for t in texts))
    wanted = parse_value(finding.actual or "")
    if printed.kind != wanted.kind or (printed.kind != "blank" and printed.as_number() != wanted.as_number()):
        return False  # the cell is not what the finding read
    part = pkg.main
    w, decl = part.prefix_for(tc, W_NS)
    stamp = f'{w}author="{escape(author)}" {w}date="{escape(date)}"'
    for run in runs:
        start = part.spans[run].start
        end = part.spans[run].outer_end
        part.insert(start, f'<{w}del{decl} {w}id="{pkg.revision_id()}" {stamp}>', _RANK)
        for t in run.iter(W + "t"):
            part.rename(t, f"{w}delText")
        part.insert(end, f"</{w}del>", _RANK)
    props = _run_properties(pkg, runs[0] if runs else _neighbour_run(tc), paras[0], replaced=bool(runs))
    new_run = (
        f'<{w}ins{decl} {w}id="{pkg.revision_id()}" {stamp}><{w}r>{props}'
        f'<{w}t xml:space="preserve">{escape(finding.fix)}</{w}t></{w}r></{w}ins>'
    )
    if runs:
        part.insert(part.spans[runs[-1]].outer_end, new_run, _RANK)
    else:
        part.insert(part.content_range(paras[0])[1], new_run, _RANK)
    pkg.main_edited()
    return True


def _neighbour_run(tc: etree._Element) -> Optional[etree._Element]:
    """For an empty cell: the nearest text run of another cell of its row (the value the clerk
    would have typed looks like its neighbours): the cells after it first (before it is the label)."""
    row = tc.getparent()
    if row is None:
        return None
    cells = [c for c in row if c.tag == W + "tc"]
    at = cells.index(tc)
    for other in [*cells[at + 1 :], *reversed(cells[:at])]:
        run = next(
            (
                r
                for r in other.iter(W + "r")
                if r.find(W + "t") is not None and r.getparent() is not None and r.getparent().tag == W + "p"
            ),
            None,
        )
        if run is not None:
            return run
    return None


def _run_properties(
    pkg: DocxComments, run: Optional[etree._Element], para: etree._Element, replaced: bool = True
) -> str:
    """The run properties of the new run: the replaced run's (none if it has none: it inherits
    them from the paragraph's style, as the new run then does); for an empty cell a neighbouring
    cell's run's, else the paragraph mark's (w:pPr/w:rPr)."""
    rpr = run.find(W + "rPr") if run is not None else None
    if rpr is not None and rpr.find(W + "rPrChange") is None:  # (a formatting revision's id is its own)
        return pkg.main.source(rpr)
    if replaced and run is not None:
        return ""
    mark = para.find(W + "pPr/" + W + "rPr")
    if mark is None:
        return ""
    source = pkg.main.source(mark)
    if any(child.tag in (W + "ins", W + "del", W + "moveFrom", W + "moveTo") for child in mark):
        return ""  # the paragraph mark's own revision marks do not belong on a run
    return source
