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
from functools import lru_cache
from itertools import pairwise
from typing import Callable, Optional, Sequence

_NUMBERED = re.compile(r"[一二三四五六七八九十]{1,2}[、.．]")
_UNSEPARATED = re.compile(r"(?:(?<=^)|(?<=[。；！？）)]))[一二三四五六]")
_SUBHEAD = re.compile(r"(?<=[。！；])\s*(?=[（(][一二三四五六七八九十]{1,2}[）)])")
_LABEL_DIGIT = re.compile(r"[\u4e00-\u9fff）)]\s*\d")
_SPACE = re.compile(r"\s")
_DIGIT_RUN = re.compile(r"\d[\d ]*\d")
_DATE = re.compile(r"\d{4}\s*年(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)?")


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


def find_headings(
    line: str,
    titles: Sequence[str],
    fold: Callable[[str], str],
    parts: Sequence[tuple[str, Sequence[str]]] = (),
    chars: Callable[[str], str] = str,
) -> list[tuple[int, int]]:
    """(start, end) offsets in ``line`` of numbered section headings: a title the reader was given,
    or a part's number with its key words (``parts``) after the part before it; ``fold`` makes a
    title and text compare alike whatever their widths, brackets or characters (recognition's
    label key); ``chars`` folds characters one for one (traditional forms), for the key words."""
    keys = sorted({fold(t) for t in titles if t}, key=len, reverse=True)
    compact, offsets = _compact(chars(line))
    found: list[tuple[int, int]] = []
    for m in _NUMBERED.finditer(compact):
        rest = compact[m.end() : m.end() + 80]
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
    for m in _UNSEPARATED.finditer(compact):
        # 「。一总体情况2020年，……」: the number without its 「、」, before a title written exactly.
        rest = compact[m.end() : m.end() + 40]
        title = next((k for k in keys if rest.startswith(k)), None)
        if title is not None:
            found.append((offsets[m.start()], offsets[m.end() + len(title) - 1] + 1))
    found += _worded_headings(line, compact, offsets, found, parts)
    found.sort()
    # Keep headings that do not overlap an earlier one.
    out: list[tuple[int, int]] = []
    for start, end in found:
        if not out or start >= out[-1][1]:
            out.append((start, end))
    return out


_WORDED_END = re.compile(r"[\d：:，,。；;（(]")
_WORDED_CHARS = 30


_NEXT_NUMBER = dict(zip("一二三四五六七八九", "二三四五六七八九十"))


def _worded_headings(
    line: str,
    compact: str,
    offsets: list[int],
    found: list[tuple[int, int]],
    parts: Sequence[tuple[str, Sequence[str]]],
) -> list[tuple[int, int]]:
    """Headings of the parts the titles did not find, between the parts before and after them: the
    part's number (「五、」) with its key words within the next few characters, or the next number
    with them (「七、其他需说明事项」 where a part was split in two); the first part also by its
    number alone (「一、年度工作核心成效」). A heading ends at the first digit or punctuation
    (「五、存在的主要问题及明年工作计划2024年，……」)."""
    if not parts or not found:
        return []
    numbers = [n for n, _k in parts]
    index = {offset: i for i, offset in enumerate(offsets)}
    at: dict[str, int] = {}  # part number -> its heading's offset in the line
    for start, _end in found:
        if start in index:
            at.setdefault(compact[index[start]], start)
    out: list[tuple[int, int]] = []
    for i, (number, keywords) in enumerate(parts):
        if number in at:
            continue
        before = at.get(numbers[i - 1]) if i > 0 else -1
        if before is None:
            continue
        after = next((at[n] for n in numbers[i + 1 :] if n in at), len(line))
        tries = [(number, True), (_NEXT_NUMBER.get(number, ""), True)] + ([(number, False)] if i == 0 else [])
        for candidate, by_words in tries:
            hit = _numbered_title(compact, offsets, candidate, before, after, keywords if by_words else ())
            if hit is not None:
                out.append(hit)
                at[number] = hit[0]
                break
    return out


def _numbered_title(
    compact: str, offsets: list[int], number: str, before: int, after: int, keywords: Sequence[str]
) -> Optional[tuple[int, int]]:
    """The first 「number、title」 between two offsets whose title holds one of ``keywords`` (any
    title when none are given), as (start, end) offsets in the line."""
    if not number:
        return None
    for m in re.finditer(re.escape(number) + "[、.．]", compact):
        if not before < offsets[m.start()] < after:
            continue
        rest = compact[m.end() : m.end() + _WORDED_CHARS]
        end = _WORDED_END.search(rest)
        title = rest[: end.start()] if end else rest
        if len(title) >= 2 and (not keywords or any(k in title for k in keywords)):
            return offsets[m.start()], offsets[m.end() + len(title) - 1] + 1
    return None


