"""Drop formatting-only elements from a WordprocessingML part's bytes before it is parsed.

Most of libxml2's time on a report's document.xml goes to elements the reader never looks at:
run properties (``w:rFonts``, ``w:sz``, ``w:lang``...), paragraph and cell properties, cell
borders. Cutting them out of the bytes costs five regular-expression passes; the parse of what
is left is 2-3 times faster than the parse of the whole part, and the tree is smaller to walk
and to free.

The cut is exact or not done. It is done only on a plain UTF-8 part: no comment, CDATA section
or processing instruction past the XML declaration (any could hold a tag's text), every
namespace declaration (in any spacing and quoting: ``xmlns:w = 'uri'``) binding the ``w``
prefix to the transitional namespace and that namespace to no other prefix (tools that copy
paragraphs often declare it again on each: that is fine), no declaration whose URI is written
with references, and no default namespace (element paths would then count the removed
elements). Only elements written in the one form Word, WPS and LibreOffice write
(``<w:rPr>...</w:rPr>``) are cut: since ``<`` cannot appear in attribute values or text, such a
start tag begins an element, and when the first ``</w:rPr>`` after it comes with no other tag of
that name between (nor ``</w:rPr >``, ``<w:rPr w:x="1">``, ``<w:rPrChange>``...), that end tag is
its own, and the cut removes the whole element with its content. An element holding another of
its kind (the old properties inside ``w:rPrChange``) stays; the inner one is judged on its own.
A cut part that does not parse is not trusted: the caller parses the original instead (whose
errors are the file's own).

What the reader uses inside these elements keeps them whole: a paragraph's style, numbering or
outline level; a run's hidden text, character style or deleted paragraph mark; a cell's span,
merge or deletion. Paths of paragraphs, tables, rows and cells (what findings point at) are
unchanged, since none of the cut elements is a sibling of one of those with the same name.
"""

from __future__ import annotations

import re

_W_URI = b"http://schemas.openxmlformats.org/wordprocessingml/2006/main"
# Every ``xmlns`` of the part, with its declaration read when it is one, however spaced and
# quoted (XML allows S? = S? and either quote): prefix, then the URI in one of its quotes.
_XMLNS = re.compile(rb"""xmlns(?:(?::([^\s=/>]*))?\s*=\s*(?:"([^"]*)"|'([^']*)'))?""")
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
# borders), so the later passes run over less; cell properties, the largest (a third of a
# template's part: borders, shading), before all. One regular expression per kind matches an
# element to cut: its start tag, then text and tags none of which is one of its own name or of
# what keeps it (``<w:`` or ``</w:`` + a name it begins with), then its end tag. re scans for
# the literal start tag in C and replaces in C; the possessive loops keep no backtracking
# state: a long unclosed element costs one linear scan and no memory.
def _element(name: bytes, keep: tuple[bytes, ...]) -> re.Pattern[bytes]:
    inside = b"[^<]*+(?:<(?!/?w:(?:" + b"|".join((name, *keep)) + b"))[^<]*+)*+"
    return re.compile(b"<w:" + name + b">" + inside + b"</w:" + name + b">")


_PASSES = tuple((_element(name, keep), b"<w:" + name + b"/>" if empty else b"") for name, keep, empty in _CUT)
_DECLARATION = re.compile(rb"<\?xml[^>]*\?>")
_ENCODING = re.compile(rb"""encoding\s*=\s*["']([A-Za-z0-9._-]*)["']""")
_UTF8_BOM = b"\xef\xbb\xbf"


def prune(data: bytes) -> bytes:
    """``data`` without its formatting-only elements, or ``data`` itself (the same object) when
    the part is not in a form where the cut is provably exact."""
    if not _plain(data):
        return data
    for element, stub in _PASSES:
        data = element.sub(stub, data)
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
    return _only_w_binds_the_namespace(data)


def _only_w_binds_the_namespace(data: bytes) -> bool:
    """``w`` is bound to the WordprocessingML namespace, and only to it, in every declaration of
    the part; no other prefix binds that namespace; there is no default namespace and no URI
    written with references. An ``xmlns`` that is not a declaration read here (in text, an
    attribute value, an odd spelling) only makes the answer no: the part is then parsed whole."""
    w_declared = False
    for m in _XMLNS.finditer(data):
        prefix, uri = m.group(1), m.group(2) if m.group(2) is not None else m.group(3)
        if prefix is None or uri is None or b"&" in uri or (prefix == b"w") != (uri == _W_URI):
            return False
        w_declared = w_declared or prefix == b"w"
    return w_declared


def no_markup_after(data: bytes, start: int, mark: bytes) -> bool:
    """No ``<`` + ``mark`` (``<!--``, ``<![CDATA[``, ``<!DOCTYPE``, ``<?``) in ``data`` from
    ``start``: one-byte searches (memchr, about 0.02 ms for 300 KB), not a two-byte one."""
    i = data.find(mark, start)
    while i >= 0:
        if i > 0 and data[i - 1] == 0x3C:  # "<"
            return False
        i = data.find(mark, i + 1)
    return True
