"""Edit an XML part as text, so that every byte outside the edits stays exactly as it was.

lxml finds the elements; a tokenizer finds where each element's tags are in the original text
(the n-th start tag is the n-th element of ``root.iter()``); edits are insertions and deletions
at those offsets. Re-serialising with lxml would rewrite the XML declaration, quotes, line ends
and character references of the whole part, which is what python-docx does to every part it saves.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from typing import Optional

from lxml import etree

from linter.config.limits import Limits
from linter.readers.docx.package import parse_xml

# Markup tokens of a well-formed document. Text and attribute values never contain a raw "<",
# so every "<" starts one of these; the alternatives are linear (no nested quantifiers on the
# same characters).
_TOKEN = re.compile(
    r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>|<![^>]*>|</[^>]*>"
    r"|<(?:[^>\"']|\"[^\"]*\"|'[^']*')*>",
    re.S,
)
_NAME = re.compile(r"</?\s*([^\s/>]+)")


class SpliceError(Exception):
    """The text and the tree disagree; the part cannot be edited safely."""


@dataclass
class Span:
    start: int  # offset of "<" of the start tag
    start_end: int  # offset just after the start tag's ">"
    end: Optional[int] = None  # offset of "</" of the end tag; None for an empty element (<a/>)
    end_end: Optional[int] = None  # offset just after the end tag

    @property
    def empty(self) -> bool:
        return self.end is None

    @property
    def outer_end(self) -> int:
        return self.end_end if self.end_end is not None else self.start_end


@dataclass(frozen=True)
class _Edit:
    pos: int
    rank: int  # order of edits at the same offset: insertions (by rank) before deletions
    seq: int
    delete: int
    text: str


def _decode(data: bytes) -> tuple[str, str, bytes]:
    for bom, codec in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            return data[len(bom) :].decode(codec), codec, bom
    return data.decode("utf-8"), "utf-8", b""


class XmlPart:
    """One XML part: its tree (for finding elements) and its text (for editing)."""

    def __init__(self, data: bytes, name: str, limits: Limits) -> None:
        self.name = name
        self.root = parse_xml(data, name, limits)
        try:
            self.text, self._codec, self._bom = _decode(data)
        except UnicodeDecodeError as exc:
            raise SpliceError(f"{name}: {exc}") from None
        self.spans: dict[etree._Element, Span] = {}
        self._edits: list[_Edit] = []
        self._opened: set[etree._Element] = set()
        self._deleted: set[etree._Element] = set()
        self._map_spans()

    def _map_spans(self) -> None:
        elements = [e for e in self.root.iter() if isinstance(e.tag, str)]
        stack: list[Span] = []
        n = 0
        for m in _TOKEN.finditer(self.text):
            token = m.group()
            if token.startswith(("<!", "<?")):
                continue
            if token.startswith("</"):
                if not stack:
                    raise SpliceError(f"{self.name}: unbalanced end tag at {m.start()}")
                span = stack.pop()
                span.end, span.end_end = m.start(), m.end()
                continue
            if n >= len(elements):
                raise SpliceError(f"{self.name}: more start tags than elements")
            el = elements[n]
            n += 1
            name = _NAME.match(token)
            if name is None or name.group(1) != self.qname(el):
                raise SpliceError(f"{self.name}: tag {token[:40]!r} is not element {self.qname(el)}")
            span = Span(m.start(), m.end())
            self.spans[el] = span
            if not token.endswith("/>"):
                stack.append(span)
        if n != len(elements) or stack:
            raise SpliceError(f"{self.name}: {n} start tags for {len(elements)} elements")

    @staticmethod
    def qname(el: etree._Element) -> str:
        local = etree.QName(el).localname
        return f"{el.prefix}:{local}" if el.prefix else local

    # ---- finding elements -------------------------------------------------------------------
    def resolve(self, xpath: str) -> Optional[etree._Element]:
        """The element at a path written by the .docx reader (libxml2 getpath style), or None."""
        steps = [s for s in xpath.split("/") if s]
        if not steps or _step(steps[0])[0] != _step_name(self.root):
            return None
        el = self.root
        for raw in steps[1:]:
            name, index = _step(raw)
            kids = [k for k in el if isinstance(k.tag, str)]
            if name != "*":
                kids = [k for k in kids if _step_name(k) == name]
            if not 1 <= index <= len(kids):
                return None
            el = kids[index - 1]
        return el

    def prefix_for(self, el: etree._Element, ns: str) -> tuple[str, str]:
        """(prefix, declaration) to write an element in namespace ``ns`` inside ``el``."""
        for prefix, uri in (el.nsmap or {}).items():
            if uri == ns and prefix:
                return prefix + ":", ""
        return "w:", f' xmlns:w="{ns}"'

    # ---- edits ------------------------------------------------------------------------------
    def insert(self, pos: int, text: str, rank: int = 0) -> None:
        self._edits.append(_Edit(pos, rank, len(self._edits), 0, text))

    def delete(self, el: etree._Element) -> None:
        span = self.spans[el]
        self._deleted.add(el)
        self._edits.append(_Edit(span.start, 100, len(self._edits), span.outer_end - span.start, ""))

    def rename(self, el: etree._Element, qname: str) -> None:
        """Give ``el`` (start and end tag) the name ``qname`` (e.g. ``w:t`` -> ``w:delText``)."""
        span = self.spans[el]
        old = len(self.qname(el))
        self._edits.append(_Edit(span.start + 1, 0, len(self._edits), old, qname))
        if span.end is not None:
            self._edits.append(_Edit(span.end + 2, 0, len(self._edits), old, qname))

    def source(self, el: etree._Element) -> str:
        """``el`` exactly as it is written in the part."""
        span = self.spans[el]
        return self.text[span.start : span.outer_end]

    def content_range(self, el: etree._Element) -> tuple[int, int]:
        """Offsets of the start and the end of ``el``'s content; ``<a .../>`` is opened into
        ``<a ...>`` + ``</a>`` (once) so that content can go in. Insert there with ranks 0..999."""
        span = self.spans[el]
        if not span.empty:
            assert span.end is not None
            return span.start_end, span.end
        if el not in self._opened:
            self._opened.add(el)
            self._edits.append(_Edit(span.start_end - 2, -1, len(self._edits), 2, ">"))  # the "/>"
            self._edits.append(_Edit(span.start_end, 1000, len(self._edits), 0, f"</{self.qname(el)}>"))
        return span.start_end, span.start_end

    def is_deleted(self, el: etree._Element) -> bool:
        return el in self._deleted

    @property
    def changed(self) -> bool:
        return bool(self._edits)

    def result(self) -> bytes:
        out: list[str] = []
        cursor = 0
        for edit in sorted(self._edits, key=lambda e: (e.pos, e.rank, e.seq)):
            if edit.pos < cursor:
                raise SpliceError(f"{self.name}: overlapping edits at {edit.pos}")
            out.append(self.text[cursor : edit.pos])
            out.append(edit.text)
            cursor = edit.pos + edit.delete
        out.append(self.text[cursor:])
        return self._bom + "".join(out).encode(self._codec)


def _step(raw: str) -> tuple[str, int]:
    if raw.endswith("]") and "[" in raw:
        name, _, index = raw[:-1].partition("[")
        try:
            return name, int(index)
        except ValueError:
            return name, 0
    return raw, 1


def _step_name(el: etree._Element) -> str:
    """As the reader names a path step: ``prefix:local``, ``*`` for a default-namespace element."""
    qname = etree.QName(el)
    if qname.namespace is None:
        return qname.localname
    return f"{el.prefix}:{qname.localname}" if el.prefix else "*"


def escape(text: str) -> str:
    """Text for element content or a double-quoted attribute; characters XML 1.0 forbids dropped."""
    text = "".join(
        ch
        for ch in text
        if ch in "\t\n\r" or (ord(ch) >= 0x20 and not 0xD800 <= ord(ch) <= 0xDFFF and ch not in "\ufffe\uffff")
    )
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
