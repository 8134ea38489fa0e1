"""Read an HTML report (a web page, or a Word document saved as HTML) with lxml.html.

- charset: BOM, then <meta charset> / http-equiv, then detection (GB18030/GBK/GB2312, Big5, UTF-8);
- the report body is found inside portal chrome (navigation, footers, share buttons) by dropping
  boilerplate blocks and descending to the element that holds most of the page's text;
- tables with rowspan/colspan become the same logical grid as a .docx table (linter.readers.grid);
  <br> and block children inside a cell are line breaks, &nbsp; is kept as a space character;
- every block and cell carries its line and column in the source file, its XPath and a CSS-like
  selector.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Optional

from lxml import etree, html

from linter.errors import InputError
from linter.limits import Limits
from linter.model import Block, Document, Notice, Paragraph
from linter.readers.grid import RawCell, add_block, build_table, read_capped
from linter.readers.textdecode import bom_encoding, decode

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
_SPACES = re.compile(r"[ \t\n\r\f]+")
_ALL_SPACE = re.compile(r"\s+")
_DROP = {"script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas", "head",
         "select", "button", "input", "textarea", "map", "audio", "video"}
_CHROME_TAGS = {"nav", "header", "footer", "aside", "form", "menu"}
_CHROME_WORDS = re.compile(
    r"(?:^|[-_\s])(?:nav|navbar|menu|footer|foot|bottom|share|bdshare|social|breadcrumbs?|crumbs?|sidebar|"
    r"copyright|toolbar|search|login|banner|ads?|weizhi|dqwz|fenxiang|related|xgxx|pager|pagination|links)"
    r"(?:$|[-_\s\d])", re.IGNORECASE)
_CHROME_TEXT = re.compile(r"版权所有|ICP备|网站标识码|主办单位|承办单位|公网安备|技术支持|分享到|【打印】|【关闭】|"
                          r"打印本页|关闭窗口|您当前的位置|当前位置")
BLOCK_TAGS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "blockquote",
              "pre", "section", "article", "main", "center", "address", "figure", "figcaption", "caption",
              "hr", "table", "body", "tr", "td", "th", "tbody", "thead", "tfoot"}
_CONTAINERS = {"body", "div", "section", "article", "main", "center", "form", "table", "tbody", "thead", "tfoot",
               "tr", "td", "th", "font", "span", "blockquote"}
MAIN_SHARE = 0.85  # descend into a child that holds this share of the container's text


class _Measure:
    """Text and link-text lengths of every element, computed once bottom-up (no quadratic re-reads);
    elements in ``skip`` count as empty."""

    def __init__(self, root: etree._Element, skip: frozenset[etree._Element] | set[etree._Element] = frozenset()) -> None:
        self.text: dict[etree._Element, int] = {}
        self.links: dict[etree._Element, int] = {}
        order = [el for el in root.iter() if isinstance(el.tag, str)]
        for el in reversed(order):
            own = _visible(el.text)
            links = 0
            for child in el:
                if isinstance(child.tag, str) and child not in skip:
                    own += self.text.get(child, 0)
                    links += self.links.get(child, 0)
                own += _visible(child.tail)
            self.text[el] = own
            self.links[el] = own if el.tag == "a" else links


def _visible(text: Optional[str]) -> int:
    return len(_ALL_SPACE.sub("", text)) if text else 0


def _is_chrome(el: etree._Element, m: _Measure) -> bool:
    """Navigation, footers, share buttons and the like: small, link-heavy or so marked, and never a
    block that holds a table (some portals wrap the whole page in one <form>)."""
    size = m.text.get(el, 0)
    if el.find(".//table") is not None or size >= 2000:
        return False
    if el.tag == "header" and any(a.tag in ("article", "main") for a in el.iterancestors()):
        return False  # an article's own header holds its title
    if el.tag in _CHROME_TAGS and (el.tag != "form" or size < 600):
        return True
    marks = f"{el.get('class', '')} {el.get('id', '')}"
    if marks.strip() and _CHROME_WORDS.search(marks) and size < 600:
        return True
    if size and size < 300 and m.links.get(el, 0) / size > 0.5:
        return True
    return 0 < size < 200 and bool(_CHROME_TEXT.search(el.text_content()))


def chrome(root: etree._Element) -> set[etree._Element]:
    """Scripts, styles and page chrome to leave out, found top-down (a chrome block is not entered).
    The tree is not changed, so element paths still name the page as published."""
    skip = {e for e in root.iter() if isinstance(e.tag, str) and e.tag in _DROP}
    m = _Measure(root, skip)
    stack = [c for c in root if isinstance(c.tag, str) and c not in skip]
    while stack:
        el = stack.pop()
        if _is_chrome(el, m):
            skip.add(el)
        else:
            stack.extend(c for c in el if isinstance(c.tag, str) and c not in skip)
    return skip


def main_content(body: etree._Element, skip: set[etree._Element]) -> etree._Element:
    """The element holding the report: descend while one child holds most of the text."""
    m = _Measure(body, skip)
    current = body
    while True:
        total = m.text.get(current, 0)
        children = [c for c in current if isinstance(c.tag, str) and c not in skip]
        best = max(children, key=lambda c: m.text.get(c, 0), default=None)
        if best is None or total == 0 or m.text.get(best, 0) < MAIN_SHARE * total or best.tag not in _CONTAINERS:
            return current
        if best.tag in ("table", "tbody", "thead", "tr", "td", "th") and not _is_layout_table(_table_of(best)):
            return current
        if any(c.tag in ("h1", "h2", "h3") and m.text.get(c, 0) for c in children[:children.index(best)]):
            return current  # keep the page's heading (the report's title) with its body
        current = best


def _table_of(el: etree._Element) -> etree._Element:
    while el is not None and el.tag != "table":
        el = el.getparent()
    return el


def _rows(table: etree._Element) -> Iterator[etree._Element]:
    for child in table:
        if child.tag == "tr":
            yield child
        elif child.tag in ("thead", "tbody", "tfoot"):
            yield from (tr for tr in child if tr.tag == "tr")


def _cells(tr: etree._Element) -> Iterator[etree._Element]:
    return (c for c in tr if c.tag in ("td", "th"))


def _is_layout_table(table: Optional[etree._Element]) -> bool:
    """A table used for page layout: a cell holds a nested table, headings or long running text."""
    if table is None:
        return False
    cells = [c for tr in _rows(table) for c in _cells(tr)]
    if len(cells) == 1:
        return True
    for cell in cells:
        if cell.find(".//table") is not None or cell.find(".//h1") is not None or cell.find(".//h2") is not None:
            return True
        if len(_ALL_SPACE.sub("", cell.text_content())) > 300:
            return True
    return False


def _span(value: Optional[str]) -> int:
    m = re.match(r"\s*(\d+)", value or "")
    return int(m.group(1)) if m else 1


def source_columns(root: etree._Element, lines: list[str]) -> dict[etree._Element, int]:
    """1-based column of every element's start tag: lxml gives the line; the column is the n-th
    ``<tag`` on that line, n counted over the same tags starting on that line in document order."""
    found: dict[tuple[int, str], list[int]] = {}
    seen: dict[tuple[int, str], int] = {}
    out: dict[etree._Element, int] = {}
    for el in root.iter():
        line = el.sourceline
        if not isinstance(el.tag, str) or not line or line > len(lines):
            continue
        key = (line, el.tag)
        if key not in found:
            pattern = re.compile(rf"<{re.escape(el.tag)}\b", re.IGNORECASE)
            found[key] = [m.start() + 1 for m in pattern.finditer(lines[line - 1])]
        nth = seen.get(key, 0)
        seen[key] = nth + 1
        if nth < len(found[key]):
            out[el] = found[key][nth]
    return out


class Paths:
    """XPath and CSS-like selector of elements, from sibling positions counted once for the whole
    tree (lxml's getpath and a naive selector rescan the siblings at every step: quadratic in a
    table of many rows)."""

    def __init__(self, root: etree._Element) -> None:
        self.position: dict[etree._Element, tuple[int, int]] = {}  # element -> (n-th of its tag, how many)
        for parent in root.iter():
            if not isinstance(parent.tag, str):
                continue
            counts: dict[str, int] = {}
            children = [c for c in parent if isinstance(c.tag, str)]
            for child in children:
                counts[child.tag] = counts.get(child.tag, 0) + 1
                self.position[child] = (counts[child.tag], 0)
            for child in children:
                self.position[child] = (self.position[child][0], counts[child.tag])
        self.position[root] = (1, 1)

    def _steps(self, el: etree._Element) -> list[tuple[str, int, int]]:
        steps: list[tuple[str, int, int]] = []
        while el is not None and isinstance(el.tag, str):
            n, total = self.position.get(el, (1, 1))
            steps.append((el.tag, n, total))
            el = el.getparent()
        return list(reversed(steps))

    def xpath(self, el: etree._Element) -> str:
        return "/" + "/".join(f"{tag}[{n}]" if total > 1 else tag for tag, n, total in self._steps(el))

    def selector(self, el: etree._Element) -> str:
        """``body > div:nth-of-type(2) > table:nth-of-type(1) > tr:nth-of-type(3) > td:nth-of-type(2)``."""
        steps = self._steps(el)
        names = [t for t, _, _ in steps]
        if "body" in names:
            steps = steps[names.index("body"):]
        return " > ".join(f"{tag}:nth-of-type({n})" if total > 1 else tag for tag, n, total in steps)


@dataclass
class _Walker:
    limits: Limits
    columns: dict[etree._Element, int]
    paths: Paths
    skip: set[etree._Element]
    blocks: list[Block] = field(default_factory=list)
    buffer: list[str] = field(default_factory=list)
    anchor: Optional[etree._Element] = None
    current: list[etree._Element] = field(default_factory=list)  # open block elements

    def position(self, el: etree._Element) -> tuple[Optional[int], Optional[int]]:
        return el.sourceline, self.columns.get(el)

    def _add(self, block: Block) -> None:
        add_block(self.blocks, block, self.limits)

    def flush(self) -> None:
        text = _SPACES.sub(" ", "".join(self.buffer)).strip()
        parts = [p.strip() for p in text.split("\n")] if "\n" in text else [text]
        anchor = self.anchor
        self.buffer, self.anchor = [], None
        for part in parts:
            if not part.strip(" \u00a0\u3000"):
                continue
            line, column = self.position(anchor) if anchor is not None else (None, None)
            self._add(Paragraph(index=len(self.blocks), text=part, line=line, column=column,
                                xpath=self.paths.xpath(anchor) if anchor is not None else None,
                                selector=self.paths.selector(anchor) if anchor is not None else None))

    def inline(self, text: Optional[str], el: etree._Element) -> None:
        if text:
            if self.anchor is None and text.strip():
                self.anchor = self.current[-1] if self.current else el
            self.buffer.append(text)

    def walk(self, el: etree._Element) -> None:
        tag = el.tag
        if tag == "table" and not _is_layout_table(el):
            self.flush()
            self.table(el)
            self.inline(el.tail, el.getparent() if el.getparent() is not None else el)
            return
        if tag == "br":
            self.buffer.append("\n")
            self.inline(el.tail, el.getparent() if el.getparent() is not None else el)
            return
        block = tag in BLOCK_TAGS
        if block:
            self.flush()
            self.current.append(el)
        self.inline(el.text, el)
        for child in el:
            if isinstance(child.tag, str) and child not in self.skip:
                self.walk(child)
            else:
                self.inline(child.tail, el)
        if block:
            self.flush()
            self.current.pop()
        parent = el.getparent()
        self.inline(el.tail, parent if parent is not None else el)

    def table(self, table: etree._Element) -> None:
        index = len(self.blocks)
        rows: list[list[RawCell]] = []
        for tr in _rows(table):
            row: list[RawCell] = []
            for td in _cells(tr):
                line, column = self.position(td)
                row.append(RawCell(cell_text(td), rowspan=_span(td.get("rowspan")), colspan=_span(td.get("colspan")),
                                   line=line, column=column, xpath=self.paths.xpath(td), selector=self.paths.selector(td)))
            rows.append(row)
        if not any(rows):
            return
        line, column = self.position(table)
        self._add(build_table(index, rows, self.limits, line=line, column=column, xpath=self.paths.xpath(table),
                              selector=self.paths.selector(table)))


def cell_text(td: etree._Element) -> str:
    """A cell's text as a reader sees it: <br> and block elements are line breaks, spaces collapsed."""
    parts: list[str] = []

    def visit(el: etree._Element) -> None:
        if el.tag == "br":
            parts.append("\n")
        elif el.tag in BLOCK_TAGS and el is not td:
            parts.append("\n")
        if el.text:
            parts.append(el.text)
        for child in el:
            if isinstance(child.tag, str):
                visit(child)
            if child.tail:
                parts.append(child.tail)
        if el.tag in BLOCK_TAGS and el is not td:
            parts.append("\n")

    visit(td)
    lines = [_SPACES.sub(" ", line).strip() for line in "".join(parts).split("\n")]
    return "\n".join(line for line in lines if line)


