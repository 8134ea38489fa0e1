"""Turn the bytes of a text or HTML file into str: BOM, then a declared charset, then UTF-8, then
detection among the encodings Chinese pages use (GB18030 ⊃ GBK ⊃ GB2312, Big5, UTF-16)."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from typing import Optional

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Declared names that mean a superset in practice: pages labelled gb2312 routinely hold GBK characters.
_SUPERSETS = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "gb_2312-80": "gb18030",
    "euc-cn": "gb18030",
    "cp936": "gb18030",
    "big5": "big5hkscs",
    "iso-8859-1": "cp1252",
    "us-ascii": "utf-8",
    "ascii": "utf-8",
}
_DETECT = ["gb18030", "big5", "utf_16", "utf_32"]
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    source: str  # "bom", "declared", "utf-8", "detected" or "fallback"
    replaced: int = 0  # characters that could not be decoded (U+FFFD inserted)


def canonical(name: str) -> Optional[str]:
    """A Python codec for a declared charset name, widened to its practical superset; None if unknown."""
    name = name.strip().strip("'\"").lower()
    name = _SUPERSETS.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def bom_encoding(data: bytes) -> Optional[tuple[str, int]]:
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return enc, len(bom)
    return None


def decode(data: bytes, declared: Optional[str] = None) -> Decoded:
    bom = bom_encoding(data)
    if bom is not None:
        enc, skip = bom
        text = data[skip:].decode(enc, errors="replace")
        return Decoded(text, enc, "bom", text.count("\ufffd"))
    wanted = canonical(declared) if declared else None
    if wanted is not None:
        try:
            return Decoded(data.decode(wanted), wanted, "declared")
        except UnicodeDecodeError:
            pass  # a wrong declaration (common on portals): fall through to detection
    try:
        return Decoded(data.decode("utf-8"), "utf-8", "utf-8")
    except UnicodeDecodeError:
        pass
    lenient = data.decode("utf-8", errors="replace")
    bad = lenient.count("\ufffd")
    if bad * 50 <= sum(1 for ch in lenient if ord(ch) > 0x7F):
        return Decoded(lenient, "utf-8", "utf-8", bad)  # UTF-8 with a few broken bytes, not another encoding
    from charset_normalizer import from_bytes

    candidates = [enc for enc in ("gb18030", "big5hkscs") if _decodes(data, enc)]
    if len(candidates) == 1:
        return Decoded(data.decode(candidates[0]), candidates[0], "detected")
    best = from_bytes(data[: 1024 * 1024], cp_isolation=_DETECT).best()
    if candidates and (best is None or canonical(best.encoding) not in candidates):
        return Decoded(data.decode(candidates[0]), candidates[0], "detected")  # both decode: prefer GB
    if best is not None and best.encoding:
        text = data.decode(best.encoding, errors="replace")
        return Decoded(text, best.encoding, "detected", text.count("\ufffd"))
    text = data.decode("gb18030", errors="replace")
    return Decoded(text, "gb18030", "fallback", text.count("\ufffd"))


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def split_lines(text: str) -> list[str]:
    """Lines as an editor counts them (CRLF, CR or LF); unlike str.splitlines, not at \\f or U+2028."""
    return _LINE_BREAK.split(text)
