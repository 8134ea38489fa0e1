"""A PDF's compressed streams measured before PDFium inflates them (a decompression bomb).

A content stream of a few megabytes can inflate to gigabytes; PDFium would then exhaust the
checking process's memory cap and die (which says nothing about the file). Each Flate stream
that PDFium inflates to read text (page contents, forms, fonts, object streams: not images,
which text extraction never decodes) is inflated here first, in bounded pieces and without
keeping its output, and a stream over ``max_member_bytes`` or streams over
``max_total_uncompressed`` together are the input-limit error RL-IO-005.
"""

from __future__ import annotations

import re
import zlib

from linter.i18n import Msg
from linter.config.limits import Limits
from linter.errors import limit_exceeded

_STREAM = re.compile(rb">>\s*stream\r?\n")
_DICT_BACK = 4096  # how far back from ``stream`` its dictionary is looked for
_PIECE = 1 << 20
_OUT = 1 << 22


def check_streams(data: bytes, limits: Limits) -> None:
    """Raise RL-IO-005 if a Flate stream of ``data`` (a PDF's bytes) inflates past the limits."""
    total = 0
    for m in _STREAM.finditer(data):
        head = data[max(0, m.start() - _DICT_BACK) : m.start()]
        start = head.rfind(b"obj")
        head = head[start:] if start >= 0 else head
        if b"/FlateDecode" not in head and b"/Fl " not in head and b"/Fl]" not in head:
            continue
        if b"/Image" in head:  # never decoded to read text
            continue
        size = _inflated(data, m.end(), limits.max_member_bytes)
        if size > limits.max_member_bytes:
            raise limit_exceeded(
                "max_member_bytes",
                limits.max_member_bytes,
                Msg.of("detail.pdf.stream_inflating_more_than", max_member_bytes=limits.max_member_bytes),
                "PDF",
            )
        total += size
        if total > limits.max_total_uncompressed:
            raise limit_exceeded(
                "max_total_uncompressed",
                limits.max_total_uncompressed,
                Msg.of("detail.pdf.streams_inflating_more_than", max_total_uncompressed=limits.max_total_uncompressed),
                "PDF",
            )


def _inflated(data: bytes, start: int, cap: int) -> int:
    """Bytes the zlib stream at ``start`` inflates to, counted up to just over ``cap``; a damaged
    stream counts what it gave (PDFium says what is wrong with it)."""
    d = zlib.decompressobj()
    total, pos = 0, start
    while not d.eof and total <= cap:
        if d.unconsumed_tail:
            piece = d.unconsumed_tail
        elif pos < len(data):
            piece = data[pos : pos + _PIECE]
            pos += len(piece)
        else:
            break
        try:
            total += len(d.decompress(piece, _OUT))
        except zlib.error:
            break
    return total
