"""Drop formatting-only elements from a WordprocessingML part's bytes before it is parsed.

Most of libxml2's time on a report's document.xml goes to elements the reader never looks at:
run properties (``w:rFonts``, ``w:sz``, ``w:lang``...), paragraph and cell properties, cell
borders. Cutting them out of the bytes costs a few byte searches; the parse of what is left is
2-3 times faster than the parse of the whole part, and the tree is smaller to walk and to free.

The cut is exact or not done. It is done only on a plain UTF-8 part: no comment, CDATA section
or processing instruction past the XML declaration (any could hold a tag's text), the ``w``
prefix bound to the transitional namespace alone and that namespace under no other prefix
(tools that copy paragraphs often declare it again on each: that is fine), and no default
namespace (element paths would then count the removed elements). Only elements written in the
one form Word, WPS and LibreOffice write (``<w:rPr>...</w:rPr>``) are cut: since ``<`` cannot
appear in attribute values or text, each such start tag begins an element, and when its first
``</w:rPr>`` follows with no other tag of that name between (nor ``</w:rPr >``, ``<w:rPr
w:x="1">``, ``<w:rPrChange>``...), the cut removes that whole element with its content. A kind
with a start tag not closed before the next one's (nesting) is not cut at all. A cut part that
does not parse is not trusted: the caller parses the original instead (whose errors are the
file's own).

The tags are found with stringzilla's SIMD substring search (``_cut_located``: start tag, first
end tag, next start tag), where that provably gives what the split below gives; otherwise, and
without stringzilla, ``_cut`` splits the part on each start tag and looks into each segment.

What the reader uses inside these elements keeps them whole: a paragraph's style, numbering or
outline level; a run's hidden text, character style or deleted paragraph mark; a cell's span,
merge or deletion. Paths of paragraphs, tables, rows and cells (what findings point at) are
unchanged, since none of the cut elements is a sibling of one of those with the same name.
"""

from __future__ import annotations

import re
from typing import Optional

from linter import simd


_W_URI = b'"http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_W_DECLARATION = b"xmlns:w=" + _W_URI
# (element, what keeps one, whether an empty element stays in its place): paragraph, run and
# cell properties unless they hold what the reader reads in them; cell borders and a row's
# table-property exceptions always. The reader takes a paragraph's first w:pPr (a run's first
# w:rPr) as its properties, so a cut one leaves an empty element, lest a second, kept one take
# its place; every w:tcPr of a cell counts alike. Cell margins, row and table properties cost
# more to cut than to parse (a few dozen nodes each) and stay.
_CUT: tuple[tuple[bytes, tuple[bytes, ...], bool], ...] = (
    (b"tcPr", (b"gridSpan", b"vMerge", b"hMerge", b"cellDel"), False),
    (b"pPr", (b"pStyle", b"numPr", b"outlineLvl", b"vanish", b"rStyle", b"del"), True),
    (b"rPr", (b"vanish", b"rStyle", b"del"), True),
    (b"tcBorders", (), False),
    (b"tblPrEx", (), False),
)
# Outer elements first (a paragraph's properties hold its mark's run properties; a cell's its
# borders), so the later splits run over less; cell properties, the largest (a third of a
# template's part: borders, shading), before all. Each segment is looked into with one regular
# expression for the tags of what keeps it and of its own name (``<w:`` or ``</w:`` + a name it
# begins with): with that literal start re only tries the names at each ``<``, a fifth of the
# cost of an alternation of bare names or of one substring search per name (CPython 3.11
# searches a multi-byte needle at about 1 ns a byte: 0.3 ms over a 300 KB part).
_KEEP = {name: re.compile(b"</?w:(?:" + b"|".join((name, *needles)) + b")") for name, needles, _ in _CUT}
_DECLARATION = re.compile(rb"<\?xml[^>]*\?>")
_ENCODING = re.compile(rb"""encoding\s*=\s*["']([A-Za-z0-9._-]*)["']""")
_UTF8_BOM = b"\xef\xbb\xbf"


def prune(data: bytes) -> bytes:
    """``data`` without its formatting-only elements, or ``data`` itself (the same object) when
    the part is not in a form where the cut is provably exact."""
    if not _plain(data):
        return data
    for name, keep, empty in _CUT:
        located = _cut_located(data, name, keep, empty) if simd.Str is not None else None
        data = _cut(data, name, keep, empty) if located is None else located
    return data


