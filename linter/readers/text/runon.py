"""Split a run-on line (a whole web page dumped as one line of text) into headings, paragraphs and
table text.

Section headings are found where a numbered title starts (「一、总体情况」), matched against the
titles the reader was given, tolerating a character or two of difference (a misprinted title is
still a heading, so the check can report it as such). Between headings, text without a single
sentence end (。) but with many numbers is a table whose cells were run together.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Sequence

_NUMBERED = re.compile(r"[一二三四五六七八九十]{1,2}[、.．]")
_TITLE_END = re.compile(r"^(.{4,60}?(?:年度报告|工作报告|报告))\s+")
_SUBHEAD = re.compile(r"(?<=[。！；])\s*(?=[（(][一二三四五六七八九十]{1,2}[）)])")
_LABEL_DIGIT = re.compile(r"[\u4e00-\u9fff）)]\s*\d")
_SPACE = re.compile(r"\s")
_DIGIT_RUN = re.compile(r"\d[\d ]*\d")


@dataclass(frozen=True)
class Piece:
    kind: str  # "heading", "paragraph" or "table"
    text: str
    offset: int  # 0-based character offset in the line


def _distance_to_prefix(title: str, text: str, slack: int) -> tuple[int, int]:
    """Smallest edit distance between ``title`` and a prefix of ``text``; and that prefix's length."""
    n = len(title)
    limit = min(len(text), n + slack)
    prev = list(range(limit + 1))
    for i in range(1, n + 1):
        cur = [i] + [0] * limit
        for j in range(1, limit + 1):
            cost = 0 if title[i - 1] == text[j - 1] else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
        prev = cur
    best = (slack + 1, n)
    for j in range(max(0, n - slack), limit + 1):
        cand = (prev[j], abs(j - n))
        if cand < (best[0], abs(best[1] - n)):
            best = (prev[j], j)
    return best


def _slack(title: str) -> int:
    return 0 if len(title) <= 4 else (1 if len(title) <= 8 else 2)


def _compact(line: str) -> tuple[str, list[int]]:
    """The line without whitespace, and each compact character's offset in the line."""
    chars: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(line):
        if not _SPACE.match(ch):
            chars.append(ch)
            offsets.append(i)
    return "".join(chars), offsets


def find_headings(line: str, titles: Sequence[str], fold: Callable[[str], str]) -> list[tuple[int, int]]:
    """(start, end) offsets in ``line`` of numbered section headings; ``fold`` makes a title and
    text compare alike whatever their widths, brackets or characters (recognition's label key)."""
    keys = sorted({fold(t) for t in titles if t}, key=len, reverse=True)
    compact, offsets = _compact(line)
    found: list[tuple[int, int]] = []
    for m in _NUMBERED.finditer(compact):
        rest = compact[m.end():m.end() + 80]
        best: tuple[int, int] | None = None  # (distance, length)
        for key in keys:
            if not rest or fold(rest[:1]) != key[:1]:
                continue  # a misprint in the first character is not tolerated (and this is fast)
            dist, length = _distance_to_prefix(key, fold(rest[: len(key) + _slack(key)]), _slack(key))
            if dist <= _slack(key) and (best is None or dist < best[0]):
                best = (dist, length)
        if best is not None:
            end = m.end() + best[1]
            found.append((offsets[m.start()], offsets[end - 1] + 1))
    # Keep headings that do not overlap an earlier one.
    out: list[tuple[int, int]] = []
    for start, end in found:
        if not out or start >= out[-1][1]:
            out.append((start, end))
    return out


def looks_tabular(text: str) -> bool:
    """Table text run together: no sentence end, and numbers after several labels or one long run
    of digits (a row of cells: 「总计000000000000000」)."""
    outside = re.sub(r"（[^（）]*）|\([^()]*\)", "", text)
    digits = sum(ch.isdigit() for ch in text)
    if "。" in outside or digits < 5:
        return False
    return len(_LABEL_DIGIT.findall(text)) >= 3 or any(
        sum(ch.isdigit() for ch in m.group(0)) >= 7 for m in _DIGIT_RUN.finditer(text))


def _body_pieces(text: str, offset: int) -> list[Piece]:
    out: list[Piece] = []
    stripped = text.strip()
    if not stripped:
        return out
    lead = offset + len(text) - len(text.lstrip())
    if looks_tabular(stripped):
        return [Piece("table", stripped, lead)]
    pos = 0
    for m in _SUBHEAD.finditer(stripped):
        part = stripped[pos:m.start()]
        if part.strip():
            out.append(Piece("paragraph", part.strip(), lead + pos + len(part) - len(part.lstrip())))
        pos = m.end()
    part = stripped[pos:]
    if part.strip():
        out.append(Piece("paragraph", part.strip(), lead + pos + len(part) - len(part.lstrip())))
    return out


def split_line(line: str, titles: Sequence[str], fold: Callable[[str], str]) -> list[Piece]:
    """Headings, paragraphs and run-together tables of one long line, in order."""
    pieces: list[Piece] = []
    pos = 0
    title = _TITLE_END.match(line)
    if title is not None and not _NUMBERED.match(line.strip()):
        pieces.append(Piece("paragraph", title.group(1).strip(), len(line) - len(line.lstrip())))
        pos = title.end()
    for start, end in find_headings(line, titles, fold):
        if start < pos:
            continue
        pieces.extend(_body_pieces(line[pos:start], pos))
        pieces.append(Piece("heading", line[start:end].strip(), start))
        pos = end
    pieces.extend(_body_pieces(line[pos:], pos))
    return pieces
