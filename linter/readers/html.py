"""Read an HTML report (a web page, or a Word document saved as HTML) with lxml's HTML parser.

- charset: BOM, then <meta charset> / http-equiv, then detection (GB18030/GBK/GB2312, Big5, UTF-8);
- the report body is found inside portal chrome (navigation, footers, share buttons) by dropping
  boilerplate blocks and descending to the element that holds most of the page's text;
- tables with rowspan/colspan become the same logical grid as a .docx table (linter.readers.grid);
  <br> and block children inside a cell are line breaks, &nbsp; is kept as a space character;
- every block and cell carries its line and column in the source file, its XPath and a CSS-like
  selector.

Speed: what is asked of many elements (which hold a table, a <br> or a block, what can
be chrome) is found once per page from lxml's native tag searches; text is read by libxml2 in one
call per subtree wherever no line break or skipped element lies below; sizes, paths and columns
are computed on first use. The work is linear in the page (tests/test_html_work.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, Optional

from lxml import etree

from linter.i18n import Msg
from linter.errors import InputError
from linter.config.limits import Limits
from linter.model import Block, Document, Notice, Paragraph
from linter.readers.grid import RawCell, add_block, build_table, read_capped
from linter.readers.text.decode import bom_encoding, decode

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
_SPACES = re.compile(r"[ \t\n\r\f]+")
_BLANKS = re.compile(r"[ \t\r\f]+")  # _SPACES within a line
_ALL_SPACE = re.compile(r"\s+")
_SPAN = re.compile(r"\s*(\d+)")
_DROP = {
    "script",
    "style",
    "noscript",
    "template",
    "iframe",
    "object",
    "embed",
    "svg",
    "canvas",
    "head",
    "select",
    "button",
    "input",
    "textarea",
    "map",
    "audio",
    "video",
}
_CHROME_TAGS = {"nav", "header", "footer", "aside", "form", "menu"}
_CHROME_WORDS = re.compile(
    r"(?:^|[-_\s])(?:nav|navbar|menu|footer|foot|bottom|share|bdshare|social|breadcrumbs?|crumbs?|sidebar|"
    r"copyright|toolbar|search|login|banner|ads?|weizhi|dqwz|fenxiang|related|xgxx|pager|pagination|links)"
    r"(?:$|[-_\s\d])",
    re.IGNORECASE,
)
_CHROME_TEXT = re.compile(
    r"版权所有|ICP备|网站标识码|主办单位|承办单位|公网安备|技术支持|分享到|【打印】|【关闭】|"
    r"打印本页|关闭窗口|您当前的位置|当前位置"
)
BLOCK_TAGS = {
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "section",
    "article",
    "main",
    "center",
    "address",
    "figure",
    "figcaption",
    "caption",
    "hr",
    "table",
    "body",
    "tr",
    "td",
    "th",
    "tbody",
    "thead",
    "tfoot",
}
_CONTAINERS = {
    "body",
    "div",
    "section",
    "article",
    "main",
    "center",
    "form",
    "table",
    "tbody",
    "thead",
    "tfoot",
    "tr",
    "td",
    "th",
    "font",
    "span",
    "blockquote",
}
MAIN_SHARE = 0.85  # descend into a child that holds this share of the container's text


def _visible(text: Optional[str]) -> int:
    return len(_ALL_SPACE.sub("", text)) if text else 0


def _inner_text(el: etree._Element) -> str:
    """The text of an element and its descendants, without its tail, read by libxml2 in one call
    (what lxml.html's ``text_content()`` gives)."""
    return etree.tostring(el, method="text", encoding=str, with_tail=False)


def _above(elements: Iterable[etree._Element]) -> set[etree._Element]:
    """The strict ancestors of ``elements``; each upward walk stops at an ancestor already found, so
    the work is linear in the tree."""
    found: set[etree._Element] = set()
    for el in elements:
        parent = el.getparent()
        while parent is not None and parent not in found:
            found.add(parent)
            parent = parent.getparent()
    return found


class _Measure:
    """Text and link-text lengths of elements; elements in ``skip`` count as empty (their tails
    count). Computed on demand and memoised; a subtree with nothing skipped is measured from its
    text as libxml2 reads it, so most elements of a page are never visited in Python."""

    def __init__(self, root: etree._Element, skip: set[etree._Element]) -> None:
        self.skip = skip
        self.skipping = _above(skip)  # elements with a skipped element below them
        anchors = list(root.iter("a"))
        self.linking = _above(anchors).union(anchors)  # elements with an <a> at or below them
        self._text: dict[etree._Element, int] = {}
        self._links: dict[etree._Element, int] = {}

    def _children(self, el: etree._Element) -> Iterator[etree._Element]:
        return (c for c in el if isinstance(c.tag, str) and c not in self.skip)

    def text(self, el: etree._Element) -> int:
        size = self._text.get(el)
        if size is None:
            if el not in self.skipping:
                size = _visible(_inner_text(el))
            else:
                size = _visible(el.text) + sum(self.text(c) for c in self._children(el))
                size += sum(_visible(c.tail) for c in el)
            self._text[el] = size
        return size

    def links(self, el: etree._Element) -> int:
        if el not in self.linking:
            return 0
        if el.tag == "a":
            return self.text(el)
        size = self._links.get(el)
        if size is None:
            size = self._links[el] = sum(self.links(c) for c in self._children(el))
        return size


_CLASS_OR_ID = etree.XPath("descendant-or-self::*/@class | descendant-or-self::*/@id", smart_strings=False)
_WITH_CLASS_OR_ID = etree.XPath("descendant-or-self::*[@class or @id]")


def _marked(root: etree._Element) -> set[etree._Element]:
    """Elements whose class or id names chrome (nav, footer, share...). ``class id`` matches iff one
    of them does, so only the page's few distinct values are matched, not every element's."""
    values = {v for v in set(_CLASS_OR_ID(root)) if _CHROME_WORDS.search(v)}
    if not values:
        return set()
    return {el for el in _WITH_CLASS_OR_ID(root) if el.get("class") in values or el.get("id") in values}


class _ChromeText:
    """Whether an element's text holds a portal phrase (版权所有, 当前位置...). An element's text is
    part of its ancestors' text, so a page without any such phrase is answered without looking."""

    def __init__(self, root: etree._Element) -> None:
        self.any = bool(_CHROME_TEXT.search(_inner_text(root)))
        self._found: dict[etree._Element, bool] = {}

    def __call__(self, el: etree._Element) -> bool:
        if not self.any:
            return False
        found = self._found.get(el)
        if found is None:
            found = self._found[el] = bool(_CHROME_TEXT.search(_inner_text(el)))
        return found


@dataclass
class _Facts:
    """What the reader asks about many elements, found once per page by native searches: which
    elements hold a table, a table or heading, a block or <br> below them."""

    holds_table: set[etree._Element]
    holds_table_or_heading: set[etree._Element]
    holds_break: set[etree._Element]

    @classmethod
    def of(cls, root: etree._Element) -> "_Facts":
        holds_table = _above(root.iter("table"))
        holds_break = _above(root.iter(*BLOCK_TAGS, "br"))
        return cls(holds_table, holds_table | _above(root.iter("h1", "h2")), holds_break)


class _Chrome:
    """Navigation, footers, share buttons and the like: small, link-heavy or so marked, and never a
    block that holds a table (some portals wrap the whole page in one <form>)."""

    def __init__(self, root: etree._Element, drop: set[etree._Element], facts: _Facts) -> None:
        self.measure = _Measure(root, set(drop))  # measured without the chrome found meanwhile
        self.facts = facts
        self.marked = _marked(root)
        self.text = _ChromeText(root)
        # below an element that is none of these nor holds a portal phrase, nothing is chrome
        self.above = _above([*root.iter(*_CHROME_TAGS), *self.marked, *self.measure.linking])

    def may_be(self, el: etree._Element) -> bool:
        """A necessary condition of ``__call__``, cheaper: chrome by tag, marks, links or phrase."""
        return el.tag in _CHROME_TAGS or el in self.marked or el in self.measure.linking or self.text(el)

    def __call__(self, el: etree._Element) -> bool:
        if not self.may_be(el) or el in self.facts.holds_table:
            return False
        size = self.measure.text(el)
        if size >= 2000:
            return False
        if el.tag == "header" and any(a.tag in ("article", "main") for a in el.iterancestors()):
            return False  # an article's own header holds its title
        if el.tag in _CHROME_TAGS and (el.tag != "form" or size < 600):
            return True
        if el in self.marked and size < 600:
            return True
        if size and size < 300 and self.measure.links(el) / size > 0.5:
            return True
        return 0 < size < 200 and self.text(el)

    def below(self, el: etree._Element, skip: set[etree._Element]) -> list[etree._Element]:
        """The children of ``el`` that can be or hold chrome."""
        if el not in self.above and not self.text(el):
            return []
        return [c for c in el if isinstance(c.tag, str) and c not in skip]


def chrome(root: etree._Element, facts: _Facts) -> set[etree._Element]:
    """Scripts, styles and page chrome to leave out, found top-down (a chrome block is not entered,
    nor a block below which nothing can be chrome). The tree is not changed, so element paths still
    name the page as published."""
    skip = set(root.iter(*_DROP))
    is_chrome = _Chrome(root, skip, facts)
    stack = is_chrome.below(root, skip)
    while stack:
        el = stack.pop()
        if is_chrome(el):
            skip.add(el)
        else:
            stack.extend(is_chrome.below(el, skip))
    return skip


def main_content(body: etree._Element, skip: set[etree._Element], facts: _Facts) -> etree._Element:
    """The element holding the report: descend while one child holds most of the text."""
    m = _Measure(body, skip)
    current = body
    while True:
        total = m.text(current)
        children = [c for c in current if isinstance(c.tag, str) and c not in skip]
        best = max(children, key=m.text, default=None)
        if best is None or total == 0 or m.text(best) < MAIN_SHARE * total or best.tag not in _CONTAINERS:
            return current
        if best.tag in ("table", "tbody", "thead", "tr", "td", "th") and not _is_layout_table(_table_of(best), facts):
            return current
        if any(c.tag in ("h1", "h2", "h3") and m.text(c) for c in children[: children.index(best)]):
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
            yield from child.iterchildren("tr")


def _cells(tr: etree._Element) -> Iterator[etree._Element]:
    return tr.iterchildren("td", "th")


_LONG_CELLS = etree.XPath("(tr | thead/tr | tbody/tr | tfoot/tr)/*[self::td or self::th][string-length() > 300]")


def _is_layout_table(table: Optional[etree._Element], facts: _Facts) -> bool:
    """A table used for page layout: a cell holds a nested table, headings or long running text."""
    if table is None:
        return False
    cells = [c for tr in _rows(table) for c in _cells(tr)]
    if len(cells) == 1:
        return True
    if table in facts.holds_table_or_heading and any(cell in facts.holds_table_or_heading for cell in cells):
        return True
    # only a cell of over 300 characters can have over 300 visible ones; libxml2 finds those
    return any(_visible(_inner_text(cell)) > 300 for cell in _LONG_CELLS(table))


def _span(value: Optional[str]) -> int:
    m = _SPAN.match(value) if value else None
    return int(m.group(1)) if m else 1


def _spans(td: etree._Element) -> tuple[int, int]:
    rowspan, colspan = td.get("rowspan"), td.get("colspan")
    if rowspan is None and colspan is None:
        return 1, 1  # most cells
    return _span(rowspan), _span(colspan)


class Columns:
    """1-based column of an element's start tag: lxml gives the line; the column is the n-th
    ``<tag`` on that line, n counted over the same tags starting on that line in document order.
    The places of a tag are noted on its first use (a report asks about a few tags: cells, tables,
    paragraphs), the line searched when an element's column is asked for."""

    def __init__(self, root: etree._Element, lines: list[str]) -> None:
        self.root = root
        self.lines = lines
        self.place: dict[etree._Element, tuple[int, int]] = {}  # element -> (line, n-th of its tag there)
        self.patterns: dict[str, re.Pattern[str]] = {}
        self.found: dict[tuple[int, str], list[int]] = {}

    def get(self, el: etree._Element) -> Optional[int]:
        tag = el.tag
        pattern = self.patterns.get(tag)
        if pattern is None:
            pattern = self.patterns[tag] = re.compile(rf"<{re.escape(tag)}\b", re.IGNORECASE)
            self._note(tag)
        place = self.place.get(el)
        if place is None:
            return None
        line, nth = place
        if nth == 0:  # most often the only one
            m = pattern.search(self.lines[line - 1])
            return m.start() + 1 if m else None
        found = self.found.get((line, tag))
        if found is None:
            found = self.found[line, tag] = [m.start() + 1 for m in pattern.finditer(self.lines[line - 1])]
        return found[nth] if nth < len(found) else None

    def _note(self, tag: str) -> None:
        seen: dict[int, int] = {}
        n_lines = len(self.lines)
        for el in self.root.iter(tag):
            line = el.sourceline
            if line and line <= n_lines:
                nth = seen.get(line, 0)
                self.place[el] = (line, nth)
                seen[line] = nth + 1


class Paths:
    """XPath and CSS-like selector of elements, built from the parent's and the position among the
    siblings of the same tag, for all children of a parent at once on first use (lxml's getpath and
    a naive selector rescan the siblings at every step: quadratic in a table of many rows)."""

    def __init__(self) -> None:
        self.paths: dict[etree._Element, tuple[str, str, bool]] = {}  # element -> (xpath, selector, below <body>)

    def _paths(self, el: etree._Element) -> tuple[str, str, bool]:
        found = self.paths.get(el)
        if found is not None:
            return found
        chain: list[etree._Element] = []
        while el is not None and el not in self.paths:
            chain.append(el)
            el = el.getparent()
        for el in reversed(chain):
            parent = el.getparent()
            if parent is None:
                self.paths[el] = ("/" + el.tag, el.tag, el.tag == "body")
            elif el not in self.paths:
                self._children(parent)
        return self.paths[chain[0]]

    def _children(self, parent: etree._Element) -> None:
        xpath, selector, in_body = self.paths[parent]
        children = [c for c in parent if isinstance(c.tag, str)]
        totals: dict[str, int] = {}
        for child in children:
            totals[child.tag] = totals.get(child.tag, 0) + 1
        seen: dict[str, int] = {}
        for child in children:
            tag = child.tag
            if totals[tag] > 1:
                n = seen[tag] = seen.get(tag, 0) + 1
                child_xpath, css_step = f"{xpath}/{tag}[{n}]", f"{tag}:nth-of-type({n})"
            else:
                child_xpath, css_step = f"{xpath}/{tag}", tag
            if tag == "body" and not in_body:
                self.paths[child] = (child_xpath, css_step, True)  # the selector starts at the (first) <body>
            else:
                self.paths[child] = (child_xpath, f"{selector} > {css_step}", in_body)

    def of(self, el: etree._Element) -> tuple[str, str]:
        """The XPath and the selector, e.g. ``/html/body/div[2]/table/tr[3]/td[2]`` and
        ``body > div:nth-of-type(2) > table > tr:nth-of-type(3) > td:nth-of-type(2)``."""
        xpath, selector, _ = self._paths(el)
        return xpath, selector


@dataclass
class _Walker:
    limits: Limits
    columns: Columns
    paths: Paths
    skip: set[etree._Element]
    facts: _Facts
    blocks: list[Block] = field(default_factory=list)
    buffer: list[str] = field(default_factory=list)
    anchor: Optional[etree._Element] = None
    current: list[etree._Element] = field(default_factory=list)  # open block elements
    structured: set[etree._Element] = field(init=False)  # elements with a block, <br> or skipped element below

    def __post_init__(self) -> None:
        self.structured = self.facts.holds_break | _above(self.skip)

    def locate(self, el: Optional[etree._Element]) -> tuple[Optional[int], Optional[int], Optional[str], Optional[str]]:
        """Line, column, XPath and selector of ``el`` (all None without one)."""
        if el is None:
            return None, None, None, None
        xpath, selector = self.paths.of(el)
        return el.sourceline, self.columns.get(el), xpath, selector

    def _add(self, block: Block) -> None:
        add_block(self.blocks, block, self.limits)

    def flush(self) -> None:
        if not self.buffer:
            return
        text = _SPACES.sub(" ", "".join(self.buffer)).strip()
        parts = [p.strip() for p in text.split("\n")] if "\n" in text else [text]
        anchor = self.anchor
        self.buffer, self.anchor = [], None
        parts = [part for part in parts if part.strip(" \u00a0\u3000")]
        if not parts:
            return
        line, column, xpath, selector = self.locate(anchor)
        for part in parts:
            self._add(Paragraph(len(self.blocks), part, line=line, column=column, xpath=xpath, selector=selector))

    def inline(self, text: Optional[str], el: etree._Element) -> None:
        if text:
            if self.anchor is None and text.strip():
                self.anchor = self.current[-1] if self.current else el
            self.buffer.append(text)

    def walk(self, el: etree._Element) -> None:
        tag = el.tag
        if tag == "table" and not _is_layout_table(el, self.facts):
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
        if self.current and el not in self.structured:
            # only inline elements below, all anchored to the open block: their text in one read
            self.inline(_inner_text(el), el)
        else:
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
                line, column, xpath, selector = self.locate(td)
                rowspan, colspan = _spans(td)
                row.append(
                    RawCell(
                        cell_text(td, self.facts),
                        rowspan=rowspan,
                        colspan=colspan,
                        line=line,
                        column=column,
                        xpath=xpath,
                        selector=selector,
                    )
                )
            rows.append(row)
        if not any(rows):
            return
        line, column, xpath, selector = self.locate(table)
        self._add(build_table(index, rows, self.limits, line=line, column=column, xpath=xpath, selector=selector))


def cell_text(td: etree._Element, facts: _Facts) -> str:
    """A cell's text as a reader sees it: <br> and block elements are line breaks, spaces collapsed."""
    if td in facts.holds_break:
        parts: list[str] = []
        _cell_parts(td, facts.holds_break, parts)
        text = _BLANKS.sub(" ", "".join(parts))
    else:
        text = _BLANKS.sub(" ", _inner_text(td))
    if "\n" not in text:
        return text.strip()
    return "\n".join(filter(None, [line.strip() for line in text.split("\n")]))


def _cell_parts(el: etree._Element, holds_break: set[etree._Element], parts: list[str]) -> None:
    """The text of ``el`` (which holds a <br> or block element) and below, a line break around each
    <br> and block element; a part without any below is read in one native call."""
    if el.text:
        parts.append(el.text)
    for child in el:
        if isinstance(child.tag, str):
            block = child.tag in BLOCK_TAGS
            parts.append("\n" if block or child.tag == "br" else "")
            if child in holds_break:
                _cell_parts(child, holds_break, parts)
            else:
                parts.append(_inner_text(child))
            parts.append("\n" if block else "")
        if child.tail:
            parts.append(child.tail)


PICTURE_MIN_WIDTH, PICTURE_MIN_HEIGHT = 200, 100  # pixels: smaller images are icons, logos, stamps


def _pictures(content: etree._Element, skip: set[etree._Element], blocks: list[Block]) -> Iterator[Notice]:
    """Pictures in the report's text that may be tables pasted as images (a check names them only
    when a table is missing): <img> outside tables and the page's chrome, not declared small.
    Each is placed after the block before it."""
    lines = [b.line or 0 for b in blocks]
    for img in content.iter("img"):
        if any(a in skip or a.tag == "table" for a in img.iterancestors()):
            continue
        width, height = _pixels(img.get("width")), _pixels(img.get("height"))
        if (width is not None and width < PICTURE_MIN_WIDTH) or (height is not None and height < PICTURE_MIN_HEIGHT):
            continue
        src = (img.get("src") or "")[:80]
        if src.startswith("data:"):
            src = src[: src.find(",")] if "," in src else src[:20]
        line = img.sourceline or 0
        before = max([i for i, at in enumerate(lines) if at <= line], default=None)
        yield Notice("image-table", src, block=before, params=(("src", src or "img"),))


def _pixels(value: Optional[str]) -> Optional[int]:
    """A width or height attribute in pixels; None when absent or relative (``100%``)."""
    m = _SPAN.match(value) if value and "%" not in value else None
    return int(m.group(1)) if m else None


def _declared_charset(data: bytes) -> Optional[str]:
    m = _META_CHARSET.search(data[:8192])
    return m.group(1).decode("ascii", "replace") if m else None


def read_html(path: Path, limits: Limits) -> Document:
    data = read_capped(path, limits.max_html_bytes, "max_html_bytes", Msg.of("detail.limit.larger_html_file"))
    declared = None if bom_encoding(data) else _declared_charset(data)
    decoded = decode(data, declared)
    source = _XML_DECL.sub(lambda m: " " * len(m.group(0)), decoded.text, count=1)
    # a plain etree parser: lxml.html's element classes are looked up in Python for every element touched
    parser = etree.HTMLParser(
        no_network=True, remove_comments=True, remove_pis=True, huge_tree=False, recover=True, default_doctype=False
    )
    try:
        root = etree.fromstring(source, parser)
    except (etree.ParserError, ValueError) as exc:
        raise InputError("RL-IO-001", f"HTML: {exc}") from None
    if root is None:  # as lxml.html.document_fromstring says it
        raise InputError("RL-IO-001", "HTML: Document is empty")
    body = next(root.iterchildren("body"), root)
    facts = _Facts.of(root)
    skip = chrome(body, facts)
    content = main_content(body, skip, facts)
    walker = _Walker(limits, Columns(root, source.split("\n")), Paths(), skip, facts)
    walker.walk(content)
    walker.flush()
    notices: list[Notice] = list(_pictures(content, skip, walker.blocks))
    if decoded.replaced:
        notices.append(
            Notice(
                "undecodable-bytes",
                decoded.encoding,
                params=(("count", str(decoded.replaced)), ("encoding", decoded.encoding)),
            )
        )
    title_element = next(root.iterdescendants("title"), None)
    title = (title_element.text if title_element is not None else None) or ""
    metadata = (("encoding", decoded.encoding), ("title", _SPACES.sub(" ", title).strip()))
    return Document(
        path=str(path), format="html", blocks=tuple(walker.blocks), notices=tuple(notices), metadata=metadata
    )
