"""Drop formatting-only elements from a WordprocessingML part's bytes before it is parsed.

Most of libxml2's time on a report's document.xml goes to elements the reader never looks at:
run properties (``w:rFonts``, ``w:sz``, ``w:lang``...), cell borders, table properties. Cutting
them out of the bytes costs a few byte searches; the parse of what is left is 2–3 times faster
than the parse of the whole part, and the tree is smaller to walk and to free.

The cut is exact or not done. It is done only on a plain UTF-8 part (no comments, CDATA or
processing instructions past the XML declaration, which could hold a tag's text; the ``w``
prefix declared only for the transitional namespace (tools that copy paragraphs often declare it
again on each); no default namespace, which would make
element paths count the removed elements), and only for elements written in the one form Word,
WPS and LibreOffice write (``<w:rPr>…</w:rPr>``): since ``<`` cannot appear in attribute values
or text, each such start tag begins an element, and when every one is followed by its end tag
before the next start, each cut removes one whole element, with its content. Anything else
(nested, unclosed, another spelling) leaves that element kind uncut. A cut part that does not
parse is not trusted: the caller parses the original instead (whose errors are the file's own).

What the reader does use inside these elements is kept: a ``w:rPr`` holding ``w:vanish``, a
``w:rStyle`` or a ``w:del`` stays. Paths of paragraphs, tables, rows and cells (what findings
point at) are unchanged, since none of these elements is a sibling of one of those with the
same name.
"""

from __future__ import annotations

import re
from typing import Optional

_W_DECLARATION = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
# (element, what keeps one, whether an empty element stays in its place): run, paragraph, cell
# and row properties unless they hold what the reader reads in them; cell borders and margins,
# table properties and a row's table-property exceptions always. Properties leave an empty
# element behind, since only the first w:rPr of a run (w:pPr of a paragraph, w:trPr of a row)
# counts: a second one must not take its place.
_CUT: tuple[tuple[bytes, Optional[re.Pattern[bytes]], bool], ...] = (
    (b"rPr", re.compile(rb"vanish|rStyle|<w:del"), True),
    (b"pPr", re.compile(rb"pStyle|numPr|outlineLvl|vanish|rStyle|<w:del"), True),
    (b"tcBorders", None, False),
    (b"tcMar", None, False),
    (b"tcPr", re.compile(rb"gridSpan|vMerge|hMerge|cellDel"), True),
    (b"trPr", re.compile(rb"gridBefore|<w:del"), True),
    (b"tblPr", None, False),
    (b"tblPrEx", None, False),
)
_DECLARATION = re.compile(rb"<\?xml[^>]*\?>")
_ENCODING = re.compile(rb"""encoding\s*=\s*["']([A-Za-z0-9._-]*)["']""")
_UTF8_BOM = b"\xef\xbb\xbf"


def prune(data: bytes) -> bytes:
    """``data`` without its formatting-only elements, or ``data`` itself (the same object) when
    the part is not in a form where the cut is provably exact."""
    if not _plain(data):
        return data
    for name, keep, empty in _CUT:
        data = _cut(data, name, keep, empty)
    return data


def _plain(data: bytes) -> bool:
    body = data[3:] if data.startswith(_UTF8_BOM) else data
    declaration = _DECLARATION.match(body)
    if declaration is not None:
        encoding = _ENCODING.search(declaration.group())
        if encoding is not None and encoding.group(1).lower() not in (b"utf-8", b"utf8"):
            return False
        pis = 1
    elif body.startswith(b"<") and not body.startswith(b"<?"):
        pis = 0
    else:
        return False  # not ASCII-compatible (UTF-16, UTF-32, EBCDIC) or an unexpected prolog
    return (b"<!" not in data and data.count(b"<?") == pis and b"xmlns=" not in data
            and data.count(b"xmlns:w=") == data.count(_W_DECLARATION) > 0)


def _cut(data: bytes, name: bytes, keep: Optional[re.Pattern[bytes]], empty: bool) -> bytes:
    start, end = b"<w:" + name + b">", b"</w:" + name + b">"
    stub = b"<w:" + name + b"/>" if empty else b""
    parts = data.split(start)
    if len(parts) == 1:
        return data
    pieces = [part.partition(end) for part in parts[1:]]
    if not all([sep for _, sep, _ in pieces]):
        return data  # an element without its end tag before the next one's start: nested or odd
    if keep is not None and keep.search(data):
        found = keep.search
        kept = [stub + rest if found(inner) is None else start + inner + end + rest for inner, _, rest in pieces]
    elif stub:
        kept = [stub + rest for _, _, rest in pieces]
    else:
        kept = [rest for _, _, rest in pieces]
    return b"".join([parts[0], *kept])