def _declared_charset(data: bytes) -> Optional[str]:
    m = _META_CHARSET.search(data[:8192])
    return m.group(1).decode("ascii", "replace") if m else None


def read_html(path: Path, limits: Limits) -> Document:
    data = read_capped(path, limits.max_html_bytes, "max_html_bytes", "a larger HTML file", "网页文件更大")
    declared = None if bom_encoding(data) else _declared_charset(data)
    decoded = decode(data, declared)
    source = _XML_DECL.sub(lambda m: " " * len(m.group(0)), decoded.text, count=1)
    parser = html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True, huge_tree=False,
                             recover=True, default_doctype=False)
    try:
        root = html.document_fromstring(source, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise InputError("RL-IO-001", f"HTML: {exc}") from None
    columns = source_columns(root, source.split("\n"))
    body = root.find("body")
    if body is None:
        body = root
    skip = chrome(body)
    content = main_content(body, skip)
    walker = _Walker(limits, columns, Paths(root), skip)
    walker.walk(content)
    walker.flush()
    notices: list[Notice] = []
    if decoded.replaced:
        notices.append(Notice("undecodable-bytes", decoded.encoding,
                              params=(("count", str(decoded.replaced)), ("encoding", decoded.encoding))))
    title = root.findtext(".//title") or ""
    metadata = (("encoding", decoded.encoding), ("title", _SPACES.sub(" ", title).strip()))
    return Document(path=str(path), format="html", blocks=tuple(walker.blocks), notices=tuple(notices),
                    metadata=metadata)