def looks_tabular(text: str) -> bool:
    """Table text run together: no sentence end, and numbers after several labels or one long run
    of digits (a row of cells: 「总计000000000000000」)."""
    outside = re.sub(r"（[^（）]*）|\([^()]*\)", "", text)
    digits = sum(ch.isdigit() for ch in text)
    if "。" in outside or digits < 5:
        return False
    return len(_LABEL_DIGIT.findall(text)) >= 3 or any(
        sum(ch.isdigit() for ch in m.group(0)) >= 7 for m in _DIGIT_RUN.finditer(text)
    )


_PUNCTUATION = re.compile(r"[：:，,。；;？?！!]")


def _table_words(text: str, words: Sequence[str], fold: Callable[[str], str]) -> int:
    key = fold(text)
    return sum(fold(w) in key for w in words)


def is_table_line(line: str, words: Sequence[str], fold: Callable[[str], str]) -> bool:
    """A short line that is a whole table run together: two of the tables' own labels (``words``),
    no sentence or clause punctuation outside brackets, and figures after several labels
    (「规章000行政规范性文件1129…」) or one long run of digits after the header words (「…尚未审结
    总计 000000000000000」). Dates do not count."""
    if _table_words(line, words, fold) < 2:
        return False
    text = _DATE.sub("", line.strip())
    outside = re.sub(r"（[^（）]*）|\([^()]*\)", "", text)
    if _PUNCTUATION.search(outside) or sum(ch.isdigit() for ch in text) < 5:
        return False
    return len(_LABEL_DIGIT.findall(text)) >= 3 or any(
        sum(ch.isdigit() for ch in m.group(0)) >= 7 for m in _DIGIT_RUN.finditer(text)
    )


# Where a table run into a part's text may start or end: after a sentence, and before a
# subheading (「（二）」, not the 「第（一）项」 of a table's own labels).
_STRETCH_END = re.compile(r"(?<=[。！；])|(?<!第)(?=[（(][一二三四五六七八九十]{1,2}[）)])")
_COMMA_OUTSIDE = re.compile(r"[，,]")


def _stretches(text: str, words: Sequence[str], fold: Callable[[str], str]) -> list[tuple[int, int, bool]]:
    """``text`` cut after sentences and before subheadings, each stretch marked tabular or not,
    consecutive tabular stretches joined: a table run into the text of its part (「……占21.02%。
    第二十条第（一）项信息内容本年制发件数……规章000……(二)主动公开政府信息的主要类别……」). A
    tabular stretch has no sentence end and no comma outside brackets (narrative has both); the
    stretches joined into a table hold two of the tables' own labels (``words``)."""
    cuts = sorted({0, len(text), *(m.start() for m in _STRETCH_END.finditer(text))})
    marked: list[tuple[int, int, bool]] = []
    for start, end in pairwise(cuts):
        piece = text[start:end]
        tabular = _is_tabular_stretch(piece)
        head = 0 if tabular else _tabular_head(piece)
        if head:  # a table's last figures run straight into the sentence after it
            marked += [(start, start + head, True), (start + head, end, False)]
        else:
            marked.append((start, end, tabular))
    # Rows with too few figures to look tabular alone (「（一）予以公开 0 0 0 0 0 0」) between two
    # stretches of the table are its rows.
    i = 1
    while i < len(marked) - 1:
        j = i
        while j < len(marked) - 1 and not marked[j][2] and _row_like(text[marked[j][0] : marked[j][1]]):
            j += 1
        if j > i and marked[i - 1][2] and marked[j][2]:
            marked[i:j] = [(start, end, True) for start, end, _tabular in marked[i:j]]
        i = j + 1
    out: list[tuple[int, int, bool]] = []
    for start, end, tabular in marked:
        if out and (out[-1][2] == tabular):
            out[-1] = (out[-1][0], end, tabular)
        else:
            out.append((start, end, tabular))
    return [(s, e, tabular and _table_words(text[s:e], words, fold) >= 2) for s, e, tabular in out]


_ROW_END = re.compile(r"\d\s*$")


def _row_like(piece: str) -> bool:
    """Labels and figures ending in a figure, with no sentence end or comma outside brackets."""
    outside = re.sub(r"（[^（）]*）|\([^()]*\)", "", piece)
    return bool(_ROW_END.search(piece)) and not _COMMA_OUTSIDE.search(outside) and "。" not in outside