def _plain(data: bytes) -> bool:
    bom = 3 if data.startswith(_UTF8_BOM) else 0
    declaration = _DECLARATION.match(data, bom)
    if declaration is not None:
        encoding = _ENCODING.search(declaration.group())
        if encoding is not None and encoding.group(1).lower() not in (b"utf-8", b"utf8"):
            return False
        prolog_end = declaration.end()
    elif data.startswith(b"<", bom):
        prolog_end = bom
    else:
        return False  # not ASCII-compatible (UTF-16, UTF-32, EBCDIC) or an unexpected prolog
    if not (no_markup_after(data, 0, b"!") and no_markup_after(data, prolog_end, b"?")):
        return False  # a comment, CDATA section, DOCTYPE or processing instruction
    # Namespaces are declared on the root element; declarations further in (rare) need the
    # slow checks over the whole part.
    root_end = data.find(b">", prolog_end + 1)
    if root_end < 0:
        return False
    head = data[:root_end]
    if simd.find(data, b"xmlns", root_end) < 0:
        return (b"xmlns=" not in head and head.count(b"xmlns:w=") == 1 and _W_DECLARATION in head
                and head.count(_W_URI) == 1)
    declared = data.count(_W_DECLARATION)
    return (b"xmlns=" not in data and data.count(b"xmlns:w=") == declared > 0
            and data.count(_W_URI) == declared)


def no_markup_after(data: bytes, start: int, mark: bytes) -> bool:
    """No ``<`` + ``mark`` (``<!--``, ``<![CDATA[``, ``<!DOCTYPE``, ``<?``) in ``data`` from
    ``start``: one-byte searches (memchr, about 0.02 ms for 300 KB), not a two-byte one."""
    i = data.find(mark, start)
    while i >= 0:
        if i > 0 and data[i - 1] == 0x3C:  # "<"
            return False
        i = data.find(mark, i + 1)
    return True


def _cut(data: bytes, name: bytes, keep: tuple[bytes, ...], empty: bool) -> bytes:
    start, end = b"<w:" + name + b">", b"</w:" + name + b">"
    parts = data.split(start)
    if len(parts) == 1:
        return data
    pieces = [part.partition(end) for part in parts[1:]]
    if not all([sep for _, sep, _ in pieces]):
        return data  # an element without its end tag before the next one's start: nested or odd
    # A segment stays whole if it holds what the reader reads, or the name in any other tag
    # (``</w:rPr >``, ``<w:rPr w:x="1">``, ``<w:rPrChange>``): then its first ``</w:rPr>`` need
    # not be its own end tag, and cutting up to it could take text along.
    found = _KEEP[name].search
    stub = b"<w:" + name + b"/>" if empty else b""
    out = [parts[0]] * (2 * len(pieces) + 1)  # joined as it is, not copied piece by piece
    out[1::2] = [stub if found(inner) is None else start + inner + end for inner, _, _ in pieces]
    out[2::2] = [rest for _, _, rest in pieces]
    return b"".join(out)


def _cut_located(data: bytes, name: bytes, keep: tuple[bytes, ...], empty: bool) -> Optional[bytes]:
    """What ``_cut`` returns, found with SIMD searches for each element's tags instead of a
    split and a regular expression per segment; None when the part is not in the form where
    the two provably agree (the caller then runs ``_cut``).

    Each element is taken as a start tag ``<w:rPr>`` and the first ``</w:rPr>`` after it; the
    next start is looked for after that end. The form: the name occurs (as ``w:rPr``) exactly
    twice per element so found, i.e. every ``<w:rPr``... in the part is one of these start tags
    and every ``</w:rPr``... one of these end tags. Then the split's segments are these
    elements (no start tag lies inside one, so none is nested), and none holds its own name in
    another tag, which is the half of ``_KEEP`` about the name; the other half, a tag of what
    keeps it (``<w:vanish``, ``</w:vanish``...), is looked for once in the whole part and
    placed by position."""
    text = simd.Str(data)
    find = text.find
    start, end = b"<w:" + name + b">", b"</w:" + name + b">"
    at = find(start)
    if at < 0:
        return data
    held = _tags_of(text, data, keep)  # where a tag of what keeps an element begins
    stub = b"<w:" + name + b"/>" if empty else b""
    out: list[object] = []
    append = out.append
    size, close, done, count, h = len(start), len(end), 0, 0, 0
    holder = held[0]
    while at >= 0:
        stop = find(end, at + size)
        if stop < 0:
            return data  # an element without its end tag: ``_cut`` leaves the part alone too
        count += 1
        while holder < at + size:
            h += 1
            holder = held[h]
        if holder >= stop:  # nothing in it keeps it (a tag found before ``stop`` is inside)
            append(text[done:at])
            append(stub)
            done = stop + close
        at = find(start, stop + close)
    if text.count(b"w:" + name) != 2 * count:
        return None
    append(text[done:])
    return b"".join(out)  # type: ignore[arg-type]  # Str slices are buffers over ``data``


def _tags_of(text: "simd.Str", data: bytes, names: tuple[bytes, ...]) -> list[int]:
    """Sorted offsets of the ``<`` of every ``<w:name`` and ``</w:name`` tag for ``names``
    (what ``_KEEP`` finds in a segment), ending with ``len(data)`` as a sentinel."""
    found = [len(data)]
    find = text.find
    for name in names:
        needle = b"w:" + name
        at = find(needle, 2)
        while at >= 0:
            if data[at - 1] == 0x3C:  # "<"
                found.append(at - 1)
            elif data[at - 1] == 0x2F and data[at - 2] == 0x3C:  # "</"
                found.append(at - 2)
            at = find(needle, at + len(needle))
    found.sort()
    return found