def _is_tabular_stretch(piece: str) -> bool:
    outside = re.sub(r"（[^（）]*）|\([^()]*\)", "", piece)
    return looks_tabular(_DATE.sub("", piece).strip()) and not _COMMA_OUTSIDE.search(outside)


# The end of a row's figures where a sentence begins: after the last digit before the sentence's
# first comma; a year the figures run into (「行政事业性收费02025年，……」) starts the sentence.
_FIGURES_END = re.compile(r"(?<=\d)(?=[^\d\s.])")
_YEAR_AT_END = re.compile(r"(?<=\d)(?:19|20)\d\d$")


def _tabular_head(piece: str) -> int:
    """Where a table run together ends in a stretch that goes on as a sentence (「……总计
    10000100000000000我局严格规范……，……。」): the offset after the table's last figures when the
    text before it is a table run together and the text after it a sentence; 0 when there is none."""
    outside = re.sub(r"（[^（）]*）|\([^()]*\)", lambda m: " " * len(m.group(0)), piece)
    comma = _COMMA_OUTSIDE.search(outside)
    if comma is None:
        return 0
    ends = [m.start() for m in _FIGURES_END.finditer(piece, 0, comma.start())]
    if not ends:
        return 0
    cut = ends[-1]
    year = _YEAR_AT_END.search(piece, 0, cut)
    if year is not None and piece[cut] == "年":
        cut = year.start()
    return cut if _is_tabular_stretch(piece[:cut]) else 0


def _body_pieces(text: str, offset: int, fold: Callable[[str], str], words: Sequence[str] = ()) -> list[Piece]:
    out: list[Piece] = []
    stripped = text.strip()
    if not stripped:
        return out
    lead = offset + len(text) - len(text.lstrip())
    if looks_tabular(stripped) and (
        not words or (_table_words(stripped, words, fold) >= 2 and looks_tabular(_DATE.sub("", stripped)))
    ):
        return [Piece("table", stripped, lead)]
    stretches = _stretches(stripped, words, fold) if words else []
    if any(tabular for _s, _e, tabular in stretches):
        for start, end, tabular in stretches:
            part = stripped[start:end]
            if tabular:
                out.append(Piece("table", part.strip(), lead + start + len(part) - len(part.lstrip())))
            else:
                out.extend(_body_pieces(part, lead + start, fold))  # narrative only: no words
        return out
    pos = 0
    for m in _SUBHEAD.finditer(stripped):
        part = stripped[pos : m.start()]
        if part.strip():
            out.append(Piece("paragraph", part.strip(), lead + pos + len(part) - len(part.lstrip())))
        pos = m.end()
    part = stripped[pos:]
    if part.strip():
        out.append(Piece("paragraph", part.strip(), lead + pos + len(part) - len(part.lstrip())))
    return out


@lru_cache(maxsize=4)
def _title_end(names: tuple[str, ...]) -> Optional[re.Pattern[str]]:
    """A title opening a run-on line: up to what a report calls itself (``names``: 「年度报告」…),
    then a space."""
    if not names:
        return None
    ends = "|".join(map(re.escape, sorted(names, key=len, reverse=True)))
    return re.compile(rf"^(.{{4,60}}?(?:{ends}))\s+")


def split_line(
    line: str,
    titles: Sequence[str],
    fold: Callable[[str], str],
    words: Sequence[str] = (),
    parts: Sequence[tuple[str, Sequence[str]]] = (),
    names: tuple[str, ...] = (),
    chars: Callable[[str], str] = str,
) -> list[Piece]:
    """Headings, paragraphs and run-together tables of one long line, in order; ``names``: what a
    report calls itself at the end of its title, where a title opening the line ends; ``chars``
    folds characters one for one (traditional forms) where words are looked for."""
    pieces: list[Piece] = []
    pos = 0
    opening = _title_end(names)
    title = opening.match(chars(line)) if opening is not None else None
    if title is not None and not _NUMBERED.match(line.strip()):
        pieces.append(Piece("paragraph", line[title.start(1) : title.end(1)].strip(), len(line) - len(line.lstrip())))
        pos = title.end()
    for start, end in find_headings(line, titles, fold, parts, chars):
        if start < pos:
            continue
        pieces.extend(_body_pieces(line[pos:start], pos, fold, words))
        pieces.append(Piece("heading", line[start:end].strip(), start))
        pos = end
    pieces.extend(_body_pieces(line[pos:], pos, fold, words))
    return pieces
